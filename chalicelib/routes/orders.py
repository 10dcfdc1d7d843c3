"""Order routes: unpack the request, call `chalicelib.orders`, shape the reply."""
from chalicelib import auth, counters, orders, validation, workflow
from chalicelib.errors import NotFound, ValidationError
from chalicelib.representation import order_document, order_summary
from chalicelib.validation import UUID
from chalicelib.web import Api, Call, etag, if_match_version, json_response

api = Api(__name__)

LIST_QUERY = {"page", "limit", "next_token", "status", "customer_id"}


def _order_id(order_id: str) -> str:
    if not UUID.match(order_id):
        raise NotFound("Order not found")
    return order_id


@api.api_route("/orders", methods=["POST"], scope="write", idempotent=True)
def create_order(call: Call):
    request = validation.create_order_request(call.json())
    order, started = orders.create_order(request, call.actor, call.operation_id)
    body = {
        "message": "Order created successfully",
        "order_id": order.order_id,
        "execution_arn": order.execution_arn,
        "workflow": started,
        "order": order_document(order),
    }
    if body["execution_arn"]:
        body["note"] = "Save this execution_arn to check workflow status later"
    return json_response(body, 201, {"ETag": etag(order.version), "Location": f"/orders/{order.order_id}"})


@api.api_route("/orders", methods=["GET"], scope="read")
def list_orders(call: Call):
    query = call.query
    validation.reject_unknown_query(query, LIST_QUERY)
    status = validation.status(query["status"]) if query.get("status") else None
    customer_id = validation.identifier(query["customer_id"], "customer_id") if query.get("customer_id") else None
    page = orders.list_orders(
        status=status,
        customer_id=customer_id,
        page=validation.query_int(query, "page", 1, 1, validation.MAX_PAGE),
        limit=validation.query_int(query, "limit", 10, 1, 100),
        next_token=query.get("next_token") or None,
    )
    return json_response({
        "orders": [order_summary(order) for order in page.orders],
        "pagination": {"page": page.page, "limit": page.limit, "total": page.total, "pages": page.pages},
        "next_token": page.next_token,
    })


@api.api_route("/orders/{order_id}", methods=["GET"], scope="read")
def get_order(call: Call, order_id: str):
    order = orders.get_order(_order_id(order_id))
    return json_response(order_document(order), headers={"ETag": etag(order.version)})


@api.api_route("/orders/{order_id}", methods=["PUT"], scope="write")
def update_order(call: Call, order_id: str):
    expected_version = if_match_version(call)
    request = validation.update_order_request(call.json())
    order = orders.update_order(_order_id(order_id), request, call.actor, call.operation_id, expected_version)
    return _changed_order_response("Order updated successfully", order)


@api.api_route("/orders/{order_id}", methods=["DELETE"], scope="write", idempotent=True)
def delete_order(call: Call, order_id: str):
    query = call.query
    validation.reject_unknown_query(query, {"hard", "reason"})
    expected_version = if_match_version(call)
    order_id = _order_id(order_id)
    reason = validation.cancel_reason(call.json(required=False), query)  # checked for a hard delete too
    if validation.query_bool(query, "hard"):
        auth.require(call.principal, "admin")
        orders.delete_order(order_id, expected_version)
        return json_response({"message": "Order deleted successfully", "order_id": order_id})
    order = orders.cancel_order(order_id, reason, call.actor, call.operation_id, expected_version)
    return _changed_order_response("Order cancelled successfully", order)


def _changed_order_response(message: str, order):
    body = {"message": message, "order_id": order.order_id, "status": order.status, "order": order_document(order)}
    return json_response(body, headers={"ETag": etag(order.version)})


@api.api_route("/orders/{order_id}/workflow", methods=["POST"], scope="write", idempotent=True)
def run_workflow(call: Call, order_id: str):
    order, started = workflow.run_for_order(_order_id(order_id), call.actor, call.operation_id)
    return json_response({
        "message": "Workflow started" if started["started"] else "Workflow start recorded; it runs as soon as Step Functions answers",
        "order_id": order.order_id,
        "execution_arn": order.execution_arn,
        "status": order.status,
        "workflow": started,
    }, 202)


@api.api_route("/status/{identifier}", methods=["GET"], scope="read")
def workflow_status(call: Call, identifier: str):
    if len(identifier) > 256:
        raise NotFound("Workflow execution not found")
    return json_response(workflow.describe(identifier))


EXECUTION_STATUSES = ("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED")


@api.api_route("/executions", methods=["GET"], scope="read")
def list_executions(call: Call):
    query = call.query
    validation.reject_unknown_query(query, {"status", "limit"})
    status = query.get("status") or None
    if status is not None and status not in EXECUTION_STATUSES:
        raise ValidationError(f"status must be one of: {', '.join(EXECUTION_STATUSES)}")
    limit = validation.query_int(query, "limit", 20, 1, 100)
    return json_response({"executions": workflow.list_executions(status, limit)})


@api.api_route("/stats", methods=["GET"], scope="read")
def order_stats(call: Call):
    validation.reject_unknown_query(call.query, set())
    counts = counters.read_all()
    total = counts.pop("total")
    return json_response({"orders": {"total": total, "by_status": counts}})
