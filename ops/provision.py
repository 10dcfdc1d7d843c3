"""Creates every resource the app needs on the local emulator (`make run`,
the tests): DynamoDB tables (keys, GSIs and streams taken from the PynamoDB
models), the backup and website buckets, the queues (webhook delivery, FIFO,
with a dead-letter queue; failed stream records), and the Step Functions
state machine with its IAM role, log group and tracing.

The definitions here are also the stateful stack's: ops/stateful.py
generates its CloudFormation template from them, so a deployed stage and the
emulator hold the same resources (tests/test_provisioning.py compares them).

Idempotent: each resource is created only when missing, and settings that
drift (versioning, encryption, public-access block, TTL, the state machine
definition, logging and tracing) are put back; running it twice changes nothing."""
import json
import os
import pathlib
import time
from dataclasses import dataclass
from typing import Dict, List, Optional

from botocore.exceptions import ClientError

from chalicelib.core.settings import STREAMED_TABLES, Settings
from chalicelib.data.models import ApiKey, Counter, Customer, IdempotencyRecord, Order, Product, SearchEntry, WebhookEndpoint

ROOT = pathlib.Path(__file__).resolve().parent.parent
STATE_MACHINE_FILE = ROOT / "statemachine" / "order_processing.asl.json"


@dataclass
class Resources:
    tables: Dict[str, str]
    table_arns: Dict[str, str]
    stream_arns: Dict[str, str]
    backup_bucket: str
    website_bucket: str
    state_machine_arn: str
    state_machine_role_arn: str
    webhook_queue_url: str
    webhook_queue_arn: str
    stream_failures_queue_url: str


def _models() -> Dict[str, type]:
    return {"orders": Order, "products": Product, "customers": Customer, "counters": Counter, "api_keys": ApiKey,
            "idempotency": IdempotencyRecord, "webhooks": WebhookEndpoint, "search": SearchEntry}


def _hash_first(key_schema: List[dict]) -> List[dict]:
    """The partition key, then the sort key (CloudFormation insists on that order)."""
    return sorted(key_schema, key=lambda key: key["KeyType"] != "HASH")


