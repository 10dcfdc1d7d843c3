"""Pure order rules: the status lifecycle, line arithmetic and the stock an
order holds. No I/O."""
from dataclasses import dataclass
from decimal import Decimal
from typing import Dict, List, Optional, Sequence, Tuple

from ..core.errors import Conflict, Unprocessable
from . import money

PENDING = "pending"
PROCESSING = "processing"
SHIPPED = "shipped"
DELIVERED = "delivered"
CANCELLED = "cancelled"
FAILED = "failed"
STATUSES = (PENDING, PROCESSING, SHIPPED, DELIVERED, CANCELLED, FAILED)

ALLOWED_TRANSITIONS: Dict[str, frozenset] = {
    PENDING: frozenset({PROCESSING, CANCELLED, FAILED}),
    PROCESSING: frozenset({SHIPPED, CANCELLED, FAILED}),
    SHIPPED: frozenset({DELIVERED}),
    DELIVERED: frozenset(),
    CANCELLED: frozenset(),
    FAILED: frozenset({CANCELLED}),
}
# A failed order's lines may change too: cut to what is in stock, then re-run.
EDITABLE_STATUSES = frozenset({PENDING, PROCESSING, FAILED})
# Orders holding stock: their quantities are subtracted from the catalog.
STOCK_HOLDING_STATUSES = frozenset({PROCESSING, SHIPPED, DELIVERED})
# Shipped goods have left the warehouse; deleting such an order would
# break the stock ledger, so it is refused.
UNDELETABLE_STATUSES = frozenset({SHIPPED, DELIVERED})

MAX_LINES = 99  # a DynamoDB transaction holds 100 items: the order and one stock update per line
MAX_QUANTITY = 10_000
MAX_HISTORY_EVENTS = 500


def check_transition(current: str, target: str) -> None:
    if target not in ALLOWED_TRANSITIONS[current]:
        raise Conflict(f"Cannot change status from {current} to {target}", code="invalid_transition", param="status")


def check_editable(status: str) -> None:
    if status not in EDITABLE_STATUSES:
        raise Conflict(f"Items of a {status} order cannot be changed; only pending, processing or failed orders can be edited",
                       code="not_editable", param="items")


def stock_shortages(needed: Dict[str, int], in_stock: Dict[str, int]) -> Dict[str, Tuple[int, int]]:
    """Products whose stock cannot cover what is needed: (needed, in stock)."""
    return {pid: (units, in_stock.get(pid, 0)) for pid, units in needed.items() if in_stock.get(pid, 0) < units}


@dataclass
class Line:
    product_id: str
    product_name: str
    quantity: int
    price: Decimal

    @property
    def line_total(self) -> Decimal:
        return money.line_total(self.price, self.quantity)


def order_total(lines: Sequence[Line]) -> Decimal:
    return money.sum_amounts(line.line_total for line in lines)


def merge_requested_quantities(items: Sequence) -> Dict[str, int]:
    """Repeated product lines in one request are merged, keeping first-seen
    order. `items` hold `product_id` and `quantity`."""
    merged: Dict[str, int] = {}
    for item in items:
        merged[item.product_id] = merged.get(item.product_id, 0) + item.quantity
    for product_id, quantity in merged.items():
        if quantity > MAX_QUANTITY:
            raise Unprocessable(f"quantity for {product_id} must be at most {MAX_QUANTITY} in total",
                                code="quantity_too_large", param="items")
    if len(merged) > MAX_LINES:
        raise Unprocessable(f"An order can have at most {MAX_LINES} distinct products", code="too_many_products", param="items")
    return merged


@dataclass
class LineEdit:
    product_id: str
    quantity: Optional[int] = None  # 0 removes the line
    price: Optional[Decimal] = None


@dataclass
class CatalogEntry:
    product_id: str
    product_name: str
    price: Decimal


def apply_line_edits(lines: Sequence[Line], edits: Sequence[LineEdit],
                     catalog: Dict[str, CatalogEntry]) -> Tuple[List[Line], List[dict]]:
    """Apply edits, in order, to a copy of `lines`; returns the new lines and
    the changes made. An edit naming a product not in the order adds it
    (priced from `catalog` unless a price is given); quantity 0 removes a
    line. `catalog` must hold every added product."""
    by_product = {line.product_id: Line(line.product_id, line.product_name, line.quantity, line.price) for line in lines}
    order = [line.product_id for line in lines]
    changes: List[dict] = []
    for edit in edits:
        line = by_product.get(edit.product_id)
        if line is None:
            if not edit.quantity:
                raise Unprocessable(f"quantity is required to add {edit.product_id} to the order",
                                    code="line_not_found", param="items")
            entry = catalog[edit.product_id]
            price = edit.price if edit.price is not None else entry.price
            by_product[edit.product_id] = Line(edit.product_id, entry.product_name, edit.quantity, price)
            order.append(edit.product_id)
            changes.append(_change(edit.product_id, "quantity", None, edit.quantity))
            if edit.price is not None:
                changes.append(_change(edit.product_id, "price", None, money.format_amount(price)))
            continue
        if edit.quantity is not None and edit.quantity != line.quantity:
            changes.append(_change(edit.product_id, "quantity", line.quantity, edit.quantity))
            line.quantity = edit.quantity
        if edit.price is not None and edit.price != line.price:
            changes.append(_change(edit.product_id, "price", money.format_amount(line.price), money.format_amount(edit.price)))
            line.price = edit.price
    new_lines = [by_product[pid] for pid in order if by_product[pid].quantity > 0]
    if not new_lines:
        raise Unprocessable("An order must keep at least one line; cancel the order instead", code="empty_order", param="items")
    if len(new_lines) > MAX_LINES:
        raise Unprocessable(f"An order can have at most {MAX_LINES} distinct products", code="too_many_products", param="items")
    return new_lines, changes


def _change(product_id: str, field: str, old, new) -> dict:
    return {
        "product_id": product_id,
        "field": field,
        "old": None if old is None else str(old),
        "new": None if new is None else str(new),
    }


def stock_deltas(held_before: Dict[str, int], held_after: Dict[str, int]) -> Dict[str, int]:
    """Stock to take (positive) or give back (negative) per product."""
    products = list(dict.fromkeys(list(held_before) + list(held_after)))
    deltas = {pid: held_after.get(pid, 0) - held_before.get(pid, 0) for pid in products}
    return {pid: delta for pid, delta in sorted(deltas.items()) if delta}
