"""Point this process at a stage before anything imports `chalicelib`
(settings are read once, at import): the stage's environment from
`.chalice/config.json`, plus the emulator's address for `local`."""
import json
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def apply(stage: str) -> None:
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    if stage not in config.get("stages", {}):
        raise SystemExit(f"unknown stage {stage!r}: deploy it first (make deploy STAGE={stage})")
    os.environ.update(config["stages"][stage].get("environment_variables", {}))
    os.environ["OMS_STAGE"] = stage
    if stage == "local":
        os.environ.setdefault("AWS_ENDPOINT_URL", f"http://127.0.0.1:{os.environ.get('OMS_AWS_PORT', '5000')}")
        for name, value in (("AWS_ACCESS_KEY_ID", "local"), ("AWS_SECRET_ACCESS_KEY", "local"), ("AWS_DEFAULT_REGION",
                                                                                                 "us-east-1")):
            os.environ.setdefault(name, value)
