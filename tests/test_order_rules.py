from decimal import Decimal

import pytest

from chalicelib.errors import Conflict, ValidationError
from chalicelib.order_rules import (
    ALLOWED_TRANSITIONS, MAX_LINES, STATUSES, CatalogEntry, Line, LineEdit, apply_line_edits, check_editable,
    check_transition, merge_requested_quantities,
)

EXPECTED = {
    ("pending", "processing"), ("pending", "cancelled"), ("pending", "failed"),
    ("processing", "shipped"), ("processing", "cancelled"), ("processing", "failed"),
    ("shipped", "delivered"), ("failed", "cancelled"),
}


@pytest.mark.parametrize("current", STATUSES)
@pytest.mark.parametrize("target", STATUSES)
def test_transition_table(current, target):
    if (current, target) in EXPECTED:
        check_transition(current, target)
    else:
        with pytest.raises(Conflict) as error:
            check_transition(current, target)
        assert error.value.message == f"Cannot change status from {current} to {target}"


def test_table_matches_the_documented_transitions():
    assert {(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets} == EXPECTED


def test_unknown_target_status_is_a_400():
    with pytest.raises(ValidationError):
        check_transition("pending", "lost")


@pytest.mark.parametrize("status", ["shipped", "delivered", "cancelled", "failed"])
def test_only_pending_and_processing_orders_are_editable(status):
    check_editable("pending")
    check_editable("processing")
    with pytest.raises(Conflict):
        check_editable(status)


def test_repeated_products_are_merged_in_first_seen_order():
    merged = merge_requested_quantities([
        {"product_id": "B", "quantity": 1}, {"product_id": "A", "quantity": 2}, {"product_id": "B", "quantity": 3}])
    assert list(merged.items()) == [("B", 4), ("A", 2)]


def test_merged_quantity_and_line_count_limits():
    with pytest.raises(ValidationError):
        merge_requested_quantities([{"product_id": "A", "quantity": 6000}, {"product_id": "A", "quantity": 6000}])
    with pytest.raises(ValidationError):
        merge_requested_quantities([{"product_id": f"P{i}", "quantity": 1} for i in range(MAX_LINES + 1)])
    assert len(merge_requested_quantities([{"product_id": f"P{i}", "quantity": 1} for i in range(MAX_LINES)])) == MAX_LINES


LINES = [Line("A", "Apple", 2, Decimal("1.50")), Line("B", "Banana", 1, Decimal("0.25"))]


def test_edit_quantity_and_price_records_changes_and_stock_deltas():
    result = apply_line_edits(LINES, [LineEdit("A", quantity=5), LineEdit("B", price=Decimal("0.30"))], {})
    assert [(l.product_id, l.quantity, l.price) for l in result.lines] == [("A", 5, Decimal("1.50")), ("B", 1, Decimal("0.30"))]
    assert result.quantity_deltas == {"A": 3}
    assert {(c["product_id"], c["field"], c["old"], c["new"]) for c in result.changes} == {
        ("A", "quantity", "2", "5"), ("B", "price", "0.25", "0.30")}
    assert [l.quantity for l in LINES] == [2, 1]  # the input is not mutated


def test_quantity_zero_removes_a_line_and_new_products_are_added_from_the_catalog():
    catalog = {"C": CatalogEntry("C", "Cherry", Decimal("3.00"))}
    result = apply_line_edits(LINES, [LineEdit("B", quantity=0), LineEdit("C", quantity=2)], catalog)
    assert [(l.product_id, l.quantity, l.price) for l in result.lines] == [("A", 2, Decimal("1.50")), ("C", 2, Decimal("3.00"))]
    assert result.quantity_deltas == {"B": -1, "C": 2}


def test_an_order_keeps_at_least_one_line():
    with pytest.raises(ValidationError):
        apply_line_edits(LINES, [LineEdit("A", quantity=0), LineEdit("B", quantity=0)], {})


def test_adding_a_product_needs_a_quantity():
    with pytest.raises(ValidationError):
        apply_line_edits(LINES, [LineEdit("C", price=Decimal("1.00"))], {})
