"""Order counts behind `pagination.total`, kept in the same transactions as
the order writes that change them (never counted per request).

The unfiltered and per-status counts are split over `counter_shards` items
(`orders#<n>`) so no single item takes every order's writes; each write
picks a shard at random (only the sums mean anything), which spreads the
writes more evenly than tying an order to one shard. Reading a total sums the
shards with one BatchGetItem. Per-customer counts live in `customer#<id>`.
"""
import os
import uuid
from collections import Counter as TallyCounter
from typing import Dict, Iterable, List, Optional, Tuple

from pynamodb.expressions.update import Action

from ..core.settings import Settings, get_settings
from .models import Counter

# One counter attribute per order status, as the model declares them.
STATUSES = tuple(name for name in Counter.get_attributes() if name not in ("counter_id", "total"))


def list_shard_of(order_id: str) -> int:
    return uuid.UUID(order_id).int % get_settings().list_shards


def all_shards(settings: Optional[Settings] = None) -> List[str]:
    """Every order-counter shard; a total is their sum."""
    return [f"orders#{n}" for n in range((settings or get_settings()).counter_shards)]


def any_shard() -> str:
    """The shard a counter write goes to: any, at random."""
    return f"orders#{int.from_bytes(os.urandom(4), 'big') % get_settings().counter_shards}"


def counter_id_for(order_id: str) -> str:
    """A fixed shard per order, for recounting (a restore, bulk loads)."""
    return f"orders#{(uuid.UUID(order_id).int >> 64) % get_settings().counter_shards}"


def customer_counter_id(customer_id: str) -> str:
    return f"customer#{customer_id}"


def recount(orders: Iterable[Tuple[str, str, str]]) -> Dict[str, TallyCounter]:
    """Counter values for (order_id, customer_id, status) triples, each order
    on its fixed shard: for writes that bypass the API's transactions (a
    restore, bulk loads). Every shard is present, at zero if nothing counts there."""
    counts: Dict[str, TallyCounter] = {shard: TallyCounter() for shard in all_shards()}
    for order_id, customer_id, status in orders:
        for counter_id in (counter_id_for(order_id), customer_counter_id(customer_id)):
            tally = counts.setdefault(counter_id, TallyCounter())
            tally["total"] += 1
            tally[status] += 1
    return counts


def _attribute(status: str):
    return getattr(Counter, status)


def created(status: str) -> List[Action]:
    return [Counter.total.add(1), _attribute(status).add(1)]


def removed(status: str) -> List[Action]:
    return [Counter.total.add(-1), _attribute(status).add(-1)]


def moved(from_status: str, to_status: str) -> List[Action]:
    return [_attribute(from_status).add(-1), _attribute(to_status).add(1)]


def read_all() -> Dict[str, int]:
    """Every order count at once: total and per status (one BatchGetItem)."""
    sums = {name: 0 for name in ("total",) + STATUSES}
    for counter in Counter.batch_get(all_shards()):
        for name in sums:
            sums[name] += int(getattr(counter, name) or 0)
    return sums


def read_total(status: Optional[str] = None, customer_id: Optional[str] = None) -> int:
    attribute = status or "total"
    if customer_id is not None:
        try:
            counter = Counter.get(customer_counter_id(customer_id))
        except Counter.DoesNotExist:
            return 0
        return int(getattr(counter, attribute) or 0)
    return int(sum(getattr(counter, attribute) or 0 for counter in Counter.batch_get(all_shards(),
                                                                                     attributes_to_get=[attribute])))
