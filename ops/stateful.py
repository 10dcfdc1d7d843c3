"""The stateful stack of a stage (`oms-<stage>-stateful`): everything that
holds data, and the order workflow, as a CloudFormation template.

It is generated from the very definitions `ops/provision.py` creates on the
emulator for `make run` (the tables from the PynamoDB models with their TTL,
point-in-time recovery and deletion protection; the buckets' settings; the
queues; the state machine with its role, logging and tracing), so the two can
not drift apart (tests/test_provisioning.py compares the emulator's resources
with this template).

Every table, bucket, queue and the workflow's log group is `DeletionPolicy:
Retain` and `UpdateReplacePolicy: Retain`: deleting the stack, or a change
that would replace one of them, leaves the resource and its data where it is
(`make adopt` imports them into a new stack). The state machine and its role
hold no data a restore needs and go with the stack. The staff's Cognito user
pool (ops/staff_pool.py: people's accounts are data, so Retain too) and its
groups (the people's roles) are here with the console's client; the pool's
settings are this stack's parameters (password length, MFA)."""
from typing import Dict

from chalicelib.core.settings import STREAMED_TABLES, Settings
from ops import provision, staff_pool

RETAIN = {"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}
DELETE = {"DeletionPolicy": "Delete", "UpdateReplacePolicy": "Delete"}


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def table_logical_id(logical: str) -> str:
    return f"{_camel(logical)}Table"


def stream_output(kind: str) -> str:
    """The stateful stack's output (and the app stack's parameter) carrying a table's stream ARN."""
    return f"{kind.capitalize()}StreamArn"


def table_resource(definition: dict, ttl_attribute: str = None) -> dict:
    """A CreateTable request (provision.table_definitions) as a table resource."""
    properties = {key: definition[key] for key in ("TableName", "AttributeDefinitions", "KeySchema", "BillingMode")}
    if definition.get("GlobalSecondaryIndexes"):
        properties["GlobalSecondaryIndexes"] = definition["GlobalSecondaryIndexes"]
    if definition.get("StreamSpecification", {}).get("StreamEnabled"):
        properties["StreamSpecification"] = {"StreamViewType": definition["StreamSpecification"]["StreamViewType"]}
    if ttl_attribute:
        properties["TimeToLiveSpecification"] = {"AttributeName": ttl_attribute, "Enabled": True}
    properties["PointInTimeRecoverySpecification"] = {"PointInTimeRecoveryEnabled": True}
    properties["DeletionProtectionEnabled"] = True
    return {"Type": "AWS::DynamoDB::Table", **RETAIN, "Properties": properties}


def _attribute_value(value: str):
    """An SQS API attribute string as CloudFormation's typed property."""
    if value in ("true", "false"):
        return value == "true"
    return int(value) if value.isdigit() else value


def queue_resource(queue: provision.QueueDefinition) -> dict:
    properties = {"QueueName": queue.name, **{key: _attribute_value(value) for key, value in queue.attributes.items()}}
    if queue.dead_letter:
        properties["RedrivePolicy"] = {"deadLetterTargetArn": {"Fn::GetAtt": [queue.dead_letter, "Arn"]},
                                       "maxReceiveCount": queue.max_receives}
    return {"Type": "AWS::SQS::Queue", **RETAIN, "Properties": properties}


def _lifecycle_rule(rule: dict) -> dict:
    """An S3 API lifecycle rule (provision.backup_lifecycle) in CloudFormation's spelling."""
    return {"Id": rule["ID"], "Status": rule["Status"],
            "NoncurrentVersionTransitions": [{"StorageClass": t["StorageClass"], "TransitionInDays": t["NoncurrentDays"]}
                                             for t in rule["NoncurrentVersionTransitions"]],
            "NoncurrentVersionExpiration": rule["NoncurrentVersionExpiration"],
            "AbortIncompleteMultipartUpload": rule["AbortIncompleteMultipartUpload"]}


def _bucket(name: str, **extra) -> dict:
    encryption = [{"ServerSideEncryptionByDefault": rule["ApplyServerSideEncryptionByDefault"],
                   "BucketKeyEnabled": rule["BucketKeyEnabled"]} for rule in provision.ENCRYPTION_RULES]
    return {"Type": "AWS::S3::Bucket", **RETAIN, "Properties": {
        "BucketName": name, "BucketEncryption": {"ServerSideEncryptionConfiguration": encryption},
        "PublicAccessBlockConfiguration": provision.PRIVATE, **extra}}


def bucket_resources(settings: Settings) -> Dict[str, dict]:
    """The backup bucket (versioned, old versions cold then expired, TLS
    only) and the website bucket (private: the app stack's CloudFront
    distribution alone reads it)."""
    return {
        "BackupBucket": _bucket(settings.backup_bucket, VersioningConfiguration={"Status": "Enabled"},
                                LifecycleConfiguration={"Rules": [_lifecycle_rule(rule)
                                                                  for rule in provision.backup_lifecycle()["Rules"]]}),
        "BackupBucketPolicy": {"Type": "AWS::S3::BucketPolicy", **RETAIN, "DependsOn": "BackupBucket", "Properties": {
            "Bucket": settings.backup_bucket, "PolicyDocument": {
                "Version": "2012-10-17", "Statement": [provision.tls_only_statement(settings.backup_bucket)]}}},
        "WebsiteBucket": _bucket(settings.website_bucket),
    }


def workflow_resources(settings: Settings, log_retention_days: int) -> Dict[str, dict]:
    """The state machine, logging every execution to CloudWatch Logs and
    traced by X-Ray, with its role."""
    table_arns = {logical: {"Fn::GetAtt": [table_logical_id(logical), "Arn"]} for logical in ("orders", "products")}
    observed = provision.workflow_logging("LOG_GROUP")
    logging, tracing = observed["loggingConfiguration"], observed["tracingConfiguration"]
    return {
        "WorkflowLogGroup": {"Type": "AWS::Logs::LogGroup", **RETAIN, "Properties": {
            "LogGroupName": provision.workflow_log_group(settings), "RetentionInDays": log_retention_days}},
        "WorkflowRole": {"Type": "AWS::IAM::Role", **DELETE, "Properties": {
            "RoleName": settings.state_machine_name, "AssumeRolePolicyDocument": provision.STATE_MACHINE_ASSUME,
            "Policies": [{"PolicyName": name, "PolicyDocument": document}
                         for name, document in provision.state_machine_role_policies(table_arns).items()]}},
        "OrderWorkflow": {"Type": "AWS::StepFunctions::StateMachine", **DELETE, "Properties": {
            "StateMachineName": settings.state_machine_name, "StateMachineType": "STANDARD",
            "DefinitionString": provision.workflow_definition(settings),
            "RoleArn": {"Fn::GetAtt": ["WorkflowRole", "Arn"]},
            "LoggingConfiguration": {
                "Level": logging["level"], "IncludeExecutionData": logging["includeExecutionData"],
                "Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": {"Fn::GetAtt": ["WorkflowLogGroup", "Arn"]}}}]},
            "TracingConfiguration": {"Enabled": tracing["enabled"]}}},
    }


