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
from tests.support import ADMIN_KEY, ROOT
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


def test_the_change_set_creates_a_new_stage_then_updates_it(aws_mock, tmp_path):
    session = boto3.Session(region_name="us-east-1")
    _, resources = deploy.prepare(session, "dev")
    cfn = boto3.client("cloudformation")
    request = deploy.change_set_request(cfn, "dev", "https://example/template.json", resources, "deploy-1")
    assert request["ChangeSetType"] == "CREATE" and request["StackName"] == "oms-dev"
    assert set(request["Capabilities"]) == {"CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"}
    assert {p["ParameterKey"]: p["ParameterValue"] for p in request["Parameters"]}["OrdersStreamArn"] == \
        resources.stream_arns["orders"]
    # The stack exists (deployed from another machine): the next deploy updates it.
    cfn.create_stack(StackName="oms-dev", TemplateBody=json.dumps({"Resources": {
        "Placeholder": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}}))
    again = deploy.change_set_request(cfn, "dev", "https://example/template.json", resources, "deploy-2")
    assert again["ChangeSetType"] == "UPDATE" and again["StackName"] == "oms-dev"


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
    url = deploy.upload_package(s3, bucket, "dev", first, "us-east-1")
    url_again = deploy.upload_package(s3, bucket, "dev", first, "us-east-1")
    assert url == url_again and url.startswith(f"https://{bucket}.s3.us-east-1.amazonaws.com/dev/template-")
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


def test_provision_only_prints_the_stack_parameters(aws_mock, monkeypatch, capsys):
    """The CloudFormation route of docs/operations.md: provision, then deploy the package yourself."""
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    assert deploy.main(["--stage", "dev", "--provision-only"]) == 0
    printed = dict(pair.split("=", 1) for pair in capsys.readouterr().out.split())
    assert set(printed) == {"OrdersStreamArn", "ProductsStreamArn", "CustomersStreamArn", "CursorSecret"}
    assert len(printed["CursorSecret"]) >= 32
    table = boto3.client("dynamodb").describe_table(TableName="oms-dev-orders")["Table"]
    assert printed["OrdersStreamArn"] == table["LatestStreamArn"]
