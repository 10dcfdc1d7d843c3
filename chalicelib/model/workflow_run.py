"""An order's current workflow run as the order itself records it.

Every outcome of a run is a write to the order: the reservation's move
pending -> processing and MarkFailed's move pending -> failed (with the
error) are the state machine's own writes, each with its history event; a
run that finds the order no longer pending (cancelled meanwhile) ends
without a write, after the change that ended it. So the order answers
"how did its run go" with one GetItem, and Step Functions is asked only for
the run's event history (`GET /status/{id}?history=true`), the slower,
rate-limited path."""
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

from .actor import WORKFLOW
from .order import Order
from .order_rules import FAILED, PENDING, PROCESSING

# The state machine's states a run ends in (statemachine/order_processing.asl.json).
RESERVE_STOCK = "ReserveStock"
ORDER_FAILED = "OrderFailed"
NO_LONGER_PENDING = "OrderNoLongerPending"


@dataclass(frozen=True)
class RecordedRun:
    status: str  # RUNNING | SUCCEEDED | FAILED, as DescribeExecution would say
    step: str  # the state it is in (RUNNING) or ended in
    start_date: Optional[datetime]
    stop_date: Optional[datetime]
    error: Optional[str] = None
    cause: Optional[str] = None
    output: Optional[dict] = None


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _begins_run(event, status_before: Optional[str]) -> bool:
    """Creation, a re-run (from failed, or of a pending order), or an edit of
    a pending order's lines (its new version gets a run of its own)."""
    if event.action == "created":
        return True
    if event.action == "workflow":
        return event.to_status in (None, PENDING)
    return event.action == "edited" and status_before == PENDING and any(c.product_id for c in event.changes)


def recorded_run(order: Order) -> RecordedRun:
    """The order's current run (the one `execution_arn` names), from its history."""
    started = ended = None
    status = None
    for event in order.history:
        before, status = status, event.to_status or status
        if _begins_run(event, before):
            started, ended = event, None
        elif started is not None and ended is None and status != PENDING:
            ended = event
    start_date = _time(started.at) if started else None
    if ended is None:
        return RecordedRun("RUNNING", RESERVE_STOCK, start_date, None)
    stop_date = _time(ended.at)
    if ended.actor == WORKFLOW and ended.to_status == FAILED:
        failure = ended.failure or order.failure
        return RecordedRun("FAILED", ORDER_FAILED, start_date, stop_date, error=failure.error if failure else None,
                           cause=failure.cause if failure else None)
    if ended.actor == WORKFLOW and ended.to_status == PROCESSING:
        return RecordedRun("SUCCEEDED", RESERVE_STOCK, start_date, stop_date, output={"outcome": "reserved"})
    return RecordedRun("SUCCEEDED", NO_LONGER_PENDING, start_date, stop_date)
