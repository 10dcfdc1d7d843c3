"""The shared provisioning code: right settings, idempotent, and the deploy
pipeline up to `chalice deploy` (config and least-privilege policy written)."""
import json
import shutil

import boto3
import pytest

from chalicelib.core.settings import get_settings
from ops import deploy, provision
from tests.support import ROOT

MUTATING_PREFIXES = ("Create", "Put", "Update", "Delete", "Tag", "Attach")


@pytest.fixture
def api_calls():
    calls = []

    def record(event_name=None, **_):
        calls.append(event_name.split(".")[-1])

    session = boto3.Session()
    session.events.register("before-call.*.*", record)
    return session, calls


def test_tables_buckets_and_state_machine_have_the_right_settings(resources):
    settings = get_settings()
    dynamodb, s3 = boto3.client("dynamodb"), boto3.client("s3")
    orders = dynamodb.describe_table(TableName=settings.orders_table)["Table"]
    assert {i["IndexName"]: i["Projection"]["ProjectionType"] for i in orders["GlobalSecondaryIndexes"]} == {
        "by_date": "KEYS_ONLY", "by_status": "INCLUDE", "by_customer": "INCLUDE"}
    assert orders["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert orders["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    ttl = dynamodb.describe_time_to_live(TableName=settings.idempotency_table)["TimeToLiveDescription"]
    assert ttl["TimeToLiveStatus"] == "ENABLED"

    bucket = settings.backup_bucket
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    assert s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0][
        "ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert all(s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"].values())
    assert s3.get_bucket_website(Bucket=settings.website_bucket)["IndexDocument"] == {"Suffix": "index.html"}

    machine = boto3.client("stepfunctions").describe_state_machine(stateMachineArn=resources.state_machine_arn)
    assert machine["type"] == "STANDARD"
    definition = json.loads(machine["definition"])
    assert settings.orders_table in machine["definition"] and "${" not in machine["definition"]
    assert definition["StartAt"] == "ReserveStock"


def test_provisioning_twice_changes_nothing(aws_mock, api_calls):
    session, calls = api_calls
    settings = get_settings()
    first = provision.provision(session, settings)
    assert any(call.startswith("Create") for call in calls)
    calls.clear()
    second = provision.provision(session, settings)
    assert first == second
    assert [call for call in calls if call.startswith(MUTATING_PREFIXES)] == []


def scratch_project(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / ".chalice", project / ".chalice", ignore=shutil.ignore_patterns("deployed", "deployments"))
    return project


def test_deploy_prepares_everything_up_to_chalice_deploy(aws_mock, tmp_path):
    project = scratch_project(tmp_path)
    session = boto3.Session(region_name="us-east-1")
    settings, resources = deploy.prepare(session, "dev", project_dir=project)

    assert settings.backup_bucket == "oms-dev-backups-123456789012"
    assert boto3.client("dynamodb").describe_table(TableName="oms-dev-orders")["Table"]["TableStatus"] == "ACTIVE"
    config = json.loads((project / ".chalice" / "config.json").read_text())
    stage = config["stages"]["dev"]
    assert config["autogen_policy"] is False and stage["autogen_policy"] is False
    assert stage["iam_policy_file"] == "policy-dev.json"
    env = stage["environment_variables"]
    assert env["OMS_STATE_MACHINE_ARN"] == resources.state_machine_arn
    assert env["OMS_ORDERS_STREAM_ARN"] == resources.stream_arns["orders"]
    assert env["OMS_CORS_ORIGIN"] == "http://oms-dev-website-123456789012.s3-website-us-east-1.amazonaws.com"
    assert "local" in config["stages"]  # other stages untouched

    policy = json.loads((project / ".chalice" / "policy-dev.json").read_text())
    resources_granted = [r for s in policy["Statement"] for r in s["Resource"]]
    assert "*" not in resources_granted and all(r.startswith("arn:aws:") for r in resources_granted)
    assert any(r == resources.table_arns["orders"] for r in resources_granted)


def test_website_upload_sets_types_and_cache_headers(aws_mock, tmp_path):
    session = boto3.Session(region_name="us-east-1")
    settings, _ = deploy.prepare(session, "dev", project_dir=scratch_project(tmp_path))
    count = deploy.upload_website(session, settings, "https://abc.execute-api.us-east-1.amazonaws.com/dev")
    s3 = boto3.client("s3")
    index = s3.get_object(Bucket=settings.website_bucket, Key="index.html")
    assert index["ContentType"].startswith("text/html") and index["CacheControl"] == "no-cache"
    config = s3.get_object(Bucket=settings.website_bucket, Key="config.json")
    assert json.loads(config["Body"].read()) == {"apiBaseUrl": "https://abc.execute-api.us-east-1.amazonaws.com/dev"}
    assert count == len([p for p in (ROOT / "frontend").rglob("*") if p.is_file()]) + 1


def test_throttling_is_set_on_the_api_stage(aws_mock):
    apigateway = boto3.client("apigateway")
    api = apigateway.create_rest_api(name="oms")
    root = apigateway.get_resources(restApiId=api["id"])["items"][0]["id"]
    apigateway.put_method(restApiId=api["id"], resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigateway.put_integration(restApiId=api["id"], resourceId=root, httpMethod="GET", type="MOCK")
    apigateway.create_deployment(restApiId=api["id"], stageName="dev")
    deploy.throttle_stage(boto3.Session(region_name="us-east-1"), api["id"], "dev")
    settings = apigateway.get_stage(restApiId=api["id"], stageName="dev")["methodSettings"]["*/*"]
    assert (settings["throttlingRateLimit"], settings["throttlingBurstLimit"]) == (deploy.THROTTLE_RATE, deploy.THROTTLE_BURST)
