"""Concurrent writers over HTTP on the local stack: no lost update, one order
per Idempotency-Key, and the bounded load test's bookkeeping."""
import concurrent.futures
import json
import time
import urllib.request
import uuid

import pytest

from ops import load
from tests.support import Books

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_ten_writers_adding_one_each_lose_nothing(http):
    product_id = f"LU-{uuid.uuid4().hex[:8]}"
    assert http.post("/products", {"product_id": product_id, "product_name": "Counted", "price": "1.00",
                                   "stock_quantity": 100}).status_code == 201
    order_id = http.post("/orders", {"customer_id": "CUST005", "items": [{"product_id": product_id,
                                                                          "quantity": 1}]}).data["order_id"]

    def add_one(_):
        attempts = 0
        while True:
            attempts += 1
            current = http.get(f"/orders/{order_id}")
            quantity = current.data["items"][0]["quantity"]
            response = http.put(f"/orders/{order_id}", {"items": [{"product_id": product_id, "quantity": quantity + 1}]},
                                headers={"If-Match": current.headers["ETag"]})
            if response.status_code == 200:
                return attempts
            assert response.status_code in (409, 412), response.data

    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        attempts = list(pool.map(add_one, range(10)))
    order = http.get(f"/orders/{order_id}").data
    assert order["items"][0]["quantity"] == 11
    edits = [event for event in order["history"] if event["action"] == "edited"]
    assert len(edits) == 10
    assert sorted(int(e["changes"][0]["new"]) for e in edits) == list(range(2, 12))
    assert sum(attempts) >= 10


def new_products(http, count, stock=1000):
    ids = [f"CC-{uuid.uuid4().hex[:8]}" for _ in range(count)]
    for product_id in ids:
        response = http.post("/products", {"product_id": product_id, "product_name": "Raced", "price": "1.25",
                                           "stock_quantity": stock})
        assert response.status_code == 201, response.data
    return ids


def processing_order(http, product_ids, quantity=1):
    created = http.post("/orders", {"customer_id": "CUST004", "items": [{"product_id": p,
                                                                         "quantity": quantity} for p in product_ids]})
    assert created.status_code == 201, created.data
    return wait_for_status(http, created.data["order_id"], {"processing"})


