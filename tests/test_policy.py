"""The generated least-privilege policy grants exactly what the code calls.

A tour through every route and the backup handler records each AWS call the
app makes (botocore events on its own clients) as IAM (action, resource).
The policy must allow every one of them, grant nothing the tour did not use
(per action and resource), and never a `*` resource. Two statements are for
calls AWS makes on the function's behalf (its logs, Lambda reading the table
streams); they are checked for scope only."""
import fnmatch
import json

import pytest

from chalicelib.core.settings import get_settings
from chalicelib.data import aws, dynamo
from chalicelib.data.models import IdempotencyRecord
from chalicelib.domain.auth import hash_key, key_id_for
from ops import policy
from ops.stream_pump import StreamPump
from tests.support import ADMIN_KEY, ROOT, wait_for_execution

ACCOUNT, REGION = "123456789012", "us-east-1"
SERVICE_SIDE = {"LambdaReadsTableStreams", "FunctionLogGroups", "FunctionLogStreams"}
TRANSACT_ACTIONS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem", "ConditionCheck": "ConditionCheckItem"}


def table_arn(name, index=None):
    arn = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}"
    return f"{arn}/index/{index}" if index else arn


class Recorder:
    def __init__(self):
        self.calls = set()

    def __call__(self, model=None, params=None, **_):
        service = model.service_model.service_name
        name = model.name
        if service == "dynamodb":
            if name == "TransactWriteItems":
                for item in params["TransactItems"]:
                    (kind, body), = item.items()
                    self.calls.add((f"dynamodb:{TRANSACT_ACTIONS[kind]}", table_arn(body["TableName"])))
            elif name == "BatchGetItem":
                for table in params["RequestItems"]:
                    self.calls.add(("dynamodb:BatchGetItem", table_arn(table)))
            else:
                self.calls.add((f"dynamodb:{name}", table_arn(params["TableName"], params.get("IndexName"))))
        elif service == "stepfunctions":
            self.calls.add((f"states:{name}", params.get("stateMachineArn") or params.get("executionArn")))
        elif service == "s3":
            self.calls.add((f"s3:{name}", f"arn:aws:s3:::{params['Bucket']}/{params['Key']}"))
        else:
            raise AssertionError(f"unexpected AWS service called by the app: {service}")


