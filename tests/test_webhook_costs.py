"""The webhook cost model (metering/webhook_costs.py) against the real code: one
order's life (created, reserved by the workflow, shipped, delivered) with
one endpoint subscribed to everything, metered as AWS bills it. The model's
assumptions must not be below what is measured, and its figures must follow
from its prices and assumptions."""
import dataclasses

import pytest

from chalicelib.core.settings import get_settings
from chalicelib.data import webhook_store
from chalicelib.data.aws import get_sqs_client
from chalicelib.data.models import WebhookDelivery
from metering import prices
from metering.webhook_costs import Assumptions, webhook_rows
from ops.webhook_receiver import Receiver
from ops.webhook_worker import WebhookPump
from tests.support import wait_for_execution


@pytest.fixture
def private_targets(monkeypatch):
    monkeypatch.setenv("OMS_WEBHOOK_ALLOW_PRIVATE_TARGETS", "1")
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


def test_the_assumptions_cover_a_measured_order_life(api, drain, capacity, private_targets):
    created = api.post("/webhooks", {"url": "http://127.0.0.1:9/"}).data
    receiver = Receiver(created["secret"]).start()
    webhook_id = created["webhook"]["webhook_id"]
    sends = []

    def count_send(params, **_):
        sends.append(len(params["Entries"]))

    get_sqs_client().meta.events.register("provide-client-params.sqs.SendMessageBatch", count_send)
    try:
        assert api.put(f"/webhooks/{webhook_id}", {"url": receiver.url}).status_code == 200
        order = api.post("/orders", {"customer_id": "CUST001", "items": [
            {"product_id": "PROD002", "quantity": 1}, {"product_id": "PROD003", "quantity": 1}]}).data
        wait_for_execution(order["execution_arn"])
        for status in ("shipped", "delivered"):
            assert api.put(f"/orders/{order['order_id']}", {"status": status}).status_code == 200
        capacity.reset()
        drain()
        stored = sum(units for key, units in capacity.per_key.items() if key.split("|", 1)[1].startswith("event#"))
        recorded = sum(units for key, units in capacity.per_key.items() if key.split("|", 1)[1].startswith("deliveries#"))
        capacity.reset()
        pump = WebhookPump()
        while pump.poll_once(wait_seconds=0):
            pass
        updated, read = capacity.write_units, capacity.read_units
    finally:
        receiver.stop()
        get_sqs_client().meta.events.unregister("provide-client-params.sqs.SendMessageBatch", count_send)
    events = [event["type"] for _, event in receiver.events()]
    assert events == ["order.created", "order.status_changed", "order.status_changed", "order.status_changed"]
    deliveries = list(WebhookDelivery.query(f"deliveries#{webhook_id}"))
    bodies = [len(webhook_store.event_body(delivery).encode()) for delivery in deliveries]
    assumed = Assumptions()
    assert assumed.events_per_order == len(events) == len(deliveries)
    assert assumed.body_bytes >= max(bodies)
    assert all(delivery.payload is None for delivery in deliveries)  # the body lives once, in its event
    assert assumed.write_units_per_event >= stored / len(events) > 0
    assert assumed.write_units_per_delivery >= (recorded + updated) / len(events) > 0
    assert assumed.read_units_per_delivery >= read / len(events) > 0
    assert sends == [len(events)]  # one stream batch: one SendMessageBatch


def test_the_figures_follow_from_prices_and_assumptions():
    rows = {figure: value for figure, value, _ in webhook_rows()}
    services = [value for figure, value in rows.items() if figure.startswith("webhooks $/1M orders: ")
                and not figure.endswith("total")]
    assert rows["webhooks $/1M orders: total"] == pytest.approx(sum(services), abs=0.01)
    limits = [value for figure, value in rows.items() if figure.startswith("webhook deliveries/s: ")
              and not figure.endswith("ceiling")]
    assert rows["webhook deliveries/s: ceiling"] == min(limits)

    class Doubled:
        def __getattr__(self, name):
            return getattr(prices, name) * 2

    doubled = {figure: value for figure, value, _ in webhook_rows(prices=Doubled())}
    assert doubled["webhooks $/1M orders: total"] == pytest.approx(2 * rows["webhooks $/1M orders: total"], abs=0.02)
    slower = {figure: value for figure, value, _ in webhook_rows(dataclasses.replace(Assumptions(), receiver_latency_ms=970))}
    # 1,000 concurrent invocations of one second, each delivering a batch.
    assert slower["webhook deliveries/s: delivery function concurrency"] == 1000 * Assumptions().deliveries_per_batch
    assert rows["webhooks $/1M orders, one delivery a batch (a quiet shop)"] > rows["webhooks $/1M orders: total"]
    assert slower["webhooks $/1M orders: Lambda duration"] > rows["webhooks $/1M orders: Lambda duration"]


def test_the_stream_records_and_queues_a_batch_ten_at_a_time(api, round_trips, without_workflow, private_targets):
    """The model's stream share per delivery (and so the per-shard ceiling)
    follows from the sequential round trips of one stream batch, at 6 ms each."""
    from chalicelib.events import webhook_events
    from ops.stream_pump import StreamPump

    assert api.post("/webhooks", {"url": "http://127.0.0.1:9/"}).status_code == 201
    order = {"customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 1}]}
    for _ in range(30):
        assert api.post("/orders", order).status_code == 201
    sqs = get_sqs_client().meta.events
    sqs.register("before-sign.sqs", round_trips.before)
    sqs.register("after-call.sqs", round_trips.after)
    measured = []

    def handle(kind, records):
        round_trips.reset()
        measured.append((webhook_events.handle_records(records), round_trips.depth))

    try:
        StreamPump(kinds=("orders",)).poll_once(handle)
    finally:
        sqs.unregister("before-sign.sqs", round_trips.before)
        sqs.unregister("after-call.sqs", round_trips.after)
    (queued, depth), = measured
    assert queued == 30
    # The endpoints' Query, then 30 event bodies, 30 log items, 30 messages: ten at a time each.
    assert depth <= 1 + 3 * 3
    assert depth * 6 / queued <= Assumptions().stream_ms_per_delivery
