"""The Order aggregate on its own: plain objects, no AWS. Each change returns
a changed copy (at the version it was read at) with its history event; the
order it was made from stays as it was."""
import uuid
from dataclasses import replace
from decimal import Decimal

import pytest

from chalicelib.core.errors import Conflict, Unprocessable
from chalicelib.model.actor import WORKFLOW, Actor
from chalicelib.model.commands import UpdateOrder
from chalicelib.model.order import Failure, LineChange, Order, order_id_for
from chalicelib.model.order_rules import MAX_HISTORY_EVENTS, CatalogEntry, Line, LineEdit

APPLE, BANANA = Line("A", "Apple", 2, Decimal("1.50")), Line("B", "Banana", 1, Decimal("0.25"))
CHERRY = CatalogEntry("C", "Cherry", Decimal("3.00"))
ALICE, BOB = Actor.staff("sub-alice", "Alice"), Actor.staff("sub-bob", "Bob")
SCANNER = Actor.api_key("key_1", "Scanner")


def run_arn(order_id, attempt):
    return f"arn:run:{order_id}:{attempt}"


def placed(*lines, run=None) -> Order:
    order = Order.place(order_id="o-1", order_number="1001", customer_id="CUST001", customer_name="Ann",
                        customer_email="ann@example.com", lines=lines or (APPLE, BANANA), currency="USD", actor=ALICE,
                        operation_id="op-create", run_arn=run)
    return replace(order, version=1)


def in_status(status, *lines) -> Order:
    order = placed(*lines)
    return order.reserve(WORKFLOW) if status == "processing" else replace(order, status=status,
                                                                             stock_reserved=status in ("shipped", "delivered"))


def edit(order, run=None, new_products=None, **change) -> Order:
    return order.edit(UpdateOrder(**change), new_products or {}, actor=BOB, operation_id="op-edit", run_arn=run)


# ---------------------------------------------------------------- placing

def test_a_placed_order_is_pending_holds_nothing_and_has_its_figures():
    order = placed()
    assert (order.status, order.stock_reserved, order.held()) == ("pending", False, {})
    assert (order.line_count, order.item_count, order.total_amount) == (2, 3, Decimal("3.25"))
    assert [(e.action, e.actor, e.to_status, e.operation_id) for e in order.history] == [
        ("created", ALICE, "pending", "op-create")]
    assert order.created_at == order.updated_at == order.history[0].at
    assert (order.workflow_attempt, order.execution_arn) == (0, None)


def test_with_a_workflow_the_order_is_placed_with_its_first_run():
    assert (placed(run=run_arn).workflow_attempt, placed(run=run_arn).execution_arn) == (1, "arn:run:o-1:1")


def test_the_id_of_a_created_order_follows_from_the_operation():
    assert order_id_for("op-1") == order_id_for("op-1") != order_id_for("op-2")
    assert uuid.UUID(order_id_for("op-1")).version == 4


# ---------------------------------------------------------------- editing

def test_an_edit_returns_a_changed_copy_at_the_version_read():
    order = placed()
    edited = edit(order, edits=[LineEdit("A", quantity=5), LineEdit("C", quantity=1)],
                  new_products={"C": CHERRY}, reason="more")
    assert [(line.product_id, line.quantity) for line in edited.lines] == [("A", 5), ("B", 1), ("C", 1)]
    assert (edited.total_amount, edited.version, edited.status) == (Decimal("10.75"), 1, "pending")
    event = edited.history[-1]
    assert (event.action, event.actor, event.reason, event.operation_id) == ("edited", BOB, "more", "op-edit")
    assert event.changes == (LineChange("A", "quantity", "2", "5"), LineChange("C", "quantity", None, "1"))
    assert edited.updated_at == event.at
    assert [line.quantity for line in order.lines] == [2, 1] and len(order.history) == 1  # the original stands


def test_an_edit_that_restates_the_order_is_no_change():
    order = placed()
    assert edit(order, edits=[LineEdit("A", quantity=2)]) is order
    assert edit(order, edits=[LineEdit("B", price=Decimal("0.25"))], reason="same") is order


