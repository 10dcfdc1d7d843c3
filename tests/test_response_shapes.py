"""Responses are written once, in the contract's response records: the API
sends exactly the fields a record declares, the records render any object
with the models' attribute names, and the published document keeps responses
open to new fields (while request bodies stay closed)."""
import sys
from decimal import Decimal
from types import SimpleNamespace

import pytest

from chalicelib.contract.catalog import CUSTOMER, PRODUCT
from chalicelib.contract.orders import ORDER, ORDER_SUMMARY
from chalicelib.data.models import ORDER_SUMMARY_ATTRIBUTES, Customer, Order, Product
from chalicelib.http import openapi
from tests.support import ROOT, ContractCheck, JsonVerbs

pytestmark = pytest.mark.usefixtures("without_workflow")


@pytest.fixture(scope="module")
def document():
    import app

    return openapi.document(app.api.routes)


def reachable(document: dict, roots: list) -> list:
    """The schemas `roots` are made of, following $refs to components."""
    components, found, pending, seen = document["components"]["schemas"], [], list(roots), set()
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending += node
        elif isinstance(node, dict):
            found.append(node)
            reference = node.get("$ref", "").rsplit("/", 1)[-1]
            if reference and reference not in seen:
                seen.add(reference)
                pending.append(components[reference])
            pending += [value for key, value in node.items() if key != "$ref"]
    return found


def operations(document: dict):
    return [operation for item in document["paths"].values() for operation in item.values()]


def test_response_schemas_are_open_and_request_bodies_closed(document):
    responses = reachable(document, [response["content"]["application/json"]["schema"]
                                     for operation in operations(document)
                                     for response in operation["responses"].values()])
    requests = reachable(document, [operation["requestBody"]["content"]["application/json"]["schema"]
                                    for operation in operations(document) if "requestBody" in operation])
    response_objects = [schema for schema in responses if "properties" in schema]
    request_objects = [schema for schema in requests if schema.get("type") == "object"]
    assert len(response_objects) > 40 and len(request_objects) > 10
    assert [schema for schema in responses if "additionalProperties" in schema] == []
    assert [schema for schema in request_objects if schema.get("additionalProperties") is not False] == []


def test_unknown_request_fields_are_still_refused(api):
    response = api.post("/customers", {"customer_name": "Ann", "email": "ann@example.com", "nickname": "A"})
    assert response.status_code == 400
    assert (response.data["code"], response.data["param"]) == ("unknown_field", "nickname")


class Checked(JsonVerbs):
    """The in-process API, every answer checked against the document held
    strictly (exactly the fields declared, every required one present)."""

    def __init__(self, api, contract: ContractCheck):
        self.api, self.contract = api, contract

    def call(self, method, path, body=None, **kw):
        response = self.api.call(method, path, body, **kw)
        self.contract.check(method, path, response.status_code, response.data)
        return response


def test_what_the_api_sends_has_exactly_the_fields_its_records_declare(api, document):
    checked = Checked(api, ContractCheck(document))
    assert checked.post("/products", {"product_id": "SHAPE1", "product_name": "Shape", "price": "2.50",
                                      "stock_quantity": 5}).status_code == 201
    assert checked.put("/products/SHAPE1", {"add_stock": 1}).status_code == 200
    checked.get("/products/SHAPE1")
    checked.get("/products?limit=5")
    customer = checked.post("/customers", {"customer_name": "Shape Tester", "email": "shape@example.com",
                                           "phone": "555", "address": "Here"}).data["customer"]
    checked.get(f"/customers/{customer['customer_id']}")
    checked.get("/customers?limit=5")

    order_id = checked.post("/orders", {"customer_id": customer["customer_id"], "items": [
        {"product_id": "SHAPE1", "quantity": 2}, {"product_id": "PROD002", "quantity": 1}]}).data["order_id"]
    checked.put(f"/orders/{order_id}", {"items": [{"product_id": "SHAPE1", "quantity": 3}]})  # history with changes
    checked.put(f"/orders/{order_id}", {"shipping_address": {  # a change without a product
        "name": "Shape Tester", "line1": "1 Main St", "city": "Springfield", "postal_code": "62701", "country": "US"}})
    checked.put(f"/orders/{order_id}", {"status": "processing"})
    shipped = checked.put(f"/orders/{order_id}", {"status": "shipped", "tracking_number": "1Z", "carrier": "UPS"}).data
    assert {"tracking_number", "carrier"} <= shipped["order"]["history"][-1].keys()
    assert "changes" in shipped["order"]["history"][1]
    checked.get(f"/orders/{order_id}")
    checked.get(f"/orders?customer_id={customer['customer_id']}")
    cancelled = checked.post("/orders", {"customer_id": customer["customer_id"],
                                         "items": [{"product_id": "SHAPE1", "quantity": 1}]}).data["order_id"]
    checked.delete(f"/orders/{cancelled}", {"reason": "changed my mind"})
    checked.get("/orders/00000000-0000-4000-8000-000000000000")  # the error body
    checked.get("/stats")

    assert set(checked.contract.checked) == {
        ("createProduct", 201), ("updateProduct", 200), ("getProduct", 200), ("listProducts", 200),
        ("createCustomer", 201), ("getCustomer", 200), ("listCustomers", 200), ("createOrder", 201),
        ("updateOrder", 200), ("getOrder", 200), ("getOrder", 404), ("listOrders", 200), ("deleteOrder", 200),
        ("orderStats", 200)}


