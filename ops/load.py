"""`make load`: a bounded load test against the local stack.

16 concurrent clients send a few hundred mixed requests (create, read, list,
edit, status change, cancel) for products and a customer of their own, then
the run checks what the clients were told against what the system holds:
no 5xx, every acknowledged order present exactly once, every acknowledged
change in its order's history, and stock exact. Prints its figures; it
asserts correctness, never timings.

    make load                       # starts a stack on free ports, runs, stops it
    python -m ops.load --api URL --key KEY   # against a running stack
"""
import argparse
import collections
import concurrent.futures
import json
import pathlib
import random
import signal
import statistics
import sys
import tempfile
import threading
import time
import uuid
from typing import Dict, List, Optional

import requests

ROOT = pathlib.Path(__file__).resolve().parent.parent
MIX = [("create", 35), ("get", 20), ("list", 15), ("edit", 12), ("status", 10), ("cancel", 8)]
STOCK = 400


class Client:
    def __init__(self, api: str, key: str):
        self.api, self.key = api, key
        self.local = threading.local()

    def call(self, method: str, path: str, body=None, headers=None):
        session = getattr(self.local, "session", None) or requests.Session()
        self.local.session = session
        started = time.perf_counter()
        response = session.request(method, self.api + path, json=body, timeout=60,
                                   headers={"x-api-key": self.key, **(headers or {})})
        return response, (time.perf_counter() - started) * 1000


class Ledger:
    """What the clients were told."""

    def __init__(self):
        self.lock = threading.Lock()
        self.created: List[str] = []
        self.changes = collections.Counter()  # order id -> acknowledged changes
        self.statuses = collections.Counter()
        self.latencies = collections.defaultdict(list)
        self.server_errors: List[str] = []

    def record(self, kind: str, response, millis: float) -> None:
        with self.lock:
            self.statuses[response.status_code] += 1
            self.latencies[kind].append(millis)
            if response.status_code >= 500:
                self.server_errors.append(f"{kind} {response.status_code} {response.text[:200]}")


def setup(client: Client, tag: str) -> Dict[str, object]:
    products = [f"LOAD-{tag}-{n}" for n in range(3)]
    for product_id in products:
        response, _ = client.call("POST", "/products", {"product_id": product_id, "product_name": f"Load item {product_id}",
                                                         "price": "3.25", "stock_quantity": STOCK, "category": "load"})
        response.raise_for_status()
    response, _ = client.call("POST", "/customers", {"customer_id": f"LOAD-{tag}", "customer_name": "Load Test",
                                                      "email": f"load-{tag}@example.com"})
    response.raise_for_status()
    return {"products": products, "customer": f"LOAD-{tag}"}


def worker(client: Client, ledger: Ledger, fixture: dict, operations: int, seed: int) -> None:
    rng = random.Random(seed)
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    for _ in range(operations):
        kind = rng.choice(kinds)
        with ledger.lock:
            known = list(ledger.created)
        if kind != "create" and not known:
            kind = "create"
        if kind == "create":
            items = [{"product_id": pid, "quantity": rng.randint(1, 3)} for pid in rng.sample(fixture["products"], rng.randint(1,
                                                                                                                               2))]
            response, millis = client.call("POST", "/orders", {"customer_id": fixture["customer"], "items": items},
                                           headers={"Idempotency-Key": str(uuid.UUID(int=rng.getrandbits(128)))})
            if response.status_code == 201:
                with ledger.lock:
                    ledger.created.append(response.json()["order_id"])
        elif kind == "get":
            response, millis = client.call("GET", f"/orders/{rng.choice(known)}")
        elif kind == "list":
            response, millis = client.call("GET", f"/orders?customer_id={fixture['customer']}&limit={rng.choice([5, 10, 20])}")
        else:
            order_id = rng.choice(known)
            response, millis, changed = change(client, kind, order_id, rng, fixture)
            if changed:
                with ledger.lock:
                    ledger.changes[order_id] += 1
        ledger.record(kind, response, millis)


def change(client: Client, kind: str, order_id: str, rng: random.Random, fixture: dict):
    """Read, then write conditionally on the version read (If-Match). Also
    says whether the order changed: asking for what it already is (cancelling
    a cancelled order) is answered 200 with nothing changed."""
    order, millis = client.call("GET", f"/orders/{order_id}")
    headers = {"If-Match": order.headers.get("ETag", "*")}
    status = order.json()["status"]
    if kind == "edit":
        line = rng.choice(order.json()["items"])
        response, more = client.call("PUT", f"/orders/{order_id}", {"items": [
            {"product_id": line["product_id"], "quantity": line["quantity"] % 4 + 1}]}, headers)  # always a change
    elif kind == "status":
        target = {"pending": "processing", "processing": "shipped", "shipped": "delivered"}.get(status, "cancelled")
        response, more = client.call("PUT", f"/orders/{order_id}", {"status": target}, headers)
    else:
        response, more = client.call("DELETE", f"/orders/{order_id}", {"reason": "load test"}, headers)
    changed = response.status_code == 200 and response.json()["order"]["version"] != order.json()["version"]
    return response, millis + more, changed


