"""The Order Management API, declared: every route with its method, the API
key scope it needs and its contract (the contract's schema names), each
handing over to the HTTP layer in `chalicelib/http/`. Below it: the contract
(`chalicelib/contract/`), the domain (`chalicelib/domain/`) and data access
(`chalicelib/data/`). The same declarations build the OpenAPI document served
at /openapi.json.

Each view imports its handler module when first called, so a cold start
loads only what its first request needs."""
import logging
import time

from chalice import Chalice

from chalicelib.core import logs
from chalicelib.core.logs import configure as configure_logs
from chalicelib.core.logs import request_id
from chalicelib.core.settings import get_settings
from chalicelib.data import dynamo
from chalicelib.http.api import Api, request_id_of
from chalicelib.http.responses import json_response

configure_logs(get_settings().log_level)
dynamo.get_connection()  # every model on one DynamoDB client (built on first use)
app = Chalice(app_name="oms")
api = Api(app)
access_log = logging.getLogger("oms.access")

ORDER = {"order_id": "OrderId"}
ORDER_LINKS = {name: (operation, {"order_id": "$response.body#/order_id"}) for name, operation in (
    ("GetOrder", "getOrder"), ("UpdateOrder", "updateOrder"), ("CancelOrder", "deleteOrder"),
    ("RunWorkflow", "runWorkflow"))}


# ---------------------------------------------------------------- orders

@api.route("/orders", "POST", operation="createOrder", scope="write", tag="Orders",
           summary="Create an order (priced from the catalog) and start its workflow",
           body="CreateOrderRequest", responses={201: "OrderCreated"}, idempotent=True, etag=True, errors=(409, 422),
           links=ORDER_LINKS)
def create_order(call):
    from chalicelib.http import order_changes

    return order_changes.create(call)


@api.route("/orders", "GET", operation="listOrders", scope="read", tag="Orders",
           summary="List orders, newest first (cancelled included)", query="ListOrdersQuery",
           responses={200: "OrderList"}, errors=(422,))
def list_orders(call):
    from chalicelib.http import orders

    return orders.list_page(call)


@api.route("/orders/{order_id}", "GET", operation="getOrder", scope="read", tag="Orders",
           summary="One order with its items and history", path_params=ORDER, responses={200: "Order"}, etag=True)
def get_order(call):
    from chalicelib.http import orders

    return orders.get(call)


@api.route("/orders/{order_id}", "PUT", operation="updateOrder", scope="write", tag="Orders",
           summary="Change the status, quantities or unit prices of an order", path_params=ORDER,
           body="UpdateOrderRequest", responses={200: "OrderChanged"}, idempotent=True, if_match=True, etag=True,
           errors=(409, 412, 422))
def update_order(call):
    from chalicelib.http import order_changes

    return order_changes.update(call)


@api.route("/orders/{order_id}", "DELETE", operation="deleteOrder", scope="write", tag="Orders",
           summary="Cancel an order (soft delete); ?hard=true with the admin scope deletes it for good",
           path_params=ORDER, body="CancelOrderRequest", body_required=False, query="DeleteOrderQuery",
           responses={200: "OrderCancelledOrDeleted"}, idempotent=True, if_match=True, errors=(409, 412, 422))
def delete_order(call):
    from chalicelib.http import order_changes

    return order_changes.cancel_or_delete(call)


@api.route("/stats", "GET", operation="orderStats", scope="read", tag="Orders",
           summary="Order counts: total and per status", responses={200: "Stats"})
def order_stats(call):
    from chalicelib.http import orders

    return orders.order_stats(call)


@api.route("/orders/bulk", "POST", operation="bulkOrderAction", scope="write", tag="Orders",
           summary="Ship or cancel many orders; one result per order (some may be refused, the rest applied)",
           body="BulkOrderAction", responses={200: "BulkOrderResults"}, idempotent=True, errors=(409, 422))
def bulk_order_action(call):
    from chalicelib.http import bulk

    return bulk.apply(call)


@api.route("/dashboard", "GET", operation="dashboard", scope="read", tag="Orders",
           summary="Revenue and orders per day, average order value and orders by status for a range of days",
           query="DashboardQuery", responses={200: "Dashboard"}, errors=(422,))
def dashboard(call):
    from chalicelib.http import orders

    return orders.dashboard(call)


# ---------------------------------------------------------------- workflow

@api.route("/orders/{order_id}/workflow", "POST", operation="runWorkflow", scope="write", tag="Workflow",
           summary="Start the workflow of a pending order, or re-run it for a failed one", path_params=ORDER,
           responses={202: "WorkflowStarted"}, idempotent=True, errors=(409, 422))
