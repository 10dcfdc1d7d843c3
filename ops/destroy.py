"""`make destroy STAGE=dev`: remove everything `make deploy` created.

In this order: the CloudFormation stack (the functions, their roles and log
groups, the API, the website's CloudFront distribution), the state machine
and its role, the tables (their deletion protection lifted first), the
webhook queue and its dead-letter queue, the failed stream records queue,
the website and artifacts buckets, and the local cache of the stack's outputs.
The backup bucket is kept (it is what `make restore` rebuilds the tables
from) unless `--delete-backups` is given.

Asks for the stage's name before doing anything (`--yes` skips the question,
for scripts). Idempotent: whatever is already gone is skipped, so it can be
run again after an interruption."""
import argparse
import json
import pathlib
import sys
from typing import Callable, List

from botocore.exceptions import ClientError

from chalicelib.core.settings import Settings
from ops import deploy
from ops.stage import stage_settings

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _missing(error: ClientError, *codes: str) -> bool:
    code = error.response["Error"]["Code"]
    return code in codes or "does not exist" in str(error) or "not found" in str(error).lower()


def delete_stack(cfn, stack: str, say: Callable[[str], None]) -> None:
    try:
        cfn.describe_stacks(StackName=stack)
    except ClientError as error:
        if _missing(error, "ValidationError"):
            return
        raise
    say(f"deleting stack {stack} (CloudFront takes a few minutes)")
    cfn.delete_stack(StackName=stack)
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack, WaiterConfig={"Delay": 10, "MaxAttempts": 360})


def delete_state_machine(sfn, iam, settings: Settings, say) -> None:
    from ops.provision import _find_state_machine

    arn = _find_state_machine(sfn, settings.state_machine_name)
    if arn:
        say(f"deleting state machine {settings.state_machine_name}")
        sfn.delete_state_machine(stateMachineArn=arn)
    role = settings.state_machine_name
    try:
        for name in iam.list_role_policies(RoleName=role)["PolicyNames"]:
            iam.delete_role_policy(RoleName=role, PolicyName=name)
        for attached in iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]:
            iam.detach_role_policy(RoleName=role, PolicyArn=attached["PolicyArn"])
        iam.delete_role(RoleName=role)
        say(f"deleted role {role}")
    except ClientError as error:
        if not _missing(error, "NoSuchEntity"):
            raise


def delete_tables(dynamodb, settings: Settings, say) -> None:
    deleted = []
    for name in settings.table_names.values():
        try:
            if dynamodb.describe_table(TableName=name)["Table"].get("DeletionProtectionEnabled"):
                dynamodb.update_table(TableName=name, DeletionProtectionEnabled=False)
            dynamodb.delete_table(TableName=name)
        except ClientError as error:
            if _missing(error, "ResourceNotFoundException"):
                continue
            raise
        deleted.append(name)
        say(f"deleting table {name}")
    for name in deleted:
        dynamodb.get_waiter("table_not_exists").wait(TableName=name, WaiterConfig={"Delay": 2, "MaxAttempts": 120})


def delete_queues(sqs, settings: Settings, say) -> None:
    from ops.provision import dead_letter_queue_name

    for name in (settings.webhooks.queue_name, dead_letter_queue_name(settings), settings.stream_failures_queue):
        try:
            url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
        except ClientError as error:
            if _missing(error, "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"):
                continue
            raise
        say(f"deleting queue {name}")
        sqs.delete_queue(QueueUrl=url)


def delete_bucket(s3, bucket: str, say) -> None:
    """Every version and delete marker, then the bucket."""
    try:
        s3.head_bucket(Bucket=bucket)
    except ClientError as error:
        if _missing(error, "404", "NoSuchBucket"):
            return
        raise
    objects = 0
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        keys = [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
        for start in range(0, len(keys), 1000):
            s3.delete_objects(Bucket=bucket, Delete={"Objects": keys[start:start + 1000], "Quiet": True})
        objects += len(keys)
    s3.delete_bucket(Bucket=bucket)
    say(f"deleted bucket {bucket} ({objects} object versions)")


def destroy(session, stage: str, delete_backups: bool = False, project_dir: pathlib.Path = ROOT,
            say: Callable[[str], None] = print) -> List[str]:
    """Removes the stage; returns the buckets kept."""
    account = session.client("sts").get_caller_identity()["Account"]
    region = session.region_name or "us-east-1"
    settings = stage_settings(stage, account, region)
    delete_stack(session.client("cloudformation", region_name=region), deploy.stack_name(stage), say)
    delete_state_machine(session.client("stepfunctions", region_name=region), session.client("iam"), settings, say)
    delete_tables(session.client("dynamodb", region_name=region), settings, say)
    delete_queues(session.client("sqs", region_name=region), settings, say)
    s3 = session.client("s3", region_name=region)
    buckets = [settings.website_bucket, deploy.artifacts_bucket(stage, account)]
    kept = []
    if delete_backups:
        buckets.append(settings.backup_bucket)
    else:
        try:
            s3.head_bucket(Bucket=settings.backup_bucket)
            kept.append(settings.backup_bucket)
        except ClientError:
            pass
    for bucket in buckets:
        delete_bucket(s3, bucket, say)
    state = project_dir / ".chalice" / "deployed" / f"{stage}.json"
    if state.exists():
        state.unlink()
    return kept


def main(argv=None) -> int:
    import boto3

    parser = argparse.ArgumentParser(prog="python -m ops.destroy", description="Remove a deployed stage")
    parser.add_argument("--stage", required=True)
    parser.add_argument("--delete-backups", action="store_true", help="also delete the backup bucket and every backup")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    args = parser.parse_args(argv)
    if args.stage == "local":
        print("The local stage lives in `make run`'s emulator: stopping it removes everything.", file=sys.stderr)
        return 2
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    if args.stage not in config["stages"]:
        print(f"unknown stage {args.stage!r}", file=sys.stderr)
        return 2
    session = boto3.Session()
    account = session.client("sts").get_caller_identity()["Account"]
    what = "everything, backups included" if args.delete_backups else "everything except the backup bucket"
    print(f"This removes stage {args.stage} from account {account} ({session.region_name}): {what}.")
    if not args.yes:
        if not sys.stdin.isatty():
            print("make destroy: not a terminal; pass ARGS=--yes to confirm", file=sys.stderr)
            return 1
        if input(f"Type the stage name ({args.stage}) to confirm: ").strip() != args.stage:
            print("Nothing removed.")
            return 1
    kept = destroy(session, args.stage, args.delete_backups)
    for bucket in kept:
        print(f"Kept {bucket} (make destroy STAGE={args.stage} ARGS=--delete-backups removes it)")
    print(f"Stage {args.stage} removed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
