"""The staff sign-in layer, built by `make package` beside deployment.zip:
PyJWT and `cryptography` (from requirements-auth.lock: the JWT checks of
chalicelib/domain/staff_tokens.py) and botocore's model of Cognito (the
staff page's admin calls), attached to the API function only.

Why a layer: cryptography's wheel alone is ~4.7 MB, Cognito's model 146 KB
compressed, and the function's zip is held under 3 MB (tests/test_package.py)
so an API-key cold start stays what it is. The layer sits in /opt: Python
finds /opt/python on its path, botocore the model through AWS_DATA_PATH.
An API-key request imports none of it (tests/test_staff_tokens.py)."""
import pathlib
import shutil
import sys
import zipfile

LAYER_ZIP = "staff-layer.zip"
LOGICAL_ID = "StaffSignInLayer"
API_FUNCTION = "APIHandler"
BOTOCORE_DATA = "botocore-data"  # /opt/botocore-data, the function's AWS_DATA_PATH
SERVICES = ("cognito-idp",)
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # same lock, same bytes


def build(root: pathlib.Path, out: pathlib.Path, install, compile_module) -> pathlib.Path:
    """`install(lock, folder)` and `compile_module(source, cfile, shown_as)`
    are ops/package.py's: the same platform (the functions' architecture),
    Python and .pyc rules."""
    folder = out.parent / f"{out.name}-layer"
    shutil.rmtree(folder, ignore_errors=True)
    python = folder / "python"
    install(root / "requirements-auth.lock", python)
    import botocore

    for service in SERVICES:
        shutil.copytree(pathlib.Path(botocore.__file__).parent / "data" / service, folder / BOTOCORE_DATA / service,
                        ignore=shutil.ignore_patterns("examples-1.json"))
    tag = sys.implementation.cache_tag
    for path in sorted(python.rglob("*.py")):
        compile_module(path, path.parent / "__pycache__" / f"{path.stem}.{tag}.pyc",
                       f"/opt/python/{path.relative_to(python).as_posix()}")
    out.mkdir(parents=True, exist_ok=True)
    target = out / LAYER_ZIP
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(path.relative_to(folder).as_posix(), FIXED_TIME)
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return target


def add_to_template(template: dict, runtime: str, architecture: str) -> dict:
    """The layer as a resource (built for the functions' architecture), and the API function using it."""
    template["Resources"][LOGICAL_ID] = {
        "Type": "AWS::Serverless::LayerVersion",
        "Properties": {"ContentUri": f"./{LAYER_ZIP}", "CompatibleRuntimes": [runtime],
                       "CompatibleArchitectures": [architecture],
                       "Description": "Staff sign-in: PyJWT, cryptography, the Cognito model"},
    }
    function = template["Resources"][API_FUNCTION]["Properties"]
    function.setdefault("Layers", []).append({"Ref": LOGICAL_ID})
    function.setdefault("Environment", {}).setdefault("Variables", {})["AWS_DATA_PATH"] = f"/opt/{BOTOCORE_DATA}"
    return template