def stateful_resources(settings: Settings, log_retention_days: int) -> Dict[str, dict]:
    resources = {}
    for definition in provision.table_definitions(settings):
        logical = next(name for name, table in settings.table_names.items() if table == definition["TableName"])
        resources[table_logical_id(logical)] = table_resource(definition, provision.TTL_ATTRIBUTES.get(logical))
    resources.update(bucket_resources(settings))
    for queue in provision.queue_definitions(settings):
        resources[queue.logical_id] = queue_resource(queue)
    resources.update(workflow_resources(settings, log_retention_days))
    resources.update(staff_pool.template_resources(settings.resource_prefix))
    return resources


def stateful_template(stage: str, log_retention_days: int) -> dict:
    """The stage's stateful template, account- and region-free (names with
    `${AWS::AccountId}` become Fn::Sub when ops/package.py makes it portable)."""
    from ops.stage import ACCOUNT, REGION, stage_settings

    settings = stage_settings(stage, ACCOUNT, REGION)
    outputs = {stream_output(kind): {"Description": f"The {kind} table's stream (the app stack's parameter)",
                                     "Value": {"Fn::GetAtt": [table_logical_id(kind), "StreamArn"]}}
               for kind in STREAMED_TABLES}
    outputs["StateMachineArn"] = {"Value": {"Ref": "OrderWorkflow"}}
    outputs["StreamFailuresQueueUrl"] = {"Value": {"Ref": "StreamFailuresQueue"}}
    outputs.update(staff_pool.template_outputs())
    return {"AWSTemplateFormatVersion": "2010-09-09",
            "Description": f"oms {stage}: tables, buckets, queues, the order workflow and the staff user pool "
                          "(kept when the stack goes)",
            "Parameters": staff_pool.template_parameters(),
            "Resources": stateful_resources(settings, log_retention_days), "Outputs": outputs}
