"""`make bench`: cold start, per-request cost, scale independence, workflow
transitions, dollars per million orders, package size and hot keys.

Every figure is measured in this run and, where there is one, printed as a
ratio against a floor measured in the same run. Prints a table and writes
the same figures to bench/results.json. A benchmark, not a test: it asserts
nothing, it reports (with each target next to its figure).
"""
import os
import sys

for _name in [n for n in os.environ if n.startswith("AWS_ENDPOINT_URL")]:
    del os.environ[_name]
os.environ.update({
    "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1", "OMS_STAGE": "bench", "OMS_LOG_LEVEL": "WARNING",
    "OMS_STATE_MACHINE_ARN": "arn:aws:states:us-east-1:123456789012:stateMachine:oms-bench-order-processing",
})

import collections  # noqa: E402
import contextlib  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import math  # noqa: E402
import pathlib  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402

import boto3  # noqa: E402
import botocore.session  # noqa: E402
from botocore.config import Config  # noqa: E402
from moto import mock_aws  # noqa: E402

from bench import prices  # noqa: E402
from bench.capacity import CapacityMeter, items_read  # noqa: E402
from bench.coldstart import LambdaContext as Ctx  # noqa: E402
from ops import emulator, run_local  # noqa: E402
from ops.bulk import load_orders  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
KEY = "bench-admin-key"
WARM_CALLS = int(os.environ.get("BENCH_WARM_CALLS", "200"))
COLD_RUNS = int(os.environ.get("BENCH_COLD_RUNS", "7"))
SCALE_REPLAYS = int(os.environ.get("BENCH_SCALE_REPLAYS", "30"))
SCALE_SIZES = (100, 1_000, 10_000)
MEMORY_GB = 0.25  # lambda_memory_size 256 in .chalice/config.json
LAMBDA_LOG_BYTES = 330  # START, END and REPORT lines Lambda writes per invocation

logging.getLogger("moto").setLevel(logging.CRITICAL)
# moto's in-process backends are not thread-safe; real AWS requests are atomic.
emulator.serialize_in_process_moto()


class MotoReplay:
    """Records moto's answers to requests, then answers the very same requests
    from the record without moto. moto's Query looks at every item of a table,
    so its time grows with the table (DynamoDB goes straight to the
    partition); replaying its answers times the app's own work on the real
    responses. A request not in the record goes to moto."""

    def __init__(self):
        from moto.core.botocore_stubber import BotocoreStubber

        self.mode = None  # None | "record" | "replay"
        self.answers = {}
        self.misses = 0
        moto_process = BotocoreStubber.process_request
        replay = self

        def process_request(stubber, request):
            if replay.mode is None or not isinstance(request.body, (bytes, str)):
                return moto_process(stubber, request)  # DynamoDB's JSON bodies are what is replayed
            key = (request.url, request.body)
            if replay.mode == "replay" and key in replay.answers:
                return replay.answers[key]  # (status, headers, body), as moto answers
            if replay.mode == "replay":
                replay.misses += 1
            answer = moto_process(stubber, request)
            if replay.mode == "record" and answer is not None:
                replay.answers[key] = answer
            return answer

        BotocoreStubber.process_request = process_request


REPLAY = MotoReplay()


# ---------------------------------------------------------------- helpers

def proxy_event(method, resource, path_params=None, query=None, body=None, headers=None):
    """An API Gateway REST proxy event, as Lambda receives it."""
    path = resource
    for name, value in (path_params or {}).items():
        path = path.replace("{" + name + "}", value)
    all_headers = {"x-api-key": KEY, "content-type": "application/json", **(headers or {})}
    return {
        "resource": resource, "path": path, "httpMethod": method,
        "headers": all_headers, "multiValueHeaders": {k: [v] for k, v in all_headers.items()},
        "queryStringParameters": query, "multiValueQueryStringParameters": {k: [v] for k, v in (query or {}).items()} or None,
        "pathParameters": path_params, "stageVariables": None,
        "requestContext": {"resourcePath": resource, "httpMethod": method, "path": f"/api{path}", "stage": "api",
                           "requestId": str(uuid.uuid4()), "identity": {"sourceIp": "127.0.0.1"}},
        "body": json.dumps(body) if body is not None else None, "isBase64Encoded": False,
    }


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(math.ceil(fraction * len(ordered))) - 1)]


def summary(millis):
    return {"median_ms": round(statistics.median(millis), 3), "p95_ms": round(percentile(millis, 0.95), 3), "n": len(millis)}


