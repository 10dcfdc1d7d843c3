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
