"""One order's metered life, as the bill counts it: create (with an
Idempotency-Key), the workflow's reservation (the very transaction the state
machine commits), 3 reads, 1 list page view, 2 status polls, ship, deliver;
then the stream functions' share (backups, counters, search entries,
missing runs).

Measured at two stream batch sizes, the two shops of the bill:

* `per_batch=1`, a small shop (1M orders a month is 0.4 orders/s): the
  streams are drained after every life, so a batch holds one order's changes;
* `per_batch=100`, a large one: every life first, then the stream handlers
  take the changes in batches of up to 100 records (Lambda's batch size).

Each order has a customer of its own (the counters' worst case: nothing
shared but the all-orders and day items). Per step the AWS calls (by name),
write and read units and the app's own CPU time (the in-process emulator's
taken out) are recorded; figures are per order: means over the lives."""
import collections
import logging
import threading
import time

import boto3

from bench.in_process import aws, create_order, set_status
from bench.lambda_event import call_app, proxy_event
from metering.capacity import CapacityMeter

# The life's steps in order; (name, times per life, an API request or not).
STEPS = (("create", 1, True), ("workflow", 1, False), ("read", 3, True), ("list", 1, True),
         ("status", 2, True), ("ship", 1, True), ("deliver", 1, True))
POLLER = "dynamodb-streams."  # Lambda's stream poller reads the stream, not the function
LIFE = "create, workflow, 3 reads, 1 list page, 2 status polls, ship, deliver"


class CallLog:
    """Every AWS call the app's clients make: its name and the process CPU
    time spent while it was in flight (the in-process emulator's work)."""

    def __init__(self, clients):
        self.calls, self.spans = [], []
        self._local = threading.local()
        for client in clients:
            client.meta.events.register("before-sign", self._before)
            client.meta.events.register("after-call", self._after)

    def _before(self, **_):
        self._local.started = time.process_time()

    def _after(self, event_name: str = "", **_):
        _, service, operation = event_name.split(".", 2)
        self.calls.append(f"{service}.{operation}")
        self.spans.append((getattr(self._local, "started", time.process_time()), time.process_time()))

    def reset(self):
        self.calls, self.spans = [], []

    def in_flight(self) -> float:
        """CPU seconds during which at least one call was in flight (parallel calls overlap)."""
        covered, reach = 0.0, None
        for start, end in sorted(self.spans):
            if reach is None or start > reach:
                covered, reach = covered + end - start, end
            elif end > reach:
                covered, reach = covered + end - reach, end
        return covered


class _Bytes(logging.Handler):
    """Counts what the app would log, prints nothing."""

    def __init__(self):
        super().__init__()
        self.total = 0

    def emit(self, record):
        self.total += len(self.format(record).encode()) + 1


class _Steps:
    """Per step: AWS calls, units and own time, summed over the lives."""

    def __init__(self, log: CallLog, meter: CapacityMeter):
        self.log, self.meter = log, meter
        self.totals = collections.defaultdict(collections.Counter)
        self.calls = collections.defaultdict(collections.Counter)

    def run(self, name: str, action):
        self.log.reset()
        units = (self.meter.write_units, self.meter.read_units)
        # CPU time, not wall: a loaded machine stretches the wall clock, not
        # the work a request does (which Lambda bills, scaled to its CPU share).
        started = time.process_time()
        result = action()
        elapsed = time.process_time() - started
        total = self.totals[name]
        total["times"] += 1
        ours = [call for call in self.log.calls if not call.startswith(POLLER)]
        total["aws_calls"] += len(ours)
        total["write_units"] += self.meter.write_units - units[0]
        total["read_units"] += self.meter.read_units - units[1]
        total["own_ms"] += (elapsed - self.log.in_flight()) * 1000
        self.calls[name].update(ours)
        return result


def _live(number: int, steps: _Steps) -> None:
    from chalicelib.data import dynamo, order_store
    from chalicelib.domain import workflow

    order_id = steps.run("create", lambda: _create(f"LIFE{number}", number))
    reservation = workflow.execution_input(order_store.get(order_id))["reservation"]
    steps.run("workflow", lambda: dynamo.get_client().transact_write_items(**reservation))
    for _ in range(3):
        steps.run("read", lambda: _ok(call_app(proxy_event("GET", "/orders/{order_id}", {"order_id": order_id}))))
    steps.run("list", lambda: _ok(call_app(proxy_event("GET", "/orders", query={"limit": "10"}))))
    for _ in range(2):
        steps.run("status", lambda: _ok(call_app(proxy_event("GET", "/status/{identifier}", {"identifier": order_id}))))
    steps.run("ship", lambda: set_status(order_id, "shipped"))
    steps.run("deliver", lambda: set_status(order_id, "delivered"))


def _create(customer_id: str, n: int) -> str:
    lines = [{"product_id": "PROD002", "quantity": 1}, {"product_id": "PROD003", "quantity": 1}]
    status, body = call_app(proxy_event("POST", "/orders", headers={"Idempotency-Key": f"life-{n}"},
                                        body={"customer_id": customer_id, "items": lines}))
    assert status == 201, body
    return body["order_id"]


def _ok(answer, status: int = 200):
    assert answer[0] == status, answer
    return answer


