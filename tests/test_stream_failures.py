"""A stream record the handlers cannot take: reported to Lambda (a partial
batch response from that record on), the records before it taken and
counted once, the failure logged with the order and the invocation; the
local pump retries it, sets it aside on the failed records queue and goes
on; the replay applies it once. And the business metrics the stream emits."""
import io
import json
import types

import pytest

from chalicelib.data import counters
from chalicelib.data.models import SearchEntry
from chalicelib.events import search_index
from ops import replay_failed, stream_failures
from ops.stream_pump import MAXIMUM_RETRY_ATTEMPTS, StreamPump
from tests.support import wait_for_execution

CUSTOMERS = ("CUST001", "CUST002", "CUST003")


@pytest.fixture
def pump(resources):
    pump = StreamPump(kinds=("orders",))
    pump.drain()
    return pump


@pytest.fixture
def refused(monkeypatch):
    """The ids of orders whose creation record the handlers refuse (a step raises for it)."""
    ids = set()
    real = search_index.handle_records

    def refusing(kind, records):
        if any(record["eventName"] == "INSERT" and record["dynamodb"]["Keys"]["order_id"]["S"] in ids
               for record in records):
            raise ValueError("cannot take this record")
        return real(kind, records)

    monkeypatch.setattr(search_index, "handle_records", refusing)
    return ids


def three_orders(api):
    ids = []
    for customer in CUSTOMERS:
        created = api.post("/orders", {"customer_id": customer, "items": [{"product_id": "PROD002", "quantity": 1}]}).data
        wait_for_execution(created["execution_arn"])
        ids.append(created["order_id"])
    return ids


def counts():
    return [counters.read_total(customer_id=customer) for customer in CUSTOMERS]


def queued_messages():
    sqs = stream_failures.sqs_client()
    attributes = sqs.get_queue_attributes(QueueUrl=stream_failures.queue_url(), AttributeNames=["ApproximateNumberOfMessages"])
    return int(attributes["Attributes"]["ApproximateNumberOfMessages"])


def test_the_deployed_handler_reports_the_first_record_it_cannot_take_and_every_one_after_it(api, pump, refused,
                                                                                              log_lines):
    import app as app_module

    before = counts()
    ids = three_orders(api)
    records = pump._records(pump.streams["orders"], pump._shards(pump.streams["orders"])[0])
    refused.add(ids[1])
    handler = app_module._register_stream_handler("orders", pump.streams["orders"])
    event = json.loads(json.dumps({"Records": records}, default=lambda moment: moment.timestamp()))
    response = handler(event, types.SimpleNamespace(aws_request_id="invocation-1"))

    first_refused = next(n for n, record in enumerate(records) if record["dynamodb"]["Keys"]["order_id"]["S"] == ids[1])
    assert response == {"batchItemFailures": [{"itemIdentifier": record["dynamodb"]["SequenceNumber"]}
                                              for record in records[first_refused:]]}
    # The first order's records were taken, counted once; nothing from the refused one on.
    assert [n - b for n, b in zip(counts(), before, strict=True)] == [1, 0, 0]
    failure = [line for line in log_lines() if line["message"].startswith("stream record failed")]
    assert [(line["order_id"], line["lambda_request_id"], line["sequence_number"]) for line in failure] == [
        (ids[1], "invocation-1", records[first_refused]["dynamodb"]["SequenceNumber"])]

    # Fixed: Lambda hands the function the batch again from the reported record; all counted, once.
    refused.clear()
    again = handler({"Records": event["Records"][first_refused:]}, types.SimpleNamespace(aws_request_id="invocation-2"))
    assert again == {"batchItemFailures": []}
    assert handler({"Records": event["Records"][first_refused:]}, None) == {"batchItemFailures": []}
    assert [n - b for n, b in zip(counts(), before, strict=True)] == [1, 1, 1]


def test_the_pump_retries_then_sets_the_record_aside_and_the_replay_applies_it_once(api, pump, refused):
    before = counts()
    ids = three_orders(api)
    refused.add(ids[0])
    for _ in range(MAXIMUM_RETRY_ATTEMPTS):  # the first attempt and 4 retries: still at the refused record
        assert pump.poll_once() == 0
    assert queued_messages() == 0 and counts() == before
    assert pump.poll_once() == 1  # the 5th retry fails too: set aside
    assert queued_messages() == 1
    pump.drain()  # the rest flows on
    assert pump.pending() == 0
    assert [n - b for n, b in zip(counts(), before, strict=True)] == [0, 1, 1]

    # Still refused: the replay leaves the message where it is.
    output = io.StringIO()
    assert replay_failed.replay(out=output) == {"replayed": 0, "left": 1}
    assert "failed again" in output.getvalue()
    refused.clear()
    assert replay_failed.replay(out=io.StringIO()) == {"replayed": 1, "left": 0}
    assert queued_messages() == 0
    assert [n - b for n, b in zip(counts(), before, strict=True)] == [1, 1, 1]
    # The replayed creation put the order's search entries back: it is found by each of its products.
    products = {item["product_id"] for item in api.get(f"/orders/{ids[0]}").data["items"]}
    assert {entry.term for entry in SearchEntry.scan() if entry.order_id == ids[0]} == {f"product#{p}" for p in products}


def test_order_events_become_embedded_metric_format_lines(api, pump, log_lines):
    ids = three_orders(api)
    assert api.put(f"/orders/{ids[0]}", {"status": "shipped"}).status_code == 200
    pump.drain()
    metrics = [line for line in log_lines() if line["logger"] == "oms.metrics"]
    assert metrics
    for line in metrics:
        [directive] = line["_aws"]["CloudWatchMetrics"]
        assert directive["Namespace"] == "OMS" and directive["Dimensions"] == [["Stage"]]
        assert line["Stage"] == "test" and isinstance(line["_aws"]["Timestamp"], int)
        assert all(line[metric["Name"]] > 0 and metric["Unit"] == "Count" for metric in directive["Metrics"])
    total = {name: sum(line.get(name, 0) for line in metrics) for name in ("OrdersCreated", "OrdersShipped")}
    assert total == {"OrdersCreated": 3, "OrdersShipped": 1}
