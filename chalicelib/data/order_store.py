"""Orders in DynamoDB: the domain's `Order` read from its item and written
back. Which change, and how much stock it moves, the order decides
(`chalicelib.model.order`); this module only maps it to and from the item
and turns a change into DynamoDB operations: the order guarded by its version
and one conditional stock update per product (a transaction when there are
several, a plain conditional write when the order alone changes). Counts are
kept by the orders stream, not here."""
import uuid
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional

from pynamodb.attributes import NumberAttribute
from pynamodb.expressions.operand import Value

from ..core.errors import NotFound
from ..core.settings import get_settings
from ..model.order import Failure, HistoryEvent, LineChange, Order
from ..model.order_rules import Line
from . import models
from .addresses import address_item, address_of
from .catalog_store import customer_creation_operations
from .models import Customer, Product
from .transactions import Operation, TransactionFailed, commit


@dataclass(frozen=True)
class StoredOrder(Order):
    """An order as stored: also the listing shard it was filed under at
    creation, which every later write of it keeps."""
    shard: int = field(kw_only=True)


# Why a write was refused; each time nothing of it was written.

class OrderExists(Exception):
    """A new order's id is taken: the operation that derives it stored it already."""


class CustomerTaken(Exception):
    """The customer (or e-mail) a new order registers was registered meanwhile."""


class OrderChanged(Exception):
    """The order is no longer as it was read: changed, or deleted, since."""


class StockShort(Exception):
    """A product has less stock than the change takes (`available`: as the
    refused write found it, when known)."""

    def __init__(self, product_id: str, available: Optional[int]):
        super().__init__(product_id)
        self.product_id, self.available = product_id, available


# ---------------------------------------------------------------- reading

def get(order_id: str) -> StoredOrder:
    try:
        item = models.Order.get(order_id, consistent_read=True)
    except models.Order.DoesNotExist:
        raise NotFound("Order not found") from None
    return order_of(item)


def get_many(order_ids: List[str]) -> Dict[str, StoredOrder]:
    """The orders that exist among these ids (one BatchGetItem per 100)."""
    return {item.order_id: order_of(item) for item in models.Order.batch_get(order_ids)} if order_ids else {}


def order_of_image(image: dict) -> StoredOrder:
    """The order in a stream record's image."""
    return order_of(models.Order.from_raw_data(image))


def order_of(item: models.Order) -> StoredOrder:
    return StoredOrder(
        order_id=item.order_id, order_number=item.order_number, customer_id=item.customer_id,
        customer_name=item.customer_name, customer_email=item.customer_email,
        lines=tuple(Line(line.product_id, line.product_name, int(line.quantity), line.price) for line in item.lines),
        currency=item.currency, status=item.status, status_reason=item.status_reason, failure=_failure_of(item.failure),
        tracking_number=item.tracking_number, carrier=item.carrier, created_at=item.created_at,
        updated_at=item.updated_at, stock_reserved=bool(item.stock_reserved), execution_arn=item.execution_arn,
        workflow_attempt=int(item.workflow_attempt or 0), history=tuple(_event_of(event) for event in item.history),
        shipping_address=address_of(item.shipping_address), version=int(item.version), shard=int(item.shard),
    )



def _event_of(event: models.HistoryEvent) -> HistoryEvent:
    return HistoryEvent(
        at=event.at, action=event.action, actor=event.actor, from_status=event.from_status, to_status=event.to_status,
        reason=event.reason, operation_id=event.operation_id,
        changes=tuple(LineChange(change.product_id, change.field, change.old, change.new) for change in event.changes or ()),
        failure=_failure_of(event.failure), tracking_number=event.tracking_number, carrier=event.carrier,
    )


def _failure_of(failure: Optional[models.WorkflowFailure]) -> Optional[Failure]:
    if failure is None:
        return None
    return Failure(failure.error, failure.cause, None if failure.product_ids is None else tuple(failure.product_ids))


# ---------------------------------------------------------------- the item

def status_partition(status: str, shard: int) -> str:
    """The `by_status` partition key of an order in `status` on `shard`."""
    return f"{status}#{shard}"


def list_shard_of(order_id: str) -> int:
    return uuid.UUID(order_id).int % get_settings().list_shards


# The `by_id_prefix` partition: the id's first hex digits (65,536 partitions),
# so a search by id prefix reads one small partition.
ID_PREFIX_LENGTH = 4


def index_keys(order_id: str, created_at: str, status: str, shard: Optional[int] = None) -> dict:
    """The attributes every index key of an order is derived from: its id,
    creation time, status and shard (by default the one a new order gets)."""
    shard = list_shard_of(order_id) if shard is None else shard
    return {"shard": shard, "list_pk": f"ALL#{shard}", "list_sk": f"{created_at}#{order_id}",
            "status_pk": status_partition(status, shard), "id_prefix": order_id[:ID_PREFIX_LENGTH]}


