"""`make destroy`: removes everything `make deploy` created outside and inside
the stack, keeps the backups unless told, and can run again."""
import json

import boto3
import pytest
from botocore.exceptions import ClientError

from chalicelib.core.settings import get_settings
from ops import deploy, destroy
from ops.stage import stage_settings
from tests.tls_policy import https_requests  # noqa: F401 - a fixture

ACCOUNT, REGION = "123456789012", "us-east-1"


def remaining(settings):
    dynamodb, s3, sfn, iam = (boto3.client(name) for name in ("dynamodb", "s3", "stepfunctions", "iam"))
    left = [name for name in dynamodb.list_tables()["TableNames"] if name.startswith("oms-dev-")]
    left += [b["Name"] for b in s3.list_buckets()["Buckets"] if b["Name"].startswith("oms-dev-")]
    left += [m["name"] for m in sfn.list_state_machines()["stateMachines"] if m["name"].startswith("oms-dev-")]
    left += [r["RoleName"] for r in iam.list_roles()["Roles"] if r["RoleName"].startswith("oms-dev-")]
    left += [url.rsplit("/", 1)[1] for url in boto3.client("sqs").list_queues(QueueNamePrefix="oms-dev-").get("QueueUrls", [])]
    left += [s["StackName"] for s in boto3.client("cloudformation").describe_stacks()["Stacks"]
             if s["StackName"] == "oms-dev" and s["StackStatus"] != "DELETE_COMPLETE"]
    return sorted(left)


@pytest.fixture
def deployed(aws_mock, tmp_path, request):
    request.getfixturevalue("https_requests")
    session = boto3.Session(region_name=REGION)
    settings, _ = deploy.prepare(session, "dev")
    # What CloudFormation and the deploy's last steps leave: a stack, backups, the website, the state cache.
    boto3.client("cloudformation").create_stack(StackName="oms-dev", TemplateBody=json.dumps({"Resources": {
        "Placeholder": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}}))
    s3 = boto3.client("s3")
    for version in (1, 2):
        s3.put_object(Bucket=settings.backup_bucket, Key="orders/o1.json", Body=json.dumps({"version": version}).encode())
    deploy.upload_website(session, settings, "https://abc.execute-api.us-east-1.amazonaws.com/dev")
    deploy.write_deployed_state(tmp_path, "dev", {"RestAPIId": "abc", "EndpointURL": "https://abc/dev/"})
    return session, settings, tmp_path


def test_destroy_removes_everything_but_the_backups_and_runs_again(deployed):
    session, settings, project = deployed
    assert len(remaining(settings)) == 8 + 3 + 3 + 1 + 1 + 1  # tables, buckets, queues, state machine, its role, stack
    said = []
    kept = destroy.destroy(session, "dev", project_dir=project, say=said.append)
    assert kept == [settings.backup_bucket]
    assert remaining(settings) == [settings.backup_bucket]
    assert not (project / ".chalice" / "deployed" / "dev.json").exists()
    assert any("deleting table oms-dev-orders" in line for line in said)
    versions = boto3.client("s3").list_object_versions(Bucket=settings.backup_bucket)["Versions"]
    assert len(versions) == 2  # every backup version is still there for make restore

    said.clear()
    assert destroy.destroy(session, "dev", project_dir=project, say=said.append) == [settings.backup_bucket]
    assert said == []  # nothing left to do


def test_destroy_with_delete_backups_leaves_nothing(deployed):
    session, settings, project = deployed
    assert destroy.destroy(session, "dev", delete_backups=True, project_dir=project, say=lambda _: None) == []
    assert remaining(settings) == []


def test_destroy_touches_no_other_stage(deployed):
    session, settings, project = deployed
    other = get_settings()  # the test stage's own resources
    from ops import provision
    provision.provision(session, other)
    destroy.destroy(session, "dev", delete_backups=True, project_dir=project, say=lambda _: None)
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


def test_stage_names_are_the_deploys():
    settings = stage_settings("dev", ACCOUNT, REGION)
    assert settings.backup_bucket == "oms-dev-backups-123456789012"
    with pytest.raises(ClientError):
        raise ClientError({"Error": {"Code": "NoSuchBucket", "Message": "x"}}, "HeadBucket")