def test_the_records_render_any_object_with_the_models_attribute_names(resources):
    """What the domain hands over need not be a PynamoDB model."""
    for record, model, key in ((ORDER, Order, None), (ORDER_SUMMARY, Order, None), (PRODUCT, Product, "PROD001"),
                               (CUSTOMER, Customer, "CUST001")):
        item = model.get(key) if key else _an_order()
        assert record.render(plain(item)) == record.render(item)


def test_a_list_page_fetches_every_attribute_the_order_summary_reads():
    """A list page reads `ORDER_SUMMARY_ATTRIBUTES` from the table: a summary
    field reading anything else would be null on every page."""
    read = Reads(_an_order())
    ORDER_SUMMARY.render(read)
    assert read.names - {"order_id"} <= set(ORDER_SUMMARY_ATTRIBUTES)
    assert {"failure", "updated_at", "order_number"} <= read.names


def test_a_new_response_field_does_not_break_the_generated_client():
    sys.path.insert(0, str(ROOT / "clients" / "python"))
    from oms_client.models import Customer as ClientCustomer
    from oms_client.models import Order as ClientOrder

    sent = {**ORDER.render(_an_order()), "gift_wrap": True}
    parsed = ClientOrder.from_dict(sent)
    assert parsed.total_amount == "2029.97" and parsed["gift_wrap"] is True
    customer = {**CUSTOMER.render(plain_customer()), "loyalty": {"tier": "gold"}}
    assert ClientCustomer.from_dict(customer).additional_properties == {"loyalty": {"tier": "gold"}}


class Reads:
    """An object's attributes, noting which were read."""

    def __init__(self, target):
        self._target, self.names = target, set()

    def __getattr__(self, name):
        self.names.add(name)
        return getattr(self._target, name)


def plain(value):
    """A PynamoDB item (and its maps and lists) as plain objects with the same attribute names."""
    if isinstance(value, list):
        return [plain(item) for item in value]
    if not hasattr(value, "get_attributes"):
        return value
    return SimpleNamespace(**{name: plain(getattr(value, name)) for name in value.get_attributes()})


def plain_customer():
    return SimpleNamespace(customer_id="C1", customer_name="Ann", email="ann@example.com", phone=None, address=None,
                           default_address=None, created_at="2026-11-25T12:46:24.123456Z")


def _an_order() -> Order:
    from chalicelib.data.models import HistoryEvent, OrderLine, WorkflowFailure
    from chalicelib.model.actor import WORKFLOW, Actor

    at = "2026-11-25T12:46:24.123456Z"
    failure = WorkflowFailure(error="DynamoDB.TransactionCanceledException", cause="cancelled [None, ConditionalCheckFailed]",
                              product_ids=["", "PROD001"])
    return Order("0b0e7a3e-1111-4222-8333-444455556666", order_number="1001", customer_id="CUST001",
                 customer_name="John Doe", customer_email="john@example.com",
                 lines=[OrderLine(product_id="PROD001", product_name="Laptop", quantity=2, price=Decimal("999.99"),
                                  line_total=Decimal("1999.98")),
                        OrderLine(product_id="PROD002", product_name="Mouse", quantity=1, price=Decimal("29.99"),
                                  line_total=Decimal("29.99"))],
                 line_count=2, item_count=3, total_amount=Decimal("2029.97"), currency="USD", status="failed",
                 failure=failure, created_at=at, updated_at="2026-11-25T12:46:25Z", stock_reserved=False,
                 workflow_attempt=1, history=[
                     HistoryEvent(at=at, action="created", to_status="pending", actor=Actor.api_key("key_0d93", "Scanner")),
                     HistoryEvent(at=at, action="workflow", from_status="pending", to_status="failed", actor=WORKFLOW,
                                  failure=failure)], version=2)