def table_definitions(settings: Settings, with_streams: bool = True) -> List[dict]:
    """CreateTable arguments for every table, from the PynamoDB models."""
    definitions = []
    for logical, model in _models().items():
        schema = model._get_schema()
        definition = {
            "TableName": settings.table_names[logical],
            "AttributeDefinitions": schema["attribute_definitions"],
            "KeySchema": _hash_first(schema["key_schema"]),
            "BillingMode": "PAY_PER_REQUEST",
        }
        if schema["global_secondary_indexes"]:
            definition["GlobalSecondaryIndexes"] = [{
                "IndexName": index["index_name"],
                "KeySchema": _hash_first(index["key_schema"]),
                "Projection": index["projection"],
            } for index in schema["global_secondary_indexes"]]
        if with_streams and logical in STREAMED_TABLES:
            definition["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
        definitions.append(definition)
    return definitions


TTL_ATTRIBUTES = {"idempotency": "expires_at", "counters": "expires_at", "webhooks": "expires_at"}


def ensure_tables(dynamodb, settings: Settings, with_streams: bool = True) -> Dict[str, dict]:
    described = {}
    for definition in table_definitions(settings, with_streams):
        name = definition["TableName"]
        try:
            table = dynamodb.describe_table(TableName=name)["Table"]
        except ClientError as error:
            if error.response["Error"]["Code"] != "ResourceNotFoundException":
                raise
            table = dynamodb.create_table(**definition)["TableDescription"]
        else:
            _update_indexes(dynamodb, table, definition)
        described[name] = table
    for name in described:
        described[name] = _wait_active(dynamodb, name)
    for logical, attribute in TTL_ATTRIBUTES.items():
        table = settings.table_names[logical]
        ttl = dynamodb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
        if ttl.get("TimeToLiveStatus") not in ("ENABLED", "ENABLING"):
            dynamodb.update_time_to_live(TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": attribute})
    return described


def _update_indexes(dynamodb, table: dict, definition: dict) -> None:
    """Indexes a newer version of the models added to an existing table, or
    whose projection it changed (DynamoDB cannot change a live index's
    projection: it is deleted, then created again and backfilled): one
    change per UpdateTable (DynamoDB's limit), each after the previous is
    done. Items lacking an index's keys stay out of it."""
    existing = {index["IndexName"]: index for index in table.get("GlobalSecondaryIndexes", [])}
    for index in definition.get("GlobalSecondaryIndexes", []):
        held = existing.get(index["IndexName"])
        if held is not None and _projection(held) == _projection(index):
            continue
        if held is not None:
            _wait_active(dynamodb, definition["TableName"])
            dynamodb.update_table(TableName=definition["TableName"],
                                  GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": index["IndexName"]}}])
            _wait_index_gone(dynamodb, definition["TableName"], index["IndexName"])
        _wait_active(dynamodb, definition["TableName"])
        dynamodb.update_table(TableName=definition["TableName"], AttributeDefinitions=definition["AttributeDefinitions"],
                              GlobalSecondaryIndexUpdates=[{"Create": index}])


def _projection(index: dict) -> tuple:
    projection = index["Projection"]
    return projection["ProjectionType"], tuple(sorted(projection.get("NonKeyAttributes", [])))


def _wait_index_gone(dynamodb, name: str, index_name: str) -> None:
    for _ in range(600):
        table = dynamodb.describe_table(TableName=name)["Table"]
        if all(index["IndexName"] != index_name for index in table.get("GlobalSecondaryIndexes", [])):
            return
        time.sleep(1)
    raise RuntimeError(f"index {index_name} of {name} was not deleted")


def _wait_active(dynamodb, name: str) -> dict:
    for _ in range(120):
        table = dynamodb.describe_table(TableName=name)["Table"]
        if table["TableStatus"] == "ACTIVE":
            return table
        time.sleep(1)
    raise RuntimeError(f"table {name} did not become ACTIVE")


def _get(call, missing_codes, **kwargs):
    """A bucket setting, or None when it was never set."""
    try:
        return call(**kwargs)
    except ClientError as error:
        if error.response["Error"]["Code"] in missing_codes:
            return None
        raise


def _ensure_public_access_block(s3, bucket: str, wanted: dict) -> None:
    current = _get(s3.get_public_access_block, ("NoSuchPublicAccessBlockConfiguration",), Bucket=bucket)
    if current is None or current["PublicAccessBlockConfiguration"] != wanted:
        s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration=wanted)


# Earlier versions of a backup (every change of an item makes one) move to
# colder storage, then expire: `make restore --as-of` reaches back this far.
BACKUP_COLD_DAYS = int(os.environ.get("OMS_BACKUP_COLD_DAYS") or 30)
BACKUP_KEEP_DAYS = int(os.environ.get("OMS_BACKUP_KEEP_DAYS") or 365)


def tls_only_statement(bucket: str) -> dict:
    """Refuses every request to the bucket that does not use TLS."""
    return {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}


def backup_lifecycle(cold_days: int = None, keep_days: int = None) -> dict:
    """Old versions to Standard-IA after `cold_days`, deleted after
    `keep_days`. S3 moves no object under 128 KB to a colder class (it would
    cost more there), so for today's small documents the expiry is what bounds
    the bill; larger ones move."""
    cold_days = BACKUP_COLD_DAYS if cold_days is None else cold_days
    keep_days = BACKUP_KEEP_DAYS if keep_days is None else keep_days
    if not 30 <= cold_days < keep_days:
        raise ValueError(f"backup lifecycle: need 30 <= cold days ({cold_days}) < keep days ({keep_days})")
    return {"Rules": [{
        "ID": "old-backup-versions", "Status": "Enabled", "Filter": {},
        "NoncurrentVersionTransitions": [{"NoncurrentDays": cold_days, "StorageClass": "STANDARD_IA"}],
        "NoncurrentVersionExpiration": {"NoncurrentDays": keep_days},
        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
    }]}


def _ensure_bucket_policy(s3, bucket: str, policy: dict) -> None:
    current = _get(s3.get_bucket_policy, ("NoSuchBucketPolicy",), Bucket=bucket)
    if current is None or json.loads(current["Policy"]) != policy:
        s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))


ENCRYPTION_RULES = [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": True}]


def _ensure_encryption(s3, bucket: str) -> None:
    rules = ENCRYPTION_RULES
    current = _get(s3.get_bucket_encryption, ("ServerSideEncryptionConfigurationNotFoundError",), Bucket=bucket)
    if current is None or current["ServerSideEncryptionConfiguration"]["Rules"] != rules:
        s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": rules})


PRIVATE = {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}


def ensure_backup_bucket(s3, bucket: str, region: str, tls_only: bool = False) -> None:
    """Versioned (earlier states stay retrievable, for a while), encrypted,
    never public; in AWS reachable over TLS only (the local emulator speaks
    plain HTTP, so `make run` cannot have that policy)."""
    _create_bucket(s3, bucket, region)
    if s3.get_bucket_versioning(Bucket=bucket).get("Status") != "Enabled":
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    _ensure_encryption(s3, bucket)
    _ensure_public_access_block(s3, bucket, PRIVATE)
    if tls_only:
        _ensure_bucket_policy(s3, bucket, {"Version": "2012-10-17", "Statement": [tls_only_statement(bucket)]})
    wanted = backup_lifecycle()
    current = _get(s3.get_bucket_lifecycle_configuration, ("NoSuchLifecycleConfiguration",), Bucket=bucket)
    if current is None or current["Rules"] != wanted["Rules"]:
        s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration=wanted)


