"""The shared provisioning code: right settings (data protection included),
idempotent, and the deploy pipeline's steps outside CloudFormation."""
import json

import boto3
import pytest
from botocore.exceptions import ClientError

from chalicelib.core.settings import get_settings
from ops import deploy, package, provision, stateful
from tests.support import ROOT, create_stateful_stack

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
        "by_date": "KEYS_ONLY", "by_status": "INCLUDE", "by_customer": "INCLUDE", "by_number": "KEYS_ONLY",
        "by_id_prefix": "KEYS_ONLY", "by_tracking": "KEYS_ONLY"}
    assert orders["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert orders["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    ttl = dynamodb.describe_time_to_live(TableName=settings.idempotency_table)["TimeToLiveDescription"]
    assert ttl["TimeToLiveStatus"] == "ENABLED"

    bucket = settings.backup_bucket
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    assert s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0][
        "ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert all(s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"].values())
    # The website bucket is private: CloudFront reads it (the stage's template grants that).
    assert all(s3.get_public_access_block(Bucket=settings.website_bucket)["PublicAccessBlockConfiguration"].values())
    for missing in (s3.get_bucket_website, s3.get_bucket_policy):
        with pytest.raises(ClientError):
            missing(Bucket=settings.website_bucket)

    machine = boto3.client("stepfunctions").describe_state_machine(stateMachineArn=resources.state_machine_arn)
    assert machine["type"] == "STANDARD"
    definition = json.loads(machine["definition"])
    assert settings.orders_table in machine["definition"] and "${" not in machine["definition"]
    assert definition["StartAt"] == "ReserveStock"


def test_every_table_has_point_in_time_recovery_and_deletion_protection(resources):
    dynamodb = boto3.client("dynamodb")
    for name in get_settings().table_names.values():
        recovery = dynamodb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
        assert recovery["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "ENABLED", name
        assert dynamodb.describe_table(TableName=name)["Table"]["DeletionProtectionEnabled"] is True, name
        with pytest.raises(ClientError, match="DeletionProtectionEnabled"):
            dynamodb.delete_table(TableName=name)


def test_backup_bucket_is_tls_only_and_old_versions_go_cold_then_expire(aws_mock):
    provision.provision(boto3.Session(), get_settings(), tls_only=True)  # as make deploy does
    s3, bucket = boto3.client("s3"), get_settings().backup_bucket
    statement, = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])["Statement"]
    assert statement["Effect"] == "Deny" and statement["Principal"] == "*" and statement["Action"] == "s3:*"
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert sorted(statement["Resource"]) == [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]
    rule, = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    assert rule["Status"] == "Enabled" and rule["Filter"] == {}
    assert rule["NoncurrentVersionTransitions"] == [{"NoncurrentDays": provision.BACKUP_COLD_DAYS, "StorageClass": "STANDARD_IA"}]
    assert rule["NoncurrentVersionExpiration"] == {"NoncurrentDays": provision.BACKUP_KEEP_DAYS}
    assert "Expiration" not in rule  # the current version of every backup is kept


def test_the_local_stack_backup_bucket_takes_plain_http(resources):
    """The emulator speaks plain HTTP: a TLS-only policy would refuse every backup."""
    with pytest.raises(ClientError):
        boto3.client("s3").get_bucket_policy(Bucket=get_settings().backup_bucket)


def test_backup_lifecycle_is_configurable_and_checked():
    rule, = provision.backup_lifecycle(60, 730)["Rules"]
    assert rule["NoncurrentVersionTransitions"][0]["NoncurrentDays"] == 60
    assert rule["NoncurrentVersionExpiration"]["NoncurrentDays"] == 730
    for cold, keep in ((10, 365), (400, 365)):
        with pytest.raises(ValueError):
            provision.backup_lifecycle(cold, keep)


