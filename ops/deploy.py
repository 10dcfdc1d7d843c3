"""`make deploy STAGE=dev`: package, two CloudFormation stacks, publish.

1. the stage's artifacts bucket (the one thing outside the stacks);
2. build the package (`ops.package`: deployment.zip, the app template
   `sam.json` and the stateful template `stateful.json`);
3. upload the zip (named by its content hash) and both templates to the
   artifacts bucket;
4. the stateful stack `oms-<stage>-stateful` (tables, buckets, queues, the
   workflow, the staff user pool): a change set (CREATE the first time,
   UPDATE after), shown, executed and waited for; its outputs are the
   tables' stream ARNs and the user pool's and console client's ids;
5. the app stack `oms-<stage>` (functions, API, alarms, dashboard, the
   website's distribution), the same way, with those outputs and the
   deploy's choices (alarm e-mail, throttling, WAF) as parameters;
6. write `.chalice/deployed/<stage>.json` from the app stack's outputs (a
   local cache, so `chalice logs` and `chalice url` work), and upload
   `frontend/` to the website bucket, with the API URL and where the console
   signs staff in (Cognito's endpoint, the client id) in config.json.

`--parameter Key=Value` goes to the stack whose template declares it (the
user pool's password length and MFA are the stateful stack's); a parameter
given once is kept by later deploys.

A stage deployed before the stateful stack existed (its tables made by
provisioning) is adopted first: `make adopt STAGE=...` (ops/adopt.py).

Steps 1-3 and 6, the change sets' requests and the stacks' parameters are
tested against the emulator (its CloudFormation creates the stateful stack
from the very template); the change sets themselves need an AWS account."""
import argparse
import hashlib
import json
import mimetypes
import pathlib
import secrets
import sys
from typing import Dict, Iterable, List, Mapping, Optional

from chalicelib.core.settings import STREAMED_TABLES, Settings
from ops import provision, staff_layer
from ops.site_headers import site_config
from ops.stage import (
    APP_NAME,
    CURSOR_SECRET_PARAMETER,
    USER_POOL_CLIENT_PARAMETER,
    USER_POOL_PARAMETER,
    stage_settings,
    stream_parameter,
)

ROOT = pathlib.Path(__file__).resolve().parent.parent
CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"]  # roles; the SAM transform
NO_CHANGES = ("didn't contain changes", "No updates are to be performed")


class DeployError(Exception):
    pass


def stack_name(stage: str) -> str:
    """The app stack (functions, API, alarms): the name a stage always had."""
    return f"{APP_NAME}-{stage}"


def stateful_stack_name(stage: str) -> str:
    return f"{APP_NAME}-{stage}-stateful"


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
    """Step 1: (the stage's settings, the account), the artifacts bucket made."""
    account = session.client("sts").get_caller_identity()["Account"]
    region = session.region_name or "us-east-1"
    settings = stage_settings(stage, account, region)
    ensure_artifacts_bucket(session.client("s3", region_name=region), artifacts_bucket(stage, account), region)
    return settings, account


def app_parameters(from_stateful: Mapping[str, str], new_stack: bool, chosen: Mapping[str, str] = None,
                   previous: Iterable[str] = ()) -> List[Dict[str, str]]:
    """The app stack's parameters: the stateful stack's outputs it takes
    (`app_inputs`); the cursor secret, new for a new stack and the stack's
    own after (so tokens handed out stay valid); then `kept_parameters`."""
    parameters = [{"ParameterKey": key, "ParameterValue": value} for key, value in from_stateful.items()]
    if CURSOR_SECRET_PARAMETER not in (chosen or {}):
        parameters.append({"ParameterKey": CURSOR_SECRET_PARAMETER, **(
            {"ParameterValue": secrets.token_urlsafe(32)} if new_stack else {"UsePreviousValue": True})})
    return kept_parameters(parameters, chosen, previous)


def kept_parameters(parameters: List[Dict[str, str]], chosen: Mapping[str, str] = None,
                    previous: Iterable[str] = ()) -> List[Dict[str, str]]:
    """`parameters`, the operator's choices (`--parameter AlarmEmail=...`),
    and every other parameter the stack already has with its value (an alarm
    e-mail given once stays)."""
    chosen = dict(chosen or {})
    given = {p["ParameterKey"] for p in parameters} | set(chosen)
    return (parameters + [{"ParameterKey": key, "ParameterValue": value} for key, value in sorted(chosen.items())]
            + [{"ParameterKey": key, "UsePreviousValue": True} for key in sorted(set(previous) - given)])


def app_inputs(outputs: Mapping[str, str]) -> Dict[str, str]:
    """The stateful stack's outputs the app stack takes, by parameter name:
    the tables' stream ARNs, the user pool and the console's client."""
    from ops.stateful import stream_output

    inputs = {stream_parameter(kind): outputs[stream_output(kind)] for kind in STREAMED_TABLES}
    inputs.update({name: outputs[name] for name in (USER_POOL_PARAMETER, USER_POOL_CLIENT_PARAMETER)})
    return inputs


