"""One order's metered life, as the bill counts it: create (with an
Idempotency-Key), the workflow's reservation (the very transaction the state
machine commits), 3 reads, 1 list page view, 2 status polls, ship, deliver;
then the stream functions' share (backups, counters, missing runs).

LIVES orders live this life one after another; their committed changes then
reach the stream handlers in batches of up to 100 records, as the deployed
functions receive them under load, each order with a customer of its own
(the counters' worst case: nothing shared but the all-orders and day items).
Figures are per order: means over the lives, stream work divided by LIVES."""
import collections
import logging
import time

import boto3

from bench.in_process import aws, create_order, set_status
from bench.lambda_event import call_app, proxy_event
from metering.capacity import CapacityMeter
from metering.round_trips import RoundTrips

LIVES = 50


class _Bytes(logging.Handler):
    """Counts what the app would log, prints nothing."""

    def __init__(self):
        super().__init__()
        self.total = 0

    def emit(self, record):
        self.total += len(self.format(record).encode()) + 1


def _live(order_number: int, aws_calls: RoundTrips, timings: dict, calls: dict) -> None:
    from chalicelib.data import dynamo, order_store
    from chalicelib.domain import workflow

    def api(name, action):
        aws_calls.reset()
        started = time.perf_counter()
        action()
        ended = time.perf_counter()
        timings[name].append((ended - started - _covered(aws_calls.spans)) * 1000)
        calls[name].append(len(aws_calls.spans))

    holder = {}
    api("create", lambda: holder.update(order_id=_create(f"LIFE{order_number}", order_number)))
    order_id = holder["order_id"]
    reservation = workflow.execution_input(order_store.get(order_id))["reservation"]
    dynamo.get_client().transact_write_items(**reservation)
    for _ in range(3):
        api("read", lambda: _ok(call_app(proxy_event("GET", "/orders/{order_id}", {"order_id": order_id}))))
    api("list", lambda: _ok(call_app(proxy_event("GET", "/orders", query={"limit": "10"}))))
    for _ in range(2):
        api("status", lambda: _ok(call_app(proxy_event("GET", "/status/{identifier}", {"identifier": order_id}))))
    api("ship", lambda: set_status(order_id, "shipped"))
    api("deliver", lambda: set_status(order_id, "delivered"))


def _covered(spans) -> float:
    """Seconds during which at least one AWS call was in flight."""
    covered, reach = 0.0, None
    for start, end in sorted(span for span in spans if span[1] is not None):
        if reach is None or start > reach:
            covered, reach = covered + end - start, end
        elif end > reach:
            covered, reach = covered + end - reach, end
    return covered


def _create(customer_id: str, n: int) -> str:
    lines = [{"product_id": "PROD002", "quantity": 1}, {"product_id": "PROD003", "quantity": 1}]
    status, body = call_app(proxy_event("POST", "/orders", headers={"Idempotency-Key": f"life-{n}"},
                                        body={"customer_id": customer_id, "items": lines}))
    assert status == 201, body
    return body["order_id"]


def _ok(answer, status: int = 200):
    assert answer[0] == status, answer
    return answer


