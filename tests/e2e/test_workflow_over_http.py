"""The workflow on the local stack: Step Functions executions run for real in
the emulator, started by the API over HTTP."""
import collections
import concurrent.futures
import time
import uuid

import pytest

pytestmark = pytest.mark.e2e


def wait_status(http, identifier, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        response = http.get(f"/status/{identifier}")
        assert response.status_code == 200, response.data
        if response.data["status"] != "RUNNING":
            return response.data
        time.sleep(0.2)
    raise AssertionError(f"{identifier} still running")


def new_product(http, stock):
    product_id = f"E2E-{uuid.uuid4().hex[:8]}"
    response = http.post("/products", {"product_id": product_id, "product_name": "E2E item", "price": "12.50",
                                       "stock_quantity": stock})
    assert response.status_code == 201
    return product_id


def stock(http, product_id):
    return http.get(f"/products/{product_id}").data["stock_quantity"]


def test_order_is_processed_and_stock_decremented(http):
    product_id = new_product(http, 5)
    created = http.post("/orders", {"customer_id": "CUST002", "items": [{"product_id": product_id, "quantity": 2}]}).data
    status = wait_status(http, created["order_id"])  # polled from the order
    assert status["status"] == "SUCCEEDED" and status["execution_arn"] == created["execution_arn"]
    assert (status["source"], status["step"]) == ("order", "ReserveStock")
    history = http.get(f"/status/{created['order_id']}?history=true")  # the run's events, from Step Functions
    assert history.status_code == 200 and history.data["status"] == "SUCCEEDED"
    assert any(event["state_name"] == "ReserveStock" for event in history.data["recent_events"])
    assert http.get(f"/orders/{created['order_id']}").data["status"] == "processing"
    assert stock(http, product_id) == 3
    assert wait_status(http, created["execution_arn"])["status"] == "SUCCEEDED"


def test_over_stock_order_fails_and_leaves_stock_unchanged(http):
    product_id = new_product(http, 3)
    created = http.post("/orders", {"customer_id": "CUST003", "items": [{"product_id": product_id, "quantity": 4}]}).data
    assert wait_status(http, created["order_id"])["status"] == "FAILED"
    order = http.get(f"/orders/{created['order_id']}").data
    assert order["status"] == "failed" and order["status_reason"] == f"Insufficient stock for {product_id}"
    assert stock(http, product_id) == 3


def test_twenty_orders_race_for_ten_units_over_http(http):
    product_id = new_product(http, 10)

    def place(_):
        response = http.post("/orders", {"customer_id": "CUST004", "items": [{"product_id": product_id, "quantity": 1}]})
        assert response.status_code == 201
        return response.data["order_id"]

    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        order_ids = list(pool.map(place, range(20)))
    outcomes = collections.Counter(wait_status(http, order_id)["status"] for order_id in order_ids)
    statuses = collections.Counter(http.get(f"/orders/{order_id}").data["status"] for order_id in order_ids)
    assert outcomes == {"SUCCEEDED": 10, "FAILED": 10}
    assert statuses == {"processing": 10, "failed": 10}
    assert stock(http, product_id) == 0
