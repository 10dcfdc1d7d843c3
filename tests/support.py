"""Helpers shared by test modules: clients for the in-process app and a
running stack, waiting for workflow runs, counting DynamoDB calls, the
books every fault must leave balanced. Fixtures live in the conftest files
and are never imported from them."""
import collections
import json
import os
import pathlib
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal
from typing import Dict, List

import boto3

from metering.capacity import items_read
from ops import run_local

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADMIN_KEY = "test-admin-key"
WRITE_KEY = "test-write-key"
READ_KEY = "test-read-key"
E2E_KEY = "e2e-admin-key"


class JsonVerbs:
    """get/post/put/delete over a `call(method, path, body, **kw)`."""

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.call("POST", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.call("PUT", path, body, **kw)

    def delete(self, path, body=None, **kw):
        return self.call("DELETE", path, body, **kw)


class Api(JsonVerbs):
    """The Chalice test client with JSON and API-key conveniences. The test
    client keeps one `current_request` for all threads (the deployed Lambda
    and `chalice local` keep one per request), so threads using it take turns;
    the concurrency tests race real requests over HTTP."""

    def __init__(self, client, key):
        self.client = client
        self.key = key
        self.one_at_a_time = threading.Lock()

    def call(self, method, path, body=None, key="default", headers=None, raw=None):
        all_headers = {"Content-Type": "application/json"}
        if key == "default":
            key = self.key
        if key is not None:
            all_headers["x-api-key"] = key
        all_headers.update(headers or {})
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        with self.one_at_a_time:
            response = getattr(self.client.http, method.lower())(path, headers=all_headers, body=payload)
        response.data = json.loads(response.body) if response.body else None
        return response


def wait_for_execution(execution_arn, timeout=20.0):
    client = boto3.client("stepfunctions")
    deadline = time.time() + timeout
    while time.time() < deadline:
        execution = client.describe_execution(executionArn=execution_arn)
        if execution["status"] != "RUNNING":
            return execution
        time.sleep(0.05)
    raise AssertionError(f"execution {execution_arn} still running after {timeout}s")


class DynamoDBCalls:
    """Counts DynamoDB API calls and the items they read, from botocore's
    after-call events on the shared client (the same numbers AWS bills)."""

    def __init__(self):
        self.calls = []
        self.items_read = 0

    def __call__(self, http_response=None, parsed=None, model=None, **_):
        self.calls.append(model.name)
        self.items_read += items_read(model.name, parsed)

    def count(self, name):
        return self.calls.count(name)


class RunningStack:
    def __init__(self, state_dir: pathlib.Path, api_key: str = E2E_KEY, settings=None):
        self.state_dir = state_dir
        self.api_key = api_key
        self.settings = settings
        self.ports = run_local.free_ports()
        self.api_url = f"http://127.0.0.1:{self.ports['OMS_API_PORT']}"
        self.web_url = f"http://127.0.0.1:{self.ports['OMS_WEB_PORT']}"
        self.aws_url = f"http://127.0.0.1:{self.ports['OMS_AWS_PORT']}"
        self.process = None
        self.info = None

    def environment(self):
        return run_local.background_environment(self.state_dir, self.api_key, self.ports, self.settings)

    def start(self, timeout=120):
        log = self.state_dir / "runner.log"
        try:
            with open(log, "w") as output:
                self.process, self.info = run_local.start_in_background(
                    self.state_dir, self.api_key, self.ports, stdout=output, timeout=timeout, settings=self.settings)
        except run_local.StartupError as error:
            raise AssertionError(f"{error}:\n" + log.read_text()) from None
        return self

    def stop(self, sig=signal.SIGINT, timeout=30):
        self.process.send_signal(sig)
        return self.process.wait(timeout)

    def pids(self):
        return [self.process.pid] + list(self.info["children"].values())

    def aws_client(self, service):
        return boto3.client(service, endpoint_url=self.aws_url, region_name="us-east-1",
                            aws_access_key_id="local", aws_secret_access_key="local")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class Http(JsonVerbs):
    """JSON over HTTP against a running API; with a `contract`, every
    response is checked against the API's published document."""

    def __init__(self, base_url: str, key: str = E2E_KEY, contract: "ContractCheck" = None):
        import requests

        self.base_url, self.key, self.contract = base_url, key, contract
        self.session = requests.Session()

    def call(self, method, path, body=None, key="default", headers=None, timeout=30):
        all_headers = {} if key is None else {"x-api-key": self.key if key == "default" else key}
        all_headers.update(headers or {})
        response = self.session.request(method, self.base_url + path, json=body, headers=all_headers, timeout=timeout)
        response.data = response.json() if response.content else None
        if self.contract is not None:
            self.contract.check(method, path, response.status_code, response.data)
        return response

    def settled_stats(self, timeout: float = 30) -> dict:
        """GET /stats once its counts include every order the list shows (the
        counters trail writes by a stream batch)."""
        deadline = time.time() + timeout
        while True:
            listed, token = 0, ""
            while True:
                page = self.get("/orders?limit=100" + (f"&next_token={token}" if token else "")).data
                listed += len(page["orders"])
                token = page.get("next_token")
                if not token:
                    break
            stats = self.get("/stats").data
            if stats["orders"]["total"] == listed or time.time() > deadline:
                return stats
            time.sleep(0.5)


class ContractCheck:
    """Validates a response body against the schema the OpenAPI document
    gives for its operation and status (JSON Schema 2020-12), strictly: the
    document leaves response objects open (clients must accept fields a later
    version adds), but this API must send exactly the fields it declares."""

    def __init__(self, document: dict):
        import re

        self.document = {**document, "components": closed_objects(document["components"])}
        self.operations = [(method.upper(), re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), operation)
                           for path, item in document["paths"].items() for method, operation in item.items()]
        self.checked = collections.Counter()

    @classmethod
    def served_by(cls, api_url: str) -> "ContractCheck":
        import requests

        return cls(requests.get(f"{api_url}/openapi.json", timeout=30).json())

    def check(self, method: str, path: str, status: int, body) -> None:
        import jsonschema

        route = path.split("?")[0]
        operation = next((op for m, pattern, op in self.operations if m == method.upper() and pattern.match(route)), None)
        assert operation is not None, f"{method} {route} is not in the OpenAPI document"
        response = operation["responses"].get(str(status)) or operation["responses"]["default"]
        schema = response["content"]["application/json"]["schema"]
        jsonschema.validate(body, {**schema, "components": self.document["components"]},
                            cls=jsonschema.Draft202012Validator)
        self.checked[(operation["operationId"], status)] += 1


