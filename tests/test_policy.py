"""The generated least-privilege policies grant exactly what each function calls.

A tour through every route (the API function) and the stream handler (one
function per table stream) records each AWS call as IAM (action, resource),
attributed to the function that made it. Each function's policy must allow
every call it made, grant nothing it did not use (per action and resource),
and never a `*` resource; the API's has no S3 at all. Statements for calls
AWS makes on the function's behalf (its logs, Lambda reading the table
stream) are checked for scope only. The state machine's role is checked the
same way against the DynamoDB calls its executions make."""
import fnmatch
import json

import boto3
import pytest

from chalicelib.core.settings import get_settings
from chalicelib.data import aws, dynamo, staff_directory
from chalicelib.data.models import IdempotencyRecord
from chalicelib.domain.auth import hash_key, key_id_for
from chalicelib.events import webhook_batch
from ops import policy, provision, staff_pool
from ops.stage import stream_failures_queue_arn
from ops.stream_pump import StreamPump
from ops.webhook_receiver import Receiver
from ops.webhook_worker import WebhookPump
from tests.support import ADMIN_KEY, ROOT, wait_for_execution

ACCOUNT, REGION = "123456789012", "us-east-1"
TRANSACT_ACTIONS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem", "ConditionCheck": "ConditionCheckItem"}


def table_arn(name, index=None):
    arn = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}"
    return f"{arn}/index/{index}" if index else arn


def user_pool_arn(pool_id):
    return f"arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/{pool_id}"


def transaction_calls(items):
    for item in items:
        (kind, body), = item.items()
        yield f"dynamodb:{TRANSACT_ACTIONS[kind]}", table_arn(body["TableName"])


class Recorder:
    """Every AWS call, under the name of the function making it."""

    def __init__(self):
        self.function = policy.API_FUNCTION
        self.calls = {}

    def add(self, action, resource):
        self.calls.setdefault(self.function, set()).add((action, resource))

    def __call__(self, model=None, params=None, **_):
        service = model.service_model.service_name
        name = model.name
        if service == "dynamodb":
            if name == "TransactWriteItems":
                for call in transaction_calls(params["TransactItems"]):
                    self.add(*call)
            elif name in ("BatchGetItem", "BatchWriteItem"):
                for table in params["RequestItems"]:
                    self.add(f"dynamodb:{name}", table_arn(table))
            else:
                self.add(f"dynamodb:{name}", table_arn(params["TableName"], params.get("IndexName")))
        elif service == "stepfunctions":
            self.add(f"states:{name}", params.get("stateMachineArn") or params.get("executionArn"))
        elif service == "s3":
            self.add(f"s3:{name}", f"arn:aws:s3:::{params['Bucket']}/{params['Key']}")
        elif service == "cognito-idp":
            self.add(f"cognito-idp:{name}", user_pool_arn(params["UserPoolId"]))
        elif service == "sqs":
            # SQS authorises a batch call (SendMessageBatch, ...) by its single action's permission.
            action = name[:-len("Batch")] if name.endswith("Batch") else name
            self.add(f"sqs:{action}", f"arn:aws:sqs:{REGION}:{ACCOUNT}:{params['QueueUrl'].rsplit('/', 1)[1]}")
        else:
            raise AssertionError(f"unexpected AWS service called by the app: {service}")

    def stream_function(self, handle):
        """The stream handler, run as the deployed function of its table would."""
        def as_function(kind, records):
            self.function = f"backup_{kind}"
            try:
                return handle(kind, records)
            finally:
                self.function = policy.API_FUNCTION
        return as_function

    def delivery_function(self, handle):
        """The webhook delivery handler, run as the deployed function would."""
        def as_function(*args):
            self.function = policy.DELIVERY_FUNCTION
            try:
                return handle(*args)
            finally:
                self.function = policy.API_FUNCTION
        return as_function


