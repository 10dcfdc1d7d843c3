"""Bulk ship/cancel with per-order results and Idempotency-Keys, tracking on
shipped orders, and the dashboard read from the per-day counters."""
import datetime
from decimal import Decimal

import pytest

from chalicelib.domain.auth import hash_key, key_id_for
from chalicelib.model.actor import Actor
from tests.support import ADMIN_KEY

pytestmark = pytest.mark.usefixtures("without_workflow")
TESTER = Actor.api_key("key_tester", "tester")


def order(api, quantity=1, customer="CUST001"):
    response = api.post("/orders", {"customer_id": customer, "items": [{"product_id": "PROD002", "quantity": quantity}]})
    assert response.status_code == 201, response.data
    return response.data["order"]


def processing(api, count):
    ids = [order(api)["order_id"] for _ in range(count)]
    for order_id in ids:
        assert api.put(f"/orders/{order_id}", {"status": "processing"}).status_code == 200
    return ids


def test_bulk_ship_stores_tracking_on_each_order_and_its_history_and_reports_refusals(api):
    ready = processing(api, 2)
    pending = order(api)["order_id"]
    missing = "00000000-0000-4000-8000-000000000000"
    response = api.post("/orders/bulk", {"action": "ship", "order_ids": ready + [pending, missing],
                                         "tracking_number": "1Z999AA10123456784", "carrier": "UPS"})
    assert response.status_code == 200, response.data
    body = response.data
    assert (body["succeeded"], body["failed"]) == (2, 2)
    assert body["actor"] == {"type": "api_key", "id": key_id_for(hash_key(ADMIN_KEY)), "name": "test admin"}
    outcome = {result["order_id"]: result for result in body["results"]}
    assert all(outcome[order_id]["ok"] and outcome[order_id]["status"] == "shipped" for order_id in ready)
    assert outcome[pending]["code"] == "invalid_transition" and outcome[missing]["code"] == "not_found"
    shipped = api.get(f"/orders/{ready[0]}").data
    assert (shipped["tracking_number"], shipped["carrier"]) == ("1Z999AA10123456784", "UPS")
    assert shipped["history"][-1]["tracking_number"] == "1Z999AA10123456784" and shipped["history"][-1]["carrier"] == "UPS"
    assert api.get(f"/orders/{pending}").data["status"] == "pending"


def test_a_retried_bulk_request_replays_and_a_rerun_never_applies_twice(api):
    ids = processing(api, 2)
    headers = {"Idempotency-Key": "bulk-cancel-1"}
    body = {"action": "cancel", "order_ids": ids, "reason": "Customer asked"}
    first = api.post("/orders/bulk", body, headers=headers)
    again = api.post("/orders/bulk", body, headers=headers)
    assert first.status_code == again.status_code == 200 and again.data == first.data
    assert again.headers.get("Idempotent-Replayed") == "true"
    history = api.get(f"/orders/{ids[0]}").data["history"]
    assert [event["to_status"] for event in history].count("cancelled") == 1 and history[-1]["reason"] == "Customer asked"


def test_the_per_order_operations_of_a_rerun_find_what_landed(resources):
    """A request re-run after an unknown outcome (same operation) leaves the
    orders it already changed as they are."""
    from chalicelib.domain import orders
    from chalicelib.model import commands
    from chalicelib.model.commands import CreateOrder, OrderItem

    created, _ = orders.create_order(CreateOrder([OrderItem("PROD002", 1)], customer_id="CUST001"), TESTER, "op-create")
    orders.update_order(created.order_id, commands.UpdateOrder(status="processing"), TESTER, "op-process")
    request = commands.BulkAction("ship", [commands.BulkEntry(created.order_id)], tracking_number="T1")
    first = orders.apply_to_many(request, TESTER, "op-bulk")
    rerun = orders.apply_to_many(request, TESTER, "op-bulk")
    assert first[0]["ok"] and rerun[0]["ok"] and rerun[0]["order"].version == first[0]["order"].version
    assert len(rerun[0]["order"].history) == 3


@pytest.mark.parametrize("body, param", [
    ({"action": "refund", "order_ids": ["00000000-0000-4000-8000-000000000000"]}, "action"),
    ({"action": "ship", "order_ids": []}, "order_ids"),
    ({"action": "cancel", "order_ids": ["00000000-0000-4000-8000-000000000000"], "tracking_number": "X"}, "tracking_number"),
    ({"action": "ship", "order_ids": ["not-an-id"]}, "order_ids[0]"),
])
def test_bad_bulk_requests_are_400(api, body, param):
    response = api.post("/orders/bulk", body)
    assert response.status_code == 400 and response.data["param"] == param, response.data


