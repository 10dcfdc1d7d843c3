"""Order changes: create, edit, move through the lifecycle, cancel, delete."""
from chalice import Response

from ..contract.orders import ORDER
from ..domain import auth, orders
from .api import Call, base_path, etag, order_id_in_path
from .responses import json_response


def create(call: Call) -> Response:
    order, started = orders.create_order(call.body, call.actor, call.operation_id)
    body = {
        "message": "Order created successfully",
        "order_id": order.order_id,
        "execution_arn": order.execution_arn,
        "workflow": started,
        "order": ORDER.render(order),
    }
    if order.execution_arn:
        body["note"] = "Save this execution_arn to check workflow status later"
    location = f"{base_path(call.request)}/orders/{order.order_id}"
    return json_response(body, 201, {"ETag": etag(order.version), "Location": location})


def update(call: Call) -> Response:
    order = orders.update_order(order_id_in_path(call), call.body, call.actor, call.operation_id, call.expected_version)
    return _changed("Order updated successfully", order)


def cancel_or_delete(call: Call) -> Response:
    order_id = order_id_in_path(call)
    reason = call.body or (call.query.get("reason") or None)
    if call.query.get("hard"):
        auth.require(call.principal, "admin")
        orders.delete_order(order_id, call.expected_version)
        return json_response({"message": "Order deleted successfully", "order_id": order_id})
    return _changed("Order cancelled successfully", orders.cancel_order(order_id, reason, call.actor, call.operation_id,
                                                                       call.expected_version))


def _changed(message: str, order) -> Response:
    body = {"message": message, "order_id": order.order_id, "status": order.status,
            "order": ORDER.render(order)}
    return json_response(body, headers={"ETag": etag(order.version)})