def item_of(order: Order) -> models.Order:
    """The item that stores `order`; a new order is filed under its own shard."""
    shard = order.shard if isinstance(order, StoredOrder) else None
    stored_version = {} if order.version is None else {"version": order.version}
    return models.Order(
        order.order_id, order_number=order.order_number, customer_id=order.customer_id,
        customer_name=order.customer_name, customer_email=order.customer_email,
        lines=[models.OrderLine(product_id=line.product_id, product_name=line.product_name, quantity=line.quantity,
                                price=line.price, line_total=line.line_total) for line in order.lines],
        line_count=order.line_count, item_count=order.item_count, total_amount=order.total_amount,
        currency=order.currency, status=order.status, status_reason=order.status_reason,
        failure=_failure_item(order.failure), tracking_number=order.tracking_number, carrier=order.carrier,
        created_at=order.created_at, updated_at=order.updated_at, stock_reserved=order.stock_reserved,
        execution_arn=order.execution_arn, workflow_attempt=order.workflow_attempt,
        history=[_event_item(event) for event in order.history], shipping_address=address_item(order.shipping_address),
        **index_keys(order.order_id, order.created_at, order.status, shard), **stored_version,
    )


def _event_item(event: HistoryEvent) -> models.HistoryEvent:
    return models.HistoryEvent(
        at=event.at, action=event.action, actor=event.actor, from_status=event.from_status, to_status=event.to_status,
        reason=event.reason, operation_id=event.operation_id,
        changes=[models.LineChange(product_id=change.product_id, field=change.field, old=change.old, new=change.new)
                 for change in event.changes] or None,
        failure=_failure_item(event.failure), tracking_number=event.tracking_number, carrier=event.carrier,
    )


def _failure_item(failure: Optional[Failure]) -> Optional[models.WorkflowFailure]:
    if failure is None:
        return None
    return models.WorkflowFailure(error=failure.error, cause=failure.cause,
                                  product_ids=None if failure.product_ids is None else list(failure.product_ids))


# ---------------------------------------------------------------- writing

def add(order: Order, new_customer: Optional[Customer] = None) -> StoredOrder:
    """Stores a new order, and the customer it registers in the same
    transaction. Raises OrderExists or CustomerTaken."""
    item = item_of(order)
    operations = [Operation("put", item, ("order", order.order_id), condition=models.Order.order_id.does_not_exist())]
    try:
        commit(operations + (customer_creation_operations(new_customer) if new_customer else []))
    except TransactionFailed as failure:
        if failure.first("ConditionalCheckFailed", "order"):
            raise OrderExists(order.order_id) from None
        if failure.first("ConditionalCheckFailed", "customer") or failure.first("ConditionalCheckFailed", "customer_email"):
            raise CustomerTaken(new_customer.customer_id) from None
        raise
    return order_of(item)


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
              "tracking_number", "carrier", "shipping_address")


def change_operations(before: StoredOrder, after: StoredOrder, while_status: Optional[str] = None) -> List[Operation]:
    """What stores `after` over `before` (conditional on the version it was
    read at, and on its status still being `while_status` if given), with
    the stock the change moves."""
    old_item, new_item = item_of(before), item_of(after)
    old, new = old_item.serialize(), new_item.serialize()
    actions = []
    for name in CHANGEABLE:
        attribute = getattr(models.Order, name)
        if old.get(attribute.attr_name) != new.get(attribute.attr_name):
            value = getattr(new_item, name)
            actions.append(attribute.remove() if value is None else attribute.set(value))
    condition = None if while_status is None else models.Order.status == while_status
    return [Operation("update", new_item, ("order", after.order_id), actions=actions, condition=condition),
            *stock_operations(after.stock_moved_since(before))]


def save_change(before: StoredOrder, after: StoredOrder) -> StoredOrder:
    """Stores the change made to `before`, returning `after` as now stored.
    Raises StockShort or OrderChanged."""
    try:
        commit(change_operations(before, after))
    except TransactionFailed as failure:
        short = failure.first("ConditionalCheckFailed", "stock")
        if short:
            raise StockShort(short.label[1], None if short.old_item is None else int(short.old_item.stock_quantity)) from None
        _raise_if_changed(failure, before)
        raise
    return replace(after, version=before.version + 1)


def remove(order: StoredOrder, stock_deltas: Dict[str, int]) -> None:
    """Deletes the order (at the version read) and moves `stock_deltas`.
    Raises OrderChanged."""
    try:
        commit([Operation("delete", item_of(order), ("order", order.order_id)), *stock_operations(stock_deltas)])
    except TransactionFailed as failure:
        _raise_if_changed(failure, order)
        raise


def _raise_if_changed(failure: TransactionFailed, order: Order) -> None:
    """The order's own condition failed, or another transaction was writing it."""
    if failure.first("ConditionalCheckFailed", "order") or failure.first("TransactionConflict"):
        raise OrderChanged(order.order_id) from None
