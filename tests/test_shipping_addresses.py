"""Shipping addresses: given with the order or copied from the customer's
default, checked (a known country, the postal code's shape where a country
fixes one), changeable until the order ships, and kept wherever the order
goes (its page, its backup)."""
import pytest

from chalicelib.contract.orders import ORDER
from ops.restore_items import order_from_document

pytestmark = pytest.mark.usefixtures("without_workflow")

HOME = {"name": "Ann Lee", "line1": "1 Main St", "line2": "Apt 4", "city": "Springfield", "region": "IL",
        "postal_code": "62701", "country": "US", "phone": "+1 217 555 0100"}
OFFICE = {"name": "Ann Lee", "line1": "10 Downing St", "city": "London", "postal_code": "SW1A 2AA", "country": "GB"}
NO_EXTRAS = {"line2": None, "region": None, "phone": None}


def order_for(api, **body):
    response = api.post("/orders", {"items": [{"product_id": "PROD002", "quantity": 1}], **body})
    assert response.status_code == 201, response.data
    return response.data["order"]


def test_an_order_ships_where_it_says_and_the_customer_keeps_it_as_their_default(api):
    order = order_for(api, customer_name="Ann Lee", customer_email="ann.ships@example.com", shipping_address=HOME)
    assert order["shipping_address"] == HOME
    customer = api.get(f"/customers/{order['customer_id']}").data
    assert customer["default_address"] == HOME
    again = order_for(api, customer_id=order["customer_id"])  # no address: the customer's default
    assert again["shipping_address"] == HOME


def test_a_customer_created_with_a_default_address_gets_it_on_orders(api):
    created = api.post("/customers", {"customer_name": "Bo Office", "email": "bo@example.com", "default_address": OFFICE})
    assert created.status_code == 201 and created.data["customer"]["default_address"] == {**OFFICE, **NO_EXTRAS}
    order = order_for(api, customer_id=created.data["customer"]["customer_id"])
    assert order["shipping_address"] == {**OFFICE, **NO_EXTRAS}
    assert order_for(api, customer_id="CUST001")["shipping_address"] is None  # no default, none given


@pytest.mark.parametrize("address, status, code, param", [
    ({**HOME, "postal_code": "6270"}, 422, "invalid_postal_code", "shipping_address.postal_code"),
    ({**OFFICE, "postal_code": "12345"}, 422, "invalid_postal_code", "shipping_address.postal_code"),
    ({key: value for key, value in HOME.items() if key != "postal_code"}, 422, "invalid_postal_code",
     "shipping_address.postal_code"),
    ({**HOME, "country": "XX"}, 400, "invalid_value", "shipping_address.country"),
    ({**HOME, "country": "us"}, 400, "invalid_value", "shipping_address.country"),
    ({key: value for key, value in HOME.items() if key != "line1"}, 400, "missing_field", "shipping_address.line1"),
    ({**HOME, "city": "x" * 101}, 400, "invalid_value", "shipping_address.city"),
    ({**HOME, "planet": "Earth"}, 400, "unknown_field", "shipping_address.planet"),
])
def test_a_bad_address_is_refused_naming_the_field(api, address, status, code, param):
    response = api.post("/orders", {"customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 1}],
                                    "shipping_address": address})
    assert (response.status_code, response.data["code"], response.data["param"]) == (status, code, param), response.data


def test_a_postal_code_is_free_form_where_the_country_fixes_no_shape(api):
    order = order_for(api, customer_id="CUST001", shipping_address={**OFFICE, "country": "IE", "postal_code": "D02 X285"})
    assert order["shipping_address"]["postal_code"] == "D02 X285"


def test_the_address_changes_until_the_order_ships_and_the_history_says_how(api):
    order = order_for(api, customer_id="CUST001", shipping_address=HOME)
    path = f"/orders/{order['order_id']}"
    moved = api.put(path, {"shipping_address": OFFICE})
    assert moved.status_code == 200 and moved.data["order"]["shipping_address"] == {**OFFICE, **NO_EXTRAS}
    change = moved.data["order"]["history"][-1]["changes"][0]
    assert change == {"product_id": None, "field": "shipping_address",
                      "old": "Ann Lee, 1 Main St, Apt 4, Springfield, IL, 62701, US",
                      "new": "Ann Lee, 10 Downing St, London, SW1A 2AA, GB"}
    assert api.put(path, {"shipping_address": OFFICE}).data["order"]["version"] == moved.data["order"]["version"]
    for status in ("processing", "shipped"):
        assert api.put(path, {"status": status}).status_code == 200
    late = api.put(path, {"shipping_address": HOME})
    assert late.status_code == 409 and (late.data["code"], late.data["param"]) == ("not_editable", "shipping_address")


def test_a_backed_up_order_comes_back_with_its_address(api):
    from chalicelib.data.order_store import order_of

    order = order_for(api, customer_id="CUST001", shipping_address=HOME)
    restored = order_of(order_from_document(order))
    assert ORDER.render(restored) == order


def test_a_new_ship_to_is_an_order_updated_event_for_webhooks():
    from chalicelib.events.webhook_events import events_of

    before = {"status": {"S": "processing"}, "items": {"L": []},
              "shipping_address": {"M": {"line1": {"S": "1 Main St"}, "country": {"S": "US"}}}}
    moved = {**before, "shipping_address": {"M": {"line1": {"S": "2 Elm St"}, "country": {"S": "US"}}}}
    assert list(events_of({"dynamodb": {"OldImage": before, "NewImage": moved}})) == [("order.updated", {})]
    assert list(events_of({"dynamodb": {"OldImage": before, "NewImage": dict(before)}})) == []
