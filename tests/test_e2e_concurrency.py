"""Concurrent writers over HTTP on the local stack: no lost update, one order
per Idempotency-Key, and the bounded load test's bookkeeping."""
import concurrent.futures
import uuid

import pytest

from ops import load

pytestmark = pytest.mark.e2e


def test_ten_writers_adding_one_each_lose_nothing(http):
    product_id = f"LU-{uuid.uuid4().hex[:8]}"
    assert http.post("/products", {"product_id": product_id, "product_name": "Counted", "price": "1.00", "stock_quantity": 100}).status_code == 201
    order_id = http.post("/orders", {"customer_id": "CUST005", "items": [{"product_id": product_id, "quantity": 1}]}).data["order_id"]

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
    assert sum(r.headers.get("Idempotent-Replayed") == "true" for r in responses) == sum(r.status_code == 201 for r in responses) - 1


def test_bounded_load(local_stack):
    figures = load.run_load(local_stack.api_url, local_stack.api_key, clients=16, requests_total=320, seed=11)
    print(figures)
    assert figures["requests"] == 320
    assert figures["server_errors"] == []
    assert figures["problems"] == []
    assert figures["orders"] > 50
