"""Data access for orders: reading them and describing the transactions that
change them. Every change of an order is one transaction: the order (guarded
by its version), its counters, and any stock it takes or gives back."""
import hashlib
import uuid
from typing import Dict, List, Optional, Sequence

from pynamodb.expressions.operand import Value
from pynamodb.attributes import NumberAttribute

from . import counters
from .clock import now_iso
from .errors import NotFound
from .models import Counter, HistoryEvent, LineChange, Order, OrderLine, Product
from .order_rules import STOCK_HOLDING_STATUSES, Line, order_total
from .transactions import Operation


def get(order_id: str) -> Order:
    try:
        return Order.get(order_id, consistent_read=True)
    except Order.DoesNotExist:
        raise NotFound("Order not found")


def lines_of(order: Order) -> List[Line]:
    return [Line(line.product_id, line.product_name, int(line.quantity), line.price) for line in order.lines]


def _line_fields(lines: Sequence[Line]) -> dict:
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
                  operation_id: Optional[str] = None) -> HistoryEvent:
    return HistoryEvent(
        at=at or now_iso(), action=action, actor=actor, from_status=from_status, to_status=to_status, reason=reason,
        changes=[LineChange(**change) for change in changes] if changes else None, operation_id=operation_id,
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


def status_partition(status: str, shard: int) -> str:
    """The `by_status` partition key of an order in `status` on `shard`."""
    return f"{status}#{shard}"


def index_keys(order_id: str, created_at: str, status: str) -> dict:
    """The attributes every index key of an order is derived from its id,
    creation time and status (new orders, restores and bulk loads alike)."""
    shard = counters.list_shard_of(order_id)
    return {"shard": shard, "list_pk": f"ALL#{shard}", "list_sk": f"{created_at}#{order_id}",
            "status_pk": status_partition(status, shard)}


def new_order(*, order_id: str, customer_id: str, customer_name: str, customer_email: Optional[str],
              lines: Sequence[Line], currency: str, actor: str, operation_id: Optional[str] = None) -> Order:
    created_at = now_iso()
    return Order(
        order_id,
        customer_id=customer_id,
        customer_name=customer_name,
        customer_email=customer_email,
        **_line_fields(lines),
        currency=currency,
        status="pending",
        created_at=created_at,
        updated_at=created_at,
        stock_reserved=False,
        workflow_attempt=0,
        history=[history_event("created", actor, to_status="pending", at=created_at, operation_id=operation_id)],
        **index_keys(order_id, created_at, "pending"),
    )


def creation_operations(order: Order) -> List[Operation]:
    return [
        Operation("put", order, ("order", order.order_id), condition=Order.order_id.does_not_exist()),
        *_counter_operations(order, counters.created(order.status)),
    ]


def _counter_operations(order: Order, actions) -> List[Operation]:
    shard = counters.any_shard()
    return [
        Operation("update", Counter(shard), ("counter", shard), actions=actions, versioned=False),
        Operation("update", Counter(counters.customer_counter_id(order.customer_id)), ("counter", order.customer_id),
                  actions=list(actions), versioned=False),
    ]


def reserved_quantities(lines: Sequence[Line]) -> Dict[str, int]:
    return {line.product_id: line.quantity for line in lines}


def stock_deltas(before: Dict[str, int], after: Dict[str, int]) -> Dict[str, int]:
    """Stock to take (positive) or give back (negative) per product."""
    products = list(dict.fromkeys(list(before) + list(after)))
    deltas = {pid: after.get(pid, 0) - before.get(pid, 0) for pid in products}
    return {pid: delta for pid, delta in sorted(deltas.items()) if delta}


def stock_operations(deltas: Dict[str, int]) -> List[Operation]:
    operations = []
    for product_id, delta in deltas.items():
        if delta > 0:
            # Never below zero; `:delta > 0` also keeps a bad input from adding stock.
            condition = (Product.stock_quantity >= delta) & (Value(delta, attribute=NumberAttribute()) > Value(0, attribute=NumberAttribute()))
        else:
            condition = Product.product_id.exists()
        operations.append(Operation("update", Product(product_id), ("stock", product_id),
                                    actions=[Product.stock_quantity.add(-delta), Product.revision.add(1)], condition=condition,
                                    versioned=False, return_old_on_failure=True))
    return operations


# Attributes a change may touch; keys, shard and creation data never change.
CHANGEABLE = ("status", "status_pk", "status_reason", "failure", "stock_reserved", "lines", "line_count",
              "item_count", "total_amount", "updated_at", "history", "execution_arn", "workflow_attempt")


def revise(order: Order, *, event: HistoryEvent, status: Optional[str] = None,
           lines: Optional[Sequence[Line]] = None, reason: Optional[str] = None, **fields) -> Order:
    """A copy of `order` with a change applied, not yet stored. It keeps the
    version it was read at, so committing it is conditional on that version."""
    after = Order.from_raw_data(order.serialize())
    after.updated_at = event.at
    after.history = list(order.history) + [event]
    if status is not None and status != order.status:
        after.status = status
        after.status_pk = status_partition(status, order.shard)
        after.status_reason = reason
        after.stock_reserved = status in STOCK_HOLDING_STATUSES
    if lines is not None:
        fields = {**_line_fields(lines), **fields}
    for name, value in fields.items():
        setattr(after, name, value)
    return after


def change_operations(before: Order, after: Order, extra_condition=None) -> List[Operation]:
    """The transaction that stores `after` over `before` (as read, at its
    version). Stock follows one rule: an order in a stock-holding status
    holds exactly its line quantities, so the difference is taken from or
    given back to the catalog in the same transaction."""
    old, new = before.serialize(), after.serialize()
    actions = []
    for name in CHANGEABLE:
        attribute = getattr(Order, name)
        if old.get(attribute.attr_name) != new.get(attribute.attr_name):
            value = getattr(after, name)
            actions.append(attribute.remove() if value is None else attribute.set(value))
    operations = [Operation("update", after, ("order", after.order_id), actions=actions, condition=extra_condition)]
    if after.status != before.status:
        operations += _counter_operations(after, counters.moved(before.status, after.status))
    held_before = reserved_quantities(lines_of(before)) if before.stock_reserved else {}
    held_after = reserved_quantities(lines_of(after)) if after.stock_reserved else {}
    operations += stock_operations(stock_deltas(held_before, held_after))
    return operations


def deletion_operations(order: Order) -> List[Operation]:
    held = reserved_quantities(lines_of(order)) if order.stock_reserved else {}
    return [
        Operation("delete", order, ("order", order.order_id)),
        *_counter_operations(order, counters.removed(order.status)),
        *stock_operations(stock_deltas(held, {})),
    ]