def tour(api, monkeypatch):
    """Every route, every branch that touches a different table or action."""
    created = api.post("/orders", {"customer_name": "Tour Guide", "customer_email": "tour@example.com",
                                   "items": [{"product_id": "PROD002", "quantity": 1}]}, headers={"Idempotency-Key": "tour-1"})
    assert api.post("/orders", {"customer_name": "Tour Guide", "customer_email": "tour@example.com",
                                "items": [{"product_id": "PROD002",
                                           "quantity": 1}]}, headers={"Idempotency-Key": "tour-1"}).status_code == 201
    order_id = created.data["order_id"]
    wait_for_execution(created.data["execution_arn"])
    for path in ("/orders", "/orders?status=processing", "/orders?customer_id=CUST001", f"/orders/{order_id}",
                 f"/status/{order_id}", "/executions", "/stats", "/products", "/products?category=books",
                 "/products/PROD001", "/customers", "/customers/CUST001", "/health"):
        assert api.get(path).status_code == 200, path
    assert api.put(f"/orders/{order_id}", {"items": [{"product_id": "PROD003", "quantity": 1}]}).status_code == 200
    assert api.delete(f"/orders/{order_id}").status_code == 200
    assert api.delete(f"/orders/{order_id}?hard=true").status_code == 200
    assert api.post("/products", {"product_id": "TOUR1", "product_name": "Tour", "price": "1.00"}).status_code == 201
    assert api.put("/products/TOUR1", {"add_stock": 3}).status_code == 200
    assert api.post("/customers", {"customer_name": "Tee", "email": "tee@example.com"}).status_code == 201
    failed = api.post("/orders", {"customer_id": "CUST002", "items": [{"product_id": "PROD004", "quantity": 999}]}).data
    wait_for_execution(failed["execution_arn"])
    # Step Functions down: the re-run is recorded and the stream handler starts it later.
    monkeypatch.setenv("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:9")
    aws.reset()
    register_everywhere(api.recorder)
    rerun = api.post(f"/orders/{failed['order_id']}/workflow", headers={"Idempotency-Key": "tour-2"})
    assert rerun.status_code == 202 and rerun.data["workflow"]["started"] is False
    monkeypatch.delenv("AWS_ENDPOINT_URL_SFN")
    aws.reset()
    register_everywhere(api.recorder)
    # A key past its 24 hours, not yet removed by the TTL, is cleared (DeleteItem) and used afresh.
    record = IdempotencyRecord.get(f"{key_id_for(hash_key(ADMIN_KEY))}#tour-1")
    record.update(actions=[IdempotencyRecord.expires_at.set(1)])
    assert api.post("/orders", {"customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 1}]},
                    headers={"Idempotency-Key": "tour-1"}).status_code == 201
    StreamPump().drain()  # the stream functions' handler: backups, the re-run's start


def register_everywhere(recorder):
    for client in (dynamo.get_client(), aws.get_sfn_client(), aws.get_s3_client()):
        client.meta.events.unregister("before-parameter-build", recorder)
        client.meta.events.register("before-parameter-build", recorder)


@pytest.fixture
def generated_policy(resources):
    settings = get_settings()
    return policy.lambda_policy(region=REGION, account=ACCOUNT, app_name="oms", stage=settings.stage,
                                table_arns=resources.table_arns, backup_bucket=settings.backup_bucket,
                                state_machine_arn=resources.state_machine_arn)


def allowed(document, action, resource):
    return any(action in statement["Action"] and any(fnmatch.fnmatchcase(resource, pattern) for pattern in statement["Resource"])
               for statement in document["Statement"])


def test_policy_has_no_wildcard_resources_or_actions(generated_policy):
    for statement in generated_policy["Statement"]:
        assert statement["Effect"] == "Allow"
        assert all("*" not in action for action in statement["Action"])
        for resource in statement["Resource"]:
            assert resource != "*" and resource.startswith("arn:aws:")
            assert resource.split(":")[5] not in ("*", "table/*"), resource


def test_policy_grants_exactly_what_the_code_calls(api, generated_policy, monkeypatch):
    api.recorder = Recorder()
    register_everywhere(api.recorder)
    tour(api, monkeypatch)
    calls = api.recorder.calls

    missing = sorted(call for call in calls if not allowed(generated_policy, *call))
    assert missing == [], f"the code calls what the policy does not allow: {missing}"

    unused = []
    for statement in generated_policy["Statement"]:
        if statement["Sid"] in SERVICE_SIDE:
            continue
        for action in statement["Action"]:
            for pattern in statement["Resource"]:
                if not any(a == action and fnmatch.fnmatchcase(r, pattern) for a, r in calls):
                    unused.append((statement["Sid"], action, pattern))
    assert unused == [], f"the policy grants what the code never calls: {json.dumps(unused, indent=1)}"


@pytest.mark.parametrize("stage, account", [("local", "123456789012"), ("dev", "111122223333"), ("prod", "111122223333")])
def test_committed_policy_files_are_generated_ones(stage, account):
    """Every stage's committed policy is exactly what the generator makes of
    its resource names (`python -m ops.policy` rewrites them)."""
    from chalicelib.core.settings import load_settings
    from ops.stage import stage_settings

    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    assert config["autogen_policy"] is False
    committed = json.loads((ROOT / ".chalice" / config["stages"][stage]["iam_policy_file"]).read_text())
    settings = load_settings({"OMS_STAGE": stage}) if stage == "local" else stage_settings(stage, account, "us-east-1")
    assert committed == policy.for_stage(settings, account=account)
