"""Deploying: links behind the API Gateway stage path, and deploys from any
machine updating one stack.

* `Location` and OpenAPI `servers` keep the stage path (`/dev`) of an API
  Gateway event, so they point at the API and not at a 403;
* CloudFormation holds the deployed state: the change set is CREATE for a new
  stage and UPDATE once the stack exists, whoever deployed it; a new build of
  changed code keeps every logical id, type and property but the code's
  location, so CloudFormation updates the functions in place;
* the stack's outputs become Chalice's deployed-state file, so `chalice logs`
  finds every function."""
import json
import shutil

import boto3
import pytest

from ops import deploy, package
from tests.support import ADMIN_KEY, ROOT, emulated_stateful_template
from tests.tls_policy import https_requests  # noqa: F401 - a fixture


class Context:
    function_name, aws_request_id = "api_handler", "request-1"


def gateway_event(method, path, resource, body=None, path_parameters=None, stage="dev"):
    """A REST API proxy event as API Gateway sends it for a stage."""
    return {
        "resource": resource, "path": path, "httpMethod": method,
        "headers": {"host": "abc.execute-api.us-east-1.amazonaws.com", "x-forwarded-proto": "https",
                    "x-api-key": ADMIN_KEY, "content-type": "application/json"},
        "multiValueHeaders": {}, "queryStringParameters": None, "multiValueQueryStringParameters": None,
        "pathParameters": path_parameters, "stageVariables": None, "isBase64Encoded": False,
        "body": json.dumps(body) if body is not None else None,
        "requestContext": {"resourcePath": resource, "httpMethod": method, "path": f"/{stage}{path}", "stage": stage,
                           "requestId": "gateway-request", "identity": {"sourceIp": "198.51.100.1"}},
    }


