"""The docs describe the code as it is.

* Settings: every `OMS_*` variable the Lambda reads (`load_settings`) is
  documented in README.md or docs/, and every `OMS_*` name the docs give is
  read, by `load_settings` or by the tools (a string in ops/, tests/, bench/,
  metering/ or the Makefile: make run's ports, the browser tests' Chromium).
* Links: every relative link of README.md, CONTRIBUTING.md and docs/ leads to
  a file, and to a heading of it when it names one.
* Paths: every path the docs put in backticks exists (or is one the tools
  write and git ignores), and `file.py::name` names a function or class of
  that file (`::name` alone: of the file named just before it)."""
import ast
import fnmatch
import re

from chalicelib.core.settings import load_settings
from tests.support import ROOT

DOCUMENTATION = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PROSE = [*DOCUMENTATION, ROOT / "CONTRIBUTING.md"]
SETTING = re.compile(r"\bOMS_[A-Z0-9_]*[A-Z0-9]\b")
TOOLS = ("ops", "tests", "bench", "metering")
FENCE = re.compile(r"^```.*?^```", re.M | re.S)
LINK = re.compile(r"\[[^\]\n]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.M)
CODE = re.compile(r"`([^`\n]+)`")
# A backticked token read as a path: no spaces, placeholders or URLs.
PATH_LIKE = re.compile(r"[\w.\-/*]+(::\w+)?|::\w+")
CHECKED_SUFFIXES = (".py", ".md", ".mjs")
MEDIA_TYPE = re.compile(r"(application|text|image)/")


class EnvironmentReads(dict):
    """An empty environment that remembers every name asked of it."""

    def __init__(self):
        super().__init__()
        self.names = set()

    def get(self, name, default=None):
        self.names.add(name)
        return default


def lambda_settings() -> set:
    environ = EnvironmentReads()
    load_settings(environ)
    return {name for name in environ.names if name.startswith("OMS_")}


def tool_settings() -> set:
    """`OMS_*` names the tools use as strings (read, set or passed on)."""
    names = set()
    for folder in TOOLS:
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "tests" / "test_docs_settings.py":
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and SETTING.fullmatch(node.value):
                    names.add(node.value)
    return names | set(SETTING.findall((ROOT / "Makefile").read_text()))


def prose(path) -> str:
    """The text of a document outside its fenced code blocks."""
    return FENCE.sub("", path.read_text())


def named_settings(paths) -> set:
    return {name for path in paths for name in SETTING.findall(path.read_text())}


def test_every_setting_the_lambda_reads_is_documented():
    assert sorted(lambda_settings() - named_settings(DOCUMENTATION)) == []


def test_every_setting_the_docs_name_exists():
    unknown = named_settings(PROSE) - lambda_settings() - tool_settings()
    assert sorted(unknown) == []


def slug(heading: str) -> str:
    """GitHub's anchor of a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path) -> set:
    return {slug(heading) for heading in HEADING.findall(prose(path))}


def test_every_relative_link_resolves():
    broken = []
    for document in PROSE:
        for target in LINK.findall(prose(document)):
            if re.match(r"[a-z]+:", target):
                continue
            file_part, _, fragment = target.partition("#")
            linked = (document.parent / file_part).resolve() if file_part else document
            if not linked.exists():
                broken.append(f"{document.name}: {target}")
            elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
                broken.append(f"{document.name}: {target} (no such heading)")
    assert broken == []


def ignored_patterns() -> list:
    lines = (ROOT / ".gitignore").read_text().splitlines()
    return [line.strip().lstrip("/") for line in lines if line.strip() and not line.startswith("#")]


def generated(token: str, patterns) -> bool:
    """A path the tools write and git ignores (build/, .oms, ...)."""
    return any(token.rstrip("/") == pattern.rstrip("/") or token.startswith(pattern.rstrip("/") + "/")
               or fnmatch.fnmatch(token, pattern) for pattern in patterns)


def exists(token: str) -> bool:
    """At the project's root, or in chalicelib/ for a layer-relative path (`data/order_store.py`)."""
    for base in (ROOT, ROOT / "chalicelib"):
        if ("*" in token and list(base.glob(token))) or (base / token).exists():
            return True
    return False


def defines(path, name: str) -> bool:
    return re.search(rf"^\s*(?:async\s+)?(?:def|class)\s+{re.escape(name)}\b", path.read_text(), re.M) is not None


def project_files(name: str) -> list:
    return [path for path in ROOT.rglob(name) if not {".venv", ".git", "node_modules"} & set(path.parts)]


def test_every_backticked_path_exists():
    patterns, missing = ignored_patterns(), []
    for document in PROSE:
        for line in prose(document).splitlines():
            last_file = None
            for token in CODE.findall(line):
                if not PATH_LIKE.fullmatch(token) or token.startswith("/") or MEDIA_TYPE.match(token):
                    continue
                file_part, _, name = token.partition("::")
                if file_part and "/" not in file_part and not file_part.endswith(CHECKED_SUFFIXES):
                    continue  # a name, a number or a file type, not a path
                if "/" not in file_part and file_part:
                    if not project_files(file_part):
                        missing.append(f"{document.name}: {token}")
                    continue
                if file_part:
                    if not (exists(file_part) or generated(file_part, patterns)):
                        missing.append(f"{document.name}: {token}")
                        continue
                    last_file = file_part
                if name:
                    source = ROOT / (file_part or last_file or "")
                    if not source.is_file() or not defines(source, name):
                        missing.append(f"{document.name}: {token} (in {file_part or last_file})")
    assert missing == []