def sign_in_config(region: str, outputs: Mapping[str, str]) -> Dict[str, str]:
    """config.json's `signIn`: Cognito's endpoint in the pool's region and the console's client."""
    return {"endpoint": f"https://cognito-idp.{region}.amazonaws.com", "clientId": outputs[USER_POOL_CLIENT_PARAMETER]}


def split_parameters(chosen: Mapping[str, str], stateful_template: dict) -> tuple:
    """(the stateful stack's choices, the app stack's): each goes to the
    stack whose template declares it."""
    declared = set(stateful_template.get("Parameters", {}))
    return ({key: value for key, value in chosen.items() if key in declared},
            {key: value for key, value in chosen.items() if key not in declared})


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


def upload_package(s3, bucket: str, stage: str, package_dir: pathlib.Path, region: str) -> Dict[str, str]:
    """Uploads the zip and both templates; template file name -> its URL."""
    from ops.package import APP_TEMPLATE, STATEFUL_TEMPLATE

    body = (package_dir / "deployment.zip").read_bytes()
    code_key = f"{stage}/deployment-{hashlib.sha256(body).hexdigest()[:32]}.zip"
    s3.put_object(Bucket=bucket, Key=code_key, Body=body)
    layer = (package_dir / staff_layer.LAYER_ZIP).read_bytes()
    layer_key = f"{stage}/staff-layer-{hashlib.sha256(layer).hexdigest()[:32]}.zip"
    s3.put_object(Bucket=bucket, Key=layer_key, Body=layer)
    urls = {}
    for name in (APP_TEMPLATE, STATEFUL_TEMPLATE):
        template = json.loads((package_dir / name).read_text())
        if name == APP_TEMPLATE:
            template = deployable_template(template, bucket, code_key, layer_key)
        text = json.dumps(template, sort_keys=True).encode()
        key = f"{stage}/{name.removesuffix('.json')}-{hashlib.sha256(text).hexdigest()[:32]}.json"
        s3.put_object(Bucket=bucket, Key=key, Body=text, ContentType="application/json")
        urls[name] = f"https://{bucket}.s3.{region}.amazonaws.com/{key}"
    return urls


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


def stack_parameter_keys(cfn, stack: str) -> List[str]:
    """The parameters an existing stack has (none for a new one)."""
    from botocore.exceptions import ClientError

    try:
        described = cfn.describe_stacks(StackName=stack)["Stacks"][0]
    except ClientError as error:
        if "does not exist" in str(error):
            return []
        raise
    return [parameter["ParameterKey"] for parameter in described.get("Parameters", [])]


def change_set_request(stack: str, stage: str, kind: str, template_url: str, name: str,
                       parameters: List[Dict[str, str]] = ()) -> dict:
    return {"StackName": stack, "ChangeSetName": name, "ChangeSetType": kind, "TemplateURL": template_url,
            "Parameters": list(parameters), "Capabilities": CAPABILITIES,
            "Tags": [{"Key": "app", "Value": APP_NAME}, {"Key": "stage", "Value": stage}]}


def check_not_outside_cloudformation(dynamodb, settings: Settings, stage: str) -> None:
    """A first stateful stack would fail on tables that exist already (a stage
    deployed before this stack existed, or kept by `make destroy`)."""
    from botocore.exceptions import ClientError

    try:
        dynamodb.describe_table(TableName=settings.orders_table)
    except ClientError as error:
        if error.response["Error"]["Code"] == "ResourceNotFoundException":
            return
        raise
    raise DeployError(f"table {settings.orders_table} exists outside CloudFormation (a deployment older than the "
                      f"stateful stack, or kept by make destroy): run `make adopt STAGE={stage}` first, then deploy")


def apply_change_set(cfn, request: dict, say=print) -> bool:
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
        raise DeployError(f"change set on {request['StackName']} failed: {described.get('StatusReason')}") from None
    for change in cfn.describe_change_set(**names).get("Changes", []):
        detail = change["ResourceChange"]
        say(f"  {detail['Action']:<8} {detail['LogicalResourceId']} ({detail['ResourceType']})"
            + (" REPLACED" if detail.get("Replacement") == "True" else ""))
    cfn.execute_change_set(**names)
    waiter = {"CREATE": "stack_create_complete", "IMPORT": "stack_import_complete"}.get(
        request["ChangeSetType"], "stack_update_complete")
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


def upload_website(session, settings: Settings, api_url: Optional[str], frontend_dir: pathlib.Path = ROOT / "frontend",
                   sign_in: Optional[Dict[str, str]] = None) -> int:
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
    # The API's address (never a key) and where staff sign in (no secret: the client has none).
    s3.put_object(Bucket=settings.website_bucket, Key="config.json", ContentType="application/json",
                  CacheControl="no-cache", Body=site_config(api_url, sign_in))
    return count + 1


def parse_parameters(pairs: List[str]) -> Dict[str, str]:
    chosen = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        if not separator or not key:
            raise DeployError(f"--parameter takes Key=Value, not {pair!r}")
        chosen[key] = value
    return chosen


