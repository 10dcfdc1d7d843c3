"""`make adopt STAGE=dev`: bring a stage's existing tables, buckets, queues,
workflow and staff user pool (with its groups) under the stateful stack,
without touching their data.

For a stage deployed before the stateful stack existed (provisioning made
its resources with boto3) and for what `make destroy` kept (DeletionPolicy
Retain): CloudFormation resource import. The import's template is the
stateful template cut to the resources that exist (an import creates
nothing), each named by its identifier; afterwards `make deploy` creates
the rest (the failed-records queue, the workflow's log group, ...) and
brings every setting to the template's. Nothing is deleted or replaced;
resources keep their names, so the functions and the data never move."""
import argparse
import json
import sys
from typing import Callable, Dict, List, Optional, Set

from botocore.exceptions import ClientError

from ops import deploy, provision, staff_pool, stateful
from ops.stage import resolve


def _missing(call: Callable, *codes: str) -> bool:
    try:
        call()
    except ClientError as error:
        if error.response["Error"]["Code"] in codes or "does not exist" in str(error) or "not found" in str(error).lower():
            return True
        raise
    return False


def identifier(session, resource: dict) -> Optional[Dict[str, str]]:
    """The import identifier of one stateful resource when it exists in the
    account (its properties already resolved), else None."""
    kind, properties = resource["Type"], resource["Properties"]
    if kind == "AWS::DynamoDB::Table":
        name = properties["TableName"]
        exists = not _missing(lambda: session.client("dynamodb").describe_table(TableName=name), "ResourceNotFoundException")
        return {"TableName": name} if exists else None
    if kind == "AWS::S3::Bucket":
        name = properties["BucketName"]
        exists = not _missing(lambda: session.client("s3").head_bucket(Bucket=name), "404", "NoSuchBucket")
        return {"BucketName": name} if exists else None
    if kind == "AWS::S3::BucketPolicy":
        bucket = properties["Bucket"]
        exists = not _missing(lambda: session.client("s3").get_bucket_policy(Bucket=bucket), "NoSuchBucketPolicy",
                              "NoSuchBucket")
        return {"Bucket": bucket} if exists else None
    if kind == "AWS::SQS::Queue":
        try:
            return {"QueueUrl": session.client("sqs").get_queue_url(QueueName=properties["QueueName"])["QueueUrl"]}
        except ClientError as error:
            if error.response["Error"]["Code"] in ("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"):
                return None
            raise
    if kind == "AWS::Logs::LogGroup":
        name = properties["LogGroupName"]
        groups = session.client("logs").describe_log_groups(logGroupNamePrefix=name)["logGroups"]
        return {"LogGroupName": name} if any(group["logGroupName"] == name for group in groups) else None
    if kind == "AWS::IAM::Role":
        name = properties["RoleName"]
        return None if _missing(lambda: session.client("iam").get_role(RoleName=name), "NoSuchEntity") else {"RoleName": name}
    if kind == "AWS::StepFunctions::StateMachine":
        arn = provision._find_state_machine(session.client("stepfunctions"), properties["StateMachineName"])
        return {"Arn": arn} if arn else None
    if kind == "AWS::Cognito::UserPool":
        pool_id = staff_pool.find_pool(session.client("cognito-idp"), properties["UserPoolName"])
        return {"UserPoolId": pool_id} if pool_id else None
    if kind == "AWS::Cognito::UserPoolGroup":
        pool_id, group = properties["UserPoolId"], properties["GroupName"]
        if not isinstance(pool_id, str):  # its pool does not exist (a Ref left unresolved)
            return None
        cognito = session.client("cognito-idp")
        exists = not _missing(lambda: cognito.get_group(UserPoolId=pool_id, GroupName=group), "ResourceNotFoundException")
        return {"UserPoolId": pool_id, "GroupName": group} if exists else None
    if kind == "AWS::Cognito::UserPoolClient":
        return None  # holds no data: the next deploy makes one (and puts its id in config.json)
    raise ValueError(f"no import identifier for {kind}")


def _with_found(value, found: Dict[str, Dict[str, str]]):
    """A Ref to a resource found is its identifier's value (what Ref returns
    for each kind here: a name, a URL, an ARN, a pool id)."""
    if isinstance(value, dict):
        if set(value) == {"Ref"} and value["Ref"] in found and len(found[value["Ref"]]) == 1:
            return next(iter(found[value["Ref"]].values()))
        return {key: _with_found(item, found) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_found(item, found) for item in value]
    return value


