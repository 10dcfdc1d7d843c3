"""A plain client's retry of a change that already landed converges: it gets
the order as it is and adds nothing; a different change stays refused."""


def create(api):
    response = api.post("/orders", {"customer_id": "CUST001", "items": [{"product_id": "PROD001", "quantity": 1}]})
    assert response.status_code == 201, response.data
    return f"/orders/{response.data['order_id']}"


def test_a_retried_ship_with_the_same_tracking_is_200_and_adds_no_history(api, without_workflow):
    path = create(api)
    assert api.put(path, {"status": "processing"}).status_code == 200
    ship = {"status": "shipped", "tracking_number": "1Z999", "carrier": "UPS"}
    first = api.put(path, ship)
    assert first.status_code == 200
    again = api.put(path, ship)
    assert again.status_code == 200, again.data
    assert again.data["order"] == first.data["order"] == api.get(path).data
    assert api.put(path, {"status": "shipped"}).status_code == 200  # restating the status alone


def test_a_ship_with_another_tracking_number_stays_409(api, without_workflow):
    path = create(api)
    for body in ({"status": "processing"}, {"status": "shipped", "tracking_number": "1Z999"}):
        assert api.put(path, body).status_code == 200
    other = api.put(path, {"status": "shipped", "tracking_number": "1Z000"})
    assert other.status_code == 409 and other.data["code"] == "invalid_transition"
    assert other.data["param"] == "tracking_number" and "1Z999" in other.data["message"]
    assert api.get(path).data["tracking_number"] == "1Z999"


def test_a_retried_cancel_is_200_and_adds_no_history(api):
    path = create(api)
    first = api.delete(path, {"reason": "duplicate"})
    again = api.delete(path, {"reason": "duplicate"})
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.data["order"] == first.data["order"] and len(again.data["order"]["history"]) == 2


def test_a_forbidden_change_of_a_cancelled_order_stays_409(api):
    path = create(api)
    assert api.delete(path).status_code == 200
    assert api.put(path, {"status": "processing"}).status_code == 409


def stock(api, product_id):
    return api.get(f"/products/{product_id}").data["stock_quantity"]


def test_a_restock_with_an_idempotency_key_moves_stock_once(api):
    before = stock(api, "PROD002")
    key = {"Idempotency-Key": "restock-1"}
    first = api.put("/products/PROD002", {"add_stock": 5}, headers=key)
    again = api.put("/products/PROD002", {"add_stock": 5}, headers=key)
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.headers["Idempotent-Replayed"] == "true" and again.data == first.data
    assert stock(api, "PROD002") == before + 5


def test_a_restock_rerun_as_the_same_operation_moves_stock_once(resources):
    """What a retry after a 503 does: the same operation runs again and finds it applied."""
    from chalicelib.domain import catalog
    from chalicelib.model.actor import Actor
    from chalicelib.model.commands import ChangeProduct

    change = ChangeProduct(add_stock=3)
    before = int(catalog.get_product("PROD003").stock_quantity)
    for _ in range(2):
        catalog.update_product("PROD003", change, "operation-1", Actor.api_key("key_test", "test"))
    assert int(catalog.get_product("PROD003", consistent_read=True).stock_quantity) == before + 3


def test_write_routes_that_a_key_cannot_make_safe_refuse_it(api):
    response = api.post("/customers", {"customer_name": "Key Holder", "email": "key.holder@example.com"},
                        headers={"Idempotency-Key": "customer-1"})
    assert response.status_code == 400 and response.data["code"] == "idempotency_not_supported"
    assert response.data["param"] == "Idempotency-Key" and "read the resource back" in response.data["message"]
    assert api.get("/customers?q=key.holder@example.com").data["customers"] == []


def test_the_same_json_reserialised_with_the_same_key_is_a_replay(api):
    key = {"Idempotency-Key": "reserialised", "Content-Type": "application/json"}
    first = api.post("/orders", raw='{"customer_id": "CUST001", "items": [{"product_id": "PROD001", "quantity": 1}]}',
                     headers=key)
    again = api.post("/orders", raw='{ "items":[ {"quantity":1,"product_id":"PROD001"} ],\n"customer_id":"CUST001"}',
                     headers=key)
    assert first.status_code == 201 and again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true" and again.data["order_id"] == first.data["order_id"]
    other = api.post("/orders", raw='{"customer_id": "CUST001", "items": [{"product_id": "PROD001", "quantity": 2}]}',
                     headers=key)
    assert other.status_code == 422 and other.data["code"] == "idempotency_key_reused"


def test_a_bulk_request_naming_an_order_twice_says_so(api):
    ids = [create(api).rsplit("/", 1)[1] for _ in range(3)]
    response = api.post("/orders/bulk", {"action": "cancel", "order_ids": ids + [ids[1]]})
    assert response.status_code == 422
    assert response.data["param"] == "order_ids[3]" and "repeats order_ids[1]" in response.data["message"]