def measure(report) -> dict:
    from chalicelib.core.logs import JsonFormatter
    from chalicelib.core.settings import get_settings
    from chalicelib.data import aws as aws_clients
    from chalicelib.data import dynamo
    from chalicelib.domain import catalog
    from chalicelib.events import streams
    from chalicelib.model.commands import ChangeProduct
    from ops.stream_pump import StreamPump

    with aws(streams=True):
        settings = get_settings()
        for product_id in ("PROD002", "PROD003"):
            catalog.update_product(product_id, ChangeProduct(add_stock=10_000), f"bench-stock-{product_id}")
        for n in range(LIVES):
            _ok(call_app(proxy_event("POST", "/customers", body={
                "customer_id": f"LIFE{n}", "customer_name": f"Life {n}", "email": f"life{n}@example.com"})), 201)
        create_order()  # warm: clients built, key cached
        pump = StreamPump()
        pump.drain()
        meter = CapacityMeter(dynamo.get_client(), boto3.client("dynamodb"), settings.table_names.values())
        s3_puts = collections.Counter()
        aws_clients.get_s3_client().meta.events.register("after-call.s3.PutObject", lambda **_: s3_puts.update(["put"]))
        logged = _Bytes()
        logged.setFormatter(JsonFormatter())
        oms = logging.getLogger("oms")
        saved = (oms.level, list(oms.handlers))
        oms.handlers = [logged]
        oms.setLevel(logging.INFO)
        timings, calls = collections.defaultdict(list), collections.defaultdict(list)
        aws_calls = RoundTrips(delay=0)
        for client in (dynamo.get_client(), aws_clients.get_sfn_client()):
            client.meta.events.register("before-sign", aws_calls.before)
            client.meta.events.register("after-call", aws_calls.after)
        try:
            for n in range(LIVES):
                _live(n, aws_calls, timings, calls)
                if (n + 1) % 10 == 0:
                    report.progress(f"{n + 1}/{LIVES} order lives")
            api_write_units, api_read_units = meter.write_units, meter.read_units
            api_keys = collections.Counter(meter.per_key)
            api_log_bytes = logged.total
            meter.reset()
            invocations, stream_ms = 0, 0.0
            while True:
                started = time.perf_counter()
                handled = pump.poll_once(lambda kind, records: streams.handle(kind, records))
                if not handled:
                    break
                stream_ms += (time.perf_counter() - started) * 1000
                invocations += 1
        finally:
            oms.setLevel(saved[0])
            oms.handlers = saved[1]
        stream_write_units, stream_read_units = meter.write_units, meter.read_units
        per_key = api_keys + collections.Counter(meter.per_key)
        meter.close()

    requests = {name: len(values) // LIVES for name, values in timings.items()}
    per_order = {
        "api_requests": sum(requests.values()),
        # The app's own time (the in-process emulator's excluded) and its AWS calls.
        "api_own_ms": sum(sum(values) for values in timings.values()) / LIVES,
        "api_aws_calls": sum(sum(values) for values in calls.values()) / LIVES,
        "write_units": (api_write_units + stream_write_units) / LIVES,
        "write_units_api_and_workflow": api_write_units / LIVES,
        "write_units_stream": stream_write_units / LIVES,
        "read_units": (api_read_units + stream_read_units) / LIVES,
        "stream_invocations": invocations / LIVES,
        "stream_ms": stream_ms / LIVES,
        "s3_puts": s3_puts["put"] / LIVES,
        "log_bytes": api_log_bytes / LIVES,
    }
    report.figure("write units per order life", round(per_order["write_units"], 1), "WCU", "<= 30",
                  per_order["write_units"] <= 30,
                  note=f"API+workflow {per_order['write_units_api_and_workflow']:.1f}, "
                       f"stream {per_order['write_units_stream']:.1f}")
    report.figure("read units per order life", round(per_order["read_units"], 1), "RCU")
    report.figure("S3 PUTs per order life (backups)", round(per_order["s3_puts"], 2))
    units_by_table = collections.Counter()
    for key, units in per_key.items():
        units_by_table[key.split("|")[0]] += units / LIVES
    by_request = {name: {"count": requests[name], "own_ms": round(sum(timings[name]) / LIVES, 2),
                         "aws_calls": sum(calls[name]) / LIVES} for name in timings}
    return {"lives": LIVES, "requests": by_request, "per_order": per_order,
            "write_units_by_table_or_index": {name: round(units, 2) for name, units in sorted(units_by_table.items())},
            "list_shard_families_units_per_order": _sharded_families(per_key)}


def _sharded_families(per_key: collections.Counter) -> dict:
    """Write units per order on each family of list-shard keys (an index and
    status, e.g. by_status|processing): UUIDs spread an order evenly over a
    family's `list_shards` keys, so its busiest key takes units / shards."""
    families = collections.Counter()
    for key, units in per_key.items():
        table, value = key.split("|", 1)
        if "/by_date" in table or "/by_status" in table:
            families[f"{table.split('/')[-1]}|{value.rsplit('#', 1)[0]}"] += units
    return {family: round(units / LIVES, 3) for family, units in families.most_common()}
