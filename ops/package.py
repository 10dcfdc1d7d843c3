"""`make package`: what `chalice deploy` would ship, built offline and linted.

Runs the deploy pipeline's preparation (provisioning, stage config, policy)
for stage `dev` against moto in a scratch copy of the project, then
`chalice package --merge-template .chalice/merge-template.json` (which adds
API Gateway throttling to the template) and `cfn-lint` on the result."""
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
STAGE = "dev"


def scratch_copy() -> pathlib.Path:
    source = BUILD / "package-src"
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    shutil.copy(ROOT / "app.py", source)
    shutil.copy(ROOT / "requirements.txt", source)
    shutil.copytree(ROOT / "chalicelib", source / "chalicelib", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / ".chalice", source / ".chalice",
                    ignore=shutil.ignore_patterns("deployed", "deployments", "venv"))
    return source


def prepare_against_emulator(source: pathlib.Path) -> None:
    import os

    import boto3
    from moto import mock_aws

    from ops import deploy

    for name in [n for n in os.environ if n.startswith("AWS_ENDPOINT_URL")]:
        del os.environ[name]
    os.environ.update({"AWS_ACCESS_KEY_ID": "package", "AWS_SECRET_ACCESS_KEY": "package", "AWS_DEFAULT_REGION": "us-east-1"})
    with mock_aws():
        deploy.prepare(boto3.Session(region_name="us-east-1"), STAGE, project_dir=source)


def main() -> int:
    source = scratch_copy()
    prepare_against_emulator(source)
    output = BUILD / "package"
    shutil.rmtree(output, ignore_errors=True)
    bin_dir = pathlib.Path(sys.executable).parent
    subprocess.run([str(bin_dir / "chalice"), "package", "--stage", STAGE,
                    "--merge-template", ".chalice/merge-template.json", str(output)], cwd=source, check=True)
    template = output / "sam.json"
    subprocess.run([str(bin_dir / "cfn-lint"), str(template)], check=True)
    zip_path = output / "deployment.zip"
    print(f"package: {zip_path} ({zip_path.stat().st_size / 1024:.0f} KiB), template {template} passes cfn-lint")
    return 0


if __name__ == "__main__":
    sys.exit(main())
