"""Counts and amounts, folded from the orders stream: every committed change
of an order (the API's and the workflow's alike) moves its contribution from
where it counted before to where it counts now. One batch of records becomes
one update per counter item it touches (`data.counters.apply`), applied once
even when the batch is delivered again."""
from decimal import Decimal
from typing import Dict, List, Optional

from ..data import counters


def _counted(image: Optional[dict]):
    """(item keys, contribution) of an order as a stream image shows it."""
    if not image:
        return (), {}
    keys = counters.keys_of(image["customer_id"]["S"], image["created_at"]["S"])
    return keys, counters.contribution(image["status"]["S"], Decimal(image["total_amount"]["N"]))


def record_deltas(record: dict) -> Dict[str, Dict[str, object]]:
    """Item key -> attribute -> change for one stream record."""
    changes: Dict[str, Dict[str, object]] = {}
    stream = record["dynamodb"]
    for image, sign in ((stream.get("OldImage"), -1), (stream.get("NewImage"), 1)):
        keys, contribution = _counted(image)
        for key in keys:
            item = changes.setdefault(key, {})
            for name, value in contribution.items():
                item[name] = item.get(name, 0) + sign * value
    return changes


def handle_records(records: List[dict]) -> int:
    return counters.apply([(record["eventID"], record_deltas(record)) for record in records])
