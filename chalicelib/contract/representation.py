"""How orders, products and customers look in JSON. Money is always a string
with two decimal places. The S3 backup stores exactly `order_document`."""
import re
from typing import Optional

from ..core.clock import normalized
from ..data.models import Customer, HistoryEvent, Order, Product, WorkflowFailure
from ..domain.money import format_amount

_REASONS = re.compile(r"\[([^\]]*)\]")


def describe_failure(failure: Optional[WorkflowFailure]) -> Optional[str]:
    """Words for a workflow failure. A cancelled reservation names every
    product whose stock check failed."""
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


def status_reason(order: Order) -> Optional[str]:
    if order.status == "failed" and order.failure is not None:
        return describe_failure(order.failure)
    return order.status_reason


def history_entry(event: HistoryEvent) -> dict:
    entry = {
        "at": normalized(event.at),
        "action": event.action,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "actor": event.actor,
        "reason": event.reason or describe_failure(event.failure),
    }
    if event.tracking_number or event.carrier:
        entry.update({"tracking_number": event.tracking_number, "carrier": event.carrier})
    if event.changes:
        entry["changes"] = [
            {"product_id": change.product_id, "field": change.field, "old": change.old, "new": change.new}
            for change in event.changes
        ]
    return entry


def order_summary(order: Order) -> dict:
    return {
        "order_id": order.order_id,
        "order_number": order.order_number,
        "customer_id": order.customer_id,
        "customer_name": order.customer_name,
        "line_count": int(order.line_count or 0),
        "item_count": int(order.item_count or 0),
        "total_amount": format_amount(order.total_amount),
        "currency": order.currency,
        "status": order.status,
        "status_reason": status_reason(order),
        "tracking_number": order.tracking_number,
        "carrier": order.carrier,
        "created_at": order.created_at,
        "updated_at": normalized(order.updated_at),
        "version": int(order.version),
    }


def order_document(order: Order) -> dict:
    document = order_summary(order)
    document.update({
        "customer_email": order.customer_email,
        "items": [
            {
                "product_id": line.product_id,
                "product_name": line.product_name,
                "quantity": int(line.quantity),
                "price": format_amount(line.price),
                "line_total": format_amount(line.line_total),
            }
            for line in order.lines
        ],
        "stock_reserved": bool(order.stock_reserved),
        "execution_arn": order.execution_arn,
        "workflow_attempt": int(order.workflow_attempt or 0),
        "history": [history_entry(event) for event in order.history],
    })
    return document


def product_document(product: Product) -> dict:
    return {
        "product_id": product.product_id,
        "product_name": product.product_name,
        "price": format_amount(product.price),
        "stock_quantity": int(product.stock_quantity),
        "in_stock": int(product.stock_quantity) > 0,
        "category": product.category,
        "description": product.description,
        "updated_at": product.updated_at,
    }


def customer_document(customer: Customer) -> dict:
    return {
        "customer_id": customer.customer_id,
        "customer_name": customer.customer_name,
        "email": customer.email,
        "phone": customer.phone,
        "address": customer.address,
        "created_at": customer.created_at,
    }


def execution_summary(execution) -> dict:
    """A workflow run (`domain.workflow.Execution`) in lists."""
    return {
        "execution_arn": execution.execution_arn,
        "execution_name": execution.execution_name,
        "order_id": execution.order_id,
        "status": execution.status,
        "start_date": _iso(execution.start_date),
        "stop_date": _iso(execution.stop_date),
    }


def execution_document(execution) -> dict:
    """GET /status: the run, its input without the prepared transaction's
    internals, its output and its most recent events."""
    return {
        **execution_summary(execution),
        "input": _public_input(execution.input),
        "output": execution.output,
        "recent_events": [_event(event) for event in execution.events or ()],
    }


def _public_input(execution_input):
    if not isinstance(execution_input, dict) or "reservation" not in execution_input:
        return execution_input
    return {
        "order_id": execution_input.get("order_id"),
        "version": execution_input.get("version"),
        "reservation": {"transact_items": len(execution_input["reservation"].get("TransactItems", []))},
    }


def _event(event: dict) -> dict:
    state_name = None
    for key, value in event.items():
        if key.endswith("EventDetails") and isinstance(value, dict) and "name" in value:
            state_name = value["name"]
    return {"type": event["type"], "timestamp": _iso(event.get("timestamp")), "state_name": state_name}


def _iso(value) -> Optional[str]:
    return value.isoformat() if value is not None else None