def ensure_website_bucket(s3, bucket: str, region: str) -> None:
    """Private: a deployed stage serves it over HTTPS through CloudFront,
    which alone may read it (origin access control; the bucket policy that
    says so is part of the stage's template, ops/package.py). It holds no
    secrets: the API URL and key are entered in the browser. An older
    deployment's public website hosting is removed."""
    _create_bucket(s3, bucket, region)
    _ensure_encryption(s3, bucket)
    _ensure_public_access_block(s3, bucket, PRIVATE)
    if _get(s3.get_bucket_website, ("NoSuchWebsiteConfiguration",), Bucket=bucket) is not None:
        s3.delete_bucket_website(Bucket=bucket)
    current = _get(s3.get_bucket_policy, ("NoSuchBucketPolicy",), Bucket=bucket)
    if current is not None and any(statement.get("Principal") == "*" and statement.get("Effect") == "Allow"
                                   for statement in json.loads(current["Policy"])["Statement"]):
        s3.delete_bucket_policy(Bucket=bucket)


def ensure_table_protection(dynamodb, settings: Settings) -> None:
    """Point-in-time recovery (any second of the last 35 days) and deletion
    protection on every table. `make destroy` lifts the protection itself,
    after asking."""
    for name in settings.table_names.values():
        recovery = dynamodb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
        if recovery.get("PointInTimeRecoveryDescription", {}).get("PointInTimeRecoveryStatus") != "ENABLED":
            dynamodb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={
                "PointInTimeRecoveryEnabled": True})
        if not dynamodb.describe_table(TableName=name)["Table"].get("DeletionProtectionEnabled"):
            dynamodb.update_table(TableName=name, DeletionProtectionEnabled=True)
            _wait_active(dynamodb, name)


def _create_bucket(s3, bucket: str, region: str) -> None:
    if _get(s3.head_bucket, ("404", "NoSuchBucket"), Bucket=bucket) is not None:
        return
    arguments = {"Bucket": bucket}
    if region != "us-east-1":
        arguments["CreateBucketConfiguration"] = {"LocationConstraint": region}
    s3.create_bucket(**arguments)


# Webhook delivery: retries keep a message on the queue for up to `retry_hours`
# (28 by default), so messages are kept the longest SQS allows; a message
# received this often without being settled (its function keeps crashing) is
# moved to the dead-letter queue, beyond any retry schedule's count.
WEBHOOK_RETENTION_SECONDS = 14 * 24 * 3600
WEBHOOK_MAX_RECEIVES = 50
# The delivery function's timeout (`deliver_webhooks` in .chalice/config.json:
# a batch of 10 messages of one group, each allowed the 10 s attempt timeout,
# one after another, with room to spare); AWS advises a visibility of at least six times the consumer's timeout, so a
# message is never handed to a second consumer while the first still runs
# (Lambda's own retries of a throttled batch included).
DELIVERY_TIMEOUT_SECONDS = 120
WEBHOOK_VISIBILITY_SECONDS = 6 * DELIVERY_TIMEOUT_SECONDS
# Failed stream records wait here until `make replay-failed` (kept the longest SQS allows).
STREAM_FAILURES_RETENTION_SECONDS = 14 * 24 * 3600


@dataclass(frozen=True)
class QueueDefinition:
    """One SQS queue, as both `make run` (boto3, below) and the stateful stack
    (ops/stateful.py) create it: attributes in the SQS API's string form,
    and the queue its unsettled messages move to."""
    logical_id: str
    name: str
    attributes: Dict[str, str]
    dead_letter: Optional[str] = None  # logical id of the dead-letter queue
    max_receives: int = 0


def dead_letter_queue_name(settings: Settings) -> str:
    return settings.webhooks.queue_name.removesuffix(".fifo") + "-dead.fifo"


