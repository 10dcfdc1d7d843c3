"""`make destroy STAGE=dev`: remove a deployed stage, keeping its data.

It deletes the app stack (functions, roles, the API, alarms, dashboard, the
website's CloudFront distribution), then the stateful stack, and the stage's
artifacts bucket. CloudFormation keeps every resource the stateful template
marks `DeletionPolicy: Retain` (the tables, the backup and website buckets,
the queues) and the log groups; the tool lists what was kept. `make adopt`
brings the kept resources back under a new stateful stack.

`--delete-data` also removes the kept tables (lifting their deletion
protection), queues, website bucket, log groups and a pre-stack state
machine; the backup bucket (what `make restore` rebuilds the tables from)
only with `--delete-backups` as well.

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
    from ops.provision import queue_definitions

    for name in [queue.name for queue in queue_definitions(settings)]:
        try:
            url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
        except ClientError as error:
            if _missing(error, "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"):
                continue
            raise
        say(f"deleting queue {name}")
        sqs.delete_queue(QueueUrl=url)


def delete_user_pool(cognito, settings: Settings, say) -> None:
    """The staff user pool, its people and groups with it."""
    from ops.staff_pool import find_pool, pool_name

    pool_id = find_pool(cognito, pool_name(settings.resource_prefix))
    if pool_id:
        say(f"deleting user pool {pool_name(settings.resource_prefix)} ({pool_id}) and everyone in it")
        cognito.delete_user_pool(UserPoolId=pool_id)


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


def log_groups(logs, settings: Settings, stage: str) -> List[str]:
    """The stage's log groups: its functions', its API's access log, its workflow's."""
    from ops.provision import workflow_log_group

    names = []
    for prefix in (f"/aws/lambda/{deploy.stack_name(stage)}-", workflow_log_group(settings)):
        for page in logs.get_paginator("describe_log_groups").paginate(logGroupNamePrefix=prefix):
            names += [group["logGroupName"] for group in page["logGroups"]]
    for page in logs.get_paginator("describe_log_groups").paginate(logGroupNamePrefix=deploy.stack_name(stage) + "-"):
        names += [group["logGroupName"] for group in page["logGroups"] if "ApiAccessLogGroup" in group["logGroupName"]]
    return names


def kept_resources(session, settings: Settings, stage: str) -> List[str]:
    """What of the stage is still there after its stacks are gone."""
    from ops.adopt import existing
    from ops.stage import resolve
    from ops.stateful import stateful_template

    account = session.client("sts").get_caller_identity()["Account"]
    concrete = json.loads(resolve(json.dumps(stateful_template(stage, 14)), account, settings.region))
    kept = []
    for kind, key in existing(session, concrete).values():
        if kind in ("AWS::S3::BucketPolicy", "AWS::Logs::LogGroup"):  # the policy goes with its bucket; log groups: below
            continue
        kept.append(f"{kind.split('::')[-1]} {list(key.values())[-1].rsplit('/', 1)[-1]}")
    return kept + [f"LogGroup {name}" for name in log_groups(session.client("logs"), settings, stage)]


def delete_data(session, settings: Settings, stage: str, delete_backups: bool, say) -> None:
    """The kept resources themselves (and a state machine made before the stateful stack)."""
    region = settings.region
    delete_state_machine(session.client("stepfunctions", region_name=region), session.client("iam"), settings, say)
    delete_tables(session.client("dynamodb", region_name=region), settings, say)
    delete_queues(session.client("sqs", region_name=region), settings, say)
    delete_user_pool(session.client("cognito-idp", region_name=region), settings, say)
    logs = session.client("logs", region_name=region)
    for name in log_groups(logs, settings, stage):
        logs.delete_log_group(logGroupName=name)
        say(f"deleted log group {name}")
    s3 = session.client("s3", region_name=region)
    for bucket in [settings.website_bucket] + ([settings.backup_bucket] if delete_backups else []):
        delete_bucket(s3, bucket, say)


def destroy(session, stage: str, delete_data_too: bool = False, delete_backups: bool = False,
            project_dir: pathlib.Path = ROOT, say: Callable[[str], None] = print) -> List[str]:
    """Removes the stage's stacks (and, when asked, its data); returns what was kept."""
    account = session.client("sts").get_caller_identity()["Account"]
    region = session.region_name or "us-east-1"
    settings = stage_settings(stage, account, region)
    cfn = session.client("cloudformation", region_name=region)
    delete_stack(cfn, deploy.stack_name(stage), say)
    delete_stack(cfn, deploy.stateful_stack_name(stage), say)
    delete_bucket(session.client("s3", region_name=region), deploy.artifacts_bucket(stage, account), say)
    if delete_data_too:
        delete_data(session, settings, stage, delete_backups, say)
    state = project_dir / ".chalice" / "deployed" / f"{stage}.json"
    if state.exists():
        state.unlink()
    return kept_resources(session, settings, stage)


def main(argv=None) -> int:
    import boto3

    from ops import aws_errors

    parser = argparse.ArgumentParser(prog="python -m ops.destroy", description="Remove a deployed stage")
    parser.add_argument("--stage", required=True)
    parser.add_argument("--delete-data", action="store_true",
                        help="also delete what the stacks keep (tables, queues, website bucket, log groups, "
                             "the staff user pool)")
    parser.add_argument("--delete-backups", action="store_true",
                        help="with --delete-data: the backup bucket and every backup too")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    args = parser.parse_args(argv)
    if args.stage == "local":
        print("The local stage lives in `make run`'s emulator: stopping it removes everything.", file=sys.stderr)
        return 2
    if args.delete_backups and not args.delete_data:
        print("--delete-backups goes with --delete-data (the tables go first)", file=sys.stderr)
        return 2
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    if args.stage not in config["stages"]:
        print(f"unknown stage {args.stage!r}", file=sys.stderr)
        return 2

    def run() -> int:
        session = boto3.Session()
        account = session.client("sts").get_caller_identity()["Account"]
        what = ("both stacks and every table, queue, bucket and the staff user pool"
                + ("" if args.delete_backups else " but the backups")
                if args.delete_data else "both stacks; the tables, buckets, queues, logs and staff user pool stay "
                                         "(DeletionPolicy Retain)")
        print(f"This removes stage {args.stage} from account {account} ({session.region_name}): {what}.")
        if not args.yes:
            if not sys.stdin.isatty():
                print("make destroy: not a terminal; pass ARGS=--yes to confirm", file=sys.stderr)
                return 1
            if input(f"Type the stage name ({args.stage}) to confirm: ").strip() != args.stage:
                print("Nothing removed.")
                return 1
        kept = destroy(session, args.stage, args.delete_data, args.delete_backups)
        if kept:
            print("Kept (DeletionPolicy Retain): " + ", ".join(kept))
            print(f"  make adopt STAGE={args.stage} puts them back under a stack; make destroy STAGE={args.stage} "
                  "ARGS='--delete-data [--delete-backups]' removes them")
        print(f"Stage {args.stage} removed.")
        return 0

    return aws_errors.run("make destroy", run)


if __name__ == "__main__":
    sys.exit(main())