def test_links_keep_the_api_gateway_stage_path(resources):
    from app import app

    created = app(gateway_event("POST", "/orders", "/orders", {
        "customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 1}]}), Context())
    assert created["statusCode"] == 201, created["body"]
    order_id = json.loads(created["body"])["order_id"]
    headers = {name.lower(): value for name, value in created["headers"].items()}
    assert headers["location"] == f"/dev/orders/{order_id}"

    fetched = app(gateway_event("GET", f"/orders/{order_id}", "/orders/{order_id}",
                                path_parameters={"order_id": order_id}), Context())
    assert fetched["statusCode"] == 200

    document = json.loads(app(gateway_event("GET", "/openapi.json", "/openapi.json"), Context())["body"])
    assert document["servers"][0]["url"] == "https://abc.execute-api.us-east-1.amazonaws.com/dev"


@pytest.mark.usefixtures("https_requests")
def test_the_stateful_stack_is_created_by_change_set_then_updated(aws_mock, tmp_path):
    """Both stacks go through change sets: CREATE for a new stage, UPDATE
    once it exists, whoever deployed it. The emulator's CloudFormation runs
    the stateful one from the very template."""
    session = boto3.Session(region_name="us-east-1")
    settings, account = deploy.prepare(session, "dev")
    s3, cfn = boto3.client("s3"), boto3.client("cloudformation")
    bucket = deploy.artifacts_bucket("dev", account)
    s3.put_object(Bucket=bucket, Key="dev/stateful.json", Body=json.dumps(emulated_stateful_template("dev")).encode())
    url = f"https://{bucket}.s3.us-east-1.amazonaws.com/dev/stateful.json"
    assert deploy.change_set_type(cfn, "oms-dev-stateful") == "CREATE"
    said = []
    deploy.deploy_stateful(cfn, boto3.client("dynamodb"), settings, "dev", url, "deploy-1", said.append)
    assert "  Add      OrdersTable (AWS::DynamoDB::Table)" in said
    assert boto3.client("dynamodb").describe_table(TableName="oms-dev-orders")["Table"]["TableStatus"] == "ACTIVE"
    assert deploy.change_set_type(cfn, "oms-dev-stateful") == "UPDATE"
    request = deploy.change_set_request("oms-dev-stateful", "dev", "UPDATE", url, "deploy-2")
    assert set(request["Capabilities"]) == {"CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"}
    assert deploy.apply_change_set(cfn, request, said.append) is False  # the same template: nothing to change
    cfn.delete_stack(StackName="oms-dev-stateful")  # DeletionPolicy Retain: the data stays
    assert boto3.client("dynamodb").describe_table(TableName="oms-dev-orders")["Table"]["TableStatus"] == "ACTIVE"
    assert boto3.client("sqs").get_queue_url(QueueName="oms-dev-stream-failures")


def test_a_stage_older_than_the_stateful_stack_is_told_to_adopt_first(aws_mock):
    """Tables made by provisioning outside CloudFormation would make a first
    stateful stack fail half-way: the deploy stops before, naming the fix."""
    from ops import provision
    from ops.stage import stage_settings

    session = boto3.Session(region_name="us-east-1")
    settings = stage_settings("dev", "123456789012", "us-east-1")
    provision.provision(session, settings)
    with pytest.raises(deploy.DeployError, match="make adopt STAGE=dev"):
        deploy.deploy_stateful(boto3.client("cloudformation"), boto3.client("dynamodb"), settings, "dev",
                               "https://example/stateful.json", "deploy-1")


def test_adopting_imports_what_exists_by_its_identifiers(aws_mock):
    """`make adopt`'s import: every existing table, bucket, queue and the
    workflow, the staff user pool and its groups (kept by make destroy), each
    by its identifier, in a template cut to them (an import creates
    nothing); what does not exist yet is left to the next deploy."""
    from ops import adopt, provision, staff_pool
    from ops.stage import stage_settings

    session = boto3.Session(region_name="us-east-1")
    settings = stage_settings("dev", "123456789012", "us-east-1")
    provision.provision(session, settings, tls_only=True)  # as a deploy before the stateful stack did
    boto3.client("sqs").delete_queue(QueueUrl=boto3.client("sqs").get_queue_url(
        QueueName=settings.stream_failures_queue)["QueueUrl"])  # that deploy had no failed-records queue
    cognito = boto3.client("cognito-idp")
    pool_id, client_id = staff_pool.provision(cognito, "oms-dev")  # the pool and groups make destroy keeps
    cognito.delete_user_pool_client(UserPoolId=pool_id, ClientId=client_id)  # the client goes with the stack
    full = package.stateful_template("dev", 14)
    template, to_import = adopt.import_plan(session, "dev", full)
    imported = {item["LogicalResourceId"]: item["ResourceIdentifier"] for item in to_import}
    assert imported["OrdersTable"] == {"TableName": "oms-dev-orders"}
    assert imported["BackupBucket"] == {"BucketName": "oms-dev-backups-123456789012"}
    assert imported["BackupBucketPolicy"] == {"Bucket": "oms-dev-backups-123456789012"}
    assert imported["WebhookQueue"]["QueueUrl"].endswith("/oms-dev-webhooks.fifo")
    assert imported["OrderWorkflow"]["Arn"].endswith(":stateMachine:oms-dev-order-processing")
    assert imported["StaffUserPool"] == {"UserPoolId": pool_id}
    assert imported["StaffManagerGroup"] == {"UserPoolId": pool_id, "GroupName": "manager"}
    assert template["Resources"]["StaffManagerGroup"]["Properties"]["UserPoolId"] == {"Ref": "StaffUserPool"}
    assert set(template["Parameters"]) == {"StaffMfa", "StaffPasswordMinimumLength"}  # the pool's settings
    assert "StreamFailuresQueue" not in imported and "StaffConsoleClient" not in imported
    assert set(template["Resources"]) == set(imported)
    assert all(resource["DeletionPolicy"] for resource in template["Resources"].values())  # an import requires one
    assert {item["ResourceType"] for item in to_import} >= {"AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::SQS::Queue"}
    # Properties pointing at what is imported stay; none points outside the import.
    assert template["Resources"]["WebhookQueue"]["Properties"]["RedrivePolicy"] == \
        full["Resources"]["WebhookQueue"]["Properties"]["RedrivePolicy"]
    assert template["Resources"]["OrdersTable"] == full["Resources"]["OrdersTable"]


def test_adopting_refuses_an_existing_stateful_stack_and_an_empty_stage(aws_mock, monkeypatch):
    from ops import adopt
    from tests.support import create_stateful_stack

    monkeypatch.setattr("ops.deploy.ensure_artifacts_bucket", lambda *args: None)  # the plan alone
    session = boto3.Session(region_name="us-east-1")
    with pytest.raises(deploy.DeployError, match="nothing of stage dev exists"):
        adopt.adopt(session, "dev", say=lambda _: None)
    create_stateful_stack("dev")
    with pytest.raises(deploy.DeployError, match="exists already"):
        adopt.adopt(session, "dev", say=lambda _: None)


def test_a_deploy_without_credentials_says_what_to_do(monkeypatch, capsys, tmp_path):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    assert deploy.main(["--stage", "dev"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("make deploy: no AWS credentials found") and "Traceback" not in err


def test_a_missing_permission_names_the_call_and_where_the_list_is():
    from botocore.exceptions import ClientError

    from ops import aws_errors

    denied = ClientError({"Error": {"Code": "AccessDenied", "Message": "User x is not authorized to perform: "
                                                                        "cloudformation:CreateChangeSet"}}, "CreateChangeSet")
    assert aws_errors.readable(denied).startswith("AWS refused CreateChangeSet (AccessDenied): User x is not authorized")
    assert "docs/operations.md" in aws_errors.readable(denied)

    def fails():
        raise denied
    assert aws_errors.run("make destroy", fails) == 1
    with pytest.raises(ZeroDivisionError):  # anything else is a bug, and keeps its traceback
        aws_errors.run("make deploy", lambda: 1 / 0)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The package of this tree, and of a copy whose code changed."""
    base = tmp_path_factory.mktemp("deploy")
    first = package.package("dev", out=base / "first", lint=False)
    changed = base / "changed-project"
    for name in ("app.py", "requirements.lock", "requirements-auth.lock"):
        shutil.copy(ROOT / name, changed / name) if changed.exists() else (changed.mkdir(), shutil.copy(ROOT / name, changed))
    shutil.copytree(ROOT / "chalicelib", changed / "chalicelib", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / ".chalice", changed / ".chalice", ignore=shutil.ignore_patterns("deployed", "deployments"))
    with open(changed / "chalicelib" / "__init__.py", "a") as module:
        module.write("\nRELEASE = 'next'\n")
    second = package.package("dev", root=changed, out=base / "second", lint=False)
    return first, second


@pytest.mark.slow
def test_a_new_build_updates_the_functions_in_place(two_builds):
    first, second = two_builds
    assert package.zip_manifest(first / "deployment.zip") != package.zip_manifest(second / "deployment.zip")
    templates = []
    for out in (first, second):
        body = (out / "deployment.zip").read_bytes()
        import hashlib
        key = f"dev/deployment-{hashlib.sha256(body).hexdigest()[:32]}.zip"
        templates.append(deploy.deployable_template(json.loads((out / "sam.json").read_text()), "artifacts", key,
                                                    "dev/staff-layer.zip"))
    old, new = templates
    assert {name: r["Type"] for name, r in old["Resources"].items()} == {name: r["Type"] for name, r in new["Resources"].items()}
    changes = {}
    for name, resource in old["Resources"].items():
        before, after = resource.get("Properties", {}), new["Resources"][name].get("Properties", {})
        changed = sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))
        if changed:
            changes[name] = changed
    # Only the code moved: a Modify of each function, no replacement, nothing added or removed.
    assert changes == {name: ["CodeUri"] for name in package.functions_of(old)}
    assert old["Parameters"] == new["Parameters"] and old["Outputs"] == new["Outputs"]


@pytest.mark.usefixtures("https_requests")
@pytest.mark.slow
def test_upload_names_the_code_by_its_content(aws_mock, two_builds):
    first, _ = two_builds
    session = boto3.Session(region_name="us-east-1")
    deploy.prepare(session, "dev")
    s3, bucket = boto3.client("s3"), deploy.artifacts_bucket("dev", "123456789012")
    urls = deploy.upload_package(s3, bucket, "dev", first, "us-east-1")
    assert urls == deploy.upload_package(s3, bucket, "dev", first, "us-east-1")
    url = urls[package.APP_TEMPLATE]
    assert url.startswith(f"https://{bucket}.s3.us-east-1.amazonaws.com/dev/sam-")
    stateful = json.loads(s3.get_object(Bucket=bucket, Key=urls[package.STATEFUL_TEMPLATE].split(".com/", 1)[1])["Body"].read())
    assert stateful == json.loads((first / package.STATEFUL_TEMPLATE).read_text())
    template = json.loads(s3.get_object(Bucket=bucket, Key=url.split(".com/", 1)[1])["Body"].read())
    code = template["Resources"]["APIHandler"]["Properties"]["CodeUri"]
    assert code["Bucket"] == bucket
    assert s3.get_object(Bucket=bucket, Key=code["Key"])["Body"].read() == (first / "deployment.zip").read_bytes()
    layer = template["Resources"]["StaffSignInLayer"]["Properties"]["ContentUri"]
    assert s3.get_object(Bucket=bucket, Key=layer["Key"])["Body"].read() == (first / "staff-layer.zip").read_bytes()


def test_stack_outputs_become_chalice_deployed_state(tmp_path):
    from chalice.config import DeployedResources

    arn = "arn:aws:lambda:eu-west-1:111122223333:function:oms-dev-{}-ABC"
    outputs = {"APIHandlerArn": arn.format("APIHandler"), "BackupOrdersArn": arn.format("BackupOrders"),
               "BackupProductsArn": arn.format("BackupProducts"), "BackupCustomersArn": arn.format("BackupCustomers"),
               "RestAPIId": "abc123", "EndpointURL": "https://abc123.execute-api.eu-west-1.amazonaws.com/dev/"}
    path = deploy.write_deployed_state(tmp_path, "dev", outputs)
    deployed = DeployedResources(json.loads(path.read_text()))
    assert deployed.resource_values("api_handler")["lambda_arn"] == arn.format("APIHandler")
    assert deployed.resource_values("backup_orders")["lambda_arn"] == arn.format("BackupOrders")
    assert deployed.resource_values("rest_api")["rest_api_url"] == outputs["EndpointURL"]