class CallLog:
    """AWS calls (by service and operation) and DynamoDB items read, from
    botocore events on the clients it is attached to."""

    def __init__(self, clients):
        self.clients = clients
        self.calls = []
        self.params = []
        self.items_read = 0
        self.aws_ms = 0.0
        self._started = threading.local()
        for client in clients:
            client.meta.events.register("before-parameter-build", self._params)
            client.meta.events.register("after-call", self._after)

    def close(self):
        for client in self.clients:
            client.meta.events.unregister("before-parameter-build", self._params)
            client.meta.events.unregister("after-call", self._after)

    def clear(self):
        self.calls, self.params, self.items_read, self.aws_ms = [], [], 0, 0.0

    def _params(self, params=None, model=None, **_):
        self._started.at = time.perf_counter()
        self.params.append((model.service_model.service_name, model.name, json.loads(json.dumps(params, default=str))))

    def _after(self, parsed=None, model=None, **_):
        self.aws_ms += (time.perf_counter() - self._started.at) * 1000
        self.calls.append(f"{model.service_model.service_name}:{model.name}")
        self.items_read += items_read(model.name, parsed)


@contextlib.contextmanager
def aws(execute=False, streams=False):
    from chalicelib.core.settings import get_settings
    from chalicelib.data import aws as aws_clients
    from chalicelib.data import dynamo
    from chalicelib.domain import auth
    from ops import demo_data, provision

    with mock_aws(config={"stepfunctions": {"execute_state_machine": execute}}):
        dynamo.reset()
        aws_clients.reset()
        auth.clear_cache()
        resources = provision.provision(boto3.Session(), get_settings(), with_streams=streams)
        demo_data.load()
        auth.register_key(KEY, "bench", ["admin"])
        yield resources
    dynamo.reset()
    aws_clients.reset()


def call_app(event):
    from app import app

    response = app(event, Ctx())
    return response["statusCode"], json.loads(response["body"]) if response.get("body") else None


def create_order(items=None, customer="CUST001"):
    status, body = call_app(proxy_event("POST", "/orders", body={
        "customer_id": customer, "items": items or [{"product_id": "PROD002", "quantity": 1}, {"product_id": "PROD003",
                                                                                               "quantity": 1}]}))
    assert status == 201, body
    return body["order_id"]


def set_status(order_id, status):
    code, body = call_app(proxy_event("PUT", "/orders/{order_id}", {"order_id": order_id}, body={"status": status}))
    assert code == 200, body


# ---------------------------------------------------------------- 1. cold start

