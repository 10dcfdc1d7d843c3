"""Order counts for GET /stats: the total and one count per status."""
from typing import Dict

from ..data import counters
from ..model.order_rules import STATUSES


def order_counts() -> Dict[str, object]:
    counts = counters.read_all()
    return {"total": counts["total"], "by_status": {status: counts[status] for status in STATUSES}}