def wait_for_status(http, order_id, statuses, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        order = http.get(f"/orders/{order_id}").data
        if order["status"] in statuses:
            return order
        time.sleep(0.1)
    raise AssertionError(f"{order_id} did not reach {statuses}")


def test_sixteen_plain_editors_of_one_order_all_succeed(http, local_stack):
    """No If-Match: each edit means "set this line to N" and is re-applied on
    a fresh read until it lands. 8 editors own a line each, 8 fight over one."""
    products = new_products(http, 9)
    order_id = processing_order(http, products)["order_id"]
    edits = [(products[i], 2 + i) for i in range(8)] + [(products[8], 10 + i) for i in range(8)]

    def edit(target):
        product_id, quantity = target
        return http.put(f"/orders/{order_id}", {"items": [{"product_id": product_id, "quantity": quantity}]})

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        responses = list(pool.map(edit, edits))
    assert [r.status_code for r in responses] == [200] * 16, [r.data for r in responses if r.status_code != 200]
    order = http.get(f"/orders/{order_id}").data
    quantities = {line["product_id"]: line["quantity"] for line in order["items"]}
    assert [quantities[p] for p in products[:8]] == list(range(2, 10))
    edited = [e for e in order["history"] if e["action"] == "edited"]
    assert len(edited) == 16
    last_contested = [e["changes"][0]["new"] for e in edited if e["changes"][0]["product_id"] == products[8]][-1]
    assert quantities[products[8]] == int(last_contested)
    assert Books(local_stack.aws_client("dynamodb")).stock_problems() == []


def test_cancel_racing_ship_has_one_winner_and_the_loser_a_clear_409(http, local_stack):
    product = new_products(http, 1)
    orders = [processing_order(http, product, quantity=2)["order_id"] for _ in range(6)]

    def race(order_id):
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            cancel = pool.submit(http.delete, f"/orders/{order_id}", {"reason": "race"})
            ship = pool.submit(http.put, f"/orders/{order_id}", {"status": "shipped"})
            return cancel.result(), ship.result()

    for order_id, (cancel, ship) in zip(orders, map(race, orders), strict=True):
        assert sorted([cancel.status_code, ship.status_code]) == [200, 409], (cancel.data, ship.data)
        loser = ship if cancel.status_code == 200 else cancel
        assert loser.data["message"] in ("Cannot change status from cancelled to shipped", "Cannot cancel a shipped order")
        assert http.get(f"/orders/{order_id}").data["status"] == ("cancelled" if cancel.status_code == 200 else "shipped")
    assert Books(local_stack.aws_client("dynamodb")).stock_problems() == []


def test_an_edit_right_after_create_never_conflicts(http):
    """The workflow's pending -> processing write lands between the API's
    read and write about a third of the time; a plain edit is re-applied."""
    product = new_products(http, 1)[0]
    statuses = []
    for _ in range(100):
        created = http.post("/orders", {"customer_id": "CUST003", "items": [{"product_id": product, "quantity": 1}]})
        edited = http.put(f"/orders/{created.data['order_id']}", {"items": [{"product_id": product, "quantity": 3}]})
        statuses.append(edited.status_code)
        assert edited.data["order"]["items"][0]["quantity"] == 3
    assert statuses == [200] * 100


def test_the_local_server_serves_requests_in_parallel_without_crossing_them(http, local_stack):
    """No global lock: each request keeps its own body (Chalice's local
    server keeps `current_request` per thread), and a request waiting on a
    stalled database does not hold up others."""
    def place(n):
        return n, http.post("/orders", {"customer_name": f"Parallel {n}", "customer_email": f"parallel-{n}@example.com",
                                        "items": [{"product_id": "PROD002", "quantity": 1 + n % 7}]})

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        for n, response in pool.map(place, range(96)):
            assert response.status_code == 201, response.data
            order = response.data["order"]
            assert (order["customer_name"], order["items"][0]["quantity"]) == (f"Parallel {n}", 1 + n % 7)

    order_id = http.get("/orders?limit=1").data["orders"][0]["order_id"]
    stall_next(local_stack, "DynamoDB_20120810.GetItem", order_id, seconds=6)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        stalled = pool.submit(http.get, f"/orders/{order_id}")
        time.sleep(0.5)
        # Served beside the stalled request: with one request at a time it
        # would wait 5.5 s more and this client would give up after 3.
        assert http.get("/openapi.json", timeout=3).status_code == 200
        assert not stalled.done()
        assert stalled.result().status_code == 200


def stall_next(stack, target, contains, seconds):
    request = urllib.request.Request(f"{stack.aws_url}/_oms/faults", method="POST", data=json.dumps({
        "target": target, "contains": contains, "stall_seconds": seconds, "when": "before"}).encode())
    urllib.request.urlopen(request, timeout=5).read()


def test_racing_requests_with_one_idempotency_key_create_one_order(http):
    key = f"race-{uuid.uuid4()}"
    body = {"customer_id": "CUST005", "items": [{"product_id": "PROD002", "quantity": 1}]}

    def place(_):
        return http.post("/orders", body, headers={"Idempotency-Key": key})

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(place, range(8)))
    created = {r.data["order_id"] for r in responses if r.status_code == 201}
    assert len(created) == 1
    assert all(r.status_code in (201, 409) for r in responses)
    replayed = sum(r.headers.get("Idempotent-Replayed") == "true" for r in responses)
    assert replayed == sum(r.status_code == 201 for r in responses) - 1


def test_bounded_load(local_stack):
    figures = load.run_load(local_stack.api_url, local_stack.api_key, clients=16, requests_total=320, seed=11)
    print(figures)
    assert figures["requests"] == 320
    assert figures["server_errors"] == []
    assert figures["problems"] == []
    assert figures["orders"] > 50