def existing(session, concrete: dict) -> Dict[str, tuple]:
    """Logical id -> (type, import identifier) of each resource of a
    concrete stateful template that exists in the account (a group found
    through its pool, so the pool comes first in the template)."""
    found: Dict[str, tuple] = {}
    for logical, resource in concrete["Resources"].items():
        key = identifier(session, _with_found(resource, {name: key for name, (_, key) in found.items()}))
        if key:
            found[logical] = (resource["Type"], key)
    return found


def _references(value) -> Set[str]:
    """Logical ids a property value points at (Ref, Fn::GetAtt)."""
    if isinstance(value, dict):
        if set(value) == {"Ref"}:
            return {value["Ref"]}
        if set(value) == {"Fn::GetAtt"}:
            return {value["Fn::GetAtt"][0]}
        return set().union(*(_references(item) for item in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_references(item) for item in value)) if value else set()
    return set()


def import_plan(session, stage: str, template: dict) -> tuple:
    """(the import template, ResourcesToImport) for what exists of `template`
    (the stateful template as ops/package.py writes it). A property pointing
    at a resource that does not exist yet is left out of the import; the next
    deploy sets it. The template's parameters those resources use come along
    (their defaults: the user pool's settings)."""
    account = session.client("sts").get_caller_identity()["Account"]
    region = session.region_name or "us-east-1"
    concrete = json.loads(resolve(json.dumps(stateful.stateful_template(stage, 14)), account, region))
    found = existing(session, concrete)
    resources = {}
    available = set(found) | set(template.get("Parameters", {}))
    for logical in found:
        resource = json.loads(json.dumps(template["Resources"][logical]))
        resource["Properties"] = {name: value for name, value in resource["Properties"].items()
                                  if _references(value) <= available}
        resources[logical] = resource
    to_import = [{"ResourceType": kind, "LogicalResourceId": logical, "ResourceIdentifier": key}
                 for logical, (kind, key) in found.items()]
    parameters = {name: spec for name, spec in template.get("Parameters", {}).items()
                  if any(name in _references(resource) for resource in resources.values())}
    return {"AWSTemplateFormatVersion": "2010-09-09", "Description": template.get("Description", ""),
            **({"Parameters": parameters} if parameters else {}), "Resources": resources}, to_import


def adopt(session, stage: str, say: Callable[[str], None] = print) -> List[str]:
    """Imports what exists into a new stateful stack; the logical ids imported."""
    import time

    from ops import package

    cfn = session.client("cloudformation")
    stack = deploy.stateful_stack_name(stage)
    if deploy.change_set_type(cfn, stack) != "CREATE":
        raise deploy.DeployError(f"stack {stack} exists already: `make deploy STAGE={stage}` keeps it up to date")
    settings, account = deploy.prepare(session, stage)
    retention = package.stage_config(stage).get("log_retention_in_days", 14)
    template, to_import = import_plan(session, stage, package.stateful_template(stage, retention))
    if not to_import:
        raise deploy.DeployError(f"nothing of stage {stage} exists to adopt: `make deploy STAGE={stage}` creates it")
    bucket = deploy.artifacts_bucket(stage, account)
    key = f"{stage}/adopt-{int(time.time())}.json"
    session.client("s3").put_object(Bucket=bucket, Key=key, Body=json.dumps(template).encode(),
                                    ContentType="application/json")
    request = {**deploy.change_set_request(stack, stage, "IMPORT", f"https://{bucket}.s3.{settings.region}.amazonaws.com/"
                                           f"{key}", f"adopt-{int(time.time())}"), "ResourcesToImport": to_import}
    say(f"importing into {stack}: " + ", ".join(sorted(item["LogicalResourceId"] for item in to_import)))
    deploy.apply_change_set(cfn, request, say)
    return [item["LogicalResourceId"] for item in to_import]


def main(argv=None) -> int:
    import boto3

    from ops import aws_errors

    parser = argparse.ArgumentParser(prog="python -m ops.adopt",
                                     description="Import a stage's existing tables, buckets and queues into its stateful stack")
    parser.add_argument("--stage", required=True)
    args = parser.parse_args(argv)
    if args.stage == "local":
        print("The local stage lives in `make run`'s emulator: there is nothing to adopt.", file=sys.stderr)
        return 2

    def run() -> int:
        try:
            adopted = adopt(boto3.Session(), args.stage)
        except deploy.DeployError as error:
            print(f"make adopt: {error}", file=sys.stderr)
            return 1
        print(f"Adopted {len(adopted)} resources. Next: make deploy STAGE={args.stage} (creates the rest and applies "
              "every setting)")
        return 0

    return aws_errors.run("make adopt", run)


if __name__ == "__main__":
    sys.exit(main())
