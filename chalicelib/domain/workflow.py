"""The order-processing workflow (Step Functions): starting it, re-running it,
and reading its executions.

The state machine (`statemachine/order_processing.asl.json`) commits, in one
DynamoDB transaction, the reservation prepared here: the order moves
pending -> processing (guarded by its version), and every
line's stock is decremented on the condition that enough is left (its
counts follow from the orders stream). The order decides that move
(`Order.reserve`) and the data layer writes it as it writes every API
change, which keeps one definition of "what processing an order means", and
lets the workflow succeed in a single state transition (Step Functions bills
per transition).
"""
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Dict, Iterable, List, Optional, Tuple

from botocore.exceptions import ClientError

from ..core import logs, metrics
from ..core.errors import Conflict, NotFound
from ..core.settings import get_settings
from ..data import aws_failures, catalog_store
from ..data import order_store as store
from ..data.aws import get_sfn_client
from ..data.order_store import OrderChanged, StoredOrder
from ..data.transactions import to_transact_items
from ..model import actor as actors
from ..model.actor import Actor
from ..model.order import Order, RunArn
from ..model.order_rules import FAILED, PENDING, stock_shortages
from ..model.workflow_run import recorded_run

logger = logging.getLogger("oms.workflow")
WORKFLOW_ACTOR = actors.WORKFLOW
RECENT_EVENTS = 25
# What DescribeExecution may report (Step Functions' own list).
EXECUTION_STATUSES = ("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE")
NOT_STARTED = "Step Functions did not answer; the run starts automatically as soon as it does"


def enabled() -> bool:
    return bool(get_settings().state_machine_arn)


def execution_name(order_id: str, attempt: int) -> str:
    return f"order-{order_id}" if attempt <= 1 else f"order-{order_id}-{attempt}"


def run_arn(order_id: str, attempt: int) -> str:
    """Execution ARNs are predictable, so the order stores its ARN in the same
    write that creates it (a later write would race the workflow's own)."""
    return f"{_execution_prefix()}{execution_name(order_id, attempt)}"


def run_arns() -> Optional[RunArn]:
    """How an order's runs are named, or None when there is no workflow."""
    return run_arn if enabled() else None


def _execution_prefix() -> str:
    return get_settings().state_machine_arn.replace(":stateMachine:", ":execution:", 1) + ":"


# ---------------------------------------------------------------- input

def execution_input(order: StoredOrder) -> dict:
    """What the state machine needs: the reservation transaction (the order's
    own move to processing, while it is still pending) and, for a failure,
    the keys of what to mark failed."""
    operations = store.change_operations(order, order.reserve(WORKFLOW_ACTOR), while_status=PENDING)
    token = hashlib.md5(f"reserve:{order.order_id}:{order.version}".encode()).hexdigest()
    return {
        "order_id": order.order_id,
        "version": str(order.version),
        "reservation": {"TransactItems": to_transact_items(operations), "ClientRequestToken": token},
        "on_failure": {
            "status_pk": store.status_partition(FAILED, order.shard),
            # Product of each transaction position, to name what ran out.
            "product_ids": [{"S": op.label[1] if op.label[0] == "stock" else ""} for op in operations],
        },
        "conflicts": 0,
    }


# ---------------------------------------------------------------- start

def _start(order: StoredOrder) -> None:
    name = execution_name(order.order_id, order.workflow_attempt)
    try:
        get_sfn_client().start_execution(
            stateMachineArn=get_settings().state_machine_arn, name=name,
            input=json.dumps(execution_input(order), separators=(",", ":")))
    except ClientError as error:
        # Same name, same input while running: Step Functions answers with the
        # existing execution. A finished one with that name means it already ran.
        if error.response["Error"]["Code"] != "ExecutionAlreadyExists":
            raise


def start(order: StoredOrder) -> Tuple[StoredOrder, dict]:
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
        metrics.emit({"WorkflowFailures": 1})
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
        _start(store.order_of_image(image))
    return len(latest)


def run_for_order(order_id: str, actor: Actor, operation_id: str) -> Tuple[StoredOrder, dict]:
    """POST /orders/{id}/workflow: start the workflow of a pending order that
    has none running, or re-run it for a failed order (back to pending)."""
    if not enabled():
        raise Conflict("No workflow is configured for this stage", code="workflow_unavailable")
    order = store.get(order_id)
    if order.applied(operation_id):  # a re-run of this very request
        return start(order)
    if order.status == PENDING and order.execution_arn and _is_running(order.execution_arn):
        return order, {"started": True}
    if order.status == FAILED:
        _check_stock_for_rerun(order)
    revised = order.run_again(actor=actor, operation_id=operation_id, run_arn=run_arn)
    try:
        revised = store.save_change(order, revised)
    except OrderChanged:
        raise Conflict("Order was changed by another request; reload it and retry") from None
    return start(revised)


