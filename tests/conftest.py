"""Unit-test fixtures: fake credentials -> moto's in-process AWS -> the real
provisioning code -> demo data -> the Chalice test client.

Environment variables are set before anything imports the app, and
AWS_ENDPOINT_URL* is removed so moto intercepts every call."""
import json
import os
import time

for _name in [name for name in os.environ if name.startswith("AWS_ENDPOINT_URL")]:
    del os.environ[_name]
os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "OMS_STAGE": "test",
    "OMS_API_KEY_CACHE_SECONDS": "0",
    "OMS_STATE_MACHINE_ARN": "arn:aws:states:us-east-1:123456789012:stateMachine:oms-test-order-processing",
    "OMS_LOG_LEVEL": "WARNING",
})

import boto3  # noqa: E402
import pytest  # noqa: E402
from moto import mock_aws  # noqa: E402

from chalicelib import auth, aws, dynamo  # noqa: E402
from chalicelib.settings import get_settings  # noqa: E402
from ops import demo_data, provision  # noqa: E402

ADMIN_KEY = "test-admin-key"
WRITE_KEY = "test-write-key"
READ_KEY = "test-read-key"


@pytest.fixture
def aws_mock():
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        dynamo.reset()
        aws.reset()
        auth.clear_cache()
        yield
    dynamo.reset()
    aws.reset()


@pytest.fixture
def resources(aws_mock):
    return provision.provision(boto3.Session(), get_settings())


@pytest.fixture
def seeded(resources):
    demo_data.load()
    auth.register_key(ADMIN_KEY, "test admin", ["admin"])
    auth.register_key(WRITE_KEY, "test writer", ["write"])
    auth.register_key(READ_KEY, "test reader", ["read"])
    return resources


@pytest.fixture
def without_workflow(monkeypatch):
    """The API with no state machine configured: orders stay pending."""
    monkeypatch.setenv("OMS_STATE_MACHINE_ARN", "")
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


class Api:
    """The Chalice test client with JSON and API-key conveniences."""

    def __init__(self, client, key):
        self.client = client
        self.key = key

    def call(self, method, path, body=None, key="default", headers=None, raw=None):
        all_headers = {"Content-Type": "application/json"}
        if key == "default":
            key = self.key
        if key is not None:
            all_headers["x-api-key"] = key
        all_headers.update(headers or {})
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        response = getattr(self.client.http, method.lower())(path, headers=all_headers, body=payload)
        response.data = json.loads(response.body) if response.body else None
        return response

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.call("POST", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.call("PUT", path, body, **kw)

    def delete(self, path, body=None, **kw):
        return self.call("DELETE", path, body, **kw)


@pytest.fixture
def api(seeded):
    from chalice.test import Client

    from app import app

    with Client(app, stage_name="test") as client:
        yield Api(client, ADMIN_KEY)


def wait_for_execution(execution_arn, timeout=20.0):
    client = boto3.client("stepfunctions")
    deadline = time.time() + timeout
    while time.time() < deadline:
        execution = client.describe_execution(executionArn=execution_arn)
        if execution["status"] != "RUNNING":
            return execution
        time.sleep(0.05)
    raise AssertionError(f"execution {execution_arn} still running after {timeout}s")


class DynamoDBCalls:
    """Counts DynamoDB API calls and the items they read, from botocore's
    after-call events on the shared client (the same numbers AWS bills)."""

    def __init__(self):
        self.calls = []
        self.items_read = 0

    def __call__(self, http_response=None, parsed=None, model=None, **_):
        name = model.name
        self.calls.append(name)
        if name == "GetItem":
            self.items_read += 1 if parsed.get("Item") else 0
        elif name in ("Query", "Scan"):
            self.items_read += parsed.get("ScannedCount", parsed.get("Count", 0))
        elif name in ("BatchGetItem", "TransactGetItems"):
            self.items_read += sum(len(items) for items in parsed.get("Responses", {}).values())

    def count(self, name):
        return self.calls.count(name)


@pytest.fixture
def dynamodb_calls(aws_mock):
    counter = DynamoDBCalls()
    events = dynamo.get_client().meta.events
    events.register("after-call.dynamodb", counter)
    yield counter
    events.unregister("after-call.dynamodb", counter)
