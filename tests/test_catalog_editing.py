"""Editing customers (PUT /customers/{id}, the e-mail kept unique), finding
products (?q=), restocks with a reason and the product's stock movements,
and the reason an order's money edit must give."""
import pytest

pytestmark = pytest.mark.usefixtures("without_workflow")

ADDRESS = {"name": "John Doe", "line1": "5 Elm St", "city": "Springfield", "country": "US", "postal_code": "62704"}


def customer(api, customer_id):
    response = api.get(f"/customers/{customer_id}")
    assert response.status_code == 200, response.data
    return response.data


def test_a_customer_is_edited_field_by_field_and_null_removes_what_may_be_empty(api):
    response = api.put("/customers/CUST001", {"customer_name": "John Q. Doe", "phone": None, "address": "9 High St",
                                              "default_address": ADDRESS})
    assert response.status_code == 200, response.data
    saved = response.data["customer"]
    assert (saved["customer_name"], saved["phone"], saved["address"], saved["email"]) == (
        "John Q. Doe", None, "9 High St", "john@example.com")
    assert saved["default_address"]["line1"] == "5 Elm St"
    assert customer(api, "CUST001") == saved
    assert api.put("/customers/CUST001", {"default_address": None}).data["customer"]["default_address"] is None
    # The name index follows the new name at once.
    assert [c["customer_id"] for c in api.get("/customers?q=john%20q").data["customers"]] == ["CUST001"]


def test_a_new_email_moves_the_customer_and_frees_the_old_one(api):
    response = api.put("/customers/CUST001", {"email": "John.Doe@Example.org"})
    assert response.status_code == 200, response.data
    assert [c["customer_id"] for c in api.get("/customers?q=john.doe%40example.org").data["customers"]] == ["CUST001"]
    assert api.get("/customers?q=john%40example.com").data["customers"] == []
    # An order by the new e-mail is this customer's; the old e-mail is free for someone else.
    order = api.post("/orders", {"customer_name": "Whoever", "customer_email": "john.doe@example.org",
                                 "items": [{"product_id": "PROD002", "quantity": 1}]})
    assert order.data["order"]["customer_id"] == "CUST001"
    assert api.post("/customers", {"customer_name": "Another John", "email": "john@example.com"}).status_code == 201
    # Only its case changed: the same owner, nothing to move.
    assert api.put("/customers/CUST001", {"email": "JOHN.DOE@example.org"}).data["customer"]["email"] == "JOHN.DOE@example.org"


def test_an_email_another_customer_has_is_refused_and_nothing_changes(api):
    response = api.put("/customers/CUST001", {"email": "JANE@example.com", "customer_name": "Renamed"})
    assert response.status_code == 409
    assert (response.data["code"], response.data["param"]) == ("already_exists", "email")
    assert customer(api, "CUST001")["customer_name"] == "John Doe"
    assert [c["customer_id"] for c in api.get("/customers?q=jane%40example.com").data["customers"]] == ["CUST002"]
    assert [c["customer_id"] for c in api.get("/customers?q=john%40example.com").data["customers"]] == ["CUST001"]


