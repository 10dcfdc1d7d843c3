"""Webhook delivery in the bill per million orders, and its throughput
ceiling, from prices (metering/prices.py) and the assumptions below. One
endpoint subscribed to every event; every delivery succeeds at its first
attempt (each retry adds one UpdateItem, two SQS calls and its share of an
invocation).

    from metering.webhook_costs import webhook_rows
    for figure, value, notes in webhook_rows():
        ...

`tests/test_webhook_costs.py` measures the per-order figures (events per
order life, the body's size sent and stored, the write and read units of one
delivery, the SQS calls of a stream batch) on the real code and checks the
defaults are not below them."""
import dataclasses
import math
from dataclasses import dataclass
from typing import List, Tuple

from metering import prices as default_prices

Row = Tuple[str, float, str]


@dataclass(frozen=True)
class Assumptions:
    # An order's life as bench/run.py meters it: created, the workflow's
    # reservation (pending -> processing), shipped, delivered.
    events_per_order: int = 4
    # The event's JSON: the order as GET shows it, history included (a two-line
    # order measures 1.4 KB after four changes; larger orders, longer histories).
    body_bytes: int = 3_000
    # DynamoDB. The body is stored once per event, compressed (3 KB of order
    # JSON compresses under 1 KB: one write unit); each delivery is a small log
    # item naming it (PutItem from the orders stream, UpdateItem for its
    # attempt: one write unit each).
    write_units_per_event: float = 1
    write_units_per_delivery: float = 2
    # The delivery and its endpoint read consistently, its event's body
    # eventually (it never changes): GetItem, 4 KB units.
    read_units_per_delivery: float = 2.5
    endpoint_queries_per_delivery: float = 0.05  # one Query of the endpoints per stream batch
    # How many deliveries travel together: a stream batch's SendMessageBatch
    # (up to 10), and the messages Lambda's poller hands one invocation (up to
    # 10, received and deleted in one call each). A busy shop fills them; a
    # shop with one order every few minutes sends them one by one (the second
    # total below).
    deliveries_per_batch: int = 10
    receiver_latency_ms: float = 200  # the subscriber's answer time
    delivery_overhead_ms: float = 30  # three GetItems, one UpdateItem, signing
    # The stream's share per delivery: a batch's event puts, then its delivery
    # puts (each set written 10 at a time), then one SendMessageBatch: three
    # round trips of about 6 ms for a batch of 10 deliveries.
    stream_ms_per_delivery: float = 2
    memory_gb: float = 0.25  # 256 MB, both functions
    log_bytes_per_delivery: int = 400  # one JSON line per delivery
    header_bytes: int = 400  # webhook-id, -timestamp, -signature and the HTTP request line
    # Limits behind the ceiling.
    lambda_concurrency: int = 1_000  # the account's default
    partition_key_write_units_per_second: int = 1_000  # DynamoDB, per partition key value
    fifo_high_throughput_requests_per_second: int = 70_000  # per API action, us-east-1


DEFAULT_ASSUMPTIONS = Assumptions()


