"""The deployment package: `make package`'s zip (what Lambda loads on a cold start)."""
import os
import subprocess
import sys

from bench.harness import ROOT


def measure(report) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "OMS_"))}
    subprocess.run([sys.executable, "-m", "ops.package"], cwd=ROOT, env=clean, check=True,
                   stdout=subprocess.DEVNULL)
    size = (ROOT / "build" / "package" / "deployment.zip").stat().st_size
    report.figure("deployment.zip", size, "bytes", key="package.bytes", note=f"{size / 1024 / 1024:.2f} MiB")
    return {"deployment_zip_bytes": size}