def test_two_customers_racing_for_one_email_leave_it_with_one_owner(api, round_trips):
    """Both read their customer, then both try to claim the alias in a
    transaction: the conditional put lets exactly one through."""
    import threading

    from chalicelib.domain import catalog
    from chalicelib.model.commands import ChangeCustomer

    outcomes = {}

    def move(customer_id):
        try:
            catalog.update_customer(customer_id, ChangeCustomer(email="shared@example.com"))
            outcomes[customer_id] = "moved"
        except Exception as error:  # noqa: BLE001 - the loser's refusal is the point
            outcomes[customer_id] = getattr(error, "code", repr(error))

    threads = [threading.Thread(target=move, args=(cid,)) for cid in ("CUST003", "CUST004")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["already_exists", "moved"]
    winner = next(cid for cid, outcome in outcomes.items() if outcome == "moved")
    assert [c["customer_id"] for c in api.get("/customers?q=shared%40example.com").data["customers"]] == [winner]
    loser = ({"CUST003", "CUST004"} - {winner}).pop()
    assert customer(api, loser)["email"] != "shared@example.com"


def test_a_customer_edit_with_an_idempotency_key_is_replayed_and_bad_edits_are_4xx(api):
    key = {"Idempotency-Key": "edit-customer-1"}
    first = api.put("/customers/CUST002", {"phone": "+1-555-0199"}, headers=key)
    again = api.put("/customers/CUST002", {"phone": "+1-555-0199"}, headers=key)
    assert first.status_code == again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert api.put("/customers/CUST002", {}).status_code == 400
    assert api.put("/customers/CUST002", {"email": "not-an-email"}).data["param"] == "email"
    assert api.put("/customers/NOPE", {"phone": "1"}).status_code == 404


def test_products_are_found_by_id_isbn_prefix_and_name_word_from_indexes(api, drain, dynamodb_calls):
    drain()  # the name words of the demo catalog, as the products stream writes them
    dynamodb_calls.calls.clear()

    def ids(q):
        response = api.get(f"/products?q={q}&limit=10")
        assert response.status_code == 200 and response.data["next_token"] is None
        return [p["product_id"] for p in response.data["products"]]

    assert ids("prod00") == ["PROD001", "PROD002", "PROD003", "PROD004"]
    assert ids("978-1") == ["978-1234567890", "978-1492056355"]
    assert ids("fluent") == ["978-1492056355"]
    assert ids("intro%20algo") == ["978-0262046305"]
    assert ids("nothing-like-it") == []
    assert dynamodb_calls.count("Scan") == 0


def test_a_restock_with_a_reason_moves_stock_once_per_key_and_is_listed_with_the_orders(api, drain):
    key = {"Idempotency-Key": "restock-mouse-1"}
    body = {"add_stock": 12, "reason": "Delivery from the supplier"}
    first = api.put("/products/PROD002", body, headers=key)
    again = api.put("/products/PROD002", body, headers=key)
    assert first.data["product"]["stock_quantity"] == again.data["product"]["stock_quantity"] == 112
    order = api.post("/orders", {"customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 3}]}).data["order"]
    assert api.put("/products/PROD002", {"stock_quantity": 100}).status_code == 200  # a count, no reason
    drain()
    response = api.get("/products/PROD002/movements?limit=5")
    assert response.status_code == 200, response.data
    moves = response.data["movements"]
    assert response.data["stock_quantity"] == 100
    assert [(m["kind"], m["change"]) for m in moves] == [("stock", -12), ("order", 0), ("stock", 12), ("stock", 100)]
    assert moves[3]["reason"] == "Initial stock"  # the demo catalog's first stock
    assert moves[2]["reason"] == "Delivery from the supplier"
    assert moves[2]["actor"]["type"] == "api_key" and moves[2]["actor"]["id"].startswith("key_")
    assert moves[0]["reason"] is None
    assert (moves[1]["order_number"], moves[1]["status"], moves[1]["quantity"]) == (order["order_number"], "pending", 3)
    assert api.put("/products/PROD002", {"reason": "only a reason"}).status_code == 400


@pytest.mark.parametrize("edit, why", [
    ({"items": [{"product_id": "PROD002", "price": "0.00"}]}, "a unit price changes"),
    ({"items": [{"product_id": "PROD001", "quantity": 1}]}, "the total goes down by more than half"),
])
def test_a_money_edit_needs_a_reason_kept_in_the_history(api, edit, why):
    order = api.post("/orders", {"customer_id": "CUST001", "items": [
        {"product_id": "PROD001", "quantity": 3}, {"product_id": "PROD002", "quantity": 1}]}).data["order"]
    refused = api.put(f"/orders/{order['order_id']}", edit)
    assert refused.status_code == 422
    assert (refused.data["code"], refused.data["param"]) == ("reason_required", "reason")
    assert why in refused.data["message"]
    saved = api.put(f"/orders/{order['order_id']}", {**edit, "reason": "Agreed with the customer"})
    assert saved.status_code == 200, saved.data
    assert saved.data["order"]["history"][-1]["reason"] == "Agreed with the customer"
    # A small change needs none.
    assert api.put(f"/orders/{order['order_id']}", {"items": [{"product_id": "PROD002", "quantity": 2}]}).status_code == 200


def test_a_customers_orders_come_newest_first_in_pages(api, drain):
    ids = [api.post("/orders", {"customer_id": "CUST005", "items": [{"product_id": "PROD002", "quantity": 1}]})
           .data["order_id"] for _ in range(3)]
    drain()  # the kept counts behind `total`
    first = api.get("/orders?customer_id=CUST005&limit=2").data
    second = api.get("/orders?customer_id=CUST005&limit=2&page=2").data
    assert [o["order_id"] for o in first["orders"] + second["orders"]] == ids[::-1]
    assert first["pagination"]["total"] == 3
