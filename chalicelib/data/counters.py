"""Order counts and amounts behind `pagination.total`, GET /stats and the
dashboard: a handful of items, each read with one GetItem, kept up to date by
the orders stream (`chalicelib.events.aggregates`), never inside an order's
own write. So an order write pays nothing for them, and no counter item is a
hot key on the write path: the stream folds a whole batch of changes into one
update per item.

Exact within seconds of a write: the stream delivers every committed change
once the function picks it up (a batching window of a few seconds). A
redelivered batch is applied once: its counts are committed in the same
transaction as an `AppliedBatch` marker named after its first record.
"""
import time
from decimal import Decimal
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from .models import AppliedBatch, Counter
from .transactions import Operation, TransactionFailed, commit

ORDERS = "orders"
STATUSES = tuple(name for name in Counter.get_attributes()
                 if name not in ("counter_id", "total") and not name.startswith("amount_"))
MARKER_SECONDS = 2 * 24 * 3600  # longer than a stream keeps records (24 h)
CHUNK = 99  # a transaction holds 100 items: the counts and the marker


def customer_key(customer_id: str) -> str:
    return f"customer#{customer_id}"


def day_key(day: str) -> str:
    return f"day#{day}"


def contribution(status: str, amount: Decimal) -> Dict[str, object]:
    """What one order in `status` worth `amount` adds to every item it counts in."""
    return {"total": 1, status: 1, f"amount_{status}": amount}


def keys_of(customer_id: str, created_at: str) -> Tuple[str, str, str]:
    """The items an order counts in: every order, its customer, its day."""
    return ORDERS, customer_key(customer_id), day_key(created_at[:10])


def read(key: str) -> Optional[Counter]:
    try:
        return Counter.get(key)
    except Counter.DoesNotExist:
        return None


def read_total(status: Optional[str] = None, customer_id: Optional[str] = None) -> int:
    counter = read(customer_key(customer_id) if customer_id is not None else ORDERS)
    return int(getattr(counter, status or "total") or 0) if counter else 0


def read_many(keys: List[str]) -> Dict[str, Counter]:
    """Several items by key with one BatchGetItem (per 100 keys); missing ones are left out."""
    return {counter.counter_id: counter for counter in Counter.batch_get(keys)} if keys else {}


def read_all() -> Dict[str, int]:
    """Every order count: total and per status (one GetItem)."""
    counter = read(ORDERS)
    return {name: int(getattr(counter, name) or 0) if counter else 0 for name in ("total",) + STATUSES}


def apply(changes: Sequence[Tuple[str, Dict[str, Dict[str, object]]]]) -> int:
    """Adds each stream record's deltas (record id, item key -> attribute ->
    change) once, in chunks of one transaction each; returns the records
    newly applied.

    A chunk's marker is named after its first record and holds how many
    records it covered. A failed batch is delivered again from the same first
    record, with the same records or more (Lambda and the local pump both
    resume at the unacknowledged position), so a retry finds the marker, skips
    what was applied and applies the rest under a marker of its own."""
    position, applied = 0, 0
    while position < len(changes):
        size, deltas = _chunk(changes, position)
        first = changes[position][0]
        marker = AppliedBatch(f"applied#{first}", records=size, expires_at=int(time.time()) + MARKER_SECONDS)
        operations = [Operation("put", marker, ("marker", marker.counter_id), condition=AppliedBatch.counter_id.does_not_exist())]
        for key in sorted(deltas):
            actions = [getattr(Counter, name).add(value) for name, value in sorted(deltas[key].items()) if value]
            if actions:
                operations.append(Operation("update", Counter(key), ("counter", key), actions=actions, versioned=False))
        try:
            commit(operations, transaction=True)
            applied += size
            position += size
        except TransactionFailed as failure:
            if not failure.first("ConditionalCheckFailed", "marker"):
                raise
            position += AppliedBatch.get(marker.counter_id, consistent_read=True).records
    return applied


def _chunk(changes, position: int) -> Tuple[int, Dict[str, Dict[str, object]]]:
    """As many records from `position` as fit one transaction beside the marker."""
    merged: Dict[str, Dict[str, object]] = {}
    size = 0
    for _, deltas in changes[position:]:
        if size and len(set(merged) | set(deltas)) > CHUNK:
            break
        for key, values in deltas.items():
            item = merged.setdefault(key, {})
            for name, value in values.items():
                item[name] = item.get(name, 0) + value
        size += 1
    return size, merged


def recount(orders: Iterable[Tuple[str, str, str, Decimal]]) -> Dict[str, Dict[str, object]]:
    """Every item's values from (customer_id, created_at, status, amount) of
    each order: for writes that bypass the stream's counting (a restore, bulk loads)."""
    values: Dict[str, Dict[str, object]] = {ORDERS: {}}
    for customer_id, created_at, status, amount in orders:
        for key in keys_of(customer_id, created_at):
            item = values.setdefault(key, {})
            for name, value in contribution(status, amount).items():
                item[name] = item.get(name, 0) + value
    return values


def replace(values: Dict[str, Dict[str, object]], stale: Iterable[str] = ()) -> None:
    """Write items with exactly these values (and remove `stale` ones)."""
    with Counter.batch_write() as batch:
        for key, item in values.items():
            batch.save(Counter(key, **item))
        for key in stale:
            batch.delete(Counter(key))


def all_keys() -> List[str]:
    """Every counter item's key (tooling only: restore; the table is small)."""
    return [counter.counter_id for counter in Counter.scan(attributes_to_get=["counter_id"])
            if not counter.counter_id.startswith(("applied#", "sequence#"))]