def tour(api, monkeypatch):
    """Every route, every branch that touches a different table or action."""
    created = api.post("/orders", {"customer_name": "Tour Guide", "customer_email": "tour@example.com",
                                   "items": [{"product_id": "PROD002", "quantity": 1}]}, headers={"Idempotency-Key": "tour-1"})
    assert api.post("/orders", {"customer_name": "Tour Guide", "customer_email": "tour@example.com",
                                "items": [{"product_id": "PROD002",
                                           "quantity": 1}]}, headers={"Idempotency-Key": "tour-1"}).status_code == 201
    order_id = created.data["order_id"]
    wait_for_execution(created.data["execution_arn"])
    for path in ("/orders", "/orders?status=processing", "/orders?customer_id=CUST001", "/orders?q=mouse", f"/orders/{order_id}",
                 f"/status/{order_id}", f"/status/{order_id}?history=true", "/executions", "/stats", "/products",
                 "/products?category=books", "/products/PROD001", "/customers", "/customers/CUST001", "/health"):
        assert api.get(path).status_code == 200, path
    assert api.put(f"/orders/{order_id}", {"items": [{"product_id": "PROD003", "quantity": 1}]}).status_code == 200
    assert api.delete(f"/orders/{order_id}").status_code == 200
    assert api.delete(f"/orders/{order_id}?hard=true").status_code == 200
    assert api.post("/products", {"product_id": "TOUR1", "product_name": "Tour", "price": "1.00"}).status_code == 201
    assert api.put("/products/TOUR1", {"add_stock": 3}).status_code == 200
    assert api.post("/customers", {"customer_name": "Tee", "email": "tee@example.com"}).status_code == 201
    failed = api.post("/orders", {"customer_id": "CUST002", "items": [{"product_id": "PROD004", "quantity": 999}]}).data
    wait_for_execution(failed["execution_arn"])
    assert api.put("/products/PROD004", {"add_stock": 1000}).status_code == 200  # a re-run needs the stock
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
    from chalicelib.events import streams

    # Webhooks: an endpoint that fails once (the retry's delay), then takes
    # every event; a test event, a retry and a replay re-queue deliveries.
    monkeypatch.setenv("OMS_WEBHOOK_ALLOW_PRIVATE_TARGETS", "1")
    monkeypatch.setenv("OMS_WEBHOOK_RETRY_BASE_SECONDS", "0")
    get_settings.cache_clear()
    webhook = api.post("/webhooks", {"url": "http://127.0.0.1:9/"}).data
    receiver = Receiver(webhook["secret"]).start()
    receiver.mode = "error"
    hook = f"/webhooks/{webhook['webhook']['webhook_id']}"
    assert api.put(hook, {"url": receiver.url}).status_code == 200
    for path in ("/webhooks", hook, f"{hook}/deliveries"):
        assert api.get(path).status_code == 200, path
    assert api.post(f"{hook}/rotate-secret").status_code == 200
    test_delivery = api.post(f"{hook}/test").data["delivery"]["delivery_id"]
    pump = StreamPump()  # the stream functions: backups, counts, the re-run's start, webhook deliveries
    while pump.poll_once(api.recorder.stream_function(streams.handle)):
        pass
    # The whole batch as the function runs it (its groups' deliveries in threads of its own).
    monkeypatch.setattr(webhook_batch, "deliver", api.recorder.delivery_function(webhook_batch.deliver))
    deliveries = WebhookPump()
    deliveries.poll_once(wait_seconds=0)
    receiver.mode = "ok"
    while deliveries.poll_once(wait_seconds=0):
        pass
    assert api.post(f"{hook}/deliveries/{test_delivery}/retry").status_code == 202
    assert api.post(f"{hook}/replay", {"since": "2000-01-01T00:00:00Z", "until": "2100-01-01T00:00:00Z"}).status_code == 202
    assert api.delete(hook).status_code == 200
    receiver.stop()
    monkeypatch.delenv("OMS_WEBHOOK_ALLOW_PRIVATE_TARGETS")
    monkeypatch.delenv("OMS_WEBHOOK_RETRY_BASE_SECONDS")
    get_settings.cache_clear()
    # Staff: the staff page's routes, and what a Bearer request adds (the
    # person's name for an access token, their last sign-in).
    member = api.post("/staff", {"email": "tour@example.com", "name": "Tour Guide", "role": "viewer"}).data["member"]
    assert api.get("/staff").status_code == 200
    for change in ({"role": "fulfilment"}, {"enabled": False}, {"enabled": True}):
        assert api.put(f"/staff/{member['user_id']}", change).status_code == 200, change
    assert staff_directory.display_name(member["user_id"]) == "Tour Guide"
    staff_directory.record_sign_in(member["user_id"], 1_800_000_000)


def app_clients():
    return (dynamo.get_client(), aws.get_sfn_client(), aws.get_s3_client(), aws.get_sqs_client(), aws.get_cognito_client())


def register_everywhere(recorder):
    for client in app_clients():
        client.meta.events.unregister("before-parameter-build", recorder)
        client.meta.events.register("before-parameter-build", recorder)


@pytest.fixture
def recording(api):
    """The app's clients record every call into `api.recorder` until the test
    ends (they outlive it: the next test must not record into this one)."""
    api.recorder = Recorder()
    register_everywhere(api.recorder)
    yield api.recorder
    for client in app_clients():
        client.meta.events.unregister("before-parameter-build", api.recorder)


@pytest.fixture
def staff_user_pool(resources, monkeypatch):
    """The stage's user pool, as `make run` provisions it."""
    pool_id, client_id = staff_pool.provision(boto3.client("cognito-idp", region_name=REGION), "oms-policy")
    monkeypatch.setenv("OMS_USER_POOL_ID", pool_id)
    monkeypatch.setenv("OMS_USER_POOL_CLIENT_ID", client_id)
    get_settings.cache_clear()
    staff_directory.clear_cache()
    yield pool_id
    get_settings.cache_clear()


@pytest.fixture
def generated_policies(resources, staff_user_pool):
    settings = get_settings()
    return policy.function_policies(region=REGION, account=ACCOUNT, app_name="oms", stage=settings.stage,
                                    table_arns=resources.table_arns, backup_bucket=settings.backup_bucket,
                                    state_machine_arn=resources.state_machine_arn, queue_arn=resources.webhook_queue_arn,
                                    failures_queue_arn=stream_failures_queue_arn(settings, ACCOUNT),
                                    user_pool_arn=user_pool_arn(staff_user_pool))


