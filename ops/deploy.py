"""`make deploy STAGE=dev`: provision, package, CloudFormation, publish.

1. provision the data and workflow resources with `ops.provision` (the code
   `make run` uses): tables (point-in-time recovery, deletion protection),
   streams, the backup and website buckets, the state machine and its role;
   and the stage's artifacts bucket;
2. build the package (`ops.package`: deployment.zip + a portable template);
3. upload the zip (named by its content hash) and the template to the
   artifacts bucket;
4. CloudFormation holds the deployed state: a change set on the stack
   `oms-<stage>` (CREATE the first time, UPDATE after, from any machine),
   executed and waited for; a failed update rolls back by itself;
5. write `.chalice/deployed/<stage>.json` from the stack's outputs (a local
   cache, so `chalice logs` and `chalice url` work);
6. upload `frontend/` to the website bucket, with the API URL in config.json.

Steps 1-3 and 5-6, and the change set's request, are tested against the
emulator; CloudFormation itself needs an AWS account."""
import argparse
import hashlib
import json
import mimetypes
import pathlib
import secrets
import sys
from typing import Dict, List, Optional

from chalicelib.core.settings import STREAMED_TABLES, Settings
from ops import provision, staff_layer
from ops.site_headers import site_config
from ops.stage import APP_NAME, CURSOR_SECRET_PARAMETER, stage_settings, stream_parameter

ROOT = pathlib.Path(__file__).resolve().parent.parent
CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"]  # roles per function; the SAM transform
NO_CHANGES = ("didn't contain changes", "No updates are to be performed")


class DeployError(Exception):
    pass


def stack_name(stage: str) -> str:
    return f"{APP_NAME}-{stage}"


def artifacts_bucket(stage: str, account: str) -> str:
    return f"{APP_NAME}-{stage}-artifacts-{account}"


