"""Point this process at a stage before anything imports `chalicelib`
(settings are read once, at import).

* `local`: the environment of the local stage in `.chalice/config.json` (the
  emulator of `make run` on its default port, fake credentials), under
  whatever this process already sets (OMS_AWS_PORT moves the emulator);
* a deployed stage: its resource names (ops.stage) with the account and region
  of the current AWS credentials filled in."""
import json
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def apply(stage: str) -> None:
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    if stage not in config.get("stages", {}):
        raise SystemExit(f"unknown stage {stage!r}: add it to .chalice/config.json, then make deploy STAGE={stage}")
    if stage == "local":
        if os.environ.get("OMS_AWS_PORT") and not os.environ.get("AWS_ENDPOINT_URL"):
            os.environ["AWS_ENDPOINT_URL"] = f"http://127.0.0.1:{os.environ['OMS_AWS_PORT']}"
        for name, value in config["stages"]["local"].get("environment_variables", {}).items():
            os.environ.setdefault(name, value)
        os.environ["OMS_STAGE"] = stage
        return
    import boto3

    from ops.stage import resolve, stage_environment

    session = boto3.Session()
    account = session.client("sts").get_caller_identity()["Account"]
    region = session.region_name or "us-east-1"
    for name, value in stage_environment(stage).items():
        if not name.endswith("_STREAM_ARN") and name != "OMS_CORS_ORIGIN":
            os.environ[name] = resolve(value, account, region)
    os.environ.setdefault("AWS_REGION", region)