def queue_definitions(settings: Settings) -> List[QueueDefinition]:
    """Every queue, a dead-letter queue before the queue that uses it.

    * the webhook delivery queue: FIFO in high-throughput mode (deduplication
      and throughput per message group: each (endpoint, order) is its own
      group), with its dead-letter queue;
    * the failed stream records: a standard queue, Lambda's on-failure
      destination of every stream mapping (a record a handler kept failing on,
      after the retries)."""
    return [
        QueueDefinition("WebhookDeadLetterQueue", dead_letter_queue_name(settings), {
            "FifoQueue": "true", "MessageRetentionPeriod": str(WEBHOOK_RETENTION_SECONDS), "SqsManagedSseEnabled": "true"}),
        QueueDefinition("WebhookQueue", settings.webhooks.queue_name, {
            "FifoQueue": "true", "ContentBasedDeduplication": "false", "DeduplicationScope": "messageGroup",
            "FifoThroughputLimit": "perMessageGroupId", "MessageRetentionPeriod": str(WEBHOOK_RETENTION_SECONDS),
            "VisibilityTimeout": str(WEBHOOK_VISIBILITY_SECONDS), "SqsManagedSseEnabled": "true"},
            dead_letter="WebhookDeadLetterQueue", max_receives=WEBHOOK_MAX_RECEIVES),
        QueueDefinition("StreamFailuresQueue", settings.stream_failures_queue, {
            "MessageRetentionPeriod": str(STREAM_FAILURES_RETENTION_SECONDS), "SqsManagedSseEnabled": "true"}),
    ]


def _ensure_queue(sqs, name: str, attributes: Dict[str, str]) -> tuple:
    """(url, arn) of the queue, created or with its attributes put back."""
    try:
        url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
    except ClientError as error:
        if error.response["Error"]["Code"] not in ("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"):
            raise
        url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    current = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    drifted = {key: value for key, value in attributes.items() if key != "FifoQueue" and current.get(key) != value}
    if drifted:
        sqs.set_queue_attributes(QueueUrl=url, Attributes=drifted)
    return url, current["QueueArn"]


def ensure_queues(sqs, settings: Settings) -> Dict[str, tuple]:
    """Every queue of `queue_definitions`; logical id -> (url, arn)."""
    made: Dict[str, tuple] = {}
    for queue in queue_definitions(settings):
        attributes = dict(queue.attributes)
        if queue.dead_letter:
            attributes["RedrivePolicy"] = json.dumps({"deadLetterTargetArn": made[queue.dead_letter][1],
                                                      "maxReceiveCount": queue.max_receives})
        made[queue.logical_id] = _ensure_queue(sqs, queue.name, attributes)
    return made


def workflow_definition(settings: Settings) -> str:
    text = STATE_MACHINE_FILE.read_text()
    return text.replace("${OrdersTable}", settings.orders_table)


def workflow_log_group(settings: Settings) -> str:
    """Where the state machine logs its executions (a vended-logs name, which
    Step Functions' log delivery may write without a resource policy each)."""
    return f"/aws/vendedlogs/states/{settings.state_machine_name}"


def workflow_logging(log_group_arn: str) -> dict:
    """Every execution's events, without their input and output (customer
    data stays in the tables), and X-Ray traces."""
    return {"loggingConfiguration": {"level": "ALL", "includeExecutionData": False, "destinations": [
                {"cloudWatchLogsLogGroup": {"logGroupArn": log_group_arn}}]},
            "tracingConfiguration": {"enabled": True}}


