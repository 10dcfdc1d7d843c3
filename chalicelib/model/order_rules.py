"""The order's rule book: its statuses and the moves between them, which
statuses may change lines or hold stock, the limits, and the values a line
is made of. No I/O. The `Order` (`order.py`) applies them; the contract and
the OpenAPI document publish them."""
from dataclasses import dataclass
from decimal import Decimal
from typing import Dict, Optional, Sequence, Tuple

from ..core.errors import Unprocessable
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
# Once on its way (or cancelled) an order's shipping address is history.
ADDRESS_FIXED_STATUSES = frozenset({SHIPPED, DELIVERED, CANCELLED})

MAX_LINES = 99  # a DynamoDB transaction holds 100 items: the order and one stock update per line
MAX_QUANTITY = 10_000
MAX_HISTORY_EVENTS = 500


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


def money_edit_needing_reason(old_total: Decimal, new_total: Decimal, price_changed: bool) -> Optional[str]:
    """What makes an edit of an order's money one that must say why (kept in
    its history): a unit price changed, the total brought to zero, or down by
    more than half. None when it needs no reason."""
    if price_changed:
        return "a unit price changes"
    if new_total == 0 and old_total > 0:
        return "the total goes to 0"
    if new_total * 2 < old_total:
        return "the total goes down by more than half"
    return None


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