def deploy_stateful(cfn, dynamodb, settings: Settings, stage: str, template_url: str, name: str, say=print,
                    chosen: Mapping[str, str] = None) -> Dict[str, str]:
    """Step 4: the stateful stack, created or updated; its outputs."""
    stack = stateful_stack_name(stage)
    kind = change_set_type(cfn, stack)
    if kind == "CREATE":
        check_not_outside_cloudformation(dynamodb, settings, stage)
    parameters = kept_parameters([], chosen, stack_parameter_keys(cfn, stack))
    if not apply_change_set(cfn, change_set_request(stack, stage, kind, template_url, name, parameters), say):
        say("  nothing changed")
    return stack_outputs(cfn, stack)


def deploy_app(cfn, stage: str, template_url: str, name: str, from_stateful: Mapping[str, str],
               chosen: Mapping[str, str], say=print) -> Dict[str, str]:
    """Step 5: the app stack, created or updated; its outputs."""
    stack = stack_name(stage)
    kind = change_set_type(cfn, stack)
    parameters = app_parameters(from_stateful, kind == "CREATE", chosen, stack_parameter_keys(cfn, stack))
    if not apply_change_set(cfn, change_set_request(stack, stage, kind, template_url, name, parameters), say):
        say("  nothing changed")
    return stack_outputs(cfn, stack)


def deploy(session, stage: str, chosen: Mapping[str, str]) -> Dict[str, str]:
    import time

    from ops import package

    print(f"1/6 the artifacts bucket of {stage}...", flush=True)
    settings, account = prepare(session, stage)
    print("2/6 building the package...", flush=True)
    package_dir = package.package(stage)
    bucket = artifacts_bucket(stage, account)
    print(f"3/6 uploading it to s3://{bucket}/{stage}/ ...", flush=True)
    urls = upload_package(session.client("s3"), bucket, stage, package_dir, settings.region)
    cfn = session.client("cloudformation")
    name = f"deploy-{int(time.time())}"
    stateful_chosen, app_chosen = split_parameters(
        chosen, json.loads((package_dir / package.STATEFUL_TEMPLATE).read_text()))
    print(f"4/6 CloudFormation: the stateful stack {stateful_stack_name(stage)} (tables, buckets, queues, workflow, "
          "staff user pool)...", flush=True)
    stateful = deploy_stateful(cfn, session.client("dynamodb"), settings, stage, urls[package.STATEFUL_TEMPLATE], name,
                               chosen=stateful_chosen)
    print(f"5/6 CloudFormation: the app stack {stack_name(stage)} (a first deploy waits for CloudFront: 5-15 minutes)...",
          flush=True)
    outputs = deploy_app(cfn, stage, urls[package.APP_TEMPLATE], name, app_inputs(stateful), app_chosen)
    print("6/6 uploading the website...", flush=True)
    write_deployed_state(ROOT, stage, outputs)
    upload_website(session, settings, outputs["EndpointURL"].rstrip("/"), sign_in=sign_in_config(settings.region, stateful))
    return outputs


def main(argv=None) -> int:
    import boto3

    from ops import aws_errors, package

    parser = argparse.ArgumentParser(prog="python -m ops.deploy", description="Deploy a stage to AWS")
    parser.add_argument("--stage", default="dev")
    parser.add_argument("--parameter", action="append", default=[], metavar="KEY=VALUE",
                        help="a stack parameter (AlarmEmail, ApiRateLimit, WafRequestsPerFiveMinutes, StaffMfa, "
                             "StaffPasswordMinimumLength, ...), given to the stack that declares it; kept by later deploys")
    parser.add_argument("--sync-state", action="store_true",
                        help="only write .chalice/deployed/<stage>.json from the stack (for chalice logs on this machine)")
    args = parser.parse_args(argv)
    if args.stage == "local":
        print("The local stage runs with `make run`, not in AWS.", file=sys.stderr)
        return 2

    def run() -> int:
        session = boto3.Session()
        if args.sync_state:
            path = write_deployed_state(ROOT, args.stage, stack_outputs(session.client("cloudformation"),
                                                                        stack_name(args.stage)))
            print(f"wrote {path}")
            return 0
        try:
            outputs = deploy(session, args.stage, parse_parameters(args.parameter))
        except (DeployError, package.PackageError) as error:
            print(f"make deploy: {error}", file=sys.stderr)
            return 1
        print(f"API      {outputs['EndpointURL']}")
        print(f"Website  {outputs['WebsiteURL']}")
        print(f"Alarms   {outputs.get('AlarmTopicArn')} (make deploy STAGE={args.stage} "
              "ARGS='--parameter AlarmEmail=you@example.com' subscribes an address)")
        print(f"Logs     .venv/bin/chalice logs --stage {args.stage} [-n backup_orders] [--follow]")
        print(f"Create an API key:  make keys STAGE={args.stage} ARGS='create --name operator --scopes admin'")
        return 0

    return aws_errors.run("make deploy", run)


if __name__ == "__main__":
    sys.exit(main())