class _Streams:
    """The stream functions' share: every batch handed to the handler is one invocation."""

    def __init__(self, pump, steps: _Steps):
        self.pump, self.steps = pump, steps
        self.invocations, self.records = 0, 0

    def drain(self) -> None:
        from chalicelib.events import streams

        def handle(kind, records):
            self.invocations += 1
            self.records += len(records)
            streams.handle(kind, records)

        while self.steps.run("streams", lambda: self.pump.poll_once(handle)):
            pass


def measure_life(per_batch: int, lives: int, progress=lambda text: None) -> dict:
    from chalicelib.core.logs import JsonFormatter
    from chalicelib.core.settings import get_settings
    from chalicelib.data import aws as aws_clients
    from chalicelib.data import dynamo
    from chalicelib.domain import catalog
    from chalicelib.model.actor import Actor
    from chalicelib.model.commands import ChangeProduct
    from ops import stream_pump
    from ops.stream_pump import StreamPump

    with aws(streams=True):
        for product_id in ("PROD002", "PROD003"):
            catalog.update_product(product_id, ChangeProduct(add_stock=10_000), f"bench-stock-{product_id}",
                                   Actor.system("bench"))
        for n in range(lives):
            _ok(call_app(proxy_event("POST", "/customers", body={
                "customer_id": f"LIFE{n}", "customer_name": f"Life {n}", "email": f"life{n}@example.com"})), 201)
        create_order()  # warm: clients built, key cached
        pump = StreamPump()
        pump.drain()
        meter = CapacityMeter(dynamo.get_client(), boto3.client("dynamodb"), get_settings().table_names.values())
        log = CallLog([dynamo.get_client(), aws_clients.get_sfn_client(), aws_clients.get_s3_client(),
                       aws_clients.get_sqs_client(), stream_pump.streams_client()])
        steps = _Steps(log, meter)
        stream = _Streams(pump, steps)
        logged = _Bytes()
        logged.setFormatter(JsonFormatter())
        oms = logging.getLogger("oms")
        saved = (oms.level, list(oms.handlers))
        oms.handlers = [logged]
        oms.setLevel(logging.INFO)
        try:
            for n in range(lives):
                _live(n, steps)
                if per_batch == 1:
                    stream.drain()
                if (n + 1) % 10 == 0:
                    progress(f"{n + 1}/{lives} order lives, {per_batch} per stream batch")
            stream.drain()
        finally:
            oms.setLevel(saved[0])
            oms.handlers = saved[1]
        per_key = collections.Counter(meter.per_key)
        # Every table and index, so one this life never writes shows as 0.
        per_key.update({f"{shape.name}/{index['name']}|": 0 for shape in meter.shapes.values() for index in shape.indexes})
        per_key.update({f"{shape.name}|": 0 for shape in meter.shapes.values()})
        meter.close()
    return _per_order(steps, stream, per_key, logged.total, lives, per_batch)


def _per_order(steps: _Steps, stream: _Streams, per_key, log_bytes: int, lives: int, per_batch: int) -> dict:
    by_step = {}
    for name, total in steps.totals.items():
        by_step[name] = {
            "times_per_life": round(total["times"] / lives, 2),
            "aws_calls": round(total["aws_calls"] / lives, 2),
            "write_units": round(total["write_units"] / lives, 2),
            "read_units": round(total["read_units"] / lives, 2),
            "own_ms": round(total["own_ms"] / lives, 2),
            # Each request's calls by name (a step's calls over the times it ran).
            "calls_each": {call: round(count / total["times"], 2) for call, count in sorted(steps.calls[name].items())},
        }
    api = [name for name, _, is_api in STEPS if is_api]
    units_by_index = collections.Counter()
    for key, units in per_key.items():
        units_by_index[key.split("|")[0]] += units / lives
    every_call = sum(steps.calls.values(), collections.Counter())
    return {
        "lives": lives, "per_batch": per_batch,
        "steps": by_step,
        "per_order": {
            "api_requests": sum(times for name, times, is_api in STEPS if is_api),
            "api_own_ms": sum(by_step[name]["own_ms"] for name in api),
            "api_aws_calls": sum(by_step[name]["aws_calls"] for name in api),
            "write_units": sum(step["write_units"] for step in by_step.values()),
            "write_units_api_and_workflow": sum(by_step[name]["write_units"] for name, _, _ in STEPS),
            "write_units_stream": by_step["streams"]["write_units"],
            "read_units": sum(step["read_units"] for step in by_step.values()),
            "stream_invocations": stream.invocations / lives,
            "stream_records": stream.records / lives,
            "stream_ms": by_step["streams"]["own_ms"],
            "s3_puts": every_call["s3.PutObject"] / lives,
            "log_bytes": log_bytes / lives,
        },
        "write_units_by_table_or_index": {name.split("-")[-1]: round(units, 2) for name, units in sorted(units_by_index.items())},
        "list_shard_families_units_per_order": _sharded_families(per_key, lives),
        "stream_calls_per_order": {call: round(count / lives, 2) for call, count in sorted(steps.calls["streams"].items())},
    }


def _sharded_families(per_key: collections.Counter, lives: int) -> dict:
    """Write units per order on each family of list-shard keys (an index and
    status, e.g. by_status|processing): UUIDs spread an order evenly over a
    family's `list_shards` keys, so its busiest key takes units / shards."""
    families = collections.Counter()
    for key, units in per_key.items():
        table, value = key.split("|", 1)
        if units and ("/by_date" in table or "/by_status" in table):
            families[f"{table.split('/')[-1]}|{value.rsplit('#', 1)[0]}"] += units
    return {family: round(units / lives, 3) for family, units in families.most_common()}
