"""Unit-test fixtures: fake credentials -> moto's in-process AWS -> the real
provisioning code -> demo data -> the Chalice test client.

Environment variables are set before anything imports the app, and
AWS_ENDPOINT_URL* is removed so moto intercepts every call."""
import json
import os
import threading
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

import logging  # noqa: E402

import boto3  # noqa: E402
import pytest  # noqa: E402
from moto import mock_aws  # noqa: E402

from chalicelib import auth, aws, dynamo  # noqa: E402
from chalicelib.settings import get_settings  # noqa: E402
from bench.capacity import items_read  # noqa: E402
from ops import demo_data, provision  # noqa: E402
from ops.emulator import check_then_apply_transactions, serialize_in_process_moto  # noqa: E402

# moto's in-process backends are not thread-safe, while every real AWS request
# is atomic: handle one emulated request at a time (the rule the local stack's
# emulator follows too). Our code's races, between requests, stay.
serialize_in_process_moto()
check_then_apply_transactions()
# moto logs every Fail state of a state machine at ERROR; the tests assert on outcomes.
logging.getLogger("moto").setLevel(logging.CRITICAL)

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


class JsonVerbs:
    """get/post/put/delete over a `call(method, path, body, **kw)`."""

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.call("POST", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.call("PUT", path, body, **kw)

    def delete(self, path, body=None, **kw):
        return self.call("DELETE", path, body, **kw)


class Api(JsonVerbs):
    """The Chalice test client with JSON and API-key conveniences. The test
    client keeps one `current_request` for all threads (the deployed Lambda
    and `chalice local` keep one per request), so threads using it take turns;
    the concurrency tests race real requests over HTTP."""

    def __init__(self, client, key):
        self.client = client
        self.key = key
        self.one_at_a_time = threading.Lock()

    def call(self, method, path, body=None, key="default", headers=None, raw=None):
        all_headers = {"Content-Type": "application/json"}
        if key == "default":
            key = self.key
        if key is not None:
            all_headers["x-api-key"] = key
        all_headers.update(headers or {})
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        with self.one_at_a_time:
            response = getattr(self.client.http, method.lower())(path, headers=all_headers, body=payload)
        response.data = json.loads(response.body) if response.body else None
        return response


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
        self.calls.append(model.name)
        self.items_read += items_read(model.name, parsed)

    def count(self, name):
        return self.calls.count(name)


@pytest.fixture
def dynamodb_calls(aws_mock):
    counter = DynamoDBCalls()
    events = dynamo.get_client().meta.events
    events.register("after-call.dynamodb", counter)
    yield counter
    events.unregister("after-call.dynamodb", counter)


# ---------------------------------------------------------------- the real local stack (end-to-end tests)

import pathlib  # noqa: E402
import signal  # noqa: E402
from ops import run_local  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
E2E_KEY = "e2e-admin-key"


class RunningStack:
    def __init__(self, state_dir: pathlib.Path, api_key: str = E2E_KEY, settings=None):
        self.state_dir = state_dir
        self.api_key = api_key
        self.settings = settings
        self.ports = run_local.free_ports()
        self.api_url = f"http://127.0.0.1:{self.ports['OMS_API_PORT']}"
        self.web_url = f"http://127.0.0.1:{self.ports['OMS_WEB_PORT']}"
        self.aws_url = f"http://127.0.0.1:{self.ports['OMS_AWS_PORT']}"
        self.process = None
        self.info = None

    def environment(self):
        return run_local.background_environment(self.state_dir, self.api_key, self.ports, self.settings)

    def start(self, timeout=120):
        log = self.state_dir / "runner.log"
        try:
            with open(log, "w") as output:
                self.process, self.info = run_local.start_in_background(
                    self.state_dir, self.api_key, self.ports, stdout=output, timeout=timeout, settings=self.settings)
        except run_local.StartupError as error:
            raise AssertionError(f"{error}:\n" + log.read_text())
        return self

    def stop(self, sig=signal.SIGINT, timeout=30):
        self.process.send_signal(sig)
        return self.process.wait(timeout)

    def pids(self):
        return [self.process.pid] + list(self.info["children"].values())

    def aws_client(self, service):
        return boto3.client(service, endpoint_url=self.aws_url, region_name="us-east-1",
                            aws_access_key_id="local", aws_secret_access_key="local")


@pytest.fixture(scope="session")
def local_stack(tmp_path_factory):
    stack = RunningStack(tmp_path_factory.mktemp("stack")).start()
    yield stack
    stack.stop()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class Http(JsonVerbs):
    """JSON over HTTP against a running API."""

    def __init__(self, base_url: str, key: str = E2E_KEY):
        import requests

        self.base_url, self.key = base_url, key
        self.session = requests.Session()

    def call(self, method, path, body=None, key="default", headers=None, timeout=30):
        all_headers = {} if key is None else {"x-api-key": self.key if key == "default" else key}
        all_headers.update(headers or {})
        response = self.session.request(method, self.base_url + path, json=body, headers=all_headers, timeout=timeout)
        response.data = response.json() if response.content else None
        return response


@pytest.fixture
def http(local_stack):
    return Http(local_stack.api_url)