def ensure_artifacts_bucket(s3, bucket: str, region: str) -> None:
    """The packages CloudFormation deploys from: private, encrypted, TLS only.
    Old packages stay a year (a stack rolling back needs the previous one)."""
    provision._create_bucket(s3, bucket, region)
    provision._ensure_encryption(s3, bucket)
    provision._ensure_public_access_block(s3, bucket, provision.PRIVATE)
    provision._ensure_bucket_policy(s3, bucket, {"Version": "2012-10-17",
                                                 "Statement": [provision.tls_only_statement(bucket)]})
    rules = [{"ID": "old-packages", "Status": "Enabled", "Filter": {}, "Expiration": {"Days": 365},
              "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}]
    current = provision._get(s3.get_bucket_lifecycle_configuration, ("NoSuchLifecycleConfiguration",), Bucket=bucket)
    if current is None or current["Rules"] != rules:
        s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": rules})


def prepare(session, stage: str) -> tuple:
    """Step 1: every resource outside the stack, as the stack expects it."""
    account = session.client("sts").get_caller_identity()["Account"]
    region = session.region_name or "us-east-1"
    settings = stage_settings(stage, account, region)
    resources = provision.provision(session, settings, tls_only=True)
    ensure_artifacts_bucket(session.client("s3", region_name=region), artifacts_bucket(stage, account), region)
    return settings, resources


def stack_parameters(resources: provision.Resources, new_stack: bool = True) -> List[Dict[str, str]]:
    """The stream ARNs, and the cursor secret: a new one for a new stack, the
    one it has for an update (so tokens handed out stay valid)."""
    secret = ({"ParameterValue": secrets.token_urlsafe(32)} if new_stack else {"UsePreviousValue": True})
    return [{"ParameterKey": stream_parameter(kind), "ParameterValue": resources.stream_arns[kind]}
            for kind in STREAMED_TABLES] + [{"ParameterKey": CURSOR_SECRET_PARAMETER, **secret}]


def deployable_template(template: dict, bucket: str, key: str, layer_key: str) -> dict:
    """The package's template with every function's code, and the staff
    sign-in layer, in the artifacts bucket."""
    template = json.loads(json.dumps(template))
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = {"Bucket": bucket, "Key": key}
        elif resource["Type"] == "AWS::Serverless::LayerVersion":
            resource["Properties"]["ContentUri"] = {"Bucket": bucket, "Key": layer_key}
    return template


def upload_package(s3, bucket: str, stage: str, package_dir: pathlib.Path, region: str) -> str:
    """Uploads the zip and the template; returns the template's URL."""
    body = (package_dir / "deployment.zip").read_bytes()
    code_key = f"{stage}/deployment-{hashlib.sha256(body).hexdigest()[:32]}.zip"
    s3.put_object(Bucket=bucket, Key=code_key, Body=body)
    layer = (package_dir / staff_layer.LAYER_ZIP).read_bytes()
    layer_key = f"{stage}/staff-layer-{hashlib.sha256(layer).hexdigest()[:32]}.zip"
    s3.put_object(Bucket=bucket, Key=layer_key, Body=layer)
    template = deployable_template(json.loads((package_dir / "sam.json").read_text()), bucket, code_key, layer_key)
    text = json.dumps(template, sort_keys=True).encode()
    template_key = f"{stage}/template-{hashlib.sha256(text).hexdigest()[:32]}.json"
    s3.put_object(Bucket=bucket, Key=template_key, Body=text, ContentType="application/json")
    return f"https://{bucket}.s3.{region}.amazonaws.com/{template_key}"


def change_set_type(cfn, stack: str) -> str:
    """CREATE for a stack that does not exist yet, UPDATE for one that does
    (whoever deployed it, from wherever)."""
    from botocore.exceptions import ClientError

    try:
        status = cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
    except ClientError as error:
        if "does not exist" in str(error):
            return "CREATE"
        raise
    if status == "REVIEW_IN_PROGRESS":  # a first change set that was never executed
        return "CREATE"
    if status in ("ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "DELETE_FAILED"):
        raise DeployError(f"stack {stack} is {status} (its first deploy failed): read its events in the "
                          f"CloudFormation console, then `make destroy STAGE=...` and deploy again")
    if status.endswith("_IN_PROGRESS"):
        raise DeployError(f"stack {stack} is {status}: another deploy is running; wait for it")
    return "UPDATE"


def change_set_request(cfn, stage: str, template_url: str, resources: provision.Resources, name: str) -> dict:
    stack = stack_name(stage)
    kind = change_set_type(cfn, stack)
    return {"StackName": stack, "ChangeSetName": name, "ChangeSetType": kind,
            "TemplateURL": template_url, "Parameters": stack_parameters(resources, new_stack=kind == "CREATE"),
            "Capabilities": CAPABILITIES,
            "Tags": [{"Key": "app", "Value": APP_NAME}, {"Key": "stage", "Value": stage}]}


def apply_change_set(cfn, request: dict) -> bool:
    """Creates, shows and executes the change set; False when there is nothing to change."""
    cfn.create_change_set(**request)
    names = {"StackName": request["StackName"], "ChangeSetName": request["ChangeSetName"]}
    try:
        cfn.get_waiter("change_set_create_complete").wait(**names, WaiterConfig={"Delay": 5, "MaxAttempts": 120})
    except Exception:
        described = cfn.describe_change_set(**names)
        if any(text in described.get("StatusReason", "") for text in NO_CHANGES):
            cfn.delete_change_set(**names)
            return False
        raise DeployError(f"change set failed: {described.get('StatusReason')}") from None
    for change in cfn.describe_change_set(**names).get("Changes", []):
        detail = change["ResourceChange"]
        print(f"  {detail['Action']:<8} {detail['LogicalResourceId']} ({detail['ResourceType']})"
              + (" REPLACED" if detail.get("Replacement") == "True" else ""))
    cfn.execute_change_set(**names)
    waiter = "stack_create_complete" if request["ChangeSetType"] == "CREATE" else "stack_update_complete"
    cfn.get_waiter(waiter).wait(StackName=request["StackName"], WaiterConfig={"Delay": 10, "MaxAttempts": 360})
    return True


def stack_outputs(cfn, stack: str) -> Dict[str, str]:
    described = cfn.describe_stacks(StackName=stack)["Stacks"][0]
    return {output["OutputKey"]: output["OutputValue"] for output in described.get("Outputs", [])}


def write_deployed_state(project_dir: pathlib.Path, stage: str, outputs: Dict[str, str]) -> pathlib.Path:
    """`.chalice/deployed/<stage>.json` in Chalice's own format, from the
    stack's outputs: a local cache of what CloudFormation holds (never
    committed), so `chalice logs --stage <stage> [-n backup_orders]` works."""
    from ops.policy import LOGICAL_IDS

    resources = [{"name": function, "resource_type": "lambda_function", "lambda_arn": outputs[f"{logical}Arn"]}
                 for function, logical in LOGICAL_IDS.items() if f"{logical}Arn" in outputs]
    resources.append({"name": "rest_api", "resource_type": "rest_api", "rest_api_id": outputs["RestAPIId"],
                      "rest_api_url": outputs["EndpointURL"]})
    path = project_dir / ".chalice" / "deployed" / f"{stage}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"resources": resources, "schema_version": "2.0", "backend": "api"}, indent=2) + "\n")
    return path


# The files are not content-hashed, so every file is revalidated (ETag) on
# load: a deploy never mixes new pages with old modules.
CACHE_CONTROL = "no-cache"


def website_files(frontend_dir: pathlib.Path = ROOT / "frontend") -> List[pathlib.Path]:
    """What the website serves: `frontend/` but its tests (frontend/tests, run by make check-js)."""
    return sorted(p for p in frontend_dir.rglob("*") if p.is_file() and p.relative_to(frontend_dir).parts[0] != "tests")


def upload_website(session, settings: Settings, api_url: Optional[str], frontend_dir: pathlib.Path = ROOT / "frontend") -> int:
    s3 = session.client("s3")
    count = 0
    for path in website_files(frontend_dir):
        key = path.relative_to(frontend_dir).as_posix()
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".js":
            content_type = "text/javascript"
        s3.put_object(Bucket=settings.website_bucket, Key=key, Body=path.read_bytes(),
                      ContentType=content_type, CacheControl=CACHE_CONTROL)
        count += 1
    # The API's address (never a key): the connect screen starts from it.
    s3.put_object(Bucket=settings.website_bucket, Key="config.json", ContentType="application/json",
                  CacheControl="no-cache", Body=site_config(api_url))
    return count + 1


def main(argv=None) -> int:
    import time

    import boto3

    from ops import package

    parser = argparse.ArgumentParser(prog="python -m ops.deploy", description="Deploy a stage to AWS")
    parser.add_argument("--stage", default="dev")
    parser.add_argument("--provision-only", action="store_true",
                        help="only step 1, then print the stack's parameters (to deploy the package yourself)")
    parser.add_argument("--sync-state", action="store_true",
                        help="only write .chalice/deployed/<stage>.json from the stack (for chalice logs on this machine)")
    args = parser.parse_args(argv)
    if args.stage == "local":
        print("The local stage runs with `make run`, not in AWS.", file=sys.stderr)
        return 2
    session = boto3.Session()
    if args.sync_state:
        path = write_deployed_state(ROOT, args.stage, stack_outputs(session.client("cloudformation"), stack_name(args.stage)))
        print(f"wrote {path}")
        return 0
    if args.provision_only:
        _, resources = prepare(session, args.stage)
        print(" ".join(f"{p['ParameterKey']}={p['ParameterValue']}" for p in stack_parameters(resources)))
        return 0
    try:
        print(f"1/5 provisioning {args.stage} (tables, buckets, state machine)...", flush=True)
        settings, resources = prepare(session, args.stage)
        print("2/5 building the package...", flush=True)
        package_dir = package.package(args.stage)
        account = session.client("sts").get_caller_identity()["Account"]
        bucket = artifacts_bucket(args.stage, account)
        print(f"3/5 uploading it to s3://{bucket}/{args.stage}/ ...", flush=True)
        template_url = upload_package(session.client("s3"), bucket, args.stage, package_dir, settings.region)
        cfn = session.client("cloudformation")
        request = change_set_request(cfn, args.stage, template_url, resources, f"deploy-{int(time.time())}")
        print(f"4/5 CloudFormation: {request['ChangeSetType'].lower()} stack {request['StackName']} "
              "(a first deploy waits for CloudFront: 5-15 minutes)...", flush=True)
        if not apply_change_set(cfn, request):
            print("  nothing changed")
        outputs = stack_outputs(cfn, request["StackName"])
        write_deployed_state(ROOT, args.stage, outputs)
        print("5/5 uploading the website...", flush=True)
        upload_website(session, settings, outputs["EndpointURL"].rstrip("/"))
    except (DeployError, package.PackageError) as error:
        print(f"make deploy: {error}", file=sys.stderr)
        return 1
    print(f"API      {outputs['EndpointURL']}")
    print(f"Website  {outputs['WebsiteURL']}")
    print(f"Logs     .venv/bin/chalice logs --stage {args.stage} [-n backup_orders] [--follow]")
    print(f"Create an API key:  make keys STAGE={args.stage} ARGS='create --name operator --scopes admin'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