def test_tracking_is_given_only_when_shipping(api):
    order_id = processing(api, 1)[0]
    refused = api.put(f"/orders/{order_id}", {"status": "cancelled", "tracking_number": "T"})
    assert refused.status_code == 400 and refused.data["param"] == "tracking_number"
    shipped = api.put(f"/orders/{order_id}", {"status": "shipped", "tracking_number": "T-1", "carrier": "DHL"})
    assert shipped.status_code == 200 and shipped.data["order"]["tracking_number"] == "T-1"


def test_bulk_needs_the_write_scope(api):
    from tests.support import READ_KEY

    response = api.post("/orders/bulk", {"action": "ship", "order_ids": ["00000000-0000-4000-8000-000000000000"]},
                        key=READ_KEY)
    assert response.status_code == 403


def test_dashboard_reads_revenue_orders_and_statuses_per_day_from_the_counters(api, drain, dynamodb_calls):
    kept = [order(api, quantity) for quantity in (1, 2, 3)]
    dropped = order(api, 5)
    api.delete(f"/orders/{dropped['order_id']}")
    drain()
    today = datetime.datetime.now(datetime.timezone.utc).date()
    dynamodb_calls.calls.clear()
    response = api.get(f"/dashboard?from={today - datetime.timedelta(days=6)}&to={today}")
    assert response.status_code == 200, response.data
    body = response.data
    revenue = sum((Decimal(o["total_amount"]) for o in kept), Decimal("0"))
    assert body["revenue"] == str(revenue) and body["revenue_orders"] == 3 and body["orders"] == 4
    assert body["average_order_value"] == str((revenue / 3).quantize(Decimal("0.01")))
    assert body["by_status"]["pending"] == 3 and body["by_status"]["cancelled"] == 1
    assert [day["date"] for day in body["days"]] == [str(today - datetime.timedelta(days=n)) for n in range(6, -1, -1)]
    assert body["days"][-1]["revenue"] == str(revenue) and body["days"][0] == {
        "date": str(today - datetime.timedelta(days=6)), "orders": 0, "all_orders": 0, "revenue": "0.00",
        "by_status": {status: 0 for status in body["by_status"]}}
    assert [call for call in dynamodb_calls.calls if call != "GetItem"] == ["BatchGetItem"]  # GetItem: the API key


@pytest.mark.parametrize("query", ["from=2026-11-25&to=2026-11-01", "from=2024-01-01&to=2026-01-01", "from=soon"])
def test_bad_dashboard_ranges_are_clear_4xx(api, query):
    response = api.get(f"/dashboard?{query}")
    assert response.status_code in (400, 422) and response.data["param"] in ("from", "to"), response.data


def test_bulk_ship_takes_a_tracking_number_and_carrier_per_order(api, without_workflow):
    ids = []
    for _ in range(3):
        created = api.post("/orders", {"customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 1}]})
        ids.append(created.data["order_id"])
        assert api.put(f"/orders/{ids[-1]}", {"status": "processing"}).status_code == 200
    response = api.post("/orders/bulk", {"action": "ship", "carrier": "UPS", "order_ids": [
        {"order_id": ids[0], "tracking_number": "1Z0001", "carrier": "FedEx"},
        {"order_id": ids[1], "tracking_number": "1Z0002"},
        ids[2]]})
    assert response.status_code == 200 and response.data["succeeded"] == 3, response.data
    shipped = [api.get(f"/orders/{order_id}").data for order_id in ids]
    assert [(o["tracking_number"], o["carrier"]) for o in shipped] == [("1Z0001", "FedEx"), ("1Z0002", "UPS"), (None, "UPS")]


def test_tracking_per_order_is_only_for_shipping(api):
    order_id = "00000000-0000-4000-8000-000000000000"
    response = api.post("/orders/bulk", {"action": "cancel", "order_ids": [{"order_id": order_id, "tracking_number": "X"}]})
    assert response.status_code == 400 and response.data["param"] == "order_ids[0]", response.data
    response = api.post("/orders/bulk", {"action": "ship", "order_ids": [{"order_id": "nope"}]})
    assert response.status_code == 400 and response.data["param"] == "order_ids[0].order_id", response.data
