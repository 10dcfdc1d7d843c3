"""`make run`'s entry point, for real: emulator + provisioning + chalice local
on free ports, driven over HTTP with the seed requests."""
import signal
import subprocess
import sys
import time

import pytest
import requests

from tests.support import ROOT, Http, RunningStack, alive

pytestmark = pytest.mark.e2e
SEED = {"customer_id": "CUST001", "items": [{"product_id": "PROD001", "quantity": 2}, {"product_id": "PROD002", "quantity": 1}]}


def test_seed_requests_over_http(http):
    assert http.get("/orders", key=None).status_code == 403
    assert http.get("/orders", key="wrong").data == {"message": "Forbidden", "code": "forbidden"}

    created = http.post("/orders", SEED)
    assert created.status_code == 201
    assert created.data["message"] == "Order created successfully"
    assert created.data["order"]["total_amount"] == "2029.97"
    order_id = created.data["order_id"]

    listed = http.get("/orders?page=1&limit=10").data
    assert order_id in [o["order_id"] for o in listed["orders"]]
    assert set(listed["pagination"]) == {"page", "limit", "total", "pages"}

    fetched = http.get(f"/orders/{order_id}")
    assert fetched.status_code == 200 and fetched.data["items"][0]["product_id"] == "PROD001"

    updated = http.put(f"/orders/{order_id}", {"items": [{"product_id": "PROD002", "price": "25.00"}], "reason": "Discount"})
    assert updated.status_code == 200 and updated.data["message"] == "Order updated successfully"
    assert updated.data["order"]["total_amount"] == "2024.98"

    cancelled = http.delete(f"/orders/{order_id}")
    assert cancelled.status_code == 200 and cancelled.data["status"] == "cancelled"
    assert http.get(f"/orders/{order_id}").data["status"] == "cancelled"
    assert http.get("/orders/00000000-0000-4000-8000-000000000000").data == {"message": "Order not found", "code": "not_found"}


def test_demo_data_is_loaded(http):
    products = {p["product_id"]: p for p in http.get("/products?limit=100").data["products"]}
    assert {pid: (products[pid]["product_name"], products[pid]["price"]) for pid in ("PROD001", "PROD002", "PROD003",
                                                                                     "PROD004")} == {
        "PROD001": ("Laptop", "999.99"), "PROD002": ("Mouse", "29.99"), "PROD003": ("Keyboard", "79.99"), "PROD004": ("Monitor",
                                                                                                                      "299.99")}
    assert any(pid.startswith("978-") for pid in products)
    # By id: other tests on the shared stack add customers that list before these.
    assert all(http.get(f"/customers/CUST00{n}").status_code == 200 for n in range(1, 6))


def test_website_is_served(local_stack):
    response = requests.get(local_stack.web_url + "/", timeout=10)
    assert response.status_code == 200 and "<html" in response.text.lower()


def test_start_refuses_a_second_run_and_stop_leaves_no_process(tmp_path):
    stack = RunningStack(tmp_path, api_key="lifecycle-key").start()
    try:
        assert Http(stack.api_url, "lifecycle-key").get("/health", key=None).status_code == 200
        second = RunningStack(tmp_path)
        second.ports = stack.ports
        result = subprocess.run([sys.executable, "-m", "ops.run_local"], cwd=ROOT, env=second.environment(),
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 1
        assert "already running" in result.stderr and "Traceback" not in result.stderr
    finally:
        pids = stack.pids()
        assert stack.stop(signal.SIGTERM) == 0
    assert not [pid for pid in pids if alive(pid)]


def test_busy_port_is_a_clear_message(tmp_path, local_stack):
    other = RunningStack(tmp_path)
    other.ports["OMS_API_PORT"] = local_stack.ports["OMS_API_PORT"]
    result = subprocess.run([sys.executable, "-m", "ops.run_local"], cwd=ROOT, env=other.environment(),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "already in use" in result.stderr and "Traceback" not in result.stderr


def test_emulator_answers_a_retried_transaction_like_dynamodb(local_stack):
    """botocore retries a timed-out TransactWriteItems with the same
    ClientRequestToken; DynamoDB answers the repeat with the first success
    instead of running it again (which would fail its own conditions)."""
    from botocore.exceptions import ClientError

    dynamodb = local_stack.aws_client("dynamodb")
    dynamodb.create_table(TableName="emulator-token-check", BillingMode="PAY_PER_REQUEST",
                          AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                          KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])

    def put_new(item_id, token):
        return dynamodb.transact_write_items(ClientRequestToken=token, TransactItems=[{"Put": {
            "TableName": "emulator-token-check", "Item": {"id": {"S": item_id}},
            "ConditionExpression": "attribute_not_exists(id)"}}])

    put_new("a", "token-1")
    put_new("a", "token-1")  # the retry: answered, not run again
    with pytest.raises(ClientError) as mismatch:
        put_new("b", "token-1")
    assert mismatch.value.response["Error"]["Code"] == "IdempotentParameterMismatchException"
    with pytest.raises(ClientError) as again:
        put_new("a", "token-2")  # a new call runs, and its condition holds
    assert again.value.response["Error"]["Code"] == "TransactionCanceledException"
    assert dynamodb.scan(TableName="emulator-token-check")["Count"] == 1


def test_query_values_never_reach_the_api_log(http, local_stack):
    """A key pasted into a query string, or a searched e-mail, stays out of
    `chalice local`'s plain access log (make run keeps parameter names only)."""
    secret = "oms_leaked_in_a_url_123"
    http.get(f"/orders?x-api-key={secret}&customer_id=leak-check")
    redacted = "/orders?x-api-key=[redacted]&customer_id=[redacted]"
    deadline = time.time() + 10  # the server writes its access line after the response
    while redacted not in (log := (local_stack.state_dir / "api.log").read_text()) and time.time() < deadline:
        time.sleep(0.1)
    assert redacted in log
    assert secret not in log and "leak-check" not in log
