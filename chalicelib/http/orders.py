"""Order handlers: hand the checked request to the domain, shape the reply."""
from chalice import Response

from ..contract import representation, schemas
from ..core.errors import NotFound
from ..domain import auth, orders, stats, workflow
from .api import Call, base_path, check_path, etag
from .responses import json_response


def _order_id(call: Call) -> str:
    return check_path(call.path["order_id"], schemas.ORDER_ID, "Order not found")


def create(call: Call) -> Response:
    order, started = orders.create_order(call.body, call.actor, call.operation_id)
    body = {
        "message": "Order created successfully",
        "order_id": order.order_id,
        "execution_arn": order.execution_arn,
        "workflow": started,
        "order": representation.order_document(order),
    }
    if order.execution_arn:
        body["note"] = "Save this execution_arn to check workflow status later"
    location = f"{base_path(call.request)}/orders/{order.order_id}"
    return json_response(body, 201, {"ETag": etag(order.version), "Location": location})


def list_page(call: Call) -> Response:
    page = orders.list_orders(call.query)
    return json_response({
        "orders": [representation.order_summary(order) for order in page.orders],
        "pagination": {"page": page.page, "limit": page.limit, "total": page.total, "pages": page.pages},
        "next_token": page.next_token,
    })


def get(call: Call) -> Response:
    order = orders.get_order(_order_id(call))
    return json_response(representation.order_document(order), headers={"ETag": etag(order.version)})


def update(call: Call) -> Response:
    order = orders.update_order(_order_id(call), call.body, call.actor, call.operation_id, call.expected_version)
    return _changed("Order updated successfully", order)


def cancel_or_delete(call: Call) -> Response:
    order_id = _order_id(call)
    reason = call.body or (call.query.get("reason") or None)
    if call.query.get("hard"):
        auth.require(call.principal, "admin")
        orders.delete_order(order_id, call.expected_version)
        return json_response({"message": "Order deleted successfully", "order_id": order_id})
    return _changed("Order cancelled successfully", orders.cancel_order(order_id, reason, call.actor, call.operation_id,
                                                                       call.expected_version))


def _changed(message: str, order) -> Response:
    body = {"message": message, "order_id": order.order_id, "status": order.status,
            "order": representation.order_document(order)}
    return json_response(body, headers={"ETag": etag(order.version)})


def run_workflow(call: Call) -> Response:
    order, started = workflow.run_for_order(_order_id(call), call.actor, call.operation_id)
    return json_response({
        "message": "Workflow started" if started["started"]
        else "Workflow start recorded; it runs as soon as Step Functions answers",
        "order_id": order.order_id,
        "execution_arn": order.execution_arn,
        "status": order.status,
        "workflow": started,
    }, 202)


def workflow_status(call: Call) -> Response:
    identifier = call.path["identifier"]
    if len(identifier) > 256:
        raise NotFound("Workflow execution not found")
    return json_response(representation.execution_document(workflow.describe(identifier)))


def executions(call: Call) -> Response:
    found = workflow.list_executions(call.query.get("status"), call.query.get("limit", 20))
    return json_response({"executions": [representation.execution_summary(e) for e in found]})


def order_stats(call: Call) -> Response:
    return json_response({"orders": stats.order_counts()})