def run_workflow(call):
    from chalicelib.http import workflow

    return workflow.run(call)


@api.route("/status/{identifier}", "GET", operation="workflowStatus", scope="read", tag="Workflow",
           summary="A workflow run: by order id from the order (one read); with ?history=true or by execution ARN "
                   "from Step Functions, with its events (slower, rate-limited)",
           path_params={"identifier": "ExecutionIdentifier"}, query="WorkflowStatusQuery",
           responses={200: "WorkflowStatus"})
def workflow_status(call):
    from chalicelib.http import workflow

    return workflow.status(call)


@api.route("/executions", "GET", operation="listExecutions", scope="read", tag="Workflow",
           summary="Recent executions of the order workflow", query="ListExecutionsQuery", responses={200: "ExecutionList"})
def list_executions(call):
    from chalicelib.http import workflow

    return workflow.executions(call)


# ---------------------------------------------------------------- staff (docs/staff.md)

STAFF_MEMBER = {"user_id": "Identifier"}


@api.route("/staff", "GET", operation="listStaff", scope="admin", tag="Staff",
           summary="Everyone who may sign in to the console, with their role and last sign-in",
           responses={200: "StaffList"}, errors=(401,))
def list_staff(call):
    from chalicelib.http import staff

    return staff.list_staff(call)


@api.route("/staff", "POST", operation="inviteStaff", scope="admin", tag="Staff",
           summary="Invite a person by e-mail with a role (Cognito e-mails a temporary password)",
           body="InviteStaffRequest", responses={201: "StaffSaved"}, errors=(401, 409, 422))
def invite_staff(call):
    from chalicelib.http import staff

    return staff.invite(call)


@api.route("/staff/{user_id}", "PUT", operation="changeStaff", scope="admin", tag="Staff",
           summary="Change a person's role, or disable (signed out everywhere) or enable their account",
           path_params=STAFF_MEMBER, body="ChangeStaffRequest", responses={200: "StaffSaved"}, errors=(401, 409, 422))
def change_staff(call):
    from chalicelib.http import staff

    return staff.change(call)


# ---------------------------------------------------------------- catalog and customers

PRODUCT = {"product_id": "Identifier"}


@api.route("/products", "GET", operation="listProducts", scope="read", tag="Catalog",
           summary="The catalog, by product id; ?q= finds products by id, ISBN or name word",
           query="ListProductsQuery", responses={200: "ProductList"}, errors=(422,))
def list_products(call):
    from chalicelib.http import catalog

    return catalog.list_products(call)


@api.route("/products", "POST", operation="createProduct", scope="admin", tag="Catalog", summary="Add a product",
           body="CreateProductRequest", responses={201: "ProductSaved"}, errors=(409,))
def create_product(call):
    from chalicelib.http import catalog

    return catalog.create_product(call)


@api.route("/products/{product_id}", "GET", operation="getProduct", scope="read", tag="Catalog", summary="One product",
           path_params=PRODUCT, responses={200: "Product"})
def get_product(call):
    from chalicelib.http import catalog

    return catalog.get_product(call)


@api.route("/products/{product_id}", "PUT", operation="updateProduct", scope="admin", tag="Catalog",
           summary="Change a product's price, details or stock (add_stock applies once per Idempotency-Key)",
           path_params=PRODUCT, body="UpdateProductRequest", responses={200: "ProductSaved"}, idempotent=True,
           errors=(409, 422))
def update_product(call):
    from chalicelib.http import catalog

    return catalog.update_product(call)


@api.route("/products/{product_id}/movements", "GET", operation="listStockMovements", scope="read", tag="Catalog",
           summary="A product's newest stock movements: restocks and corrections (with their reason) and its orders",
           path_params=PRODUCT, query="ListStockMovementsQuery", responses={200: "StockMovements"}, errors=(422,))
def list_stock_movements(call):
    from chalicelib.http import catalog

    return catalog.stock_movements(call)


@api.route("/customers", "GET", operation="listCustomers", scope="read", tag="Customers", summary="Customers, by id",
           query="ListCustomersQuery", responses={200: "CustomerList"}, errors=(422,))
def list_customers(call):
    from chalicelib.http import catalog

    return catalog.list_customers(call)


@api.route("/customers", "POST", operation="createCustomer", scope="write", tag="Customers", summary="Add a customer",
           body="CreateCustomerRequest", responses={201: "CustomerSaved"}, errors=(409,))
