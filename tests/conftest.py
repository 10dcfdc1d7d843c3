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
    # moto's URL of the provisioned queue (deployed stages are given theirs too).
    "OMS_WEBHOOK_QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/123456789012/oms-test-webhooks.fifo",
})

import logging  # noqa: E402

import boto3  # noqa: E402
import pytest  # noqa: E402
from moto import mock_aws  # noqa: E402

from bench.round_trips import RoundTrips  # noqa: E402
from chalicelib.core.settings import get_settings  # noqa: E402
from chalicelib.data import aws, dynamo, order_numbers, webhook_queue  # noqa: E402
from chalicelib.domain import auth  # noqa: E402
from ops import demo_data, provision  # noqa: E402
from ops.emulator import check_then_apply_transactions, serialize_in_process_moto  # noqa: E402
from tests.support import ADMIN_KEY, READ_KEY, WRITE_KEY, Api, DynamoDBCalls  # noqa: E402

# moto's in-process backends are not thread-safe, while every real AWS request
# is atomic: handle one emulated request at a time (the rule the local stack's
# emulator follows too). Our code's races, between requests, stay.
serialize_in_process_moto()
check_then_apply_transactions()
# moto logs every Fail state of a state machine at ERROR; the tests assert on outcomes.
logging.getLogger("moto").setLevel(logging.CRITICAL)


@pytest.fixture
def aws_mock():
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        dynamo.reset()
        aws.reset()
        webhook_queue.reset()
        auth.clear_cache()
        order_numbers.reset()  # a block reserved on the previous test's tables
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


@pytest.fixture
def api(seeded):
    from chalice.test import Client

    from app import app

    with Client(app, stage_name="test") as client:
        yield Api(client, ADMIN_KEY)


@pytest.fixture
def dynamodb_calls(aws_mock):
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
def round_trips(aws_mock):
    trips = RoundTrips()
    events = dynamo.get_client().meta.events
    events.register("before-sign.dynamodb", trips.before)
    events.register("after-call.dynamodb", trips.after)
    yield trips
    events.unregister("before-sign.dynamodb", trips.before)
    events.unregister("after-call.dynamodb", trips.after)


@pytest.fixture
def capacity(resources):
    """Read and write units as AWS bills them, on the app's own client."""
    from bench.capacity import CapacityMeter

    meter = CapacityMeter(dynamo.get_client(), boto3.client("dynamodb"), get_settings().table_names.values())
    yield meter
    meter.close()
