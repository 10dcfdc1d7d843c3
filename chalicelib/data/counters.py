"""Order counts and amounts behind `pagination.total`, GET /stats and the
dashboard: a handful of items, each read with one GetItem, kept up to date by
the orders stream (`chalicelib.events.aggregates`), never inside an order's
own write. So an order write pays nothing for them, and no counter item is a
hot key on the write path: the stream folds a whole batch of changes into one
update per item.

Exact within seconds of a write: the stream delivers every committed change
once the function picks it up (a batching window of a few seconds). A
redelivered batch is applied once: its counts are committed in the same
transaction as an `AppliedBatch` marker named after its records.
"""
import time
from decimal import Decimal
from typing import Dict, Iterable, List, Optional, Tuple

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


def read_all() -> Dict[str, int]:
    """Every order count: total and per status (one GetItem)."""
    counter = read(ORDERS)
    return {name: int(getattr(counter, name) or 0) if counter else 0 for name in ("total",) + STATUSES}


def apply(batch_id: str, deltas: Dict[str, Dict[str, object]]) -> int:
    """Adds `deltas` (item key -> attribute -> change) once per `batch_id`,
    in chunks of one transaction each; returns the chunks newly applied."""
    keys = sorted(key for key, changes in deltas.items() if any(changes.values()))
    applied = 0
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        marker = AppliedBatch(f"applied#{batch_id}#{start // CHUNK}", expires_at=int(time.time()) + MARKER_SECONDS)
        operations = [Operation("put", marker, ("marker", marker.counter_id), condition=AppliedBatch.counter_id.does_not_exist())]
        for key in chunk:
            actions = [getattr(Counter, name).add(value) for name, value in sorted(deltas[key].items()) if value]
            operations.append(Operation("update", Counter(key), ("counter", key), actions=actions, versioned=False))
        try:
            commit(operations)
            applied += 1
        except TransactionFailed as failure:
            if not failure.first("ConditionalCheckFailed", "marker"):
                raise
    return applied


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
            if not counter.counter_id.startswith("applied#")]
