"""How the data layer stores the domain's Order: the item it maps to and back
without loss, and the write a change becomes. No AWS is called: items and
operations are only built."""
from dataclasses import replace
from decimal import Decimal

from chalicelib.data import order_store
from chalicelib.data.order_store import StoredOrder
from chalicelib.model.actor import WORKFLOW, Actor
from chalicelib.model.order import Failure, HistoryEvent, LineChange, Order
from chalicelib.model.order_rules import Line

ORDER_ID = "0f6e1d9e-5a3b-4c2d-8e1f-123456789abc"
SCANNER = Actor.api_key("key_1", "Scanner")


def new_order() -> Order:
    return Order.place(order_id=ORDER_ID, order_number="1001", customer_id="CUST001", customer_name="Ann",
                       customer_email="ann@example.com", lines=[Line("A", "Apple", 2, Decimal("1.50"))], currency="USD",
                       actor=Actor.staff("sub-alice", "Alice"), operation_id="op-create")


def stored(order: Order, shard: int = 3, version: int = 4) -> StoredOrder:
    return StoredOrder(**{**order.__dict__, "version": version}, shard=shard)


def test_a_new_order_is_filed_under_its_own_shard():
    item = order_store.item_of(new_order())
    shard = order_store.list_shard_of(ORDER_ID)
    assert (item.shard, item.list_pk, item.status_pk, item.id_prefix) == (shard, f"ALL#{shard}", f"pending#{shard}", "0f6e")
    assert (item.line_count, item.item_count, item.total_amount, item.lines[0].line_total) == (1, 2, Decimal("3.00"),
                                                                                               Decimal("3.00"))
    assert item.version is None  # the put makes it version 1


def test_every_field_survives_the_round_trip_through_the_item():
    failure = Failure("States.TaskFailed", "reasons [None, ConditionalCheckFailed]", ("", "A"))
    order = stored(new_order())
    order = replace(order, status="failed", status_reason="short", failure=failure, tracking_number="T1", carrier="UPS",
                    execution_arn="arn:run", workflow_attempt=2, history=order.history + (
                        HistoryEvent("2026-01-01T00:00:00.000000Z", "edited", SCANNER, reason="r", operation_id="op",
                                     changes=(LineChange("A", "quantity", "1", "2"),)),
                        HistoryEvent("2026-01-02T00:00:00.000000Z", "workflow", WORKFLOW, "pending", "failed",
                                     failure=failure)))
    assert order_store.order_of(order_store.item_of(order)) == order


def test_a_history_entry_stored_before_actors_were_objects_reads_as_one():
    """Entries written before actors were objects hold a bare string: a key's
    id (named by its id: its name was not recorded) or "workflow"."""
    image = order_store.item_of(stored(new_order())).serialize()
    history = image["history"]["L"]
    history[0]["M"]["actor"] = {"S": "key_0d93aa11bb22"}
    history.append({"M": {**history[0]["M"], "action": {"S": "workflow"}, "actor": {"S": "workflow"}}})
    order = order_store.order_of_image(image)
    assert [event.actor for event in order.history] == [Actor("api_key", "key_0d93aa11bb22", "key_0d93aa11bb22"),
                                                        WORKFLOW]


def test_a_change_writes_only_what_changed_on_the_shard_the_order_was_filed_under():
    before = stored(new_order(), shard=99)
    after = before.reserve(WORKFLOW)
    change, stock = order_store.change_operations(before, after, while_status="pending")
    request = change.instance.get_update_kwargs_from_instance(actions=change.actions, condition=change.condition)
    assert sorted(request["ExpressionAttributeNames"].values()) == sorted(
        ["status", "status_pk", "stock_reserved", "updated_at", "history", "version"])
    values = list(request["ExpressionAttributeValues"].values())
    assert {"N": "4"} in values and {"S": "pending"} in values  # only at the version read, while still pending
    assert {"S": "processing#99"} in values
    assert (stock.label, stock.instance.product_id) == (("stock", "A"), "A")


def test_a_cleared_failure_is_removed_from_the_item():
    before = replace(stored(new_order()), status="failed", failure=Failure("States.TaskFailed"))
    after = before.run_again(actor=SCANNER, operation_id="op", run_arn=lambda order_id, attempt: f"arn:{attempt}")
    (change,) = order_store.change_operations(before, after)
    request = change.instance.get_update_kwargs_from_instance(actions=change.actions, condition=change.condition)
    assert "REMOVE" in request["UpdateExpression"] and "failure" in request["ExpressionAttributeNames"].values()
