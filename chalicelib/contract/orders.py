"""Orders as the API shows them: one order (`ORDER`, also what the S3 backup
stores and what webhooks carry), a page of orders (`ORDER_SUMMARY` each, read
from the attributes a list page fetches: `data.models.ORDER_SUMMARY_ATTRIBUTES`),
the counts and the dashboard. Money is always a string with two decimal
places.

`ORDER.render(order)` takes any object with the attribute names of
`data.models.Order` (and its lines and history events)."""
import re
from typing import Optional

from ..domain.order_rules import MAX_LINES, STATUSES
from .spec import Choice, Field, List_
from .values import (
    BOOLEAN,
    MAX_LIMIT,
    MONEY_OUT,
    NORMALIZED_TIMESTAMP,
    NULLABLE_STRING,
    ORDER_ID_OUT,
    ORDER_STATUS,
    STRING,
    TIMESTAMP,
    count,
    derived,
    integer,
    nullable,
    out,
    response,
)

_REASONS = re.compile(r"\[([^\]]*)\]")


def describe_failure(failure) -> Optional[str]:
    """Words for a workflow failure (`data.models.WorkflowFailure`). A
    cancelled reservation names every product whose stock check failed."""
    if failure is None:
        return None
    if failure.error.endswith("TransactionCanceledException") and failure.cause:
        match = _REASONS.search(failure.cause)
        reasons = [reason.strip() for reason in match.group(1).split(",")] if match else []
        product_ids = list(failure.product_ids or [])
        short = [pid for pid, reason in zip(product_ids, reasons, strict=False) if pid and reason == "ConditionalCheckFailed"]
        if short:
            return f"Insufficient stock for {', '.join(short)}"
        if "TransactionConflict" in reasons:
            return "Stock reservation kept conflicting with other orders; retry the workflow"
    return f"Order processing failed ({failure.error})"


def status_reason(order) -> Optional[str]:
    if order.status == "failed" and order.failure is not None:
        return describe_failure(order.failure)
    return order.status_reason


def _tracked(event) -> bool:
    return bool(event.tracking_number or event.carrier)


# ---------------------------------------------------------------- one order

ORDER_LINE = response("OrderLine", product_id=STRING, product_name=STRING, quantity=integer(minimum=1), price=MONEY_OUT,
                      line_total=MONEY_OUT)
LINE_CHANGE = response("LineChange", product_id=STRING, field=STRING, old=NULLABLE_STRING, new=NULLABLE_STRING)
HISTORY_ENTRY = response(
    "HistoryEntry",
    at=NORMALIZED_TIMESTAMP,
    action=Choice(("created", "status", "edited", "workflow")),
    from_status=Field(ORDER_STATUS, required=True, nullable=True),
    to_status=Field(ORDER_STATUS, required=True, nullable=True),
    actor=STRING,
    reason=derived(NULLABLE_STRING, lambda event: event.reason or describe_failure(event.failure)),
    tracking_number=Field(NULLABLE_STRING, present=_tracked),  # both, when marked shipped with either
    carrier=Field(NULLABLE_STRING, present=_tracked),
    changes=Field(List_(LINE_CHANGE, 10_000, min_items=0), present=lambda event: bool(event.changes)),
)
SUMMARY_FIELDS = dict(
    order_id=ORDER_ID_OUT,
    order_number=nullable("string", description="Readable order number (shown as #1001); null for orders created "
                          "before numbers existed", examples=["1001"]),
    customer_id=STRING, customer_name=STRING,
    line_count=count(), item_count=count(description="units over all lines"),
    total_amount=MONEY_OUT, currency=STRING, status=ORDER_STATUS, status_reason=derived(NULLABLE_STRING, status_reason),
    tracking_number=NULLABLE_STRING, carrier=NULLABLE_STRING, created_at=TIMESTAMP, updated_at=NORMALIZED_TIMESTAMP,
    version=integer(minimum=1),
)
ORDER_SUMMARY = response("OrderSummary", **SUMMARY_FIELDS)
ORDER = response("Order", **SUMMARY_FIELDS, customer_email=NULLABLE_STRING,
                 items=derived(List_(ORDER_LINE, MAX_LINES, min_items=1), "lines"), stock_reserved=BOOLEAN,
                 execution_arn=NULLABLE_STRING, workflow_attempt=count(),
                 history=List_(HISTORY_ENTRY, 10_000, min_items=1))


# ---------------------------------------------------------------- a page of orders

PAGINATION = response("Pagination", page=integer(minimum=1), limit=integer(minimum=1, maximum=MAX_LIMIT),
                      total=nullable("integer", minimum=0, description=(
                          "null when no kept count covers the filters (a search by number or id, a date range with a "
                          "customer or search, or without created_from) and the page does not reach the end")),
                      pages=nullable("integer", minimum=0))
ORDER_LIST = response("OrderList", orders=List_(ORDER_SUMMARY, MAX_LIMIT, min_items=0), pagination=PAGINATION,
                      next_token=NULLABLE_STRING)


# ---------------------------------------------------------------- counts

STATS = response("Stats", orders=response("OrderCounts", total=integer(minimum=0),
                                          by_status=response("CountsByStatus", **{s: integer() for s in STATUSES})))
COUNTS_BY_STATUS = response("StatusCounts", **{s: integer(minimum=0) for s in STATUSES})
DASHBOARD_DAY = response("DashboardDay", date=out("string", format="date"),
                         orders=integer(minimum=0, description="Orders bringing revenue (not cancelled or failed)"),
                         all_orders=integer(minimum=0), revenue=MONEY_OUT, by_status=COUNTS_BY_STATUS)
DASHBOARD = response(
    "Dashboard",
    **{"from": out("string", format="date"), "to": out("string", format="date")},
    orders=integer(minimum=0, description="Every order created in the range"),
    revenue_orders=integer(minimum=0, description="Orders bringing revenue"),
    revenue=MONEY_OUT,
    average_order_value=MONEY_OUT,
    by_status=COUNTS_BY_STATUS,
    days=List_(DASHBOARD_DAY, 366, min_items=1),
)
