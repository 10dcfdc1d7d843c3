"""The deployment package: `make package`'s zip (what Lambda loads on a cold start)."""
import os
import subprocess
import sys

from bench.harness import ROOT

TARGET_BYTES = 3 * 1024 * 1024


def measure(report) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "OMS_"))}
    subprocess.run([sys.executable, "-m", "ops.package"], cwd=ROOT, env=clean, check=True,
                   stdout=subprocess.DEVNULL)
    size = (ROOT / "build" / "package" / "deployment.zip").stat().st_size
    report.figure("deployment.zip", round(size / 1024 / 1024, 2), "MiB", "<= 3 MiB", size <= TARGET_BYTES)
    return {"deployment_zip_bytes": size}
