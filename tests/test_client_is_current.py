"""The committed OpenAPI document (clients/openapi.json) and the Python client
generated from it (clients/python/) are what `make client` makes from the
code as it is: a contract change without `make client` fails here.

Both are regenerated into a temporary directory, offline, with the same
commands as the Makefile's `client` target, and compared byte for byte. The
generator runs no formatter (clients/python-config.yaml), so its output
depends only on the document and the pinned generator version."""
import difflib
import pathlib
import subprocess
import sys

import pytest

from tests.support import ROOT

CLIENTS = ROOT / "clients"
IGNORED = {"__pycache__", ".pytest_cache"}
HINT = "run `make client` and commit clients/"


def run(*command: str) -> str:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def files(directory: pathlib.Path) -> dict:
    return {path.relative_to(directory).as_posix(): path.read_bytes() for path in sorted(directory.rglob("*"))
            if path.is_file() and not IGNORED & set(path.relative_to(directory).parts) and path.suffix != ".pyc"}


def first_difference(name: str, committed: bytes, fresh: bytes) -> str:
    lines = difflib.unified_diff(committed.decode().splitlines(), fresh.decode().splitlines(),
                                 f"committed/{name}", f"regenerated/{name}", lineterm="", n=2)
    return "\n".join(list(lines)[:40])


@pytest.mark.slow  # runs the generator in a subprocess
def test_the_committed_document_and_client_are_current(tmp_path):
    document = tmp_path / "openapi.json"
    run(sys.executable, "-m", "ops.openapi_document", "--out", str(document))
    assert (CLIENTS / "openapi.json").read_bytes() == document.read_bytes(), (
        f"clients/openapi.json is not the API's current document: {HINT}\n"
        + first_difference("openapi.json", (CLIENTS / "openapi.json").read_bytes(), document.read_bytes()))

    output = tmp_path / "python"
    log = run(sys.executable, "-m", "openapi_python_client", "generate", "--path", str(document),
              "--config", str(CLIENTS / "python-config.yaml"),
              "--custom-template-path", str(CLIENTS / "python-templates"),
              "--meta", "poetry", "--output-path", str(output))
    committed, fresh = files(CLIENTS / "python"), files(output)
    missing, extra = sorted(fresh.keys() - committed.keys()), sorted(committed.keys() - fresh.keys())
    changed = sorted(name for name in fresh.keys() & committed.keys() if fresh[name] != committed[name])
    assert not (missing or extra or changed), (
        f"clients/python/ is not what the generator makes from the current document: {HINT}\n"
        f"not committed: {missing}\nno longer generated: {extra}\nchanged: {changed}\n"
        + (first_difference(changed[0], committed[changed[0]], fresh[changed[0]]) if changed else "")
        + f"\n{log}")


def test_the_makefile_runs_the_same_generator_command():
    """The test above regenerates the way `make client` does."""
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nclient:", 1)[1].split("\n\n", 1)[0]
    for part in ("ops.openapi_document --out clients/openapi.json", "--config clients/python-config.yaml",
                 "--custom-template-path clients/python-templates", "--meta poetry", "--output-path clients/python"):
        assert part in recipe, part
