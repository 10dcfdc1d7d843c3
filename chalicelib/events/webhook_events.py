"""Order events for webhooks, from the orders table's stream: every committed
change (the API's and the workflow's alike) in commit order per order.

* `order.created`        a new order;
* `order.updated`        its lines, prices or shipping address changed;
* `order.status_changed` its status changed (`previous_status`; cancelled and
                         failed included).

Each event's exact body (the order as GET /orders/{id} shows it) is stored
once, and becomes one delivery per endpoint subscribed to it: a small log
item naming the event, put on the FIFO queue in the group of (endpoint,
order), in the stream's order (SendMessageBatch, ten a call). Event and
delivery ids come from the stream record, so a batch handled again makes
the same events and deliveries: recorded once, enqueued again (the queue
drops the repeat within five minutes, the delivery function any later
one)."""
from typing import Iterator, List, Optional, Tuple

from ..contract.orders import ORDER
from ..data import webhook_queue, webhook_store
from ..data.models import Order
from ..domain import webhooks
from .backup import commit_time


def events_of(record: dict) -> Iterator[Tuple[str, dict]]:
    """(event type, extra data) for one stream record of the orders table."""
    stream = record["dynamodb"]
    old, new = stream.get("OldImage"), stream.get("NewImage")
    if new is None:  # a hard delete: no event
        return
    if old is None:
        yield "order.created", {}
        return
    # A new ship-to matters to whoever packs and ships it, as much as new lines.
    if old.get("items") != new.get("items") or old.get("shipping_address") != new.get("shipping_address"):
        yield "order.updated", {}
    if old["status"]["S"] != new["status"]["S"]:
        yield "order.status_changed", {"previous_status": old["status"]["S"]}


def deliveries_of(record: dict, endpoints) -> Iterator[Tuple[str, str, webhook_store.NewDelivery]]:
    """(event id, body, delivery) for each event of `record` and each
    endpoint subscribed to it."""
    order: Optional[dict] = None
    for event_type, extra in events_of(record):
        targets = [endpoint for endpoint in endpoints if webhooks.subscribed(endpoint, event_type)]
        if not targets:
            continue
        if order is None:
            order = ORDER.render(Order.from_raw_data(record["dynamodb"]["NewImage"]))
        # Who made the change: the actor of the order's latest history entry.
        body = webhooks.event_body(event_type, order["updated_at"],
                                   {"order": order, "actor": order["history"][-1]["actor"], **extra})
        event_id = webhooks.event_id(commit_time(record), record["eventID"], event_type)
        for endpoint in targets:
            message_id = webhooks.delivery_id(commit_time(record), record["eventID"], endpoint.sk, event_type)
            yield event_id, body, webhook_store.NewDelivery(
                endpoint.sk, message_id, event_type, order["order_id"], event_id, order["updated_at"],
                status="pending" if endpoint.enabled else "held", order_number=order.get("order_number"))


def handle_records(records: List[dict]) -> int:
    """Records every event of the batch (its body once), then every delivery
    (a small log item each), then queues them in order with SendMessageBatch;
    raises if any step fails, so the batch is handled again. Returns
    deliveries queued."""
    # Every endpoint, enabled or not: a disabled endpoint's deliveries are
    # logged as held, so a replay after enabling it again sends them.
    endpoints = webhook_store.list_endpoints()
    if not endpoints:
        return 0
    found = [found for record in records for found in deliveries_of(record, endpoints)]
    webhook_store.save_events({event_id: body for event_id, body, _ in found})
    deliveries = [delivery for _, _, delivery in found]
    webhook_store.new_deliveries(deliveries)
    queued = [(d.endpoint_id, d.delivery_id, webhook_queue.message_group(d.endpoint_id, d.order_id))
              for d in deliveries if d.status == "pending"]
    webhook_queue.enqueue_all(queued)
    return len(queued)