def test_a_status_restated_beside_a_line_edit_is_not_a_transition():
    edited = edit(placed(), edits=[LineEdit("A", quantity=3)], status="pending")
    assert (edited.history[-1].action, edited.history[-1].to_status) == ("edited", None)


def test_editing_a_pending_orders_lines_begins_a_new_run_when_there_is_a_workflow():
    order = placed(run=run_arn)
    edited = edit(order, run=run_arn, edits=[LineEdit("A", quantity=3)])
    assert (edited.workflow_attempt, edited.execution_arn) == (2, "arn:run:o-1:2") and edited.began_run_since(order)
    assert not edit(order, edits=[LineEdit("A", quantity=3)]).began_run_since(order)  # no workflow
    processing = in_status("processing")
    assert not edit(processing, run=run_arn, edits=[LineEdit("A", quantity=3)]).began_run_since(processing)
    assert not edit(order, run=run_arn, status="cancelled").began_run_since(order)  # lines unchanged


def test_a_status_change_follows_the_lifecycle():
    shipped = edit(in_status("processing"), status="shipped", tracking_number="TRK1", carrier="UPS", reason="sent")
    assert (shipped.status, shipped.status_reason, shipped.tracking_number, shipped.carrier) == ("shipped", "sent", "TRK1",
                                                                                                "UPS")
    event = shipped.history[-1]
    assert (event.action, event.from_status, event.to_status, event.tracking_number) == ("status", "processing", "shipped",
                                                                                          "TRK1")
    with pytest.raises(Conflict) as refused:
        edit(placed(), status="shipped")
    assert refused.value.code == "invalid_transition"
    pending = placed()
    assert edit(pending, status="pending") is pending  # where it is: a retry that landed, nothing to change
    assert edit(shipped, status="shipped", tracking_number="TRK1") is shipped
    with pytest.raises(Conflict) as other_tracking:
        edit(shipped, status="shipped", tracking_number="TRK2")
    assert other_tracking.value.param == "tracking_number"


def test_cancelling_a_cancelled_order_changes_nothing():
    cancelled = placed().cancel("duplicate", actor=SCANNER, operation_id="op-1")
    assert cancelled.cancel("duplicate", actor=SCANNER, operation_id="op-2") is cancelled


def test_tracking_is_kept_only_with_a_move_to_shipped():
    failed = edit(placed(), status="failed", tracking_number="TRK1", carrier="UPS")
    assert (failed.tracking_number, failed.carrier, failed.history[-1].tracking_number) == (None, None, None)


def test_only_pending_processing_and_failed_orders_change_lines():
    for status in ("pending", "processing", "failed"):
        edit(in_status(status), edits=[LineEdit("A", quantity=1)])
    for status in ("shipped", "delivered", "cancelled"):
        with pytest.raises(Conflict) as refused:
            edit(in_status(status), edits=[LineEdit("A", quantity=1)])
        assert refused.value.code == "not_editable"


def test_the_one_line_shape_edits_a_one_line_order_only():
    edited = edit(placed(APPLE), single_line=LineEdit("", quantity=4, price=Decimal("2.00")), reason="Bulk price")
    assert [(line.quantity, line.price) for line in edited.lines] == [(4, Decimal("2.00"))]
    with pytest.raises(Unprocessable) as refused:
        edit(placed(), single_line=LineEdit("", quantity=4))
    assert refused.value.code == "ambiguous_line"


@pytest.mark.parametrize("edits, needs", [
    ([LineEdit("A", price=Decimal("1.40"))], "a unit price changes"),
    ([LineEdit("C", quantity=1, price=Decimal("0.10"))], "a unit price changes"),  # an added line priced by hand
    ([LineEdit("A", quantity=1)], None),  # 3.25 -> 1.75 keeps more than half
    ([LineEdit("A", quantity=0)], "the total goes down by more than half"),  # 3.25 -> 0.25
    ([LineEdit("A", quantity=3)], None),
    ([LineEdit("B", quantity=0)], None),
])
def test_a_money_edit_needs_a_reason_and_keeps_it(edits, needs):
    """Price changes, totals to 0 or down by more than half say why; the reason is in the history."""
    order = placed()
    if needs is None:
        assert edit(order, new_products={"C": CHERRY}, edits=edits).history[-1].reason is None
        return
    with pytest.raises(Unprocessable) as refused:
        edit(order, new_products={"C": CHERRY}, edits=edits)
    assert (refused.value.code, refused.value.param) == ("reason_required", "reason") and needs in refused.value.message
    assert edit(order, new_products={"C": CHERRY}, edits=edits, reason="Agreed").history[-1].reason == "Agreed"