def create_customer(call):
    from chalicelib.http import catalog

    return catalog.create_customer(call)


@api.route("/customers/{customer_id}", "GET", operation="getCustomer", scope="read", tag="Customers",
           summary="One customer", path_params={"customer_id": "Identifier"}, responses={200: "Customer"})
def get_customer(call):
    from chalicelib.http import catalog

    return catalog.get_customer(call)


@api.route("/customers/{customer_id}", "PUT", operation="updateCustomer", scope="write", tag="Customers",
           summary="Change a customer's name, e-mail (unique), phone or addresses", path_params={"customer_id": "Identifier"},
           body="UpdateCustomerRequest", responses={200: "CustomerSaved"}, idempotent=True, errors=(409, 422))
def update_customer(call):
    from chalicelib.http import catalog

    return catalog.update_customer(call)


# ---------------------------------------------------------------- webhooks

WEBHOOK = {"webhook_id": "WebhookId"}


@api.route("/webhooks", "POST", operation="createWebhook", scope="admin", tag="Webhooks",
           summary="Subscribe an endpoint to order events; the signing secret is shown in this response only",
           body="CreateWebhookRequest", responses={201: "WebhookCreated"}, errors=(422,))
def create_webhook(call):
    from chalicelib.http import webhooks

    return webhooks.create(call)


@api.route("/webhooks", "GET", operation="listWebhooks", scope="admin", tag="Webhooks",
           summary="Every webhook endpoint (never their secrets)", responses={200: "WebhookList"})
def list_webhooks(call):
    from chalicelib.http import webhooks

    return webhooks.list_all(call)


@api.route("/webhooks/{webhook_id}", "GET", operation="getWebhook", scope="admin", tag="Webhooks",
           summary="One webhook endpoint", path_params=WEBHOOK, responses={200: "Webhook"})
def get_webhook(call):
    from chalicelib.http import webhooks

    return webhooks.get(call)


@api.route("/webhooks/{webhook_id}", "PUT", operation="updateWebhook", scope="admin", tag="Webhooks",
           summary="Change an endpoint's url, events, description, or enable / disable it", path_params=WEBHOOK,
           body="UpdateWebhookRequest", responses={200: "WebhookSaved"}, errors=(422,))
def update_webhook(call):
    from chalicelib.http import webhooks

    return webhooks.update(call)


@api.route("/webhooks/{webhook_id}", "DELETE", operation="deleteWebhook", scope="admin", tag="Webhooks",
           summary="Remove an endpoint (no further deliveries)", path_params=WEBHOOK, responses={200: "WebhookDeleted"})
def delete_webhook(call):
    from chalicelib.http import webhooks

    return webhooks.delete(call)


@api.route("/webhooks/{webhook_id}/rotate-secret", "POST", operation="rotateWebhookSecret", scope="admin",
           tag="Webhooks", summary="A new signing secret (shown once); the previous one also signs for 24 hours",
           path_params=WEBHOOK, responses={200: "WebhookCreated"})
def rotate_webhook_secret(call):
    from chalicelib.http import webhooks

    return webhooks.rotate_secret(call)


@api.route("/webhooks/{webhook_id}/test", "POST", operation="testWebhook", scope="admin", tag="Webhooks",
           summary="Send a webhook.test event (delivered and logged like any other)", path_params=WEBHOOK,
           responses={202: "DeliveryQueued"}, errors=(409,))
def test_webhook(call):
    from chalicelib.http import webhooks

    return webhooks.send_test(call)


@api.route("/webhooks/{webhook_id}/deliveries", "GET", operation="listWebhookDeliveries", scope="admin",
           tag="Webhooks", summary="The delivery log, newest first: attempts, status codes, latency, next retry",
           path_params=WEBHOOK, query="ListDeliveriesQuery", responses={200: "DeliveryList"})
def list_webhook_deliveries(call):
    from chalicelib.http import webhooks

    return webhooks.deliveries(call)


@api.route("/webhooks/{webhook_id}/deliveries/{delivery_id}/retry", "POST", operation="retryWebhookDelivery",
           scope="admin", tag="Webhooks", summary="Send one delivery again (same webhook-id, same body)",
           path_params={**WEBHOOK, "delivery_id": "DeliveryId"}, responses={202: "DeliveryQueued"}, errors=(409,))
def retry_webhook_delivery(call):
    from chalicelib.http import webhooks

    return webhooks.retry(call)


