"""Repairing a failed (out of stock) order: its lines can be cut to what is
in stock, and a re-run is refused, naming products and stock, while stock
is still short."""
from tests.support import wait_for_execution


def failed_order(api):
    created = api.post("/orders", {"customer_id": "CUST003", "items": [
        {"product_id": "PROD002", "quantity": 1}, {"product_id": "PROD004", "quantity": 40}]})
    assert created.status_code == 201, created.data
    assert wait_for_execution(created.data["execution_arn"])["status"] == "FAILED"
    return created.data["order_id"]


def test_a_rerun_while_stock_is_short_is_refused_naming_products_and_stock(api):
    order_id = failed_order(api)
    refused = api.post(f"/orders/{order_id}/workflow")
    assert refused.status_code == 409 and refused.data["code"] == "insufficient_stock"
    assert "(PROD004) needs 40, 30 in stock" in refused.data["message"] and "PROD002" not in refused.data["message"]
    order = api.get(f"/orders/{order_id}").data
    assert order["status"] == "failed" and order["history"][-1]["to_status"] == "failed"


def test_a_failed_order_cut_to_the_stock_reruns_and_succeeds(api):
    order_id = failed_order(api)
    edited = api.put(f"/orders/{order_id}", {"items": [{"product_id": "PROD004", "quantity": 30}]})
    assert edited.status_code == 200 and edited.data["status"] == "failed", edited.data
    assert edited.data["order"]["history"][-1]["changes"] == [
        {"product_id": "PROD004", "field": "quantity", "old": "40", "new": "30"}]
    rerun = api.post(f"/orders/{order_id}/workflow")
    assert rerun.status_code == 202, rerun.data
    assert wait_for_execution(rerun.data["execution_arn"])["status"] == "SUCCEEDED"
    assert api.get(f"/orders/{order_id}").data["status"] == "processing"


def test_a_line_of_a_failed_order_can_be_removed(api):
    order_id = failed_order(api)
    removal = {"items": [{"product_id": "PROD004", "quantity": 0}]}
    refused = api.put(f"/orders/{order_id}", removal)  # most of the total goes: the edit says why
    assert (refused.status_code, refused.data["code"]) == (422, "reason_required")
    edited = api.put(f"/orders/{order_id}", {**removal, "reason": "Monitor out of stock"})
    assert edited.status_code == 200 and [line["product_id"] for line in edited.data["order"]["items"]] == ["PROD002"]
    assert api.post(f"/orders/{order_id}/workflow").status_code == 202