def test_a_price_to_zero_needs_a_reason_even_when_it_is_the_only_line():
    with pytest.raises(Unprocessable):
        edit(placed(APPLE), edits=[LineEdit("A", price=Decimal("0.00"))])


# ---------------------------------------------------------------- stock

def test_the_reservation_takes_the_lines_and_an_edit_moves_the_difference():
    order = placed()
    reserved = order.reserve(WORKFLOW)
    assert (reserved.status, reserved.stock_reserved) == ("processing", True)
    assert reserved.stock_moved_since(order) == {"A": 2, "B": 1}
    assert (reserved.history[-1].action, reserved.history[-1].actor) == ("workflow", WORKFLOW)
    edited = edit(reserved, edits=[LineEdit("A", quantity=5), LineEdit("B", quantity=0)])
    assert edited.stock_moved_since(reserved) == {"A": 3, "B": -1}
    assert edit(order, edits=[LineEdit("A", quantity=5)]).stock_moved_since(order) == {}  # pending holds nothing


def test_cancelling_gives_back_what_the_order_holds():
    reserved = in_status("processing")
    cancelled = reserved.cancel("changed mind", actor=BOB, operation_id="op-cancel")
    assert (cancelled.status, cancelled.status_reason, cancelled.stock_reserved) == ("cancelled", "changed mind", False)
    assert cancelled.stock_moved_since(reserved) == {"A": -2, "B": -1}
    assert cancelled.applied("op-cancel") and not reserved.applied("op-cancel")


@pytest.mark.parametrize("status", ["shipped", "delivered"])
def test_shipped_goods_are_never_cancelled_or_deleted(status):
    order = in_status(status)
    with pytest.raises(Conflict, match=f"Cannot cancel a {status} order"):
        order.cancel(None, actor=BOB, operation_id="op")
    with pytest.raises(Conflict, match="part of the stock ledger"):
        order.delete()


def test_deleting_gives_back_what_the_order_holds():
    assert in_status("processing").delete() == {"A": -2, "B": -1}
    assert placed().delete() == {}


# ---------------------------------------------------------------- workflow runs

def test_a_failed_order_runs_again_as_pending_and_a_pending_one_starts_another_run():
    failed = replace(placed(run=run_arn), status="failed", failure=Failure("States.TaskFailed"))
    rerun = failed.run_again(actor=BOB, operation_id="op-run", run_arn=run_arn)
    assert (rerun.status, rerun.failure, rerun.workflow_attempt, rerun.execution_arn) == ("pending", None, 2,
                                                                                            "arn:run:o-1:2")
    assert (rerun.history[-1].from_status, rerun.history[-1].to_status, rerun.history[-1].reason) == (
        "failed", "pending", "Workflow re-run")
    again = placed(run=run_arn).run_again(actor=BOB, operation_id="op-run", run_arn=run_arn)
    assert (again.status, again.workflow_attempt, again.history[-1].reason) == ("pending", 2, "Workflow started")
    with pytest.raises(Conflict) as refused:
        in_status("processing").run_again(actor=BOB, operation_id="op-run", run_arn=run_arn)
    assert refused.value.code == "invalid_transition"


# ---------------------------------------------------------------- history

def test_a_full_history_refuses_requests_but_not_the_workflow():
    order = placed()
    full = replace(order, history=order.history * MAX_HISTORY_EVENTS)
    for change in (lambda: edit(full, status="cancelled"), lambda: full.cancel(None, actor=BOB, operation_id="op")):
        with pytest.raises(Conflict) as refused:
            change()
        assert refused.value.code == "history_full"
    assert len(full.reserve(WORKFLOW).history) == MAX_HISTORY_EVENTS + 1
    almost = replace(order, history=order.history * (MAX_HISTORY_EVENTS - 1))
    assert len(edit(almost, status="cancelled").history) == MAX_HISTORY_EVENTS
