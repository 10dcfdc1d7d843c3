"""The order workflow as the API shows it: a run (`domain.workflow.Execution`)
in lists (`EXECUTION`) and with its input, output and events (`WORKFLOW_STATUS`)."""
from typing import Optional

from ..domain.workflow import EXECUTION_STATUSES
from .orders import WORKFLOW_START
from .spec import Choice, Field, Flag, List_, Record, Value
from .values import (
    MAX_LIMIT,
    NULLABLE_STRING,
    ORDER_ID_OUT,
    ORDER_STATUS,
    STRING,
    derived,
    nullable,
    page_size,
    response,
)

EXECUTION_STATUS = Choice(EXECUTION_STATUSES, name="ExecutionStatus")
# Step Functions' times (datetimes), as ISO-8601 text.
AWS_TIME = nullable("string", lambda moment: moment.isoformat())


def _public_input(execution) -> object:
    """The run's input without the prepared transaction's internals."""
    execution_input = execution.input
    if not isinstance(execution_input, dict) or "reservation" not in execution_input:
        return execution_input
    return {
        "order_id": execution_input.get("order_id"),
        "version": execution_input.get("version"),
        "reservation": {"transact_items": len(execution_input["reservation"].get("TransactItems", []))},
    }


def _state_name(event: dict) -> Optional[str]:
    state_name = None
    for key, value in event.items():
        if key.endswith("EventDetails") and isinstance(value, dict) and "name" in value:
            state_name = value["name"]
    return state_name


EXECUTION_FIELDS = dict(execution_arn=STRING, execution_name=STRING, order_id=NULLABLE_STRING, status=EXECUTION_STATUS,
                        start_date=AWS_TIME, stop_date=AWS_TIME)
EXECUTION = response("Execution", **EXECUTION_FIELDS)
LIST_EXECUTIONS = Record("ListExecutionsQuery", {
    "status": Field(EXECUTION_STATUS),
    "limit": Field(page_size(20)),
})
EXECUTION_LIST = response("ExecutionList", executions=List_(EXECUTION, MAX_LIMIT, min_items=0))
# A history event as Step Functions gives it (a dict).
EXECUTION_EVENT = response("ExecutionEvent", type=derived(STRING, lambda event: event["type"]),
                           timestamp=derived(AWS_TIME, lambda event: event.get("timestamp")),
                           state_name=derived(NULLABLE_STRING, _state_name))
STATUS_SOURCE = Choice(("order", "step_functions"), name="WorkflowStatusSource", description=(
    "order: read from the order, which the run's own writes keep (one GetItem, the fast path; input is null and "
    "recent_events empty); step_functions: asked of Step Functions (?history=true or an execution ARN; "
    "rate-limited, see docs/performance.md)"))
WORKFLOW_STATUS_QUERY = Record("WorkflowStatusQuery", {
    "history": Field(Flag(description="true asks Step Functions for the run's input, output and recent events "
                                      "(slower, rate-limited); by default an order id is answered from the order")),
})
WORKFLOW_STATUS = response(
    "WorkflowStatus", **EXECUTION_FIELDS, input=derived(Value({}), _public_input), output=Value({}),
    recent_events=derived(List_(EXECUTION_EVENT, 1000, min_items=0), "events"),
    step=nullable("string", description="The state the run is in or ended in (ReserveStock, OrderNoLongerPending, "
                                        "OrderFailed, ...)"),
    error=NULLABLE_STRING, cause=NULLABLE_STRING, source=STATUS_SOURCE)

WORKFLOW_STARTED = response("WorkflowStarted", message=STRING, order_id=ORDER_ID_OUT,
                            execution_arn=STRING, status=ORDER_STATUS, workflow=WORKFLOW_START)
