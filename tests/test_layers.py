"""The layers stay one-way: app.py -> http / events -> contract -> domain ->
data -> model -> core. A module may import from its own layer or any below
it, never from a layer above (nor http from events or back).

The model (`chalicelib/model/`) is the pure part of the domain: the `Order`
that decides, and the rules and values it is made of (lines, money,
addresses, the typed requests). The data layer maps it to and from its
items, so it sits under data and imports nothing but core."""
import ast
import pathlib

from tests.support import ROOT

RANK = {"core": 0, "model": 1, "data": 2, "domain": 3, "contract": 4, "http": 5, "events": 5}


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "chalicelib" else ""


def imported_modules(path: pathlib.Path, module: str):
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                # `from . import money` imports the module money, not its package.
                name = f"{target}.{alias.name}"
                path_of_name = ROOT.joinpath(*name.split("."))
                yield name if path_of_name.with_suffix(".py").is_file() or path_of_name.is_dir() else target


def test_imports_only_go_down_the_layers():
    upward = []
    for path in sorted((ROOT / "chalicelib").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        own = layer_of(module)
        if own not in RANK:
            continue
        for target in imported_modules(path, module):
            other = layer_of(target)
            if other in RANK and other != own and RANK[other] >= RANK[own]:
                upward.append(f"{module} imports {target}")
    assert upward == []


def test_every_module_belongs_to_a_layer():
    stray = [str(path.relative_to(ROOT)) for path in (ROOT / "chalicelib").rglob("*.py")
             if path.parent != ROOT / "chalicelib" and path.parent.name not in RANK]
    assert stray == [] and sorted(p.name for p in (ROOT / "chalicelib").glob("*.py")) == ["__init__.py"]


def test_app_py_declares_every_route():
    """Every route's decorator is read in app.py; nothing else registers one."""
    registering = [str(path.relative_to(ROOT)) for path in (ROOT / "chalicelib").rglob("*.py")
                   if ".route(" in path.read_text() and path.name != "api.py"]
    assert registering == []
    source = (ROOT / "app.py").read_text()
    import app

    assert source.count("@api.route(") == len(app.api.routes) == len(
        {(r.path, r.method) for r in app.api.routes})