def state_machine_role_policies(table_arns: Dict[str, str]) -> Dict[str, dict]:
    """The workflow updates orders and products (its reservation, a
    transaction) and marks an order failed (a conditional update); Step
    Functions delivers its logs and traces with the same role (those APIs
    take no resource: AWS documents `*`)."""
    return {
        "order-transactions": {"Version": "2012-10-17", "Statement": [{
            "Sid": "OrderTransactions", "Effect": "Allow", "Action": ["dynamodb:UpdateItem"],
            "Resource": [table_arns["orders"], table_arns["products"]]}]},
        "logs-and-traces": {"Version": "2012-10-17", "Statement": [
            {"Sid": "DeliverExecutionLogs", "Effect": "Allow", "Resource": "*", "Action": [
                "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
                "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
                "logs:DescribeLogGroups"]},
            {"Sid": "WriteTraces", "Effect": "Allow", "Resource": "*", "Action": [
                "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]}]},
    }


STATE_MACHINE_ASSUME = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"}, "Action": "sts:AssumeRole"}]}


def _ensure_log_group(logs, name: str, retention_days: int) -> str:
    found = [g for g in logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"] if g["logGroupName"] == name]
    if not found:
        logs.create_log_group(logGroupName=name)
        found = [g for g in logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"] if g["logGroupName"] == name]
    if found[0].get("retentionInDays") != retention_days:
        logs.put_retention_policy(logGroupName=name, retentionInDays=retention_days)
    return found[0]["arn"]


# How long the workflow's execution logs are kept on the emulator (deployed
# stages: the stage's `log_retention_in_days`).
LOCAL_LOG_RETENTION_DAYS = 14


def ensure_state_machine(sfn, iam, logs, settings: Settings, table_arns: Dict[str, str]) -> tuple:
    role_name = settings.state_machine_name
    try:
        role_arn = iam.get_role(RoleName=role_name)["Role"]["Arn"]
    except ClientError as error:
        if error.response["Error"]["Code"] != "NoSuchEntity":
            raise
        role_arn = iam.create_role(RoleName=role_name, AssumeRolePolicyDocument=json.dumps(STATE_MACHINE_ASSUME))["Role"]["Arn"]
    for policy_name, wanted in state_machine_role_policies(table_arns).items():
        current = _get(iam.get_role_policy, ("NoSuchEntity",), RoleName=role_name, PolicyName=policy_name)
        if current is None or _policy_document(current["PolicyDocument"]) != wanted:
            iam.put_role_policy(RoleName=role_name, PolicyName=policy_name, PolicyDocument=json.dumps(wanted))

    log_group_arn = _ensure_log_group(logs, workflow_log_group(settings), LOCAL_LOG_RETENTION_DAYS)
    observed = workflow_logging(log_group_arn)
    name = settings.state_machine_name
    definition = workflow_definition(settings)
    existing = _find_state_machine(sfn, name)
    if existing is None:
        return sfn.create_state_machine(name=name, definition=definition, roleArn=role_arn, type="STANDARD",
                                        **observed)["stateMachineArn"], role_arn
    current = sfn.describe_state_machine(stateMachineArn=existing)
    if current["definition"] != definition or current["roleArn"] != role_arn or \
            any(current.get(key) != value for key, value in observed.items()):
        sfn.update_state_machine(stateMachineArn=existing, definition=definition, roleArn=role_arn, **observed)
    return existing, role_arn


def _policy_document(document) -> dict:
    # IAM returns the document URL-encoded (boto3 decodes it to a dict).
    if isinstance(document, str):
        from urllib.parse import unquote
        return json.loads(unquote(document))
    return document


def _find_state_machine(sfn, name: str) -> Optional[str]:
    for page in sfn.get_paginator("list_state_machines").paginate():
        for machine in page["stateMachines"]:
            if machine["name"] == name:
                return machine["stateMachineArn"]
    return None


def provision(session, settings: Settings, with_streams: bool = True, tls_only: bool = False) -> Resources:
    """Everything, in dependency order. `session` is a boto3 Session (its
    clients honour AWS_ENDPOINT_URL, which is how the emulator is reached).
    `with_streams=False` is for benchmarks that measure no backups (moto keeps
    every stream record in memory and copies it on each transaction).
    `tls_only` (deployed stages) makes the backup bucket refuse plain HTTP."""
    dynamodb = session.client("dynamodb", region_name=settings.region)
    s3 = session.client("s3", region_name=settings.region)
    tables = ensure_tables(dynamodb, settings, with_streams)
    arns = {logical: tables[name]["TableArn"] for logical, name in settings.table_names.items()}
    streams = {logical: tables[settings.table_names[logical]].get("LatestStreamArn", "") for logical in STREAMED_TABLES}
    ensure_table_protection(dynamodb, settings)
    ensure_backup_bucket(s3, settings.backup_bucket, settings.region, tls_only)
    ensure_website_bucket(s3, settings.website_bucket, settings.region)
    queues = ensure_queues(session.client("sqs", region_name=settings.region), settings)
    state_machine_arn, role_arn = ensure_state_machine(
        session.client("stepfunctions", region_name=settings.region), session.client("iam", region_name=settings.region),
        session.client("logs", region_name=settings.region), settings, arns)
    return Resources(
        tables=dict(settings.table_names), table_arns=arns, stream_arns=streams,
        backup_bucket=settings.backup_bucket, website_bucket=settings.website_bucket,
        state_machine_arn=state_machine_arn, state_machine_role_arn=role_arn,
        webhook_queue_url=queues["WebhookQueue"][0], webhook_queue_arn=queues["WebhookQueue"][1],
        stream_failures_queue_url=queues["StreamFailuresQueue"][0],
    )
