"""The order-processing workflow (Step Functions): starting it, re-running it,
and reporting on it.

The state machine (`workflows/order_processing.asl.json`) commits, in one
DynamoDB transaction, the reservation prepared here: the order moves
pending -> processing (guarded by its version), its counters move, and every
line's stock is decremented on the condition that enough is left. Building
that transaction here, from the same code the API uses for its own status
changes, keeps one definition of "what processing an order means", and lets
the workflow succeed in a single state transition (Step Functions bills per
transition).
"""
import hashlib
import json
import logging
from typing import Dict, Iterable, Optional, Tuple

from botocore.exceptions import ClientError

from . import aws_failures
from . import order_store as store
from .aws import get_sfn_client
from .counters import any_shard, customer_counter_id
from .errors import Conflict, NotFound
from .models import Order
from .order_rules import FAILED, PENDING, PROCESSING
from .settings import get_settings
from .transactions import TransactionFailed, commit, to_transact_items

logger = logging.getLogger("oms.workflow")
WORKFLOW_ACTOR = "workflow"
RECENT_EVENTS = 25


def enabled() -> bool:
    return bool(get_settings().state_machine_arn)


def execution_name(order_id: str, attempt: int) -> str:
    return f"order-{order_id}" if attempt <= 1 else f"order-{order_id}-{attempt}"


def execution_arn_for(name: str) -> str:
    """Execution ARNs are predictable, so the order stores its ARN in the same
    write that creates it (a later write would race the workflow's own)."""
    return f"{_execution_prefix()}{name}"


def _execution_prefix() -> str:
    return get_settings().state_machine_arn.replace(":stateMachine:", ":execution:", 1) + ":"


def next_attempt(order: Order) -> dict:
    """The fields of the order's next workflow run: attempt + 1 and its ARN."""
    attempt = int(order.workflow_attempt or 0) + 1
    return {"workflow_attempt": attempt, "execution_arn": execution_arn_for(execution_name(order.order_id, attempt))}


def prepare_first_run(order: Order) -> Order:
    if enabled():
        for name, value in next_attempt(order).items():
            setattr(order, name, value)
    return order


# ---------------------------------------------------------------- input

def execution_input(order: Order) -> dict:
    """What the state machine needs: the reservation transaction and, for a
    failure, the keys of what to mark failed."""
    event = store.history_event("workflow", WORKFLOW_ACTOR, from_status=PENDING, to_status=PROCESSING)
    reserved = store.revise(order, event=event, status=PROCESSING)
    operations = store.change_operations(order, reserved, extra_condition=Order.status == PENDING)
    token = hashlib.md5(f"reserve:{order.order_id}:{order.version}".encode()).hexdigest()
    return {
        "order_id": order.order_id,
        "version": str(int(order.version)),
        "reservation": {"TransactItems": to_transact_items(operations), "ClientRequestToken": token},
        "on_failure": {
            "status_pk": store.status_partition(FAILED, order.shard),
            "counter_id": any_shard(),  # only the sum over shards means anything
            "customer_counter_id": customer_counter_id(order.customer_id),
            # Product of each transaction position, to name what ran out.
            "product_ids": [{"S": op.label[1] if op.label[0] == "stock" else ""} for op in operations],
        },
        "conflicts": 0,
    }


# ---------------------------------------------------------------- start

def _start(order: Order) -> None:
    name = execution_name(order.order_id, int(order.workflow_attempt))
    try:
        get_sfn_client().start_execution(
            stateMachineArn=get_settings().state_machine_arn, name=name,
            input=json.dumps(execution_input(order), separators=(",", ":")))
    except ClientError as error:
        # Same name, same input while running: Step Functions answers with the
        # existing execution. A finished one with that name means it already ran.
        if error.response["Error"]["Code"] != "ExecutionAlreadyExists":
            raise


NOT_STARTED = "Step Functions did not answer; the run starts automatically as soon as it does"


def start(order: Order) -> Tuple[Order, dict]:
    """Start the order's current run. If Step Functions does not answer, the
    order stands as it is: the orders stream starts every run the API could
    not (`start_missing_runs`), so no order stays pending without one."""
    if not enabled():
        return order, {"started": False, "reason": "No workflow is configured for this stage"}
    try:
        _start(order)
        return order, {"started": True}
    except Exception as error:  # noqa: BLE001 - classified just below
        if not aws_failures.is_aws_failure(error):
            raise
        logger.warning("workflow start failed", extra={"order_id": order.order_id, "error": aws_failures.name(error)})
    return order, {"started": False, "reason": NOT_STARTED}


def start_missing_runs(records: Iterable[dict]) -> int:
    """Stream handler: start the run of every order that a committed change
    left pending with a new run attempt (a create, an edit, a re-run).
    Starting is idempotent by execution name, so runs the API already started
    are left alone. Raises if Step Functions fails, so the batch is retried."""
    latest: Dict[str, dict] = {}
    for record in records:
        if record["eventName"] == "REMOVE":
            latest.pop(record["dynamodb"]["Keys"]["order_id"]["S"], None)
            continue
        new, old = record["dynamodb"]["NewImage"], record["dynamodb"].get("OldImage") or {}
        order_id = new["order_id"]["S"]
        latest.pop(order_id, None)
        if new.get("status", {}).get("S") == PENDING and "execution_arn" in new and \
                new.get("workflow_attempt") != old.get("workflow_attempt"):
            latest[order_id] = new
    if not enabled():
        return 0
    for image in latest.values():
        _start(Order.from_raw_data(image))
    return len(latest)


