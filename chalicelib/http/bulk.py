"""Bulk order actions: ship or cancel many orders, one result per order."""
from chalice import Response

from ..contract.orders import ACTOR
from ..domain import orders
from .api import Call
from .responses import json_response


def apply(call: Call) -> Response:
    results = []
    for result in orders.apply_to_many(call.body, call.actor, call.operation_id):
        if result["ok"]:
            order = result["order"]
            results.append({"order_id": order.order_id, "ok": True, "order_number": order.order_number,
                            "status": order.status, "message": f"Order {_name(order)} is {order.status}"})
        else:
            results.append({"order_id": result["order_id"], "ok": False, "code": result["code"], "message": result["message"]})
    succeeded = sum(1 for result in results if result["ok"])
    return json_response({"action": call.body.action, "actor": ACTOR.render(call.actor), "succeeded": succeeded,
                          "failed": len(results) - succeeded, "results": results})


def _name(order) -> str:
    return f"#{order.order_number}" if order.order_number else order.order_id
