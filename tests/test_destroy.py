"""`make destroy`: removes both stacks and the artifacts, keeps what the
stateful template protects (DeletionPolicy Retain) and says so, removes that
too only when told, and can run again."""
import functools
import json

import boto3
import pytest
from botocore.exceptions import ClientError

from chalicelib.core.settings import get_settings
from ops import deploy, destroy
from ops.stage import stage_settings
from tests.support import create_stateful_stack
from tests.tls_policy import https_requests  # noqa: F401 - a fixture

ACCOUNT, REGION = "123456789012", "us-east-1"


def remaining(settings):
    dynamodb, s3, sfn = (boto3.client(name) for name in ("dynamodb", "s3", "stepfunctions"))
    left = [name for name in dynamodb.list_tables()["TableNames"] if name.startswith("oms-dev-")]
    left += [b["Name"] for b in s3.list_buckets()["Buckets"] if b["Name"].startswith("oms-dev-")]
    left += [m["name"] for m in sfn.list_state_machines()["stateMachines"] if m["name"].startswith("oms-dev-")]
    left += [url.rsplit("/", 1)[1] for url in boto3.client("sqs").list_queues(QueueNamePrefix="oms-dev-").get("QueueUrls", [])]
    left += [g["logGroupName"] for g in boto3.client("logs").describe_log_groups()["logGroups"] if "oms-dev" in g["logGroupName"]]
    left += [s["StackName"] for s in boto3.client("cloudformation").describe_stacks()["Stacks"]
             if s["StackName"].startswith("oms-dev") and s["StackStatus"] != "DELETE_COMPLETE"]
    return sorted(left)


@pytest.fixture
def deployed(aws_mock, tmp_path, request):
    request.getfixturevalue("https_requests")
    session = boto3.Session(region_name=REGION)
    settings, _ = deploy.prepare(session, "dev")
    create_stateful_stack("dev")
    boto3.client("logs").create_log_group(logGroupName=FUNCTION_LOGS)
    # What the app stack and the deploy's last steps leave: a stack, backups, the website, the state cache.
    boto3.client("cloudformation").create_stack(StackName="oms-dev", TemplateBody=json.dumps({"Resources": {
        "Placeholder": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}}))
    s3 = boto3.client("s3")
    for version in (1, 2):
        s3.put_object(Bucket=settings.backup_bucket, Key="orders/o1.json", Body=json.dumps({"version": version}).encode())
    deploy.upload_website(session, settings, "https://abc.execute-api.us-east-1.amazonaws.com/dev")
    deploy.write_deployed_state(tmp_path, "dev", {"RestAPIId": "abc", "EndpointURL": "https://abc/dev/"})
    return session, settings, tmp_path


# The app stack here is a placeholder: a function's log group (named after
# the stack) stands for those its log groups' Retain keeps.
FUNCTION_LOGS = "/aws/lambda/oms-dev-APIHandler-AbC123"
KEPT = (["DynamoDB::Table"] * 8 + ["S3::Bucket"] * 2 + ["SQS::Queue"] * 3 + ["Logs::LogGroup"] * 2
        + ["Cognito::UserPool"] + ["Cognito::UserPoolGroup"] * 3)


def test_destroy_removes_the_stacks_keeps_what_retain_protects_and_says_so(deployed):
    session, settings, project = deployed
    before = remaining(settings)
    assert "oms-dev" in before and "oms-dev-stateful" in before
    said = []
    kept = destroy.destroy(session, "dev", project_dir=project, say=said.append)
    assert sorted(line.split(" ")[0] for line in kept) == sorted(kind.split("::")[1] for kind in KEPT)
    assert "Table oms-dev-orders" in kept and f"Bucket {settings.backup_bucket}" in kept
    assert "Queue oms-dev-stream-failures" in kept and f"LogGroup {FUNCTION_LOGS}" in kept
    assert "LogGroup /aws/vendedlogs/states/oms-dev-order-processing" in kept
    assert "UserPoolGroup manager" in kept  # people's roles, with the pool
    left = remaining(settings)
    assert "oms-dev" not in left and "oms-dev-stateful" not in left and "oms-dev-order-processing" not in left
    assert "oms-dev-orders" in left and settings.website_bucket in left and "oms-dev-webhooks.fifo" in left
    assert deploy.artifacts_bucket("dev", ACCOUNT) not in left
    assert not (project / ".chalice" / "deployed" / "dev.json").exists()
    assert any("deleting stack oms-dev-stateful" in line for line in said)
    backup = boto3.client("s3").get_object(Bucket=settings.backup_bucket, Key="orders/o1.json")["Body"].read()
    assert json.loads(backup) == {"version": 2}  # still there for make restore

    said.clear()
    assert destroy.destroy(session, "dev", project_dir=project, say=said.append) == kept
    assert said == []  # nothing left to do


def test_make_destroy_says_what_it_kept_and_how_to_get_it_back(deployed, monkeypatch, capsys):
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setattr(destroy, "destroy", functools.partial(destroy.destroy, project_dir=deployed[2]))
    assert destroy.main(["--stage", "dev", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Kept (DeletionPolicy Retain): Table oms-dev-orders" in out and "Queue oms-dev-stream-failures" in out
    assert "make adopt STAGE=dev" in out and "--delete-data" in out


def test_destroy_with_delete_data_keeps_only_the_backups(deployed):
    session, settings, project = deployed
    kept = destroy.destroy(session, "dev", delete_data_too=True, project_dir=project, say=lambda _: None)
    assert kept == [f"Bucket {settings.backup_bucket}"]
    assert remaining(settings) == [settings.backup_bucket]


def test_destroy_with_delete_backups_leaves_nothing(deployed):
    session, settings, project = deployed
    assert destroy.destroy(session, "dev", delete_data_too=True, delete_backups=True, project_dir=project,
                           say=lambda _: None) == []
    assert remaining(settings) == []


def test_destroy_touches_no_other_stage(deployed):
    session, settings, project = deployed
    other = get_settings()  # the test stage's own resources
    from ops import provision
    provision.provision(session, other)
    destroy.destroy(session, "dev", delete_data_too=True, delete_backups=True, project_dir=project, say=lambda _: None)
    assert boto3.client("dynamodb").describe_table(TableName=other.orders_table)["Table"]["TableStatus"] == "ACTIVE"
    boto3.client("s3").head_bucket(Bucket=other.backup_bucket)


def test_destroy_asks_first(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    called = []
    monkeypatch.setattr(destroy, "destroy", lambda *a, **k: called.append(a))

    class Session:
        region_name = REGION

        def client(self, name, **_):
            class Sts:
                def get_caller_identity(self):
                    return {"Account": ACCOUNT}
            return Sts()

    monkeypatch.setattr("boto3.Session", lambda *a, **k: Session())
    assert destroy.main(["--stage", "dev"]) == 1 and called == []
    assert "--yes" in capsys.readouterr().err
    assert destroy.main(["--stage", "local"]) == 2
    assert destroy.main(["--stage", "dev", "--delete-backups"]) == 2 and called == []  # only with --delete-data


def test_stage_names_are_the_deploys():
    settings = stage_settings("dev", ACCOUNT, REGION)
    assert settings.backup_bucket == "oms-dev-backups-123456789012"
    with pytest.raises(ClientError):
        raise ClientError({"Error": {"Code": "NoSuchBucket", "Message": "x"}}, "HeadBucket")