def allowed(document, action, resource):
    return any(action in statement["Action"] and any(fnmatch.fnmatchcase(resource, pattern) for pattern in statement["Resource"])
               for statement in document["Statement"])


def unused_grants(document, calls):
    unused = []
    for statement in document["Statement"]:
        if statement["Sid"] in policy.SERVICE_SIDE:
            continue
        for action in statement["Action"]:
            for pattern in statement["Resource"]:
                if not any(a == action and fnmatch.fnmatchcase(r, pattern) for a, r in calls):
                    unused.append((statement["Sid"], action, pattern))
    return unused


def test_policies_have_no_wildcard_resources_or_actions(generated_policies):
    assert set(generated_policies) == {"api_handler", "backup_orders", "backup_products", "backup_customers",
                                       "deliver_webhooks"}
    for document in generated_policies.values():
        for statement in document["Statement"]:
            assert statement["Effect"] == "Allow"
            assert all("*" not in action for action in statement["Action"])
            for resource in statement["Resource"]:
                assert resource != "*" and resource.startswith("arn:aws:")
                assert resource.split(":")[5] not in ("*", "table/*"), resource


def test_each_function_is_granted_exactly_what_it_calls(api, recording, generated_policies, monkeypatch):
    tour(api, monkeypatch)
    calls = api.recorder.calls
    assert set(calls) == set(generated_policies), "every function was exercised"
    for function, document in generated_policies.items():
        missing = sorted(call for call in calls[function] if not allowed(document, *call))
        assert missing == [], f"{function} calls what its policy does not allow: {missing}"
        unused = unused_grants(document, calls[function])
        assert unused == [], f"{function}'s policy grants what it never calls: {json.dumps(unused, indent=1)}"
    assert not [call for call in calls["api_handler"] if call[0].startswith("s3:")]
    for kind in ("orders", "products", "customers"):  # each writes its own prefix, reads its own stream
        granted = [r for s in generated_policies[f"backup_{kind}"]["Statement"] for r in s["Resource"]]
        assert [r for r in granted if r.startswith("arn:aws:s3")] == [f"arn:aws:s3:::{get_settings().backup_bucket}/{kind}/*"]
        assert [r for r in granted if "/stream/" in r] == [f"{table_arn(get_settings().table_names[kind])}/stream/*"]


def test_state_machine_role_grants_exactly_what_its_executions_call(api, resources):
    """The executions' DynamoDB calls: the reservation transaction each one
    carries in its input, and the tasks of the definition itself."""
    from chalicelib.core.settings import get_settings

    created = api.post("/orders", {"customer_id": "CUST001", "items": [{"product_id": "PROD001", "quantity": 1}]}).data
    failed = api.post("/orders", {"customer_id": "CUST002", "items": [{"product_id": "PROD004", "quantity": 999}]}).data
    for order in (created, failed):
        wait_for_execution(order["execution_arn"])
    sfn = boto3.client("stepfunctions")
    calls = set()
    for execution in sfn.list_executions(stateMachineArn=resources.state_machine_arn)["executions"]:
        reservation = json.loads(sfn.describe_execution(executionArn=execution["executionArn"])["input"])["reservation"]
        calls |= set(transaction_calls(reservation["TransactItems"]))
    definition = json.loads(provision.workflow_definition(get_settings()))
    for state in definition["States"].values():
        resource = state.get("Resource", "")
        if resource.startswith("arn:aws:states:::aws-sdk:dynamodb:") and "TableName" in state.get("Parameters", {}):
            operation = resource.rsplit(":", 1)[1]
            calls.add((f"dynamodb:{operation[0].upper()}{operation[1:]}", table_arn(state["Parameters"]["TableName"])))
    role_policy = provision.state_machine_role_policies(resources.table_arns)["order-transactions"]
    missing = sorted(call for call in calls if not allowed(role_policy, *call))
    assert missing == [], f"the workflow calls what its role does not allow: {missing}"
    assert unused_grants(role_policy, calls) == []


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_committed_policy_files_are_generated_ones(stage):
    """Every deployed stage's committed policy files are exactly what the
    generator makes of its resource names (`python -m ops.policy --stage`
    rewrites them), one per function, each named in the stage's config."""
    from ops.stage import ACCOUNT, REGION, stage_settings

    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    assert config["autogen_policy"] is False
    functions = config["stages"][stage]["lambda_functions"]
    expected = policy.for_stage(stage_settings(stage, ACCOUNT, REGION), account=ACCOUNT)
    assert set(functions) == set(expected)
    for function, document in expected.items():
        assert functions[function]["iam_policy_file"] == policy.policy_file(stage, function)
        committed = json.loads((ROOT / ".chalice" / functions[function]["iam_policy_file"]).read_text())
        assert committed == document, f"{function}: run python -m ops.policy --stage {stage}"