def run_for_order(order_id: str, actor: str, operation_id: str) -> Tuple[Order, dict]:
    """POST /orders/{id}/workflow: start the workflow of a pending order that
    has none running, or re-run it for a failed order (back to pending)."""
    if not enabled():
        raise Conflict("No workflow is configured for this stage")
    order = store.get(order_id)
    if store.applied(order, operation_id):  # a re-run of this very request
        return start(order)
    if order.status == PENDING and order.execution_arn and _is_running(order.execution_arn):
        return order, {"started": True}
    if order.status == FAILED:
        event = store.history_event("workflow", actor, from_status=FAILED, to_status=PENDING, reason="Workflow re-run",
                                    operation_id=operation_id)
        revised = store.revise(order, event=event, status=PENDING, failure=None, **next_attempt(order))
    elif order.status == PENDING:
        event = store.history_event("workflow", actor, reason="Workflow started", operation_id=operation_id)
        revised = store.revise(order, event=event, **next_attempt(order))
    else:
        raise Conflict(f"The workflow only runs for pending or failed orders; this order is {order.status}")
    try:
        commit(store.change_operations(order, revised))
    except TransactionFailed:
        raise Conflict("Order was changed by another request; reload it and retry")
    return start(revised)


def _is_running(execution_arn: str) -> bool:
    try:
        return get_sfn_client().describe_execution(executionArn=execution_arn)["status"] == "RUNNING"
    except ClientError as error:
        if error.response["Error"]["Code"] == "ExecutionDoesNotExist":
            return False
        raise


# ---------------------------------------------------------------- status

def describe(identifier: str) -> dict:
    """GET /status/{identifier}: an order id or an execution ARN, resolved in
    O(1) (the order stores its ARN; no execution is ever listed)."""
    order_id = None
    if identifier.startswith("arn:"):
        if not enabled() or not identifier.startswith(_execution_prefix()):
            raise NotFound("Workflow execution not found")
        execution_arn = identifier
    else:
        try:
            order = store.get(identifier)
        except NotFound:
            raise NotFound("Workflow execution not found")
        if not order.execution_arn or not enabled():
            raise NotFound("Workflow execution not found")
        execution_arn, order_id = order.execution_arn, order.order_id
    client = get_sfn_client()
    try:
        execution = client.describe_execution(executionArn=execution_arn)
        history = client.get_execution_history(executionArn=execution_arn, reverseOrder=True, maxResults=RECENT_EVENTS)
    except ClientError as error:
        if error.response["Error"]["Code"] in ("ExecutionDoesNotExist", "InvalidArn"):
            raise NotFound("Workflow execution not found")
        raise
    return {
        "execution_arn": execution_arn,
        "execution_name": execution.get("name"),
        "order_id": order_id or _order_id_from_name(execution.get("name", "")),
        "status": execution["status"],
        "start_date": _iso(execution.get("startDate")),
        "stop_date": _iso(execution.get("stopDate")),
        "input": _public_input(_json_or_none(execution.get("input"))),
        "output": _json_or_none(execution.get("output")),
        # Most recent first (some emulators ignore reverseOrder).
        "recent_events": [_event(e) for e in sorted(history.get("events", []), key=lambda e: e["id"], reverse=True)],
    }


def list_executions(status: Optional[str], limit: int) -> list:
    if not enabled():
        return []
    arguments = {"stateMachineArn": get_settings().state_machine_arn, "maxResults": limit}
    if status:
        arguments["statusFilter"] = status
    executions = get_sfn_client().list_executions(**arguments)["executions"]
    return [{
        "execution_arn": execution["executionArn"],
        "execution_name": execution["name"],
        "order_id": _order_id_from_name(execution["name"]),
        "status": execution["status"],
        "start_date": _iso(execution.get("startDate")),
        "stop_date": _iso(execution.get("stopDate")),
    } for execution in executions]


def _public_input(execution_input):
    """The run's input without the prepared transaction's internals."""
    if not isinstance(execution_input, dict) or "reservation" not in execution_input:
        return execution_input
    return {
        "order_id": execution_input.get("order_id"),
        "version": execution_input.get("version"),
        "reservation": {"transact_items": len(execution_input["reservation"].get("TransactItems", []))},
    }


def _order_id_from_name(name: str) -> Optional[str]:
    if not name.startswith("order-"):
        return None
    return name[len("order-"):len("order-") + 36]


def _event(event: dict) -> dict:
    state_name = None
    for key, value in event.items():
        if key.endswith("EventDetails") and isinstance(value, dict) and "name" in value:
            state_name = value["name"]
    return {"type": event["type"], "timestamp": _iso(event.get("timestamp")), "state_name": state_name}


def _iso(value) -> Optional[str]:
    return value.isoformat() if value is not None else None


def _json_or_none(raw: Optional[str]):
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw
