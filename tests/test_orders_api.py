"""Every order route through chalice.test.Client, success and each error,
with the workflow switched off so orders stay where the test puts them."""
import json

import pytest

from chalicelib.data.models import Counter, Order, Product

SEED_BODY = {"customer_id": "CUST001", "items": [{"product_id": "PROD001", "quantity": 2}, {"product_id": "PROD002",
                                                                                            "quantity": 1}]}

pytestmark = pytest.mark.usefixtures("without_workflow")


def stock(product_id):
    return int(Product.get(product_id).stock_quantity)


def create(api, body=None):
    response = api.post("/orders", body or SEED_BODY)
    assert response.status_code == 201, response.data
    return response.data["order"]


# ---------------------------------------------------------------- create

def test_create_order_with_the_seed_request(api):
    response = api.post("/orders", SEED_BODY)
    assert response.status_code == 201
    body = response.data
    assert body["message"] == "Order created successfully"
    assert body["order_id"] == body["order"]["order_id"]
    assert body["execution_arn"] is None and body["workflow"]["started"] is False
    assert response.headers["Location"] == f"/orders/{body['order_id']}"
    order = body["order"]
    assert order["total_amount"] == "2029.97" and order["currency"] == "USD"
    assert order["status"] == "pending" and order["version"] == 1
    assert order["customer_name"] == "John Doe" and order["customer_email"] == "john@example.com"
    assert order["items"] == [
        {"product_id": "PROD001", "product_name": "Laptop", "quantity": 2, "price": "999.99", "line_total": "1999.98"},
        {"product_id": "PROD002", "product_name": "Mouse", "quantity": 1, "price": "29.99", "line_total": "29.99"},
    ]
    assert order["history"][0]["action"] == "created" and order["history"][0]["to_status"] == "pending"
    assert response.headers["ETag"] == '"1"'
    assert stock("PROD001") == 50  # nothing is reserved until processing


def test_repeated_product_lines_are_merged(api):
    order = create(api, {"customer_id": "CUST002", "items": [
        {"product_id": "PROD002", "quantity": 1}, {"product_id": "PROD003", "quantity": 1}, {"product_id": "PROD002",
                                                                                             "quantity": 2}]})
    assert [(i["product_id"], i["quantity"]) for i in order["items"]] == [("PROD002", 3), ("PROD003", 1)]
    assert order["total_amount"] == "169.96"


def test_create_by_name_and_email_registers_the_customer_once(api):
    first = create(api, {"customer_name": "Ann Lee", "customer_email": "Ann@Example.com",
                         "items": [{"product_id": "PROD002", "quantity": 1}]})
    second = create(api, {"customer_name": "Ann Lee", "customer_email": "ann@example.com",
                          "items": [{"product_id": "PROD003", "quantity": 1}]})
    assert first["customer_id"] == second["customer_id"]
    customers = api.get("/customers?limit=100").data["customers"]
    assert [c["customer_id"] for c in customers].count(first["customer_id"]) == 1


def test_an_order_by_email_of_a_registered_customer_uses_that_customer(api):
    order = create(api, {"customer_name": "Johnny", "customer_email": "john@example.com",
                         "items": [{"product_id": "PROD002", "quantity": 1}]})
    assert order["customer_id"] == "CUST001" and order["customer_name"] == "Johnny"


def test_bookshop_shape_is_served(api):
    order = create(api, {"customer_name": "John Doe", "customer_email": "john@example.com", "book_title": "Sample Book",
                         "book_isbn": "978-1234567890", "quantity": 2, "price": "29.99"})
    assert order["items"][0]["product_id"] == "978-1234567890" and order["total_amount"] == "59.98"
    stale = api.post("/orders", {"customer_name": "John Doe", "customer_email": "john@example.com",
                                 "book_isbn": "978-1234567890", "quantity": 2, "price": "19.99"})
    assert stale.status_code == 422 and "does not match the catalog price 29.99" in stale.data["message"]
    assert (stale.data["code"], stale.data["param"]) == ("price_mismatch", "price")


ITEM = {"product_id": "PROD001", "quantity": 1}


@pytest.mark.parametrize("body, status, code, param, message", [
    ({"items": [ITEM]}, 400, "missing_field", "customer_id", "Missing required field: customer_id"),
    ({"customer_id": "CUST001"}, 400, "missing_field", "items", "Missing required field: items"),
    ({"customer_id": "CUST001", "items": []}, 400, "invalid_value", "items", "items must not be empty"),
    ({"customer_id": "CUST001", "items": [{"product_id": "PROD999", "quantity": 1}]}, 422, "product_not_found", "items",
     "Product PROD999 not found"),
    ({"customer_id": "CUST999", "items": [ITEM]}, 422, "customer_not_found", "customer_id", "Customer CUST999 not found"),
    ({"customer_id": "CUST001", "items": [{**ITEM, "quantity": 0}]}, 400, "invalid_value", "items[0].quantity",
     "items[0].quantity must be between 1 and 10000"),
    ({"customer_id": "CUST001", "items": [{**ITEM, "quantity": -2}]}, 400, "invalid_value", "items[0].quantity",
     "items[0].quantity must be between 1 and 10000"),
    ({"customer_id": "CUST001", "items": [{**ITEM, "quantity": 1.5}]}, 400, "invalid_value", "items[0].quantity",
     "items[0].quantity must be an integer"),
    ({"customer_id": "CUST001", "items": [{**ITEM, "quantity": "2"}]}, 400, "invalid_value", "items[0].quantity",
     "items[0].quantity must be an integer"),
    ({"customer_id": "CUST001", "items": [{**ITEM, "quantity": True}]}, 400, "invalid_value", "items[0].quantity",
     "items[0].quantity must be an integer"),
    ({"customer_id": "CUST001", "items": [{"product_id": "PROD001"}]}, 400, "missing_field", "items[0].quantity",
     "Missing required field: items[0].quantity"),
    ({"customer_id": "CUST001", "items": [{"quantity": 1}]}, 400, "missing_field", "items[0].product_id",
     "Missing required field: items[0].product_id"),
    ({"customer_id": "CUST001", "items": [{**ITEM, "price": "1.00"}]}, 400, "unknown_field", "items[0].price",
     "items[0]: Unknown field: price"),
    ({"customer_id": "CUST001", "items": "PROD001"}, 400, "invalid_value", "items", "items must be a list"),
    ({"customer_id": "CUST001", "items": [7]}, 400, "invalid_value", "items[0]", "items[0] must be an object"),
    ({"customer_id": 42, "items": [ITEM]}, 400, "invalid_value", "customer_id", "customer_id must be 1-64 letters"),
    ({"customer_id": "CUST001", "items": [ITEM], "coupon": "X"}, 400, "unknown_field", "coupon", "Unknown field: coupon"),
    ({"customer_name": "A", "customer_email": "not-an-email", "items": [ITEM]}, 400, "invalid_value", "customer_email",
     "customer_email must be a valid e-mail address"),
    ({"customer_name": "", "customer_email": "a@b.co", "items": [ITEM]}, 400, "invalid_value", "customer_name",
     "customer_name must not be empty"),
    ({"customer_name": "x" * 201, "customer_email": "a@b.co", "items": [ITEM]}, 400, "invalid_value", "customer_name",
     "customer_name must be at most 200 characters"),
    ({"customer_id": "CUST001", "customer_name": "A", "items": [ITEM]}, 400, "invalid_value", "customer_id",
     "Give either customer_id or customer_name with customer_email, not both"),
    ({"customer_id": "CUST001", "items": [ITEM] * 101}, 400, "invalid_value", "items", "items must have at most 100 entries"),
])
def test_create_order_rejects_bad_input_with_a_named_field(api, body, status, code, param, message):
    response = api.post("/orders", body)
    assert response.status_code == status, response.data
    assert response.data == {"message": message, "code": code, "param": param} or \
        (message in response.data["message"] and (response.data["code"], response.data["param"]) == (code, param))
    assert Order.count() == 0  # nothing half-written
    assert sum(c.total for c in Counter.scan()) == 0


def test_every_bad_field_is_listed_at_once(api):
    response = api.post("/orders", {"customer_name": "", "customer_email": "nope", "items": [
        {"product_id": "PROD001", "quantity": 0}, {"product_id": "bad id", "quantity": 2, "colour": "red"}]})
    assert response.status_code == 400
    assert response.data["message"] == "customer_name must not be empty" and response.data["param"] == "customer_name"
    assert [(e["code"], e["param"]) for e in response.data["errors"]] == [
        ("invalid_value", "customer_name"), ("invalid_value", "customer_email"), ("invalid_value", "items[0].quantity"),
        ("unknown_field", "items[1].colour"), ("invalid_value", "items[1].product_id")]


def test_create_order_rejects_bodies_that_are_not_json_objects(api):
    for raw, message in [("{bad json", "Invalid JSON body"), ("[1, 2]", "must be a JSON object"), ("",
                                                                                                   "Request body is required"),
                         ('{"customer_id": NaN}', "Invalid JSON body")]:
        response = api.post("/orders", raw=raw)
        assert response.status_code == 400 and message in response.data["message"], (raw, response.data)


def test_create_order_wrong_content_type_and_oversized_body(api):
    response = api.post("/orders", SEED_BODY, headers={"Content-Type": "text/plain"})
    assert response.status_code == 415 and "application/json" in response.data["message"]
    response = api.post("/orders", raw=json.dumps({"customer_id": "CUST001", "items": [], "pad": "x" * 70000}))
    assert response.status_code == 413 and "too large" in response.data["message"]


# ---------------------------------------------------------------- read

def test_get_order_returns_items_history_and_etag(api):
    order = create(api)
    response = api.get(f"/orders/{order['order_id']}")
    assert response.status_code == 200 and response.data == order
    assert response.headers["ETag"] == '"1"'


@pytest.mark.parametrize("order_id", ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "x" * 300])
def test_unknown_order_is_a_404(api, order_id):
    for method in ("get", "put", "delete"):
        response = getattr(api, method)(f"/orders/{order_id}", **({"body": {"status": "shipped"}} if method == "put" else {}))
        assert response.status_code == 404 and response.data == {"message": "Order not found", "code": "not_found"}, method


# ---------------------------------------------------------------- status

def test_status_lifecycle_moves_stock_and_records_history(api):
    order = create(api)
    path = f"/orders/{order['order_id']}"
    response = api.put(path, {"status": "processing"})
    assert response.status_code == 200
    assert response.data["message"] == "Order updated successfully" and response.data["status"] == "processing"
    assert (stock("PROD001"), stock("PROD002")) == (48, 99)
    assert api.put(path, {"status": "shipped"}).data["status"] == "shipped"
    done = api.put(path, {"status": "delivered"}).data["order"]
    assert done["status"] == "delivered" and done["stock_reserved"] is True
    assert [(h["from_status"], h["to_status"]) for h in done["history"][1:]] == [
        ("pending", "processing"), ("processing", "shipped"), ("shipped", "delivered")]
    assert all(h["actor"]["type"] == "api_key" for h in done["history"])
    assert (stock("PROD001"), stock("PROD002")) == (48, 99)


@pytest.mark.parametrize("path_to, target", [
    ([], "shipped"), ([], "delivered"), (["processing"], "pending"), (["processing", "shipped"], "cancelled"),
    (["cancelled"], "processing"), (["failed"], "processing"), (["processing", "shipped", "delivered"], "shipped"),
])
def test_disallowed_transitions_are_409_with_the_exact_message(api, path_to, target):
    order = create(api)
    path = f"/orders/{order['order_id']}"
    for status in path_to:
        assert api.put(path, {"status": status}).status_code == 200
    current = (path_to or ["pending"])[-1]
    response = api.put(path, {"status": target})
    assert response.status_code == 409
    assert response.data == {"message": f"Cannot change status from {current} to {target}", "code": "invalid_transition",
                             "param": "status"}


def test_reserving_more_than_the_stock_is_a_409_and_changes_nothing(api):
    order = create(api, {"customer_id": "CUST003", "items": [
        {"product_id": "PROD002", "quantity": 3}, {"product_id": "PROD004", "quantity": 31}]})
    response = api.put(f"/orders/{order['order_id']}", {"status": "processing"})
    assert response.status_code == 409 and "Insufficient stock for PROD004" in response.data["message"]
    assert response.data["code"] == "insufficient_stock"
    assert (stock("PROD002"), stock("PROD004")) == (100, 30)
    assert api.get(f"/orders/{order['order_id']}").data["status"] == "pending"


def test_bad_status_value_is_400(api):
    order = create(api)
    response = api.put(f"/orders/{order['order_id']}", {"status": "lost"})
    assert response.status_code == 400 and "status must be one of" in response.data["message"]


# ---------------------------------------------------------------- edit

def test_edit_quantity_and_price_recomputes_totals(api):
    order = create(api)
    response = api.put(f"/orders/{order['order_id']}", {"items": [
        {"product_id": "PROD001", "quantity": 1}, {"product_id": "PROD002", "price": "24.50"}], "reason": "Discount"})
    assert response.status_code == 200
    edited = response.data["order"]
    assert edited["total_amount"] == "1024.49"
    assert [(i["quantity"], i["price"], i["line_total"]) for i in edited["items"]] == [(1, "999.99", "999.99"), (1, "24.50",
                                                                                                                 "24.50")]
    assert edited["history"][-1]["action"] == "edited" and len(edited["history"][-1]["changes"]) == 2
    assert edited["version"] == 2


def test_editing_a_reserved_order_adjusts_stock_by_the_difference(api):
    order = create(api)
    path = f"/orders/{order['order_id']}"
    api.put(path, {"status": "processing"})
    assert api.put(path, {"items": [{"product_id": "PROD001", "quantity": 5}]}).status_code == 200
    assert stock("PROD001") == 45
    assert api.put(path, {"items": [{"product_id": "PROD002", "quantity": 0}, {"product_id": "PROD003",
                                                                               "quantity": 2}]}).status_code == 200
    assert (stock("PROD002"), stock("PROD003")) == (100, 73)
    too_many = api.put(path, {"items": [{"product_id": "PROD004", "quantity": 31}]})
    assert too_many.status_code == 409 and "Insufficient stock for PROD004" in too_many.data["message"]
    assert stock("PROD004") == 30


def test_items_of_shipped_orders_cannot_change(api):
    order = create(api)
    path = f"/orders/{order['order_id']}"
    api.put(path, {"status": "processing"})
    api.put(path, {"status": "shipped"})
    response = api.put(path, {"items": [{"product_id": "PROD001", "quantity": 1}]})
    assert response.status_code == 409 and "shipped" in response.data["message"]


def test_single_line_orders_take_the_bookshop_quantity_and_price(api):
    order = create(api, {"customer_id": "CUST002", "items": [{"product_id": "978-1234567890", "quantity": 1}]})
    response = api.put(f"/orders/{order['order_id']}", {"quantity": 3, "price": "25.00", "reason": "Discount"})
    assert response.status_code == 200 and response.data["order"]["total_amount"] == "75.00"
    multi = create(api)
    response = api.put(f"/orders/{multi['order_id']}", {"quantity": 3})
    assert response.status_code == 422 and "2 lines" in response.data["message"] and response.data["code"] == "ambiguous_line"


@pytest.mark.parametrize("body, status, message", [
    ({}, 400, "Nothing to update"),
    ({"items": [{"product_id": "PROD001"}]}, 400, "items[0] must change quantity or price"),
    ({"items": [{"product_id": "PROD001", "price": "-1"}]}, 400, "items[0].price must be between"),
    ({"items": [{"product_id": "PROD001", "price": "1.005"}]}, 400, "at most two decimal places"),
    ({"items": [{"product_id": "PROD001", "price": 1.5}]}, 400, 'items[0].price must be a decimal string such as "29.99"'),
    ({"items": [{"product_id": "PROD999", "quantity": 1}]}, 422, "Product PROD999 not found"),
    ({"items": [{"product_id": "PROD001", "quantity": 0}, {"product_id": "PROD002", "quantity": 0}]}, 422, "at least one line"),
    ({"status": "shipped", "colour": "red"}, 400, "Unknown field: colour"),
    ({"items": [], "status": "processing"}, 400, "items must not be empty"),
    ({"reason": "x" * 501, "status": "cancelled"}, 400, "reason must be at most 500 characters"),
    ({"items": [{"product_id": "PROD001", "quantity": 1}], "quantity": 2}, 400, "Give either items or a top-level"),
])
def test_update_rejects_bad_input(api, body, status, message):
    order = create(api)
    response = api.put(f"/orders/{order['order_id']}", body)
    assert response.status_code == status and message in response.data["message"], response.data
    assert api.get(f"/orders/{order['order_id']}").data["version"] == 1


def test_repeated_edits_of_one_line_apply_in_order(api):
    order = create(api)
    response = api.put(f"/orders/{order['order_id']}", {"items": [
        {"product_id": "PROD001", "quantity": 1}, {"product_id": "PROD001", "quantity": 3}]})
    assert response.status_code == 200 and response.data["order"]["items"][0]["quantity"] == 3


def test_if_match_guards_against_lost_updates(api):
    order = create(api)
    path = f"/orders/{order['order_id']}"
    assert api.put(path, {"items": [{"product_id": "PROD001", "quantity": 3}]}, headers={"If-Match": '"1"'}).status_code == 200
    stale = api.put(path, {"items": [{"product_id": "PROD001", "quantity": 4}]}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412 and "version 2" in stale.data["message"]
    assert api.put(path, {"status": "cancelled"}, headers={"If-Match": "nonsense"}).status_code == 400
    assert api.delete(path, headers={"If-Match": '"1"'}).status_code == 412


# ---------------------------------------------------------------- cancel and delete

def test_cancel_is_a_soft_delete_that_returns_reserved_stock(api):
    order = create(api)
    path = f"/orders/{order['order_id']}"
    api.put(path, {"status": "processing"})
    response = api.delete(path, {"reason": "customer changed their mind"})
    assert response.status_code == 200
    assert response.data["message"] == "Order cancelled successfully"
    assert response.data["order_id"] == order["order_id"] and response.data["status"] == "cancelled"
    assert (stock("PROD001"), stock("PROD002")) == (50, 100)
    kept = api.get(path).data
    assert kept["status"] == "cancelled" and kept["status_reason"] == "customer changed their mind"
    assert kept["history"][-1]["reason"] == "customer changed their mind"
    listed = api.get("/orders?status=cancelled").data["orders"]
    assert [o["order_id"] for o in listed] == [order["order_id"]]
    again = api.delete(path)  # a retry of the cancel: the order as it is, nothing added
    assert again.status_code == 200 and again.data["order"] == api.get(path).data == kept


def test_cancel_reason_may_come_in_the_query_string(api):
    order = create(api)
    response = api.delete(f"/orders/{order['order_id']}?reason=duplicate", key="default")
    assert response.status_code == 200 and response.data["order"]["status_reason"] == "duplicate"


def test_shipped_and_delivered_orders_cannot_be_cancelled(api):
    order = create(api)
    path = f"/orders/{order['order_id']}"
    for status in ("processing", "shipped"):
        api.put(path, {"status": status})
    response = api.delete(path)
    assert response.status_code == 409 and response.data["message"] == "Cannot cancel a shipped order"


def test_hard_delete_needs_admin_returns_stock_and_removes_the_order(api):
    from tests.support import WRITE_KEY

    order = create(api)
    path = f"/orders/{order['order_id']}"
    api.put(path, {"status": "processing"})
    assert api.delete(f"{path}?hard=true", key=WRITE_KEY).status_code == 403
    response = api.delete(f"{path}?hard=true")
    assert response.status_code == 200
    assert response.data == {"message": "Order deleted successfully", "order_id": order["order_id"]}
    assert api.get(path).status_code == 404
    assert (stock("PROD001"), stock("PROD002")) == (50, 100)
    assert api.get("/orders").data["pagination"]["total"] == 0


def test_delivered_orders_cannot_be_hard_deleted(api):
    order = create(api)
    path = f"/orders/{order['order_id']}"
    for status in ("processing", "shipped", "delivered"):
        api.put(path, {"status": status})
    response = api.delete(f"{path}?hard=true")
    assert response.status_code == 409 and "stock ledger" in response.data["message"]


def test_delete_rejects_bad_query_and_body(api):
    order = create(api)
    path = f"/orders/{order['order_id']}"
    assert api.delete(f"{path}?hard=maybe").status_code == 400
    assert api.delete(f"{path}?force=1").status_code == 400
    assert api.delete(path, {"why": "x"}).status_code == 400
    # A reason is checked wherever it comes from, and for a hard delete too.
    too_long = "x" * 501
    for query, body in ((f"?hard=true&reason={too_long}", None), (f"?reason={too_long}", {"reason": "ok"}),
                        ("?hard=true", {"reason": too_long})):
        response = api.delete(path + query, body)
        assert response.status_code == 400 and response.data["message"] == "reason must be at most 500 characters"
    assert api.get(path).data["status"] == "pending"


# ---------------------------------------------------------------- workflow routes without a workflow

def test_status_routes_without_an_execution_are_404(api):
    order = create(api)
    for identifier in (order["order_id"], "arn:aws:states:us-east-1:123456789012:execution:other:x", "nope"):
        response = api.get(f"/status/{identifier}")
        assert response.status_code == 404 and response.data == {"message": "Workflow execution not found", "code": "not_found"}
    response = api.post(f"/orders/{order['order_id']}/workflow")
    assert response.status_code == 409 and "No workflow" in response.data["message"]
    assert response.data["code"] == "workflow_unavailable"
    assert api.get("/executions").data == {"executions": []}


def test_health_needs_no_key(api):
    response = api.get("/health", key=None)
    assert response.status_code == 200 and response.data["status"] == "ok"