def _check_stock_for_rerun(order: Order) -> None:
    """A re-run while stock is still short would only fail again: refuse it,
    naming each short product with what it needs and what is in stock (the
    reservation itself stays the exact check; stock may change in between)."""
    needed = {line.product_id: line.quantity for line in order.lines}
    products = catalog_store.products_by_id(list(needed))
    short = stock_shortages(needed, {pid: int(product.stock_quantity) for pid, product in products.items()})
    if short:
        names = {line.product_id: line.product_name for line in order.lines}
        listed = "; ".join(f"{names[pid]} ({pid}) needs {units}, {stock} in stock" for pid, (units, stock) in short.items())
        raise Conflict(f"Not enough stock to re-run the workflow: {listed}. Restock or change the order's lines first",
                       code="insufficient_stock", param="items")


def _is_running(execution_arn: str) -> bool:
    try:
        return get_sfn_client().describe_execution(executionArn=execution_arn)["status"] == "RUNNING"
    except ClientError as error:
        if error.response["Error"]["Code"] == "ExecutionDoesNotExist":
            return False
        raise


# ---------------------------------------------------------------- executions

@dataclass
class Execution:
    execution_arn: str
    execution_name: str
    order_id: Optional[str]
    status: str
    start_date: Optional[datetime]
    stop_date: Optional[datetime]
    input: object = None
    output: object = None
    events: List[dict] = None
    step: Optional[str] = None
    error: Optional[str] = None
    cause: Optional[str] = None
    source: str = "step_functions"  # or "order": what the order records of its run


def describe(identifier: str, history: bool = False) -> Execution:
    """An order id or an execution ARN, resolved in O(1) (the order stores
    its ARN; no execution is ever listed). By order id the run is read from
    the order (one GetItem: `model.workflow_run`); by ARN or with `history`, from
    Step Functions (DescribeExecution and GetExecutionHistory, whose quotas
    are far below the API's: docs/performance.md, "Step Functions quotas")."""
    order_id = None
    if identifier.startswith("arn:"):
        if not enabled() or not identifier.startswith(_execution_prefix()):
            raise NotFound("Workflow execution not found")
        execution_arn = identifier
    else:
        try:
            order = store.get(identifier)
        except NotFound:
            raise NotFound("Workflow execution not found") from None
        logs.bind(order_id=order.order_id)  # on every later line of this request
        if not order.execution_arn or not enabled():
            raise NotFound("Workflow execution not found")
        if not history:
            return _recorded(order)
        execution_arn, order_id = order.execution_arn, order.order_id
    return _from_step_functions(execution_arn, order_id)


def _recorded(order: StoredOrder) -> Execution:
    run = recorded_run(order)
    return Execution(
        execution_arn=order.execution_arn, execution_name=order.execution_arn.rsplit(":", 1)[-1],
        order_id=order.order_id, status=run.status, start_date=run.start_date, stop_date=run.stop_date,
        output=run.output, events=[], step=run.step, error=run.error, cause=run.cause, source="order")


def _from_step_functions(execution_arn: str, order_id: Optional[str]) -> Execution:
    client = get_sfn_client()
    try:
        execution = client.describe_execution(executionArn=execution_arn)
        history = client.get_execution_history(executionArn=execution_arn, reverseOrder=True, maxResults=RECENT_EVENTS)
    except ClientError as error:
        if error.response["Error"]["Code"] in ("ExecutionDoesNotExist", "InvalidArn"):
            raise NotFound("Workflow execution not found") from None
        raise
    # Most recent first (some emulators ignore reverseOrder).
    events = sorted(history.get("events", []), key=lambda e: e["id"], reverse=True)
    return Execution(
        execution_arn=execution_arn, execution_name=execution.get("name", ""),
        order_id=order_id or order_id_from_name(execution.get("name", "")), status=execution["status"],
        start_date=execution.get("startDate"), stop_date=execution.get("stopDate"),
        input=_json_or_none(execution.get("input")), output=_json_or_none(execution.get("output")),
        events=events, step=_last_state(events), error=execution.get("error"), cause=execution.get("cause"),
    )


def _last_state(events: List[dict]) -> Optional[str]:
    """The state most recently entered (events most recent first)."""
    for event in events:
        if event.get("type", "").endswith("StateEntered"):
            return event.get("stateEnteredEventDetails", {}).get("name")
    return None


def list_executions(status: Optional[str], limit: int) -> List[Execution]:
    if not enabled():
        return []
    arguments = {"stateMachineArn": get_settings().state_machine_arn, "maxResults": limit}
    if status:
        arguments["statusFilter"] = status
    return [Execution(execution_arn=e["executionArn"], execution_name=e["name"], order_id=order_id_from_name(e["name"]),
                      status=e["status"], start_date=e.get("startDate"), stop_date=e.get("stopDate"))
            for e in get_sfn_client().list_executions(**arguments)["executions"]]


def order_id_from_name(name: str) -> Optional[str]:
    if not name.startswith("order-"):
        return None
    return name[len("order-"):len("order-") + 36]


def _json_or_none(raw: Optional[str]):
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw
