"""Unit-test fixtures: fake credentials -> moto's in-process AWS -> the real
provisioning code -> demo data -> the Chalice test client.

Environment variables are set before anything imports the app, and
AWS_ENDPOINT_URL* is removed so moto intercepts every call."""
import os

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
    "OMS_CURSOR_SECRET": "test-next-token-secret",
    # moto's URL of the provisioned queue (deployed stages are given theirs too).
    "OMS_WEBHOOK_QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/123456789012/oms-test-webhooks.fifo",
})

import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402

import boto3  # noqa: E402
import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from moto import mock_aws  # noqa: E402
from moto.core.base_backend import BackendDict  # noqa: E402

from chalicelib.core.logs import JsonFormatter  # noqa: E402
from chalicelib.core.settings import get_settings  # noqa: E402
from chalicelib.data import aws, dynamo, order_numbers, webhook_queue  # noqa: E402
from chalicelib.domain import auth  # noqa: E402
from metering.round_trips import RoundTrips  # noqa: E402
from ops import demo_data, provision  # noqa: E402
from ops.emulator import check_then_apply_transactions, serialize_in_process_moto  # noqa: E402
from tests.emulated_aws import ProvisionedWorld  # noqa: E402
from tests.support import ADMIN_KEY, READ_KEY, WRITE_KEY, Api, DynamoDBCalls  # noqa: E402

# moto's in-process backends are not thread-safe, while every real AWS request
# is atomic: handle one emulated request at a time (the rule the local stack's
# emulator follows too). Our code's races, between requests, stay.
serialize_in_process_moto()
check_then_apply_transactions()
# Property tests scale their examples from the profile's count (ci: every
# example the guarantees were proved with; dev: a tenth, for `make check`).
hypothesis_settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", max_examples=10, deadline=None)
# moto logs every Fail state of a state machine at ERROR; the tests assert on outcomes.
logging.getLogger("moto").setLevel(logging.CRITICAL)


def _schedule_rank(item) -> int:
    """Slow end-to-end files first, then the other end-to-end files, then
    the slow in-process ones: the longest work starts first, so no worker
    is left with a long file at the end while the others idle."""
    slow, e2e = item.get_closest_marker("slow") is not None, item.get_closest_marker("e2e") is not None
    return (not slow) + 2 * (not e2e)


@pytest.hookimpl(trylast=True)  # after the e2e and browser conftests have marked their items
def pytest_collection_modifyitems(config, items):
    items.sort(key=_schedule_rank)  # stable: each file's tests keep their order


@pytest.fixture(scope="session")
def _moto():
    """moto's in-process AWS, started once per worker."""
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        yield


def _provision_and_seed():
    resources = provision.provision(boto3.Session(), get_settings())
    demo_data.load()
    auth.register_key(ADMIN_KEY, "test admin", ["admin"])
    auth.register_key(WRITE_KEY, "test writer", ["write"])
    auth.register_key(READ_KEY, "test reader", ["read"])
    return resources


@pytest.fixture(scope="session")
def aws_world(_moto):
    return ProvisionedWorld(_provision_and_seed, os.environ["AWS_REGION"])


_built_with = []  # the settings the app's cached clients were built with


def _fresh_app_state():
    """Caches that hold what the previous test's tables held, and clients a
    test may have hooked or built for settings it changed. The DynamoDB
    connection (every model bound to it) is kept while its settings hold;
    the other clients are built again on first use."""
    get_settings.cache_clear()
    settings = get_settings()
    endpoints = tuple(sorted((name, value) for name, value in os.environ.items() if name.startswith("AWS_ENDPOINT_URL")))
    clients_need = (settings.region, settings.aws_timeout_seconds, settings.list_shards, tuple(settings.table_names.items()),
                    endpoints)
    if _built_with != [clients_need]:
        dynamo.reset()
        _built_with[:] = [clients_need]
    aws.reset()
    webhook_queue.reset()
    auth.clear_cache()
    order_numbers.reset()  # a block reserved on the previous test's tables


@pytest.fixture
def aws_mock(_moto, aws_world):
    """An empty emulated AWS account, for tests of provisioning itself."""
    BackendDict.reset()
    aws_world.forget()
    _fresh_app_state()
    yield


@pytest.fixture
def resources(aws_world):
    """Every table, bucket, queue and the state machine, with the demo
    catalog, customers and the three test keys, as provisioning and the demo
    loader leave them (restored before each test, built once per worker)."""
    _fresh_app_state()
    resources = aws_world.restore()
    _fresh_app_state()
    return resources


@pytest.fixture
def world_with(resources, aws_world):
    """`world_with(variant, add)`: the seeded world plus what `add()` writes,
    written once per worker and put back on later calls (data at scale)."""
    def restore(variant, add):
        aws_world.restore(variant, add)
        _fresh_app_state()

    return restore


@pytest.fixture
def without_workflow(monkeypatch):
    """The API with no state machine configured: orders stay pending."""
    monkeypatch.setenv("OMS_STATE_MACHINE_ARN", "")
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.fixture
def api(resources):
    from chalice.test import Client

    from app import app

    with Client(app, stage_name="test") as client:
        yield Api(client, ADMIN_KEY)


@pytest.fixture
def dynamodb_calls(resources):
    counter = DynamoDBCalls()
    events = dynamo.get_client().meta.events
    events.register("after-call.dynamodb", counter)
    yield counter
    events.unregister("after-call.dynamodb", counter)


@pytest.fixture
def drain(resources):
    """Hands every committed change to the stream handlers (backups, counts,
    missing workflow runs), as the deployed stream functions would within seconds."""
    from ops.stream_pump import StreamPump

    pump = StreamPump()
    return pump.drain


@pytest.fixture
def round_trips(resources):
    # Calls issued together must overlap however late a loaded machine
    # schedules their threads: each is held longer than such a delay.
    trips = RoundTrips(delay=0.15)
    events = dynamo.get_client().meta.events
    events.register("before-sign.dynamodb", trips.before)
    events.register("after-call.dynamodb", trips.after)
    yield trips
    events.unregister("before-sign.dynamodb", trips.before)
    events.unregister("after-call.dynamodb", trips.after)


@pytest.fixture
def capacity(resources):
    """Read and write units as AWS bills them, on the app's own client."""
    from metering.capacity import CapacityMeter

    meter = CapacityMeter(dynamo.get_client(), boto3.client("dynamodb"), get_settings().table_names.values())
    yield meter
    meter.close()


@pytest.fixture
def log_lines():
    """The JSON lines the app's loggers write during the test (a callable: the lines so far)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("oms")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(previous)