def test_an_older_public_website_bucket_is_made_private(aws_mock):
    s3, settings = boto3.client("s3"), get_settings()
    s3.create_bucket(Bucket=settings.website_bucket)
    s3.put_bucket_website(Bucket=settings.website_bucket, WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
    s3.put_bucket_policy(Bucket=settings.website_bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{settings.website_bucket}/*"}]}))
    provision.ensure_website_bucket(s3, settings.website_bucket, settings.region)
    for missing in (s3.get_bucket_website, s3.get_bucket_policy):
        with pytest.raises(ClientError):
            missing(Bucket=settings.website_bucket)


def test_provisioning_twice_changes_nothing(aws_mock, api_calls):
    session, calls = api_calls
    settings = get_settings()
    first = provision.provision(session, settings)
    assert any(call.startswith("Create") for call in calls)
    calls.clear()
    second = provision.provision(session, settings)
    assert first == second
    assert [call for call in calls if call.startswith(MUTATING_PREFIXES)] == []


def test_indexes_added_by_a_newer_version_are_created_on_an_existing_table(aws_mock):
    settings = get_settings()
    dynamodb = boto3.client("dynamodb")
    older = next(d for d in provision.table_definitions(settings) if d["TableName"] == settings.orders_table)
    added = {"by_number": "order_number", "by_id_prefix": "id_prefix"}
    older["GlobalSecondaryIndexes"] = [i for i in older["GlobalSecondaryIndexes"] if i["IndexName"] not in added]
    older["AttributeDefinitions"] = [a for a in older["AttributeDefinitions"] if a["AttributeName"] not in added.values()]
    dynamodb.create_table(**older)
    provision.provision(boto3.Session(), settings)
    indexes = dynamodb.describe_table(TableName=settings.orders_table)["Table"]["GlobalSecondaryIndexes"]
    assert set(added) <= {index["IndexName"] for index in indexes}


def test_the_emulator_holds_what_the_stateful_template_describes(aws_mock):
    """One description: what provisioning makes for `make run` is what the
    stateful stack declares, table by table, index by index, stream and
    protections included, and queue by queue."""
    settings = get_settings()
    provision.provision(boto3.Session(), settings)
    template = stateful.stateful_template(settings.stage, 14)
    dynamodb = boto3.client("dynamodb")
    declared_tables = {r["Properties"]["TableName"]: r["Properties"] for r in template["Resources"].values()
                       if r["Type"] == "AWS::DynamoDB::Table"}
    assert set(declared_tables) == set(settings.table_names.values())

    def keys(schema):
        return [(key["AttributeName"], key["KeyType"]) for key in schema]

    def projection(spelled):
        return spelled["ProjectionType"], sorted(spelled.get("NonKeyAttributes", []))

    for name, declared in declared_tables.items():
        table = dynamodb.describe_table(TableName=name)["Table"]
        assert keys(table["KeySchema"]) == keys(declared["KeySchema"]), name
        assert sorted(map(tuple, (a.values() for a in table["AttributeDefinitions"]))) == \
            sorted(map(tuple, (a.values() for a in declared["AttributeDefinitions"]))), name
        indexes = {i["IndexName"]: (keys(i["KeySchema"]), projection(i["Projection"]))
                   for i in table.get("GlobalSecondaryIndexes", [])}
        assert indexes == {i["IndexName"]: (keys(i["KeySchema"]), projection(i["Projection"]))
                           for i in declared.get("GlobalSecondaryIndexes", [])}, name
        stream = table.get("StreamSpecification", {})
        assert (stream.get("StreamViewType") if stream.get("StreamEnabled") else None) == \
            declared.get("StreamSpecification", {}).get("StreamViewType"), name
        ttl = dynamodb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
        assert ttl.get("AttributeName") == declared.get("TimeToLiveSpecification", {}).get("AttributeName"), name
        recovery = dynamodb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
        assert recovery["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "ENABLED"
        assert declared["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
        assert table["DeletionProtectionEnabled"] is declared["DeletionProtectionEnabled"] is True

    sqs = boto3.client("sqs")
    for resource in (r for r in template["Resources"].values() if r["Type"] == "AWS::SQS::Queue"):
        declared = resource["Properties"]
        url = sqs.get_queue_url(QueueName=declared["QueueName"])["QueueUrl"]
        actual = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        for key, value in declared.items():
            if key == "RedrivePolicy":
                redrive = json.loads(actual["RedrivePolicy"])
                assert redrive["maxReceiveCount"] == value["maxReceiveCount"]
                assert redrive["deadLetterTargetArn"].endswith(":" + template["Resources"][
                    value["deadLetterTargetArn"]["Fn::GetAtt"][0]]["Properties"]["QueueName"])
            elif key != "QueueName":
                assert actual[key] == (str(value).lower() if isinstance(value, bool) else str(value)), (key, declared)

    machine = template["Resources"]["OrderWorkflow"]["Properties"]
    sfn = boto3.client("stepfunctions")
    arn, = [m["stateMachineArn"] for m in sfn.list_state_machines()["stateMachines"]
            if m["name"] == machine["StateMachineName"]]
    described = sfn.describe_state_machine(stateMachineArn=arn)
    assert described["definition"] == machine["DefinitionString"]
    assert described["tracingConfiguration"] == {"enabled": machine["TracingConfiguration"]["Enabled"]}
    assert described["loggingConfiguration"]["level"] == machine["LoggingConfiguration"]["Level"]


def test_the_emulators_cloudformation_creates_the_stateful_stack_from_its_template(aws_mock):
    """The same template through the emulator's own CloudFormation: the
    tables with their indexes and streams, the queues, the workflow."""
    outputs = create_stateful_stack("dev")
    dynamodb = boto3.client("dynamodb")
    orders = dynamodb.describe_table(TableName="oms-dev-orders")["Table"]
    assert outputs["OrdersStreamArn"] == orders["LatestStreamArn"]
    assert {i["IndexName"] for i in orders["GlobalSecondaryIndexes"]} == {
        "by_date", "by_status", "by_customer", "by_number", "by_id_prefix", "by_tracking"}
    queues = boto3.client("sqs").list_queues(QueueNamePrefix="oms-dev-")["QueueUrls"]
    assert sorted(url.rsplit("/", 1)[1] for url in queues) == [
        "oms-dev-stream-failures", "oms-dev-webhooks-dead.fifo", "oms-dev-webhooks.fifo"]
    assert outputs["StateMachineArn"].endswith(":stateMachine:oms-dev-order-processing")


def test_an_index_whose_projection_changed_is_created_again(aws_mock):
    settings = get_settings()
    dynamodb = boto3.client("dynamodb")
    older = next(d for d in provision.table_definitions(settings) if d["TableName"] == settings.orders_table)
    for index in older["GlobalSecondaryIndexes"]:
        if index["IndexName"] == "by_number":  # as first deployed: status and customer projected
            index["Projection"] = {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["status", "customer_id"]}
    dynamodb.create_table(**older)
    provision.provision(boto3.Session(), settings)
    indexes = dynamodb.describe_table(TableName=settings.orders_table)["Table"]["GlobalSecondaryIndexes"]
    assert next(i for i in indexes if i["IndexName"] == "by_number")["Projection"] == {"ProjectionType": "KEYS_ONLY"}
    assert len(indexes) == len(older["GlobalSecondaryIndexes"])


def test_deploy_prepares_the_artifacts_bucket_and_the_app_stacks_parameters(aws_mock):
    session = boto3.Session(region_name="us-east-1")
    settings, account = deploy.prepare(session, "dev")
    assert (settings.backup_bucket, account) == ("oms-dev-backups-123456789012", "123456789012")
    s3, artifacts = boto3.client("s3"), "oms-dev-artifacts-123456789012"
    assert all(s3.get_public_access_block(Bucket=artifacts)["PublicAccessBlockConfiguration"].values())
    assert json.loads(s3.get_bucket_policy(Bucket=artifacts)["Policy"])["Statement"][0]["Sid"] == "TlsOnly"

    outputs = create_stateful_stack("dev")
    inputs = deploy.app_inputs(outputs)
    first = deploy.app_parameters(inputs, new_stack=True, chosen={"AlarmEmail": "ops@example.com"})
    by_key = {p["ParameterKey"]: p for p in first}
    streams = [by_key[k]["ParameterValue"] for k in ("OrdersStreamArn", "ProductsStreamArn", "CustomersStreamArn")]
    assert streams == [outputs["OrdersStreamArn"], outputs["ProductsStreamArn"], outputs["CustomersStreamArn"]]
    assert all("/stream/" in value for value in streams)
    # The user pool and the console's client: the stateful stack's outputs, passed on by name.
    pool_id, client_id = by_key["StaffUserPoolId"]["ParameterValue"], by_key["StaffConsoleClientId"]["ParameterValue"]
    assert boto3.client("cognito-idp").describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    assert deploy.sign_in_config("us-east-1", outputs) == {"endpoint": "https://cognito-idp.us-east-1.amazonaws.com",
                                                          "clientId": client_id}
    # A new stack gets a new cursor secret; an update keeps the stack's own, and every value chosen before.
    assert len(by_key["CursorSecret"]["ParameterValue"]) >= 32 and by_key["AlarmEmail"]["ParameterValue"] == "ops@example.com"
    later = {p["ParameterKey"]: p for p in deploy.app_parameters(
        inputs, new_stack=False, chosen={"ApiRateLimit": "500"}, previous=["AlarmEmail", "CursorSecret", "OrdersStreamArn"])}
    assert later["CursorSecret"] == {"ParameterKey": "CursorSecret", "UsePreviousValue": True}
    assert later["AlarmEmail"] == {"ParameterKey": "AlarmEmail", "UsePreviousValue": True}
    assert later["ApiRateLimit"]["ParameterValue"] == "500" and later["OrdersStreamArn"]["ParameterValue"] == streams[0]
    # A choice goes to the stack whose template declares it.
    choices = {"StaffMfa": "ON", "AlarmEmail": "a@example.com"}
    assert deploy.split_parameters(choices, package.stateful_template("dev", 14)) == (
        {"StaffMfa": "ON"}, {"AlarmEmail": "a@example.com"})


def test_website_upload_sets_types_and_cache_headers(aws_mock, monkeypatch):
    monkeypatch.setenv("OMS_SHOP_NAME", "Corner Books")
    session = boto3.Session(region_name="us-east-1")
    settings, _ = deploy.prepare(session, "dev")
    outputs = create_stateful_stack("dev")
    count = deploy.upload_website(session, settings, "https://abc.execute-api.us-east-1.amazonaws.com/dev")
    s3 = boto3.client("s3")
    index = s3.get_object(Bucket=settings.website_bucket, Key="index.html")
    assert index["ContentType"].startswith("text/html") and index["CacheControl"] == "no-cache"
    config = s3.get_object(Bucket=settings.website_bucket, Key="config.json")
    assert json.loads(config["Body"].read()) == {"apiBaseUrl": "https://abc.execute-api.us-east-1.amazonaws.com/dev",
                                                  "shopName": "Corner Books"}
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=settings.website_bucket)["Contents"]}
    frontend = ROOT / "frontend"
    files = {p.relative_to(frontend).as_posix() for p in frontend.rglob("*") if p.is_file()}
    own_tests = {name for name in files if name.startswith("tests/")}
    assert own_tests, "the console's tests live in frontend/tests"
    assert keys == files - own_tests | {"config.json"} and count == len(keys)
    # With the stage's user pool: where the console signs staff in, the client's id and no secret.
    sign_in = deploy.sign_in_config("us-east-1", outputs)
    deploy.upload_website(session, settings, "https://abc.execute-api.us-east-1.amazonaws.com/dev", sign_in=sign_in)
    config = json.loads(s3.get_object(Bucket=settings.website_bucket, Key="config.json")["Body"].read())
    assert config["signIn"] == sign_in and set(sign_in) == {"endpoint", "clientId"}