def wait_for_workflows(client: Client, order_ids: List[str], timeout: float = 120) -> None:
    deadline = time.time() + timeout
    pending = list(order_ids)
    while pending and time.time() < deadline:
        still = []
        for order_id in pending:
            status, _ = client.call("GET", f"/status/{order_id}")
            if status.status_code == 200 and status.json()["status"] == "RUNNING":
                still.append(order_id)
        pending = still
        if pending:
            time.sleep(0.5)


def verify(client: Client, ledger: Ledger, fixture: dict) -> Dict[str, object]:
    listed, token = [], None
    while True:
        query = f"/orders?customer_id={fixture['customer']}&limit=100" + (f"&next_token={token}" if token else "")
        page, _ = client.call("GET", query)
        page.raise_for_status()
        listed += [order["order_id"] for order in page.json()["orders"]]
        token = page.json()["next_token"]
        if not token:
            break
    total, _ = client.call("GET", f"/orders?customer_id={fixture['customer']}&limit=1")
    problems = []
    if sorted(listed) != sorted(ledger.created):
        problems.append(f"orders listed {len(listed)} (unique {len(set(listed))}) != acknowledged {len(ledger.created)}")
    if total.json()["pagination"]["total"] != len(ledger.created):
        problems.append(f"pagination.total {total.json()['pagination']['total']} != {len(ledger.created)}")
    held = collections.Counter()
    history_events = 0
    for order_id in ledger.created:
        order = client.call("GET", f"/orders/{order_id}")[0].json()
        by_clients = [event for event in order["history"] if event["actor"]["type"] != "system" and event["action"] != "workflow"]
        history_events += len(order["history"])
        if len(by_clients) != 1 + ledger.changes[order_id]:
            problems.append(f"order {order_id}: {len(by_clients) - 1} changes in history, "
                            f"{ledger.changes[order_id]} acknowledged")
        if order["status"] in ("processing", "shipped", "delivered"):
            for line in order["items"]:
                held[line["product_id"]] += line["quantity"]
    for product_id in fixture["products"]:
        stock = client.call("GET", f"/products/{product_id}")[0].json()["stock_quantity"]
        if stock < 0 or stock + held[product_id] != STOCK:
            problems.append(f"stock of {product_id}: {stock} + held {held[product_id]} != {STOCK}")
    return {"orders": len(ledger.created), "history_events": history_events, "problems": problems}


def run_load(api: str, key: str, clients: int = 16, requests_total: int = 400, seed: int = 7) -> dict:
    client = Client(api, key)
    tag = uuid.uuid4().hex[:8]
    fixture = setup(client, tag)
    ledger = Ledger()
    started = time.perf_counter()
    per_client = requests_total // clients
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda n: worker(client, ledger, fixture, per_client, seed * 1000 + n), range(clients)))
    elapsed = time.perf_counter() - started
    wait_for_workflows(client, ledger.created)
    checked = verify(client, ledger, fixture)
    latencies = [m for values in ledger.latencies.values() for m in values]
    return {
        "clients": clients,
        "requests": sum(ledger.statuses.values()),
        "seconds": round(elapsed, 2),
        "requests_per_second": round(sum(ledger.statuses.values()) / elapsed, 1),
        "status_codes": dict(sorted(ledger.statuses.items())),
        "server_errors": ledger.server_errors,
        "latency_ms": {kind: {"n": len(values), "p50": round(statistics.median(values), 1),
                              "p95": round(sorted(values)[int(len(values) * 0.95) - 1], 1)}
                       for kind, values in sorted(ledger.latencies.items())},
        "latency_ms_all_p50": round(statistics.median(latencies), 1) if latencies else None,
        **checked,
    }


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.load", description="Bounded load test against the local stack")
    parser.add_argument("--api", help="a running API (default: start a local stack for the run)")
    parser.add_argument("--key", default="load-test-key")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args(argv)
    process = None
    api = args.api
    if api is None:
        from ops import run_local

        ports = run_local.free_ports()
        process, _ = run_local.start_in_background(pathlib.Path(tempfile.mkdtemp(prefix="oms-load-")), args.key, ports)
        api = f"http://127.0.0.1:{ports['OMS_API_PORT']}"
    try:
        figures = run_load(api, args.key, args.clients, args.requests)
    finally:
        if process is not None:
            process.send_signal(signal.SIGINT)
            process.wait(30)
    print(json.dumps(figures, indent=2))
    failed = figures["server_errors"] or figures["problems"]
    print("load test: " + ("FAILED" if failed else "OK: no 5xx, no lost or duplicated order or change, stock exact"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
