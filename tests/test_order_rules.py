from decimal import Decimal

import pytest

from chalicelib.core.errors import Conflict, Unprocessable
from chalicelib.model.commands import OrderItem
from chalicelib.model.order import apply_line_edits, check_editable, check_transition, stock_deltas
from chalicelib.model.order_rules import (
    ALLOWED_TRANSITIONS,
    MAX_LINES,
    STATUSES,
    CatalogEntry,
    Line,
    LineEdit,
    merge_requested_quantities,
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
        assert error.value.code == "invalid_transition"


def test_table_matches_the_documented_transitions():
    assert {(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets} == EXPECTED


@pytest.mark.parametrize("status", ["shipped", "delivered", "cancelled"])
def test_only_pending_processing_and_failed_orders_are_editable(status):
    check_editable("pending")
    check_editable("processing")
    check_editable("failed")  # cut to what is in stock, then re-run
    with pytest.raises(Conflict):
        check_editable(status)


def test_repeated_products_are_merged_in_first_seen_order():
    merged = merge_requested_quantities([OrderItem("B", 1), OrderItem("A", 2), OrderItem("B", 3)])
    assert list(merged.items()) == [("B", 4), ("A", 2)]


def test_merged_quantity_and_line_count_limits():
    with pytest.raises(Unprocessable) as error:
        merge_requested_quantities([OrderItem("A", 6000), OrderItem("A", 6000)])
    assert error.value.code == "quantity_too_large"
    with pytest.raises(Unprocessable) as error:
        merge_requested_quantities([OrderItem(f"P{i}", 1) for i in range(MAX_LINES + 1)])
    assert error.value.code == "too_many_products"
    assert len(merge_requested_quantities([OrderItem(f"P{i}", 1) for i in range(MAX_LINES)])) == MAX_LINES


LINES = [Line("A", "Apple", 2, Decimal("1.50")), Line("B", "Banana", 1, Decimal("0.25"))]


def test_edit_quantity_and_price_records_changes():
    lines, changes = apply_line_edits(LINES, [LineEdit("A", quantity=5), LineEdit("B", price=Decimal("0.30"))], {})
    assert [(line.product_id, line.quantity, line.price) for line in lines] == [("A", 5, Decimal("1.50")), ("B", 1,
                                                                                                            Decimal("0.30"))]
    assert {(c.product_id, c.field, c.old, c.new) for c in changes} == {
        ("A", "quantity", "2", "5"), ("B", "price", "0.25", "0.30")}
    assert [line.quantity for line in LINES] == [2, 1]  # the input is not mutated


def test_quantity_zero_removes_a_line_and_new_products_are_added_from_the_catalog():
    catalog = {"C": CatalogEntry("C", "Cherry", Decimal("3.00"))}
    lines, _ = apply_line_edits(LINES, [LineEdit("B", quantity=0), LineEdit("C", quantity=2)], catalog)
    assert [(line.product_id, line.quantity, line.price) for line in lines] == [("A", 2, Decimal("1.50")), ("C", 2,
                                                                                                            Decimal("3.00"))]


def test_stock_moves_by_the_difference_of_what_is_held():
    assert stock_deltas({"A": 2, "B": 1}, {"A": 5, "C": 2}) == {"A": 3, "B": -1, "C": 2}
    assert stock_deltas({"A": 2}, {"A": 2}) == {}


def test_an_order_keeps_at_least_one_line():
    with pytest.raises(Unprocessable, match="at least one line"):
        apply_line_edits(LINES, [LineEdit("A", quantity=0), LineEdit("B", quantity=0)], {})


def test_adding_a_product_needs_a_quantity():
    with pytest.raises(Unprocessable, match="quantity is required to add C"):
        apply_line_edits(LINES, [LineEdit("C", price=Decimal("1.00"))], {})
