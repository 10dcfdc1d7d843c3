"""The order workflow: start or re-run it, read its executions."""
from chalice import Response

from ..contract.workflow import EXECUTION, WORKFLOW_STATUS
from ..core.errors import NotFound
from ..domain import workflow
from .api import Call, order_id_in_path
from .responses import json_response


def run(call: Call) -> Response:
    order, started = workflow.run_for_order(order_id_in_path(call), call.actor, call.operation_id)
    return json_response({
        "message": "Workflow started" if started["started"]
        else "Workflow start recorded; it runs as soon as Step Functions answers",
        "order_id": order.order_id,
        "execution_arn": order.execution_arn,
        "status": order.status,
        "workflow": started,
    }, 202)


def status(call: Call) -> Response:
    identifier = call.path["identifier"]
    if len(identifier) > 256:
        raise NotFound("Workflow execution not found")
    return json_response(WORKFLOW_STATUS.render(workflow.describe(identifier, history=call.query.get("history", False))))


def executions(call: Call) -> Response:
    found = workflow.list_executions(call.query.get("status"), call.query.get("limit", 20))
    return json_response({"executions": [EXECUTION.render(e) for e in found]})
