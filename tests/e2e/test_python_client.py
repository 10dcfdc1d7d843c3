"""The generated Python client (clients/python/, `make client`) against the
real local stack: the seed flow end to end with typed results, and errors as
the generated Error model."""
import sys
import time
import uuid
from decimal import Decimal

import pytest

from tests.support import ROOT

# The client is imported from the working tree (not installed), so what is
# tested is what is committed; its dependencies (httpx, attrs) come with the
# generator in requirements-dev.txt.
sys.path.insert(0, str(ROOT / "clients" / "python"))

from oms_client import AuthenticatedClient, Client  # noqa: E402
from oms_client.api.catalog import get_product  # noqa: E402
from oms_client.api.orders import create_order, delete_order, get_order, list_orders, order_stats, update_order  # noqa: E402
from oms_client.api.system import health  # noqa: E402
from oms_client.api.workflow import workflow_status  # noqa: E402
from oms_client.models import (  # noqa: E402
    CancelOrderRequest,
    CreateOrderForCustomer,
    Error,
    ExecutionStatus,
    Health,
    Order,
    OrderChanged,
    OrderCreated,
    OrderItem,
    OrderList,
    OrderStatus,
    Product,
    Stats,
    UpdateOrderRequest,
    WorkflowStatus,
)

pytestmark = pytest.mark.e2e

SEED = CreateOrderForCustomer(customer_id="CUST001", items=[OrderItem(product_id="PROD001", quantity=2),
                                                            OrderItem(product_id="PROD002", quantity=1)])


@pytest.fixture
def client(local_stack, http):
    # Other tests on the shared stack take stock too: this one's orders must not fail for want of it.
    for line in SEED.items:
        assert http.put(f"/products/{line.product_id}", {"add_stock": 10}).status_code == 200
    with AuthenticatedClient(base_url=local_stack.api_url, token=local_stack.api_key, auth_header_name="x-api-key",
                             prefix="", timeout=30, raise_on_unexpected_status=True) as client:
        yield client


def wait_for_status(client, order_id, wanted, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        order = get_order.sync(order_id, client=client)
        assert isinstance(order, Order), order
        if order.status == wanted:
            return order
        assert order.status in (OrderStatus.PENDING, wanted), order.status
        time.sleep(0.2)
    raise AssertionError(f"order {order_id} not {wanted} after {timeout}s")


def find_in_listing(client, order_id):
    next_token = None
    while True:
        page = list_orders.sync(client=client, customer_id="CUST001", limit=100,
                                **({"next_token": next_token} if next_token else {}))
        assert isinstance(page, OrderList), page
        found = [summary for summary in page.orders if str(summary.order_id) == order_id]
        if found or not page.next_token:
            return page, found
        next_token = page.next_token


def test_the_seed_flow_through_the_generated_client(client):
    created = create_order.sync(client=client, body=SEED, idempotency_key=f"client-{uuid.uuid4()}")
    assert isinstance(created, OrderCreated), created
    order_id = str(created.order_id)
    assert created.order.total_amount == "2029.97" and created.order.customer_id == "CUST001"
    assert [(line.product_id, line.quantity, line.price) for line in created.order.items] == [
        ("PROD001", 2, "999.99"), ("PROD002", 1, "29.99")]
    assert created.order.status in (OrderStatus.PENDING, OrderStatus.PROCESSING)

    page, found = find_in_listing(client, order_id)
    assert len(found) == 1 and found[0].status in (OrderStatus.PENDING, OrderStatus.PROCESSING)
    assert page.pagination.total >= 1 and page.pagination.limit == 100

    detailed = get_order.sync_detailed(order_id, client=client)
    assert detailed.status_code == 200 and isinstance(detailed.parsed, Order)
    assert detailed.parsed.order_id == created.order_id and detailed.headers["ETag"] == f'"{detailed.parsed.version}"'

    # Edit a line (pending and processing orders are editable).
    edited = update_order.sync(order_id, client=client,
                               body=UpdateOrderRequest.from_dict({"items": [{"product_id": "PROD002", "quantity": 3}]}))
    assert isinstance(edited, OrderChanged), edited
    assert {line.product_id: line.quantity for line in edited.order.items} == {"PROD001": 2, "PROD002": 3}
    assert edited.order.total_amount == str(Decimal("2029.97") + 2 * Decimal("29.99"))

    wait_for_status(client, order_id, OrderStatus.PROCESSING)
    shipped = update_order.sync(order_id, client=client, body=UpdateOrderRequest(status=OrderStatus.SHIPPED))
    assert isinstance(shipped, OrderChanged) and shipped.status == OrderStatus.SHIPPED
    assert shipped.order.history[-1].to_status == OrderStatus.SHIPPED

    # The status poll reads the order; the run's events come from Step Functions only on request.
    status = workflow_status.sync(order_id, client=client)
    assert isinstance(status, WorkflowStatus), status
    assert status.status == ExecutionStatus.SUCCEEDED and status.execution_arn == created.execution_arn
    assert status.order_id == order_id and status.step == "ReserveStock" and status.recent_events == []
    history = workflow_status.sync(order_id, client=client, history=True)
    assert history.status == ExecutionStatus.SUCCEEDED and history.recent_events
    assert all(event.type_ for event in history.recent_events)


def test_cancel_with_a_reason(client):
    created = create_order.sync(client=client, body=SEED)
    assert isinstance(created, OrderCreated), created
    cancelled = delete_order.sync(str(created.order_id), client=client,
                                  body=CancelOrderRequest(reason="customer changed their mind"))
    assert isinstance(cancelled, OrderChanged), cancelled
    assert cancelled.status == OrderStatus.CANCELLED and cancelled.order.status_reason == "customer changed their mind"
    again = get_order.sync(str(created.order_id), client=client)
    assert isinstance(again, Order) and again.status == OrderStatus.CANCELLED


def test_errors_come_back_as_the_error_model(client, local_stack):
    unknown = create_order.sync_detailed(client=client, body=CreateOrderForCustomer(
        customer_id="CUST001", items=[OrderItem(product_id="PROD999", quantity=1)]))
    assert unknown.status_code == 422
    assert isinstance(unknown.parsed, Error)
    assert unknown.parsed.code == "product_not_found" and unknown.parsed.param == "items"
    assert "PROD999" in unknown.parsed.message

    missing = get_order.sync_detailed(str(uuid.uuid4()), client=client)
    assert missing.status_code == 404 and isinstance(missing.parsed, Error) and missing.parsed.code

    too_many = UpdateOrderRequest.from_dict({"items": [{"product_id": "PROD001", "quantity": 10**9}]})
    bad_edit = update_order.sync_detailed(str(uuid.uuid4()), client=client, body=too_many)
    assert bad_edit.status_code == 400 and isinstance(bad_edit.parsed, Error)
    assert bad_edit.parsed.param == "items[0].quantity", bad_edit.parsed

    with Client(base_url=local_stack.api_url, timeout=30) as anonymous:
        forbidden = order_stats.sync_detailed(client=anonymous)
        assert forbidden.status_code == 403 and isinstance(forbidden.parsed, Error)
        assert isinstance(health.sync(client=anonymous), Health)


def test_catalog_and_stats_are_typed(client):
    product = get_product.sync("PROD001", client=client)
    assert isinstance(product, Product) and product.price == "999.99" and isinstance(product.stock_quantity, int)
    stats = order_stats.sync(client=client)
    assert isinstance(stats, Stats) and stats.orders.total >= 0