@api.route("/webhooks/{webhook_id}/replay", "POST", operation="replayWebhookDeliveries", scope="admin",
           tag="Webhooks", summary="Send again every delivery of the events in a time range, oldest first",
           path_params=WEBHOOK, body="ReplayWebhookRequest", responses={202: "ReplayStarted"}, errors=(409, 422))
def replay_webhook_deliveries(call):
    from chalicelib.http import webhooks

    return webhooks.replay(call)


# ---------------------------------------------------------------- system

@api.route("/health", "GET", operation="health", scope=None, tag="System",
           summary="200 when every table answers", responses={200: "Health"})
def health(call):
    from chalicelib.http import system

    return system.health(call)


@api.route("/openapi.json", "GET", operation="openapi", scope=None, tag="System",
           summary="This API's OpenAPI 3.1 document", responses={200: "OpenApiDocument"})
def openapi_document(call):
    from chalicelib.http import system

    return system.openapi_document(call, api.routes)


# ---------------------------------------------------------------- every request

@app.middleware("http")
def access_log_and_error_shape(request, get_response):
    started = time.perf_counter()
    token = request_id.set(request_id_of(request))
    try:
        # Every line of the request carries them (a create binds its new order's id).
        with logs.invocation(lambda_request_id=logs.lambda_request_id(getattr(app, "lambda_context", None)),
                         order_id=(request.uri_params or {}).get("order_id")):
            return _handle(request, get_response, started)
    finally:
        request_id.reset(token)


CHALICE_ERROR_CODES = {403: "forbidden", 404: "not_found", 405: "unsupported_method", 415: "unsupported_media_type"}


def _handle(request, get_response, started):
    response = get_response(request)
    body = response.body
    # Chalice answers some requests itself (405, 415, ...) as {"Code", "Message"}.
    if isinstance(body, dict) and "Code" in body and "Message" in body:
        code = CHALICE_ERROR_CODES.get(response.status_code, "invalid_value")
        response = json_response({"message": body["Message"], "code": code}, response.status_code, {
            key: value for key, value in response.headers.items() if key.lower() != "content-type"})
    context = request.context or {}
    access_log.info("request", extra={
        "method": request.method,
        "route": context.get("resourcePath"),
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
        "key_id": context.get("oms_key_id"),
    })
    return response


# ---------------------------------------------------------------- table streams (deployed stages)

def _register_stream_handler(kind: str, stream_arn: str):
    """One small function per table stream, all running `streams.handle`,
    which answers the records it could not take (the mapping reports batch
    item failures, see chalicelib/events/streams.py)."""
    def handler(event):
        from chalicelib.events import streams

        with logs.invocation(lambda_request_id=logs.lambda_request_id(event.context)):
            return streams.handle(kind, event.to_dict()["Records"])

    handler.__name__ = f"backup_{kind}"
    return app.on_dynamodb_record(stream_arn=stream_arn, name=f"backup_{kind}", batch_size=100,
                                  starting_position="TRIM_HORIZON", maximum_batching_window_in_seconds=5)(handler)


for _kind, _stream_arn in get_settings().stream_arns.items():
    if _stream_arn:
        _register_stream_handler(_kind, _stream_arn)


# ---------------------------------------------------------------- webhook delivery (deployed stages)

def _register_webhook_delivery(queue_arn: str):
    """Up to ten messages an invocation, each (endpoint, order) group in
    order and the groups side by side (`webhook_batch`). Lambda deletes a
    batch only when the function succeeds: if a message must stay (a failed
    attempt, invisible for its backoff, and its group's later ones), the
    settled ones are deleted here and the function fails, leaving the rest."""
    def deliver_webhooks(event):
        from chalicelib.data import webhook_queue
        from chalicelib.events import webhook_batch

        with logs.invocation(lambda_request_id=logs.lambda_request_id(event.context)):
            messages = []
            for record in event:
                attributes = record.to_dict().get("attributes", {})
                messages.append(webhook_batch.Message(record.body, record.receipt_handle, attributes.get("MessageGroupId", ""),
                                                      int(attributes.get("ApproximateReceiveCount", 1))))
            outcome = webhook_batch.deliver(messages)
            if outcome.complete:
                return
            webhook_queue.delete_all([message.receipt_handle for message in outcome.settled])
            raise outcome.error or webhook_batch.Unsettled(len(outcome.unsettled))

    return app.on_sqs_message(queue_arn=queue_arn, name="deliver_webhooks", batch_size=10)(deliver_webhooks)


if get_settings().webhooks.queue_arn:
    _register_webhook_delivery(get_settings().webhooks.queue_arn)