def cold_start():
    """Fresh processes against the emulator (a separate process, like DynamoDB is)."""
    port = run_local.free_port()
    emulator_process = subprocess.Popen([sys.executable, "-m", "ops.emulator", "--port", str(port)], cwd=ROOT,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        endpoint = f"http://127.0.0.1:{port}"
        run_local.wait_http(f"{endpoint}/moto-api/", 30, emulator_process, "emulator")
        env = {**os.environ, "AWS_ENDPOINT_URL": endpoint, "OMS_API_KEY_CACHE_SECONDS": "60"}
        setup = subprocess.run([sys.executable, "-c", (
            "import boto3, json\n"
            "from chalicelib import auth, orders\n"
            "from chalicelib.settings import get_settings\n"
            "from ops import demo_data, provision\n"
            "provision.provision(boto3.Session(), get_settings())\n"
            "demo_data.load()\n"
            f"auth.register_key('{KEY}', 'bench', ['admin'])\n"
            "order, _ = orders.create_order({'customer_id': 'CUST001', 'items': [{'product_id': 'PROD002', 'quantity': 1}]}, 'bench')\n"
            "print(order.order_id)\n")], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        order_id = setup.stdout.strip().splitlines()[-1]
        child_env = {**env, "BENCH_EVENT": json.dumps(proxy_event("GET", "/orders/{order_id}", {"order_id": order_id})),
                     "BENCH_TABLE": "oms-bench-orders", "BENCH_ORDER_ID": order_id}
        runs = {"app": [], "floor": []}
        for _ in range(COLD_RUNS):
            for kind in ("floor", "app"):  # interleaved, so drift hits both
                out = subprocess.run([sys.executable, "-m", "bench.coldstart", kind], cwd=ROOT, env=child_env,
                                     capture_output=True, text=True, check=True)
                result = json.loads(out.stdout.strip().splitlines()[-1])
                assert result["status"] == 200, result
                runs[kind].append(result["ms"])
        app_ms, floor_ms = statistics.median(runs["app"]), statistics.median(runs["floor"])
        return {"runs": COLD_RUNS, "app_median_ms": round(app_ms, 1), "floor_median_ms": round(floor_ms, 1),
                "ratio": round(app_ms / floor_ms, 3), "target": "<= 1.25",
                "what": "fresh process: import app + one GET /orders/{id} (auth + GetItem) vs import boto3 + one GetItem"}
    finally:
        emulator_process.terminate()
        emulator_process.wait(10)


# ---------------------------------------------------------------- 2. warm requests

ROUTE_CALLS = {
    "create": "BatchGetItem (products + customer, one call), TransactWriteItems (order + 2 counters), "
              "StartExecution (the workflow). The key check is cached when warm.",
    "get": "GetItem (the order, strongly consistent: a client reads its own write).",
    "list": "Query x list_shards (the newest entries of each date shard, in parallel), BatchGetItem (the page's "
            "summaries: the date index holds keys only), BatchGetItem (the counter shards behind pagination.total).",
    "update_status": "GetItem (the order, for its version and current status), TransactWriteItems (order + 2 counters).",
    "edit_items": "GetItem, TransactWriteItems (order + the stock difference of each changed line).",
    "cancel": "GetItem, TransactWriteItems (order + 2 counters + the stock each line gives back).",
    "status": "GetItem (the order's execution ARN), DescribeExecution, GetExecutionHistory.",
}


def _floor_client_factory():
    session = botocore.session.get_session()
    config = Config(parameter_validation=False, retries={"total_max_attempts": 1})
    return {service: session.create_client(service, region_name="us-east-1", config=config)
            for service in ("dynamodb", "stepfunctions")}


def _replay(clients, recorded):
    """The floor: the calls a route made, as bare botocore calls. Conditions
    are dropped (the state they guarded has moved on) and execution names made
    fresh, so each replay does the same work and succeeds."""
    for service, operation, params in recorded:
        params = json.loads(json.dumps(params))
        if operation == "TransactWriteItems":
            params.pop("ClientRequestToken", None)
            for item in params["TransactItems"]:
                (_, body), = item.items()
                body.pop("ConditionExpression", None)
                _prune_values(body)
        elif operation == "StartExecution":
            params["name"] = f"floor-{uuid.uuid4()}"
        method = "".join("_" + c.lower() if c.isupper() else c for c in operation).lstrip("_")
        getattr(clients[service], method)(**params)


def _prune_values(body):
    """Drop expression names/values only the removed condition used."""
    used = body.get("UpdateExpression", "")
    for key in ("ExpressionAttributeValues", "ExpressionAttributeNames"):
        if key in body:
            body[key] = {k: v for k, v in body[key].items() if k in used}
            if not body[key]:
                del body[key]


def _route_fixture(route, n):
    """Fresh tables per route (moto copies whole tables on every transaction,
    so they are kept small), with the orders the route needs."""
    from chalicelib.domain import catalog

    # Floors replay writes without their conditions: plenty of stock for both.
    for product_id in ("PROD002", "PROD003"):
        catalog.update_product(product_id, {"add_stock": 1_000_000})
    probe = create_order()
    if route in ("update_status", "edit_items", "cancel"):
        targets = []
        for _ in range(n):
            order_id = create_order()
            set_status(order_id, "processing")
            targets.append(order_id)
    elif route == "list":
        targets = [create_order() for _ in range(60)]
    else:
        targets = []
    events = {
        "create": lambda i: proxy_event("POST", "/orders", body={"customer_id": "CUST002", "items": [
            {"product_id": "PROD002", "quantity": 1}, {"product_id": "PROD003", "quantity": 1}]}),
        "get": lambda i: proxy_event("GET", "/orders/{order_id}", {"order_id": probe}),
        "list": lambda i: proxy_event("GET", "/orders", query={"limit": "20"}),
        "update_status": lambda i: proxy_event("PUT", "/orders/{order_id}", {"order_id": targets[i]}, body={"status": "shipped"}),
        "edit_items": lambda i: proxy_event("PUT", "/orders/{order_id}", {"order_id": targets[i]},
                                            body={"items": [{"product_id": "PROD002", "quantity": 2}]}),
        "cancel": lambda i: proxy_event("DELETE", "/orders/{order_id}", {"order_id": targets[i]}),
        "status": lambda i: proxy_event("GET", "/status/{identifier}", {"identifier": probe}),
    }
    call_app(events["get"](0))  # warm: the key is cached, the clients built
    return events[route]


def warm_routes():
    from chalicelib.data import aws as aws_clients
    from chalicelib.data import dynamo

    n = WARM_CALLS
    results = {}
    for route in ROUTE_CALLS:
        with aws():
            floor_clients = _floor_client_factory()
            make_event = _route_fixture(route, n)
            log = CallLog([dynamo.get_client(), aws_clients.get_sfn_client()])
            app_ms, floor_ms, calls, items, recorded = [], [], None, None, None
            for i in range(n):
                event = make_event(i)
                log.clear()
                started = time.perf_counter()
                status, body = call_app(event)
                app_ms.append((time.perf_counter() - started) * 1000)
                assert status < 300, (route, status, body)
                if calls is None:
                    calls = collections.Counter(log.calls)
                    items = log.items_read
                    recorded = list(log.params)
                started = time.perf_counter()
                _replay(floor_clients, recorded)
                floor_ms.append((time.perf_counter() - started) * 1000)
            log.close()
        app, floor = summary(app_ms), summary(floor_ms)
        results[route] = {
            "app": app, "floor": floor, "ratio": round(app["median_ms"] / floor["median_ms"], 3), "target": "<= 1.5",
            "aws_calls": sum(calls.values()), "calls": dict(calls), "dynamodb_items_read": items, "why": ROUTE_CALLS[route],
        }
    return results


# ---------------------------------------------------------------- 3. scale

def scale():
    """Each list request is made once against moto (its items read are
    counted from the responses, and its time including moto's kept), then
    timed SCALE_REPLAYS times with moto's answers replayed (MotoReplay): the
    app's own time on the same responses, which is what can grow with the
    table on DynamoDB."""
    from chalicelib.data import dynamo

    queries = {"page 1": {"limit": "20"}, "page 5": {"limit": "20", "page": "5"},
               "page 1, status=shipped": {"limit": "20", "status": "shipped"},
               "page 5, status=shipped": {"limit": "20", "page": "5", "status": "shipped"}}
    log = CallLog([dynamo.get_client()])
    measured = {}
    loaded = 0
    for size in SCALE_SIZES:
        load_orders(size - loaded, customers=500)
        loaded = size
        for name, query in queries.items():
            event = proxy_event("GET", "/orders", query=query)
            log.clear()
            REPLAY.answers, REPLAY.misses, REPLAY.mode = {}, 0, "record"
            started = time.perf_counter()
            status, body = call_app(event)
            including_moto = (time.perf_counter() - started) * 1000
            items = log.items_read
            assert status == 200, body
            REPLAY.mode = "replay"
            own = []
            for _ in range(SCALE_REPLAYS):
                started = time.perf_counter()
                replayed_status, replayed = call_app(event)
                own.append((time.perf_counter() - started) * 1000)
                assert (replayed_status, replayed["orders"]) == (status, body["orders"]), "replay diverged"
            REPLAY.mode = None
            measured.setdefault(name, {})[size] = {
                "app_own_median_ms": round(statistics.median(own), 2), "app_own_p95_ms": round(percentile(own, 0.95), 2),
                "including_moto_ms": round(including_moto, 2), "items_read": items, "returned": len(body["orders"]),
                "replays": SCALE_REPLAYS, "requests_not_replayed": REPLAY.misses}
    log.close()
    return {name: {"orders_100": by_size[100], "orders_1000": by_size[1_000], "orders_10000": by_size[10_000],
                   "latency_ratio": round(by_size[10_000]["app_own_median_ms"] / by_size[100]["app_own_median_ms"], 3),
                   "latency_ratio_1000_to_10000": round(by_size[10_000]["app_own_median_ms"] / by_size[1_000]["app_own_median_ms"], 3),
                   "latency_ratio_including_moto": round(by_size[10_000]["including_moto_ms"] / by_size[100]["including_moto_ms"], 3),
                   "items_read_identical": by_size[100]["items_read"] == by_size[10_000]["items_read"],
                   "items_read_identical_1000_to_10000": by_size[1_000]["items_read"] == by_size[10_000]["items_read"],
                   "target": "items read identical, latency ratio <= 1.2"}
            for name, by_size in measured.items()}


# ---------------------------------------------------------------- 4. workflow transitions

def workflow_transitions():
    sfn = boto3.client("stepfunctions")

    def transitions(items):
        status, body = call_app(proxy_event("POST", "/orders", body={"customer_id": "CUST003", "items": items}))
        arn = body["execution_arn"]
        deadline = time.time() + 30
        while sfn.describe_execution(executionArn=arn)["status"] == "RUNNING" and time.time() < deadline:
            time.sleep(0.05)
        history = sfn.get_execution_history(executionArn=arn)["events"]
        states = [e["stateEnteredEventDetails"]["name"] for e in history if "stateEnteredEventDetails" in e]
        return {"transitions": len(states), "states": states, "execution": sfn.describe_execution(executionArn=arn)["status"]}

    return {"successful_order": transitions([{"product_id": "PROD002", "quantity": 1}]),
            "out_of_stock_order": transitions([{"product_id": "PROD004", "quantity": 999}]),
            "target": "<= 4 for a successful order"}


# ---------------------------------------------------------------- 5. dollars per million orders

def order_life(warm):
    """One order's life, metered: create, the workflow's reservation, 3 reads,
    ship, deliver; backups after each step."""
    from chalicelib.core.logs import JsonFormatter
    from chalicelib.core.settings import get_settings
    from chalicelib.data import aws as aws_clients
    from chalicelib.data import dynamo, order_store
    from chalicelib.domain import workflow
    from ops.stream_pump import StreamPump

    settings = get_settings()
    raw = boto3.client("dynamodb")
    meter = CapacityMeter(dynamo.get_client(), raw, settings.table_names.values())
    pump = StreamPump()
    pump.drain()
    s3_puts = collections.Counter()
    aws_clients.get_s3_client().meta.events.register("after-call.s3.PutObject", lambda **_: s3_puts.update(["put"]))
    log_bytes = []
    handler = logging.StreamHandler(_ByteCounter(log_bytes))
    handler.setFormatter(JsonFormatter())
    oms_logger = logging.getLogger("oms")
    previous_level, previous_handlers = oms_logger.level, list(oms_logger.handlers)
    oms_logger.handlers = [handler]  # count the bytes the function would log, print nothing
    oms_logger.setLevel(logging.INFO)

    steps = []
    order_id = None

    def step(name, action, duration_ms, drain=True):
        meter.reset()
        action()
        written, read = meter.write_units, meter.read_units
        before = s3_puts["put"]
        backup_ms = []
        invocations = _drain_counting(pump, backup_ms) if drain else 0
        steps.append({"step": name, "write_units": written, "read_units": read, "s3_puts": s3_puts["put"] - before,
                      "backup_invocations": invocations, "backup_ms": round(sum(backup_ms), 2), "duration_ms": duration_ms})

    def create():
        nonlocal order_id
        order_id = create_order(items=[{"product_id": "PROD002", "quantity": 1}, {"product_id": "PROD003", "quantity": 1}])

    def reserve():
        # The exact transaction the state machine commits (its input), on the metered client.
        reservation = workflow.execution_input(order_store.get(order_id))["reservation"]
        dynamo.get_client().transact_write_items(**reservation)

    def read():
        call_app(proxy_event("GET", "/orders/{order_id}", {"order_id": order_id}))

    # The workflow commits well within the backup functions' 5 s batching
    # window, so the create and the reservation reach them in one batch.
    step("create", create, warm["create"]["app"]["median_ms"], drain=False)
    step("workflow reservation", reserve, 0)
    for n in range(3):
        step(f"read {n + 1}", read, warm["get"]["app"]["median_ms"])
    step("ship", lambda: set_status(order_id, "shipped"), warm["update_status"]["app"]["median_ms"])
    step("deliver", lambda: set_status(order_id, "delivered"), warm["update_status"]["app"]["median_ms"])
    meter.close()
    oms_logger.handlers = previous_handlers
    oms_logger.setLevel(previous_level)
    return steps, sum(log_bytes)


class _ByteCounter:
    def __init__(self, sink):
        self.sink = sink

    def write(self, text):
        self.sink.append(len(text.encode()))

    def flush(self):
        pass


def _drain_counting(pump, durations):
    """Backup function invocations (one per stream batch with records), each
    timed: the handler the deployed backup functions run."""
    from chalicelib.events import backup

    before = len(durations)

    def timed(kind, records):
        started = time.perf_counter()
        backup.handle_records(kind, records)
        durations.append((time.perf_counter() - started) * 1000)

    pump.poll_once(timed)
    return len(durations) - before


def dollars(steps, log_bytes, transitions):
    api_requests = sum(1 for s in steps if s["step"] != "workflow reservation")
    write_units = sum(s["write_units"] for s in steps)
    read_units = sum(s["read_units"] for s in steps)
    puts = sum(s["s3_puts"] for s in steps)
    backup_invocations = sum(s["backup_invocations"] for s in steps)
    api_ms = sum(s["duration_ms"] for s in steps)
    backup_ms = sum(s["backup_ms"] for s in steps)
    per_order = {
        "API Gateway (REST)": api_requests * prices.API_GATEWAY_REST_PER_MILLION / 1e6,
        "Lambda requests": (api_requests + backup_invocations) * prices.LAMBDA_REQUESTS_PER_MILLION / 1e6,
        "Lambda duration": (api_ms + backup_ms) / 1000 * MEMORY_GB * prices.LAMBDA_GB_SECOND,
        "DynamoDB writes": write_units * prices.DYNAMODB_WRITE_REQUEST_UNIT_PER_MILLION / 1e6,
        "DynamoDB reads": read_units * prices.DYNAMODB_READ_REQUEST_UNIT_PER_MILLION / 1e6,
        "S3 PUTs (backups)": puts * prices.S3_PUT_PER_THOUSAND / 1e3,
        "Step Functions transitions": transitions * prices.STEP_FUNCTIONS_TRANSITION_PER_THOUSAND / 1e3,
        "CloudWatch Logs": (log_bytes + (api_requests + backup_invocations) * LAMBDA_LOG_BYTES) / 1e9 * prices.CLOUDWATCH_LOGS_INGEST_PER_GB,
    }
    per_million = {service: round(cost * 1e6, 2) for service, cost in per_order.items()}
    return {
        "per_million_orders_usd": per_million,
        "total_per_million_orders_usd": round(sum(per_million.values()), 2),
        "target": "< 100 USD per million orders",
        "counted": {"api_requests": api_requests, "lambda_invocations": api_requests + backup_invocations,
                    "dynamodb_write_units": write_units, "dynamodb_read_units": read_units, "s3_puts": puts,
                    "step_functions_transitions": transitions, "log_bytes": log_bytes + (api_requests + backup_invocations) * LAMBDA_LOG_BYTES},
        "steps": steps,
        "prices": {"date": prices.PRICES_DATE, "region": prices.REGION,
                   **{name: getattr(prices, name) for name in dir(prices) if name.isupper() and name not in ("PRICES_DATE",
                                                                                                             "REGION")}},
        "not_counted": "data transfer out (responses are ~1-3 KB), DynamoDB storage and PITR, S3 storage of backup versions",
    }


# ---------------------------------------------------------------- 7. hot keys at 10,000 orders

def hot_keys(sample_orders=100, modelled_orders=10_000, customers=5_000, products=1_000):
    """Write units per partition key. A sample of orders goes through the real
    path (create with an Idempotency-Key, the workflow's reservation, ship,
    deliver) under the capacity meter, which books every write to the key it
    lands on. Those writes (how many, how many units, which kind of key) are
    then replayed for 10,000 orders whose keys are assigned exactly as the
    code assigns them: list shards from the order id, a counter shard at
    random per write, one customer each out of 5,000, 1-3 products out of a
    catalog of 1,000."""
    from chalicelib.core.settings import get_settings
    from chalicelib.data import counters, dynamo, order_store
    from chalicelib.domain import catalog, workflow

    settings = get_settings()
    rng = random.Random(42)
    catalog.update_product("PROD002", {"add_stock": 1_000_000})
    raw = boto3.client("dynamodb")
    meter = CapacityMeter(dynamo.get_client(), raw, settings.table_names.values())
    units = collections.defaultdict(list)  # kind -> units of each write
    for n in range(sample_orders):
        meter.reset()
        status, body = call_app(proxy_event("POST", "/orders", body={
            "customer_id": f"CUST00{1 + n % 5}", "items": [{"product_id": "PROD002", "quantity": 1}]},
            headers={"Idempotency-Key": f"sample-{n}"}))
        order = order_store.get(body["order_id"])
        dynamo.get_client().transact_write_items(**workflow.execution_input(order)["reservation"])
        set_status(order.order_id, "shipped")
        set_status(order.order_id, "delivered")
        for key, charged in meter.events:
            units[_key_kind(key, settings)].append(charged)
    meter.close()
    per_order = {kind: len(values) / sample_orders for kind, values in units.items()}  # writes per order
    per_write = {kind: statistics.mean(values) for kind, values in units.items()}

    totals = collections.Counter()
    for n in range(modelled_orders):
        order_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        shard = counters.list_shard_of(order_id)
        customer = f"C{rng.randrange(customers)}"
        fixed = {
            "order item": f"orders|{order_id}",
            "customer counter": f"counters|customer#{customer}",
            "date index shard": f"orders/by_date|ALL#{shard}",
            "customer index": f"orders/by_customer|{customer}",
            "idempotency record": f"idempotency|{order_id}",
            **{f"status index ({status})": f"orders/by_status|{status}#{shard}"
               for status in ("pending", "processing", "shipped", "delivered")},
        }
        for kind, count in per_order.items():
            for _ in range(round(count)):
                if kind == "counter shard":
                    key = f"counters|orders#{rng.randrange(settings.counter_shards)}"
                elif kind == "product item":
                    continue
                else:
                    key = fixed[kind]
                totals[key] += per_write[kind]
        for product in rng.sample(range(products), rng.randint(1, 3)):
            totals[f"products|P{product}"] += per_write.get("product item", 0) * round(per_order.get("product item", 0))
    total = sum(totals.values())
    hottest, hottest_units = totals.most_common(1)[0]
    hottest_by_kind = {}
    for key, charged in totals.items():
        kind = key.split("|")[0]
        if charged > hottest_by_kind.get(kind, (None, 0))[1]:
            hottest_by_kind[kind] = (key, charged)
    single_product_units = per_write.get("product item", 0) * round(per_order.get("product item", 0))
    return {
        "orders": modelled_orders, "sampled_orders": sample_orders, "customers": customers, "catalog_products": products,
        "writes_per_order_by_key_kind": {kind: round(v, 2) for kind, v in sorted(per_order.items())},
        "units_per_write_by_key_kind": {kind: round(v, 2) for kind, v in sorted(per_write.items())},
        "total_write_units": round(total),
        "hottest_key": hottest, "hottest_share": round(hottest_units / total, 5),
        "hottest_by_table_or_index": {kind: {"key": key, "share": round(charged / total, 5)}
                                      for kind, (key, charged) in sorted(hottest_by_kind.items())},
        "sustained_orders_per_second": round(1000 / (hottest_units / modelled_orders)),
        "target": ">= 10,000 orders/s",
        "one_product_ceiling_orders_per_second": round(1000 / single_product_units) if single_product_units else None,
        "settings": {"list_shards": settings.list_shards, "counter_shards": settings.counter_shards},
    }


def _key_kind(key, settings):
    table_or_index, value = key.split("|", 1)
    if table_or_index == settings.orders_table:
        return "order item"
    if table_or_index == settings.products_table:
        return "product item"
    if table_or_index == settings.idempotency_table:
        return "idempotency record"
    if table_or_index == settings.counters_table:
        return "customer counter" if value.startswith("customer#") else "counter shard"
    if table_or_index.endswith("/by_date"):
        return "date index shard"
    if table_or_index.endswith("/by_status"):
        return f"status index ({value.split('#')[0]})"
    if table_or_index.endswith("/by_customer"):
        return "customer index"
    return table_or_index


# ---------------------------------------------------------------- 6. package

def start_package():
    """`make package` and a plain install of requirements.txt, in the
    background (nothing timed runs while they do: see main)."""
    target = pathlib.Path(tempfile.mkdtemp(prefix="oms-req-"))
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "OMS_"))}
    processes = [
        subprocess.Popen([sys.executable, "-m", "ops.package"], cwd=ROOT, env=clean,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen([sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target), "-r",
                          str(ROOT / "requirements.txt")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]

    def finish():
        for process in processes:
            if process.wait() != 0:
                raise RuntimeError(f"{process.args} failed")
        installed = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
        shutil.rmtree(target, ignore_errors=True)
        zip_path = ROOT / "build" / "package" / "deployment.zip"
        return {"deployment_zip_kib": round(zip_path.stat().st_size / 1024),
                "requirements_installed_kib": round(installed / 1024)}

    return finish


# ---------------------------------------------------------------- report

def table(results):
    lines = ["", "OMS benchmark (this machine, moto in-process unless noted)", ""]
    cold = results["cold_start"]
    lines.append(f"1. Cold start (median of {cold['runs']} fresh processes, emulator in its own process)")
    lines.append(f"   app {cold['app_median_ms']} ms   floor {cold['floor_median_ms']} ms   ratio {cold['ratio']}   target {cold['target']}")
    lines.append("")
    lines.append(f"2. Warm requests through the Lambda entry point ({WARM_CALLS} calls each)")
    lines.append(f"   {'route':<14}{'median ms':>10}{'p95 ms':>9}{'floor ms':>10}{'ratio':>7}{'AWS calls':>11}{'items read':>12}")
    for route, r in results["warm"].items():
        lines.append(f"   {route:<14}{r['app']['median_ms']:>10.2f}{r['app']['p95_ms']:>9.2f}{r['floor']['median_ms']:>10.2f}"
                     f"{r['ratio']:>7.2f}{r['aws_calls']:>11}{r['dynamodb_items_read']:>12}")
    lines.append("   target: ratio <= 1.5 per route")
    lines.append("")
    lines.append(f"3. Scale: GET /orders, limit 20: items read, and the app's own time (median of {SCALE_REPLAYS} runs on moto's answers replayed)")
    lines.append(f"   {'':<24}{'100 orders':>20}{'1,000 orders':>20}{'10,000 orders':>20}{'ratio':>8}")
    for name, r in results["scale"].items():
        cells = "".join(f"{r[k]['app_own_median_ms']:>9.1f} ms {r[k]['items_read']:>5.0f} it"
                        for k in ("orders_100", "orders_1000", "orders_10000"))
        lines.append(f"   {name:<24}{cells}{r['latency_ratio']:>8.2f}")
    lines.append("   target: items read identical, latency ratio (10,000 vs 100) <= 1.2")
    lines.append("")
    wf = results["workflow"]
    lines.append(f"4. Workflow: successful order {wf['successful_order']['transitions']} transition(s) {wf['successful_order']['states']}, "
                 f"out of stock {wf['out_of_stock_order']['transitions']} {wf['out_of_stock_order']['states']}   target {wf['target']}")
    lines.append("")
    cost = results["cost"]
    lines.append(f"5. Dollars per million orders (create, workflow, 3 reads, ship, deliver; prices {cost['prices']['date']})")
    for service, dollars_ in cost["per_million_orders_usd"].items():
        lines.append(f"   {service:<28}{dollars_:>9.2f}")
    lines.append(f"   {'total':<28}{cost['total_per_million_orders_usd']:>9.2f}   target {cost['target']}")
    lines.append("")
    pkg = results["package"]
    lines.append(f"6. Package: deployment.zip {pkg['deployment_zip_kib']} KiB; requirements.txt installs {pkg['requirements_installed_kib']} KiB")
    lines.append("")
    hot = results["hot_keys"]
    lines.append(f"7. Hot keys over {hot['orders']:,} orders: hottest {hot['hottest_key']} with {hot['hottest_share'] * 100:.3f}% of "
                 f"{hot['total_write_units']:,} write units -> {hot['sustained_orders_per_second']:,} orders/s   target {hot['target']}")
    lines.append(f"   one product's stock item alone: {hot['one_product_ceiling_orders_per_second']} orders/s containing that product")
    lines.append("")
    return "\n".join(lines)


def main():
    if "--only" in sys.argv:  # one section, for iterating on it
        section = sys.argv[sys.argv.index("--only") + 1]
        if section == "cold_start":
            print(json.dumps(cold_start(), indent=2))
        else:
            with aws():
                print(json.dumps({"scale": scale, "hot_keys": hot_keys}[section](), indent=2))
        return
    started = time.perf_counter()
    results = {"cold_start": cold_start()}
    results["warm"] = warm_routes()
    with aws(execute=False):
        results["scale"] = scale()
    with aws(execute=True):
        results["workflow"] = workflow_transitions()
    with aws(execute=False, streams=True):
        steps, log_bytes = order_life(results["warm"])
        results["cost"] = dollars(steps, log_bytes, results["workflow"]["successful_order"]["transitions"])
    finish_package = start_package()  # runs beside the hot-key count, which times nothing
    with aws(execute=False):
        results["hot_keys"] = hot_keys()
    results["package"] = finish_package()
    results["seconds"] = round(time.perf_counter() - started, 1)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"written to {RESULTS.relative_to(ROOT)} in {results['seconds']} s")


if __name__ == "__main__":
    main()
