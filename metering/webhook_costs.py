"""Webhook delivery in the bill per million orders, and its throughput
ceiling, from prices (metering/prices.py) and the assumptions below. One
endpoint subscribed to every event; every delivery succeeds at its first
attempt (each retry adds one Lambda run, one UpdateItem and two SQS calls).

    from metering.webhook_costs import webhook_rows
    for figure, value, notes in webhook_rows():
        ...

`tests/test_webhook_costs.py` measures the per-order figures (events per
order life, the body's size, the write and read units of one delivery) on
the real code and checks the defaults are not below them."""
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
    # DynamoDB per delivery: the delivery item written by the orders stream
    # (PutItem, 1 KB units of the item) and its attempt recorded (UpdateItem);
    # the delivery and its endpoint read consistently (GetItem, 4 KB units).
    write_units_per_delivery: float = 8
    read_units_per_delivery: float = 2
    endpoint_queries_per_delivery: float = 0.05  # one Query of the endpoints per stream batch (~10 records)
    # SQS per delivery: SendMessage (the stream), ReceiveMessage and DeleteMessage (Lambda's poller).
    sqs_requests_per_delivery: int = 3
    receiver_latency_ms: float = 200  # the subscriber's answer time
    delivery_overhead_ms: float = 30  # two GetItems, one UpdateItem, signing
    stream_ms_per_delivery: float = 20  # PutItem + SendMessage in the orders stream function
    memory_gb: float = 0.25  # 256 MB, both functions
    log_bytes_per_delivery: int = 400  # one JSON line per delivery
    header_bytes: int = 400  # webhook-id, -timestamp, -signature and the HTTP request line
    # Limits behind the ceiling.
    lambda_concurrency: int = 1_000  # the account's default
    partition_key_write_units_per_second: int = 1_000  # DynamoDB, per partition key value
    fifo_high_throughput_requests_per_second: int = 70_000  # per API action, us-east-1


DEFAULT_ASSUMPTIONS = Assumptions()


def webhook_rows(assumptions: Assumptions = DEFAULT_ASSUMPTIONS, prices=default_prices) -> List[Row]:
    """(figure, value, notes): dollars per million orders by service, their
    total, then deliveries per second each limit allows and the ceiling."""
    a = assumptions
    deliveries = 1e6 * a.events_per_order
    delivery_seconds = (a.delivery_overhead_ms + a.receiver_latency_ms) / 1000
    dollars = [
        ("DynamoDB writes", deliveries * a.write_units_per_delivery * prices.DYNAMODB_WRITE_REQUEST_UNIT_PER_MILLION / 1e6,
         f"{a.write_units_per_delivery:g} write units a delivery (the item carries its {a.body_bytes} B body)"),
        ("DynamoDB reads", deliveries * (a.read_units_per_delivery + a.endpoint_queries_per_delivery * 0.5)
         * prices.DYNAMODB_READ_REQUEST_UNIT_PER_MILLION / 1e6, "delivery and endpoint GetItem, endpoints Query per batch"),
        ("SQS FIFO requests", deliveries * a.sqs_requests_per_delivery * max(1, math.ceil(a.body_bytes / 65536))
         * prices.SQS_FIFO_REQUESTS_PER_MILLION / 1e6, "send, receive, delete"),
        ("Lambda requests", deliveries * prices.LAMBDA_REQUESTS_PER_MILLION / 1e6, "one delivery per invocation"),
        ("Lambda duration", deliveries * (delivery_seconds + a.stream_ms_per_delivery / 1000) * a.memory_gb
         * prices.LAMBDA_GB_SECOND, f"{delivery_seconds * 1000:.0f} ms a delivery (receiver {a.receiver_latency_ms:g} ms)"
         f" + {a.stream_ms_per_delivery:g} ms in the stream function"),
        ("CloudWatch Logs", deliveries * a.log_bytes_per_delivery / 1e9 * prices.CLOUDWATCH_LOGS_INGEST_PER_GB,
         "one line a delivery"),
        ("Data transfer out", deliveries * (a.body_bytes + a.header_bytes) / 1e9 * prices.DATA_TRANSFER_OUT_PER_GB,
         "the POSTs to the subscriber"),
    ]
    rows: List[Row] = [(f"webhooks $/1M orders: {name}", round(value, 2), notes) for name, value, notes in dollars]
    rows.append(("webhooks $/1M orders: total", round(sum(value for _, value, _ in dollars), 2),
                 f"{a.events_per_order} events an order, one endpoint subscribed to all"))
    limits = [
        ("delivery function concurrency", a.lambda_concurrency / delivery_seconds,
         f"{a.lambda_concurrency} concurrent deliveries of {delivery_seconds * 1000:.0f} ms "
         "(FIFO: one at a time per (endpoint, order) group)"),
        ("one endpoint's delivery log", a.partition_key_write_units_per_second / a.write_units_per_delivery,
         f"all its deliveries share a partition key: {a.partition_key_write_units_per_second} write units/s"),
        ("SQS FIFO (high throughput)", a.fifo_high_throughput_requests_per_second, "requests/s per API action"),
        ("orders stream fan-out, per shard", 1000 / a.stream_ms_per_delivery,
         "one stream batch at a time per shard, deliveries recorded and queued one by one"),
    ]
    rows += [(f"webhook deliveries/s: {name}", round(value), notes) for name, value, notes in limits]
    ceiling_name, ceiling, _ = min(limits, key=lambda limit: limit[1])
    rows.append(("webhook deliveries/s: ceiling", round(ceiling), f"bound by {ceiling_name}; "
                 f"{ceiling / a.events_per_order:.0f} orders/s with every event delivered"))
    return rows
