"""`make deploy STAGE=dev`: provision, configure, `chalice deploy`, publish.

1. provision every resource with `ops.provision` (the code `make run` uses);
2. write the resource names into `.chalice/config.json` for the stage and
   generate `.chalice/policy-<stage>.json` from the actual ARNs;
3. `chalice deploy --stage <stage>` (Lambda + API Gateway + stream triggers);
4. set a throttling limit on the deployed API stage;
5. upload `frontend/` to the website bucket, with the API URL in config.json.
Steps 1-2 and 5 are tested against the emulator; 3-4 need a real account.
"""
import argparse
import json
import mimetypes
import pathlib
import subprocess
import sys
from typing import Dict, Optional

from chalicelib.core.settings import Settings
from ops import policy, provision
from ops.stage import APP_NAME, stage_settings

ROOT = pathlib.Path(__file__).resolve().parent.parent
THROTTLE_RATE = 100   # steady requests per second for the whole stage
THROTTLE_BURST = 200
# Website regions with the legacy dash form of the endpoint.
_DASH_REGIONS = {"us-east-1", "us-west-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2",
                 "ap-northeast-1", "sa-east-1"}


def website_url(bucket: str, region: str) -> str:
    separator = "-" if region in _DASH_REGIONS else "."
    return f"http://{bucket}.s3-website{separator}{region}.amazonaws.com"


def stage_environment(settings: Settings, resources: provision.Resources, cors_origin: str) -> Dict[str, str]:
    env = {
        "OMS_STAGE": settings.stage,
        "OMS_RESOURCE_PREFIX": settings.resource_prefix,
        "OMS_ORDERS_TABLE": settings.orders_table,
        "OMS_PRODUCTS_TABLE": settings.products_table,
        "OMS_CUSTOMERS_TABLE": settings.customers_table,
        "OMS_COUNTERS_TABLE": settings.counters_table,
        "OMS_API_KEYS_TABLE": settings.api_keys_table,
        "OMS_IDEMPOTENCY_TABLE": settings.idempotency_table,
        "OMS_BACKUP_BUCKET": settings.backup_bucket,
        "OMS_WEBSITE_BUCKET": settings.website_bucket,
        "OMS_STATE_MACHINE_ARN": resources.state_machine_arn,
        "OMS_CORS_ORIGIN": cors_origin,
    }
    for kind, arn in resources.stream_arns.items():
        env[f"OMS_{kind.upper()}_STREAM_ARN"] = arn
    return env


def write_stage_config(project_dir: pathlib.Path, settings: Settings, resources: provision.Resources,
                       account: str, cors_origin: str) -> None:
    chalice_dir = project_dir / ".chalice"
    config_path = chalice_dir / "config.json"
    config = json.loads(config_path.read_text())
    stage = settings.stage
    # Other settings of the stage (memory size, ...) are kept.
    config["stages"].setdefault(stage, {}).update({
        "api_gateway_stage": stage,
        "autogen_policy": False,
        "iam_policy_file": f"policy-{stage}.json",
        "environment_variables": stage_environment(settings, resources, cors_origin),
    })
    config_path.write_text(json.dumps(config, indent=2) + "\n")
    document = policy.lambda_policy(
        region=settings.region, account=account, app_name=APP_NAME, stage=stage, table_arns=resources.table_arns,
        backup_bucket=settings.backup_bucket, state_machine_arn=resources.state_machine_arn)
    (chalice_dir / f"policy-{stage}.json").write_text(json.dumps(document, indent=2) + "\n")


def prepare(session, stage: str, project_dir: pathlib.Path = ROOT) -> tuple:
    """Steps 1-2: everything up to `chalice deploy`."""
    account = session.client("sts").get_caller_identity()["Account"]
    region = session.region_name or "us-east-1"
    settings = stage_settings(stage, account, region)
    resources = provision.provision(session, settings)
    write_stage_config(project_dir, settings, resources, account, website_url(settings.website_bucket, region))
    return settings, resources


def chalice_deploy(stage: str, project_dir: pathlib.Path = ROOT) -> dict:
    chalice = str(pathlib.Path(sys.executable).parent / "chalice")
    subprocess.run([chalice, "deploy", "--stage", stage], cwd=project_dir, check=True)
    deployed = json.loads((project_dir / ".chalice" / "deployed" / f"{stage}.json").read_text())
    for resource in deployed["resources"]:
        if resource.get("resource_type") == "rest_api":
            return resource
    raise RuntimeError("chalice deploy did not report a REST API")


def throttle_stage(session, rest_api_id: str, stage: str) -> None:
    session.client("apigateway").update_stage(restApiId=rest_api_id, stageName=stage, patchOperations=[
        {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": str(THROTTLE_RATE)},
        {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": str(THROTTLE_BURST)},
    ])


# The files are not content-hashed, so every file is revalidated (ETag) on
# load: a deploy never mixes new pages with old modules.
CACHE_CONTROL = "no-cache"


def upload_website(session, settings: Settings, api_url: Optional[str], frontend_dir: pathlib.Path = ROOT / "frontend") -> int:
    s3 = session.client("s3")
    count = 0
    for path in sorted(p for p in frontend_dir.rglob("*") if p.is_file()):
        key = path.relative_to(frontend_dir).as_posix()
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".js":
            content_type = "text/javascript"
        s3.put_object(Bucket=settings.website_bucket, Key=key, Body=path.read_bytes(),
                      ContentType=content_type, CacheControl=CACHE_CONTROL)
        count += 1
    # The API's address (never a key): the connect screen starts from it.
    s3.put_object(Bucket=settings.website_bucket, Key="config.json", ContentType="application/json",
                  CacheControl="no-cache", Body=json.dumps({"apiBaseUrl": api_url}).encode())
    return count + 1


def main(argv=None) -> int:
    import boto3

    parser = argparse.ArgumentParser(prog="python -m ops.deploy", description="Deploy a stage to AWS")
    parser.add_argument("--stage", default="dev")
    args = parser.parse_args(argv)
    if args.stage == "local":
        print("The local stage runs with `make run`, not in AWS.", file=sys.stderr)
        return 2
    session = boto3.Session()
    settings, resources = prepare(session, args.stage)
    print(f"Provisioned {args.stage}: state machine {resources.state_machine_arn}")
    rest_api = chalice_deploy(args.stage)
    throttle_stage(session, rest_api["rest_api_id"], args.stage)
    upload_website(session, settings, rest_api["rest_api_url"].rstrip("/"))
    print(f"API      {rest_api['rest_api_url']}")
    print(f"Website  {website_url(settings.website_bucket, settings.region)}")
    print(f"Create an API key:  make keys STAGE={args.stage} ARGS='create --name operator --scopes admin'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
