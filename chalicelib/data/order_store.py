"""Data access for orders: reading them, the index keys an order is stored
under, and the writes that store a change. Which change, and how much stock
it moves, is decided by the domain (`chalicelib.domain`); this module only
turns it into DynamoDB operations: the order guarded by its version and one
conditional stock update per product (a transaction when there are several,
a plain conditional write when the order alone changes). Counts are kept by
the orders stream, not here."""
import uuid
from typing import Dict, List

from pynamodb.attributes import NumberAttribute
from pynamodb.expressions.operand import Value

from ..core.errors import NotFound
from ..core.settings import get_settings
from .models import Order, Product
from .transactions import Operation


def get(order_id: str) -> Order:
    try:
        return Order.get(order_id, consistent_read=True)
    except Order.DoesNotExist:
        raise NotFound("Order not found") from None


def status_partition(status: str, shard: int) -> str:
    """The `by_status` partition key of an order in `status` on `shard`."""
    return f"{status}#{shard}"


def list_shard_of(order_id: str) -> int:
    return uuid.UUID(order_id).int % get_settings().list_shards


# The `by_id_prefix` partition: the id's first hex digits (65,536 partitions),
# so a search by id prefix reads one small partition.
ID_PREFIX_LENGTH = 4


def index_keys(order_id: str, created_at: str, status: str) -> dict:
    """The attributes every index key of an order is derived from its id,
    creation time and status (new orders, restores and bulk loads alike)."""
    shard = list_shard_of(order_id)
    return {"shard": shard, "list_pk": f"ALL#{shard}", "list_sk": f"{created_at}#{order_id}",
            "status_pk": status_partition(status, shard), "id_prefix": order_id[:ID_PREFIX_LENGTH]}


def creation_operations(order: Order) -> List[Operation]:
    return [Operation("put", order, ("order", order.order_id), condition=Order.order_id.does_not_exist())]


def stock_operations(deltas: Dict[str, int]) -> List[Operation]:
    """`deltas`: units to take (positive) or give back (negative) per product."""
    operations = []
    for product_id, delta in deltas.items():
        if delta > 0:
            # Never below zero; `:delta > 0` also keeps a bad input from adding stock.
            condition = (Product.stock_quantity >= delta) & (Value(delta, attribute=NumberAttribute()) > Value(0,
                                                                                                               attribute=NumberAttribute()))
        else:
            condition = Product.product_id.exists()
        operations.append(Operation("update", Product(product_id), ("stock", product_id),
                                    actions=[Product.stock_quantity.add(-delta), Product.revision.add(1)], condition=condition,
                                    versioned=False, return_old_on_failure=True))
    return operations


# Attributes a change may touch; keys, shard and creation data never change.
CHANGEABLE = ("status", "status_pk", "status_reason", "failure", "stock_reserved", "lines", "line_count",
              "item_count", "total_amount", "updated_at", "history", "execution_arn", "workflow_attempt",
              "tracking_number", "carrier")


def change_operations(before: Order, after: Order, stock_deltas: Dict[str, int], extra_condition=None) -> List[Operation]:
    """What stores `after` over `before` (as read, at its version), with the
    stock it moves."""
    old, new = before.serialize(), after.serialize()
    actions = []
    for name in CHANGEABLE:
        attribute = getattr(Order, name)
        if old.get(attribute.attr_name) != new.get(attribute.attr_name):
            value = getattr(after, name)
            actions.append(attribute.remove() if value is None else attribute.set(value))
    return [Operation("update", after, ("order", after.order_id), actions=actions, condition=extra_condition),
            *stock_operations(stock_deltas)]


def deletion_operations(order: Order, stock_deltas: Dict[str, int]) -> List[Operation]:
    return [Operation("delete", order, ("order", order.order_id)), *stock_operations(stock_deltas)]


def copy(order: Order) -> Order:
    """An independent copy, at the same version (a change is built on it)."""
    return Order.from_raw_data(order.serialize())