def closed_objects(schema):
    """`schema` with every object that lists its properties closed to others."""
    if isinstance(schema, list):
        return [closed_objects(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    closed = {key: closed_objects(value) for key, value in schema.items()}
    if closed.get("type") == "object" and "properties" in closed:
        closed.setdefault("additionalProperties", False)
    return closed


HOLDING = {"processing", "shipped", "delivered"}


class Books:
    """The invariants every fault and race must leave intact, read straight
    from the tables of a running local stack (scans are fine in a test)."""

    def __init__(self, dynamodb, prefix: str = "oms-local"):
        self.dynamodb, self.prefix = dynamodb, prefix

    def scan(self, table: str) -> List[dict]:
        items, arguments = [], {"TableName": f"{self.prefix}-{table}", "ConsistentRead": True}
        while True:
            page = self.dynamodb.scan(**arguments)
            items += page["Items"]
            if "LastEvaluatedKey" not in page:
                return items
            arguments["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def orders(self) -> List[dict]:
        return self.scan("orders")

    def stock_problems(self) -> List[str]:
        """stock + held by live orders == stock ever added, and never negative."""
        held: Dict[str, int] = collections.Counter()
        for order in self.orders():
            if order["status"]["S"] in HOLDING:
                for line in order["items"]["L"]:
                    held[line["M"]["product_id"]["S"]] += int(line["M"]["quantity"]["N"])
        problems = []
        for product in self.scan("products"):
            pid = product["product_id"]["S"]
            stock, added = int(product["stock_quantity"]["N"]), int(product.get("stock_added", {"N": "0"})["N"])
            if stock < 0 or stock + held[pid] != added:
                problems.append(f"{pid}: stock {stock} + held {held[pid]} != added {added}")
        return problems

    def counter_problems(self, timeout: float = 30) -> List[str]:
        """Every counter item (all orders, each customer, each day) equals a
        count and sum of the orders themselves once the orders stream has
        been folded in (the counters trail writes by a stream batch)."""
        deadline = time.time() + timeout
        while True:
            problems = self._counter_differences()
            if not problems or time.time() > deadline:
                return problems
            time.sleep(1)

    def _counter_differences(self) -> List[str]:
        expected: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for order in self.orders():
            status, amount = order["status"]["S"], Decimal(order["total_amount"]["N"])
            day = order["created_at"]["S"][:10]
            for key in ("orders", f"customer#{order['customer_id']['S']}", f"day#{day}"):
                expected[key].update({"total": 1, status: 1, f"amount_{status}": amount})
        found: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for counter in self.scan("counters"):
            key = counter["counter_id"]["S"]
            if key.startswith(("applied#", "sequence#")):
                continue  # the markers of batches already counted, the order number sequence
            for name, value in counter.items():
                if name not in ("counter_id", "expires_at") and "N" in value:
                    found[key][name] += Decimal(value["N"])
        problems = []
        for key in set(expected) | set(found):
            want, got = +expected[key], +found[key]  # unary + drops zero counts
            if want != got:
                problems.append(f"{key}: counted {dict(want)}, counters say {dict(got)}")
        return problems

    def stuck_pending(self, timeout: float = 60) -> List[str]:
        """Orders still pending after `timeout`. Every pending order has a run
        (started by the API, or by the stream worker when the API could not)
        and every run ends by moving its order on, so none should remain."""
        deadline = time.time() + timeout
        while True:
            pending = [order["order_id"]["S"] for order in self.orders() if order["status"]["S"] == "pending"]
            if not pending or time.time() > deadline:
                return pending
            time.sleep(0.5)


def emulated_stateful_template(stage: str = "dev") -> dict:
    """The stateful template `make package` writes, less the staff user pool:
    moto's CloudFormation does not model Cognito (it fails on the pool's
    outputs), so `create_stateful_stack` makes the pool through Cognito's API."""
    from ops import package, staff_pool

    template = package.stateful_template(stage, 14)
    cognito = {name for name, resource in template["Resources"].items() if resource["Type"].startswith("AWS::Cognito::")}
    template["Resources"] = {name: r for name, r in template["Resources"].items() if name not in cognito}
    template["Outputs"] = {name: o for name, o in template["Outputs"].items() if name not in staff_pool.template_outputs()}
    template.pop("Parameters")
    return template


def create_stateful_stack(stage: str = "dev") -> Dict[str, str]:
    """A deployed stage's stateful stack, made by the emulator's CloudFormation
    from the very template `make package` writes (moto leaves out what it does
    not model: the bucket policy, point-in-time recovery; the user pool is made
    as `make run` makes it); its outputs, the pool's included."""
    import warnings

    from ops import deploy, staff_pool
    from ops.stage import USER_POOL_CLIENT_PARAMETER, USER_POOL_PARAMETER

    cfn = boto3.client("cloudformation")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*AWS::S3::BucketPolicy")
        cfn.create_stack(StackName=deploy.stateful_stack_name(stage), Capabilities=deploy.CAPABILITIES,
                         TemplateBody=json.dumps(emulated_stateful_template(stage)))
    pool_id, client_id = staff_pool.provision(boto3.client("cognito-idp"), f"oms-{stage}")
    return {**deploy.stack_outputs(cfn, deploy.stateful_stack_name(stage)), USER_POOL_PARAMETER: pool_id,
            USER_POOL_CLIENT_PARAMETER: client_id}


# schemathesis against the document a running stack serves: every check but
# `unsupported_method` (answered by chalice local's HTTP server, not the app),
# the document's links for stateful sequences, a fixed seed, bounded examples.
FUZZ_SEED = "20261125"
FUZZ_EXAMPLES = "25"


def fuzz(stack, path_regex: str) -> None:
    """Zero failures on the operations whose path matches `path_regex`."""
    schemathesis = pathlib.Path(sys.executable).parent / "schemathesis"
    result = subprocess.run(
        [str(schemathesis), "run", f"{stack.api_url}/openapi.json",
         "--include-path-regex", path_regex,
         "--checks", "all", "--exclude-checks", "unsupported_method",
         "--header", f"x-api-key: {stack.api_key}",
         "--seed", FUZZ_SEED, "--max-examples", FUZZ_EXAMPLES, "--workers", "1",
         "--phases", "examples,coverage,fuzzing,stateful"],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    summary = result.stdout[-6000:]
    assert result.returncode == 0, summary
    assert " passed" in result.stdout and "failures" not in result.stdout.splitlines()[-1], summary


def wait_until(condition, timeout, what):
    """Polls `condition` until it holds; fails naming `what` after `timeout` seconds (no timing asserted)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"{what} did not happen within {timeout} s")
