"""Building an order's stored state: a new order, a change of one (a copy
with the change applied, not yet stored), its history events and the stock
it holds. The transaction that stores it is `data.order_store`'s."""
import hashlib
import uuid
from typing import Dict, List, Optional, Sequence

from ..core.clock import now_iso
from ..data import order_store
from ..data.models import HistoryEvent, LineChange, Order, OrderLine
from .order_rules import PENDING, STOCK_HOLDING_STATUSES, Line, order_total, stock_deltas


def lines_of(order: Order) -> List[Line]:
    return [Line(line.product_id, line.product_name, int(line.quantity), line.price) for line in order.lines]


def line_fields(lines: Sequence[Line]) -> dict:
    """The stored lines and every figure derived from them."""
    return {
        "lines": [OrderLine(product_id=line.product_id, product_name=line.product_name, quantity=line.quantity,
                            price=line.price, line_total=line.line_total) for line in lines],
        "line_count": len(lines),
        "item_count": sum(line.quantity for line in lines),
        "total_amount": order_total(lines),
    }


def history_event(action: str, actor: str, *, from_status: Optional[str] = None, to_status: Optional[str] = None,
                  reason: Optional[str] = None, changes: Optional[List[dict]] = None, at: Optional[str] = None,
                  operation_id: Optional[str] = None, tracking_number: Optional[str] = None,
                  carrier: Optional[str] = None) -> HistoryEvent:
    return HistoryEvent(
        at=at or now_iso(), action=action, actor=actor, from_status=from_status, to_status=to_status, reason=reason,
        changes=[LineChange(**change) for change in changes] if changes else None, operation_id=operation_id,
        tracking_number=tracking_number, carrier=carrier,
    )


def applied(order: Order, operation_id: str) -> bool:
    """Did this operation already change the order (an earlier run of it landed)?"""
    return any(event.operation_id == operation_id for event in order.history)


def order_id_for(operation_id: str) -> str:
    """The id of the order an operation creates: a UUID (version 4 layout)
    from the operation's hash, as unpredictable as the operation id itself."""
    digest = bytearray(hashlib.sha256(f"order:{operation_id}".encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x40
    digest[8] = (digest[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(digest)))


def new_order(*, order_id: str, order_number: str, customer_id: str, customer_name: str, customer_email: Optional[str],
              lines: Sequence[Line], currency: str, actor: str, operation_id: Optional[str] = None) -> Order:
    created_at = now_iso()
    return Order(
        order_id,
        order_number=order_number,
        customer_id=customer_id,
        customer_name=customer_name,
        customer_email=customer_email,
        **line_fields(lines),
        currency=currency,
        status=PENDING,
        created_at=created_at,
        updated_at=created_at,
        stock_reserved=False,
        workflow_attempt=0,
        history=[history_event("created", actor, to_status=PENDING, at=created_at, operation_id=operation_id)],
        **order_store.index_keys(order_id, created_at, PENDING),
    )


def revise(order: Order, *, event: HistoryEvent, status: Optional[str] = None,
           lines: Optional[Sequence[Line]] = None, reason: Optional[str] = None, **fields) -> Order:
    """A copy of `order` with a change applied, not yet stored. It keeps the
    version it was read at, so storing it is conditional on that version."""
    after = order_store.copy(order)
    after.updated_at = event.at
    after.history = list(order.history) + [event]
    if status is not None and status != order.status:
        after.status = status
        after.status_pk = order_store.status_partition(status, order.shard)
        after.status_reason = reason
        after.stock_reserved = status in STOCK_HOLDING_STATUSES
    if lines is not None:
        fields = {**line_fields(lines), **fields}
    for name, value in fields.items():
        setattr(after, name, value)
    return after


def held(order: Order) -> Dict[str, int]:
    """The stock the order holds as stored (`stock_reserved` says whether)."""
    return {line.product_id: line.quantity for line in lines_of(order)} if order.stock_reserved else {}


def stock_moved(before: Order, after: Order) -> Dict[str, int]:
    """One rule for every change: an order in a stock-holding status holds
    exactly its line quantities, so a change moves the difference."""
    return stock_deltas(held(before), held(after))