def _dollars(a: Assumptions, prices) -> List[Row]:
    deliveries = 1e6 * a.events_per_order
    batch = a.deliveries_per_batch
    # An invocation delivers its groups side by side: it lasts about one
    # delivery (its slowest receiver), however many messages it holds.
    invocation_seconds = (a.delivery_overhead_ms + a.receiver_latency_ms) / 1000
    sqs_requests = 3 / batch  # send, receive, delete: one call per batch each
    return [
        ("DynamoDB writes", (1e6 * a.events_per_order * a.write_units_per_event + deliveries * a.write_units_per_delivery)
         * prices.DYNAMODB_WRITE_REQUEST_UNIT_PER_MILLION / 1e6,
         f"{a.write_units_per_event:g} write unit an event (its body, once), {a.write_units_per_delivery:g} a delivery "
         "(the log item and its attempt)"),
        ("DynamoDB reads", deliveries * (a.read_units_per_delivery + a.endpoint_queries_per_delivery * 0.5)
         * prices.DYNAMODB_READ_REQUEST_UNIT_PER_MILLION / 1e6,
         "delivery, event and endpoint GetItem, endpoints Query per batch"),
        ("SQS FIFO requests", deliveries * sqs_requests * max(1, math.ceil(a.body_bytes / 65536))
         * prices.SQS_FIFO_REQUESTS_PER_MILLION / 1e6, f"send, receive, delete, {batch} messages a call"),
        ("Lambda requests", deliveries / batch * prices.LAMBDA_REQUESTS_PER_MILLION / 1e6, f"{batch} deliveries an invocation"),
        ("Lambda duration", deliveries * (invocation_seconds / batch + a.stream_ms_per_delivery / 1000) * a.memory_gb
         * prices.LAMBDA_GB_SECOND, f"{invocation_seconds * 1000:.0f} ms an invocation of {batch} (receiver "
         f"{a.receiver_latency_ms:g} ms, groups side by side) + {a.stream_ms_per_delivery:g} ms a delivery "
         "in the stream function"),
        ("CloudWatch Logs", deliveries * a.log_bytes_per_delivery / 1e9 * prices.CLOUDWATCH_LOGS_INGEST_PER_GB,
         "one line a delivery"),
        ("Data transfer out", deliveries * (a.body_bytes + a.header_bytes) / 1e9 * prices.DATA_TRANSFER_OUT_PER_GB,
         "the POSTs to the subscriber"),
    ]


def webhook_rows(assumptions: Assumptions = DEFAULT_ASSUMPTIONS, prices=default_prices) -> List[Row]:
    """(figure, value, notes): dollars per million orders by service, their
    total, the total when every delivery travels alone, then deliveries per
    second each limit allows and the ceiling."""
    a = assumptions
    dollars = _dollars(a, prices)
    rows: List[Row] = [(f"webhooks $/1M orders: {name}", round(value, 2), notes) for name, value, notes in dollars]
    rows.append(("webhooks $/1M orders: total", round(sum(value for _, value, _ in dollars), 2),
                 f"{a.events_per_order} events an order, one endpoint subscribed to all, {a.deliveries_per_batch} "
                 "deliveries a batch"))
    alone = _dollars(dataclasses.replace(a, deliveries_per_batch=1, stream_ms_per_delivery=a.stream_ms_per_delivery * 5),
                     prices)
    rows.append(("webhooks $/1M orders, one delivery a batch (a quiet shop)", round(sum(v for _, v, _ in alone), 2),
                 "every message sent, received and delivered alone"))
    invocation_seconds = (a.delivery_overhead_ms + a.receiver_latency_ms) / 1000
    limits = [
        ("delivery function concurrency", a.lambda_concurrency * a.deliveries_per_batch / invocation_seconds,
         f"{a.lambda_concurrency} concurrent invocations of {a.deliveries_per_batch} deliveries in "
         f"{invocation_seconds * 1000:.0f} ms (FIFO: one at a time per (endpoint, order) group)"),
        ("one endpoint's delivery log", a.partition_key_write_units_per_second / a.write_units_per_delivery,
         f"all its deliveries share a partition key: {a.partition_key_write_units_per_second} write units/s"),
        ("SQS FIFO (high throughput)", a.fifo_high_throughput_requests_per_second, "requests/s per API action"),
        ("orders stream fan-out, per shard", 1000 / a.stream_ms_per_delivery,
         "one stream batch at a time per shard; its events and deliveries written 10 at a time, "
         "queued 10 a call"),
    ]
    rows += [(f"webhook deliveries/s: {name}", round(value), notes) for name, value, notes in limits]
    ceiling_name, ceiling, _ = min(limits, key=lambda limit: limit[1])
    rows.append(("webhook deliveries/s: ceiling", round(ceiling), f"bound by {ceiling_name}; "
                 f"{ceiling / a.events_per_order:.0f} orders/s with every event delivered"))
    return rows
