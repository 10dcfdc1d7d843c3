"""The dashboard's figures for a range of days, from the per-day counters
the orders stream keeps (`day#YYYY-MM-DD`: counts and amounts per status):
one batch read of the range's day items, never a sum over orders.

Revenue counts orders that are going ahead or done (pending, processing,
shipped, delivered); cancelled and failed orders are shown by status but
bring no revenue. The average order value is revenue over those orders."""
import datetime
from decimal import Decimal
from typing import Dict, List

from ..core.clock import today
from ..core.errors import Unprocessable
from ..data import counters
from ..model import money
from ..model.order_rules import CANCELLED, FAILED, STATUSES

REVENUE_STATUSES = tuple(status for status in STATUSES if status not in (CANCELLED, FAILED))
MAX_DAYS = 366
DEFAULT_DAYS = 30


def days_between(first: datetime.date, last: datetime.date) -> List[str]:
    return [(first + datetime.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def figures(date_from: str = None, date_to: str = None) -> Dict[str, object]:
    last = datetime.date.fromisoformat(date_to) if date_to else today()
    first = datetime.date.fromisoformat(date_from) if date_from else last - datetime.timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise Unprocessable("from must be on or before to", code="invalid_value", param="from")
    days = days_between(first, last)
    if len(days) > MAX_DAYS:
        raise Unprocessable(f"A dashboard covers at most {MAX_DAYS} days", code="invalid_value", param="from")
    stored = counters.read_many([counters.day_key(day) for day in days])
    per_day = [_day(day, stored.get(counters.day_key(day))) for day in days]
    by_status = {status: sum(day["by_status"][status] for day in per_day) for status in STATUSES}
    revenue = money.sum_amounts(Decimal(day["revenue"]) for day in per_day)
    revenue_orders = sum(day["orders"] for day in per_day)
    return {
        "from": days[0], "to": days[-1],
        "orders": sum(by_status.values()),
        "revenue_orders": revenue_orders,
        "revenue": money.format_amount(revenue),
        "average_order_value": money.format_amount(money.average(revenue, revenue_orders)),
        "by_status": by_status,
        "days": per_day,
    }


def _day(day: str, counter) -> Dict[str, object]:
    counts = {status: int(getattr(counter, status) or 0) if counter else 0 for status in STATUSES}
    revenue = money.sum_amounts(Decimal(getattr(counter, f"amount_{status}") or 0) if counter else Decimal(0)
                                for status in REVENUE_STATUSES)
    return {"date": day, "orders": sum(counts[status] for status in REVENUE_STATUSES), "all_orders": sum(counts.values()),
            "revenue": money.format_amount(revenue), "by_status": counts}
