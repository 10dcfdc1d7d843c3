"""The OpenAPI 3 document served at GET /openapi.json. A test checks that
every route the app registers appears here, and schemathesis fuzzes the API
against it."""
import copy
import functools

from .listing import MAX_OFFSET
from .order_rules import MAX_LINES, MAX_QUANTITY, STATUSES
from .validation import MAX_NAME, MAX_PAGE, MAX_REASON, MAX_REQUEST_ITEMS

MONEY = {"type": "string", "pattern": r"^[0-9]+\.[0-9]{2}$", "example": "29.99"}
MONEY_IN = {"oneOf": [
    {"type": "string", "pattern": r"^(1000000(\.00?)?|[0-9]{1,6}(\.[0-9]{1,2})?)$"},
    {"type": "number", "minimum": 0, "maximum": 1000000, "multipleOf": 0.01},
]}
NEXT_TOKEN = {"type": "string", "pattern": r"^[A-Za-z0-9_\-]*$", "maxLength": 2048,
              "description": "Cursor from a previous page (opaque)"}
IDENTIFIER = {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,63}$"}
PRODUCT_ID = {**IDENTIFIER, "example": "PROD001"}
CUSTOMER_ID = {**IDENTIFIER, "example": "CUST001"}
TIMESTAMP = {"type": "string", "example": "2026-11-25T12:46:24.123456Z"}
STATUS = {"type": "string", "enum": list(STATUSES)}
NULLABLE_STRING = {"type": "string", "nullable": True}
EMAIL = {"type": "string", "format": "email", "maxLength": 254, "example": "john@example.com"}
NAME = {"type": "string", "minLength": 1, "maxLength": MAX_NAME, "pattern": r"\S"}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict, required=(), additional=False, **extra) -> dict:
    schema = {"type": "object", "properties": properties, "additionalProperties": additional}
    if required:
        schema["required"] = list(required)
    schema.update(extra)
    return schema


ORDER_SUMMARY = {
    "order_id": {"type": "string", "format": "uuid"},
    "customer_id": {"type": "string"},
    "customer_name": {"type": "string"},
    "line_count": {"type": "integer"},
    "item_count": {"type": "integer", "description": "units over all lines"},
    "total_amount": MONEY,
    "currency": {"type": "string"},
    "status": STATUS,
    "status_reason": NULLABLE_STRING,
    "created_at": TIMESTAMP,
    "updated_at": {"type": "string"},
    "version": {"type": "integer", "minimum": 1},
}

SCHEMAS = {
    "Error": _object({
        "message": {"type": "string"},
        "error": {"type": "string"},
        "request_id": {"type": "string"},
    }, ["message"], additional=True),
    "OrderLine": _object({
        "product_id": {"type": "string"},
        "product_name": {"type": "string"},
        "quantity": {"type": "integer", "minimum": 1},
        "price": MONEY,
        "line_total": MONEY,
    }, ["product_id", "product_name", "quantity", "price", "line_total"]),
    "HistoryEntry": _object({
        "at": {"type": "string"},
        "action": {"type": "string", "enum": ["created", "status", "edited", "workflow"]},
        "from_status": {"type": "string", "nullable": True, "enum": list(STATUSES) + [None]},
        "to_status": {"type": "string", "nullable": True, "enum": list(STATUSES) + [None]},
        "actor": {"type": "string"},
        "reason": NULLABLE_STRING,
        "changes": {"type": "array", "items": _object({
            "product_id": {"type": "string"}, "field": {"type": "string"},
            "old": NULLABLE_STRING, "new": NULLABLE_STRING,
        }, ["product_id", "field"])},
    }, ["at", "action", "actor"]),
    "OrderSummary": _object(ORDER_SUMMARY, list(ORDER_SUMMARY)),
    "Order": _object({
        **ORDER_SUMMARY,
        "customer_email": NULLABLE_STRING,
        "items": {"type": "array", "items": _ref("OrderLine"), "minItems": 1},
        "stock_reserved": {"type": "boolean"},
        "execution_arn": NULLABLE_STRING,
        "workflow_attempt": {"type": "integer"},
        "history": {"type": "array", "items": _ref("HistoryEntry")},
    }, list(ORDER_SUMMARY) + ["items", "stock_reserved", "execution_arn", "history"]),
    "OrderItemRequest": _object({
        "product_id": PRODUCT_ID,
        "quantity": {"type": "integer", "minimum": 1, "maximum": MAX_QUANTITY},
    }, ["product_id", "quantity"]),
    "CreateOrderRequest": {
        "description": (f"A customer (customer_id, or customer_name with customer_email) and up to "
                        f"{MAX_REQUEST_ITEMS} items (repeated products are merged; at most {MAX_LINES} "
                        "distinct products). Or the bookshop shape: customer_name, customer_email, book_isbn, "
                        "quantity (book_title and price, if given, are checked against the catalog)."),
        "oneOf": [
            _object({
                "customer_id": CUSTOMER_ID,
                "items": {"type": "array", "items": _ref("OrderItemRequest"), "minItems": 1, "maxItems": MAX_REQUEST_ITEMS},
            }, ["customer_id", "items"]),
            _object({
                "customer_name": NAME,
                "customer_email": EMAIL,
                "items": {"type": "array", "items": _ref("OrderItemRequest"), "minItems": 1, "maxItems": MAX_REQUEST_ITEMS},
            }, ["customer_name", "customer_email", "items"]),
            _object({
                "customer_name": NAME,
                "customer_email": EMAIL,
                "book_isbn": IDENTIFIER,
                "book_title": NAME,
                "quantity": {"type": "integer", "minimum": 1, "maximum": MAX_QUANTITY},
                "price": MONEY_IN,
            }, ["customer_name", "customer_email", "book_isbn", "quantity"]),
        ],
    },
    "UpdateOrderRequest": _object({
        "status": STATUS,
        "reason": {"type": "string", "maxLength": MAX_REASON},
        "items": {"type": "array", "minItems": 1, "maxItems": MAX_REQUEST_ITEMS, "items": _object({
            "product_id": IDENTIFIER,
            "quantity": {"type": "integer", "minimum": 0, "maximum": MAX_QUANTITY,
                         "description": "0 removes the line; a product not in the order is added"},
            "price": MONEY_IN,
        }, ["product_id"], minProperties=2)},
        "quantity": {"type": "integer", "minimum": 1, "maximum": MAX_QUANTITY, "description": "one-line orders"},
        "price": MONEY_IN,
    }, minProperties=1, description="status and/or items (or quantity/price of a one-line order)"),
    "CancelRequest": _object({"reason": {"type": "string", "maxLength": MAX_REASON}}),
    "OrderCreated": _object({
        "message": {"type": "string"},
        "order_id": {"type": "string", "format": "uuid"},
        "execution_arn": NULLABLE_STRING,
        "note": {"type": "string"},
        "workflow": _object({"started": {"type": "boolean"}, "reason": {"type": "string"}}, ["started"]),
        "order": _ref("Order"),
    }, ["message", "order_id", "execution_arn", "workflow", "order"]),
    "OrderUpdated": _object({
        "message": {"type": "string"},
        "order_id": {"type": "string", "format": "uuid"},
        "status": STATUS,
        "order": _ref("Order"),
    }, ["message", "order_id", "status", "order"]),
    "OrderDeleted": _object({
        "message": {"type": "string"},
        "order_id": {"type": "string", "format": "uuid"},
        "status": STATUS,
        "order": _ref("Order"),
    }, ["message", "order_id"]),
    "OrderList": _object({
        "orders": {"type": "array", "items": _ref("OrderSummary")},
        "pagination": _object({
            "page": {"type": "integer", "minimum": 1},
            "limit": {"type": "integer", "minimum": 1, "maximum": 100},
            "total": {"type": "integer", "minimum": 0},
            "pages": {"type": "integer", "minimum": 0},
        }, ["page", "limit", "total", "pages"]),
        "next_token": NULLABLE_STRING,
    }, ["orders", "pagination", "next_token"]),
    "WorkflowStarted": _object({
        "message": {"type": "string"},
        "order_id": {"type": "string"},
        "execution_arn": {"type": "string"},
        "status": STATUS,
    }, ["message", "order_id", "execution_arn", "status"]),
    "WorkflowStatus": _object({
        "execution_arn": {"type": "string"},
        "execution_name": {"type": "string"},
        "order_id": NULLABLE_STRING,
        "status": {"type": "string", "enum": ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]},
        "start_date": NULLABLE_STRING,
        "stop_date": NULLABLE_STRING,
        "input": {"nullable": True},
        "output": {"nullable": True},
        "recent_events": {"type": "array", "items": _object({
            "type": {"type": "string"}, "timestamp": NULLABLE_STRING, "state_name": NULLABLE_STRING,
        }, ["type", "timestamp", "state_name"])},
    }, ["execution_arn", "status", "start_date", "stop_date", "input", "output", "recent_events"]),
    "ExecutionList": _object({"executions": {"type": "array", "items": _object({
        "execution_arn": {"type": "string"}, "execution_name": {"type": "string"}, "order_id": NULLABLE_STRING,
        "status": {"type": "string"}, "start_date": NULLABLE_STRING, "stop_date": NULLABLE_STRING,
    }, ["execution_arn", "status"])}}, ["executions"]),
    "Product": _object({
        "product_id": {"type": "string"},
        "product_name": {"type": "string"},
        "price": MONEY,
        "stock_quantity": {"type": "integer", "minimum": 0},
        "in_stock": {"type": "boolean"},
        "category": {"type": "string"},
        "description": NULLABLE_STRING,
        "updated_at": {"type": "string"},
    }, ["product_id", "product_name", "price", "stock_quantity", "in_stock", "category"]),
    "ProductList": _object({"products": {"type": "array", "items": _ref("Product")}, "next_token": NULLABLE_STRING},
                           ["products", "next_token"]),
    "CreateProductRequest": _object({
        "product_id": IDENTIFIER,
        "product_name": NAME,
        "price": MONEY_IN,
        "stock_quantity": {"type": "integer", "minimum": 0, "maximum": 1000000000},
        "category": IDENTIFIER,
        "description": {"type": "string", "maxLength": 1000},
    }, ["product_id", "product_name", "price"]),
    "UpdateProductRequest": _object({
        "product_name": NAME,
        "price": MONEY_IN,
        "stock_quantity": {"type": "integer", "minimum": 0, "maximum": 1000000000},
        "add_stock": {"type": "integer", "minimum": -1000000000, "maximum": 1000000000},
        "category": IDENTIFIER,
        "description": {"type": "string", "maxLength": 1000, "nullable": True, "description": "null removes it"},
    }, minProperties=1),
    "ProductSaved": _object({"message": {"type": "string"}, "product": _ref("Product")}, ["message", "product"]),
    "Customer": _object({
        "customer_id": {"type": "string"},
        "customer_name": {"type": "string"},
        "email": {"type": "string"},
        "phone": NULLABLE_STRING,
        "address": NULLABLE_STRING,
        "created_at": {"type": "string"},
    }, ["customer_id", "customer_name", "email"]),
    "CustomerList": _object({"customers": {"type": "array", "items": _ref("Customer")}, "next_token": NULLABLE_STRING},
                            ["customers", "next_token"]),
    "CreateCustomerRequest": _object({
        "customer_id": IDENTIFIER,
        "customer_name": NAME,
        "email": EMAIL,
        "phone": {"type": "string", "maxLength": 40},
        "address": {"type": "string", "maxLength": 500},
    }, ["customer_name", "email"]),
    "CustomerSaved": _object({"message": {"type": "string"}, "customer": _ref("Customer")}, ["message", "customer"]),
    "Stats": _object({"orders": _object({
        "total": {"type": "integer", "minimum": 0},
        "by_status": _object({status: {"type": "integer", "minimum": 0} for status in STATUSES}, list(STATUSES)),
    }, ["total", "by_status"])}, ["orders"]),
    "Health": _object({"status": {"type": "string"}, "stage": {"type": "string"}}, ["status"]),
}


def _json(schema_name: str) -> dict:
    return {"application/json": {"schema": _ref(schema_name)}}


def _responses(success: dict, *errors: int) -> dict:
    descriptions = {
        400: "Invalid request (the message names the field)",
        403: "Missing, unknown or revoked API key, or a missing scope",
        404: "Not found",
        409: "Conflicts with the current state (status transition, stock, concurrent change)",
        412: "If-Match does not match the current version",
        413: "Request body too large",
        415: "Content-Type is not application/json",
        422: "Idempotency-Key reused with a different request",
        503: "A dependency (DynamoDB, Step Functions) is unavailable",
    }
    responses = dict(success)
    for code in errors + (503,):
        responses[str(code)] = {"description": descriptions[code], "content": _json("Error")}
    responses["default"] = {"description": "Unexpected error", "content": _json("Error")}
    return responses


def _ok(schema_name: str, code: int = 200, description: str = "OK", headers=None, links=None) -> dict:
    response = {"description": description, "content": _json(schema_name)}
    if headers:
        response["headers"] = headers
    if links:
        response["links"] = links
    return {str(code): response}


ETAG_HEADER = {"ETag": {"description": "The order's version, for If-Match", "schema": {"type": "string"}}}
IF_MATCH = {"name": "If-Match", "in": "header", "required": False,
            "schema": {"type": "string", "pattern": r'^(\*|(W/)?"?[0-9]{1,12}"?)$'},
            "description": 'Only apply the change if the order is still at this version (its ETag, e.g. "3")'}
IDEMPOTENCY_KEY = {"name": "Idempotency-Key", "in": "header", "required": False,
                   "schema": {"type": "string", "pattern": r"^[!-~]{1,128}$"},
                   "description": "Retries with the same key and body replay the first response (24 hours)"}
ORDER_ID = {"name": "order_id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
BODY_ERRORS = (400, 403, 413, 415)


def _query(name: str, schema: dict, description: str = "") -> dict:
    parameter = {"name": name, "in": "query", "required": False, "schema": schema}
    if description:
        parameter["description"] = description
    return parameter


PATHS = {
    "/health": {"get": {
        "summary": "Health: 200 when every table answers", "security": [], "operationId": "health",
        "responses": _responses(_ok("Health")),
    }},
    "/openapi.json": {"get": {
        "summary": "This document", "security": [], "operationId": "openapi",
        "responses": _responses({"200": {"description": "OpenAPI 3 document",
                                         "content": {"application/json": {"schema": {"type": "object"}}}}}),
    }},
    "/orders": {
        "post": {
            "summary": "Create an order (priced from the catalog) and start its workflow",
            "operationId": "createOrder",
            "parameters": [IDEMPOTENCY_KEY],
            "requestBody": {"required": True, "content": _json("CreateOrderRequest")},
            "responses": _responses(_ok("OrderCreated", 201, "Created", ETAG_HEADER, links={
                "GetOrder": {"operationId": "getOrder", "parameters": {"order_id": "$response.body#/order_id"}},
                "UpdateOrder": {"operationId": "updateOrder", "parameters": {"order_id": "$response.body#/order_id"}},
                "CancelOrder": {"operationId": "deleteOrder", "parameters": {"order_id": "$response.body#/order_id"}},
                "RunWorkflow": {"operationId": "runWorkflow", "parameters": {"order_id": "$response.body#/order_id"}},
                "OrderStatus": {"operationId": "workflowStatus", "parameters": {"identifier": "$response.body#/order_id"}},
            }), 409, 422, *BODY_ERRORS),
        },
        "get": {
            "summary": "List orders, newest first (cancelled included)",
            "operationId": "listOrders",
            "parameters": [
                _query("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
                       f"Page number; page x limit beyond {MAX_OFFSET + 100} needs next_token"),
                _query("limit", {"type": "integer", "minimum": 1, "maximum": 100, "default": 10}),
                _query("next_token", NEXT_TOKEN, "Cursor from a previous page (instead of page)"),
                _query("status", STATUS),
                _query("customer_id", IDENTIFIER),
            ],
            "responses": _responses(_ok("OrderList"), 400, 403),
        },
    },
    "/orders/{order_id}": {
        "parameters": [ORDER_ID],
        "get": {
            "summary": "One order with its items and history",
            "operationId": "getOrder",
            "responses": _responses(_ok("Order", headers=ETAG_HEADER), 403, 404),
        },
        "put": {
            "summary": "Change status, quantities and unit prices",
            "operationId": "updateOrder",
            "parameters": [IF_MATCH],
            "requestBody": {"required": True, "content": _json("UpdateOrderRequest")},
            "responses": _responses(_ok("OrderUpdated", headers=ETAG_HEADER, links={
                "GetOrder": {"operationId": "getOrder", "parameters": {"order_id": "$request.path.order_id"}},
            }), 404, 409, 412, *BODY_ERRORS),
        },
        "delete": {
            "summary": "Cancel (soft delete; ?hard=true with the admin scope deletes for good)",
            "operationId": "deleteOrder",
            "parameters": [
                IF_MATCH, IDEMPOTENCY_KEY,
                _query("hard", {"type": "boolean"}, "Delete for good (admin scope)"),
                _query("reason", {"type": "string", "maxLength": MAX_REASON}, "Why it is cancelled"),
            ],
            "requestBody": {"required": False, "content": _json("CancelRequest")},
            "responses": _responses(_ok("OrderDeleted"), 404, 409, 412, 422, *BODY_ERRORS),
        },
    },
    "/orders/{order_id}/workflow": {
        "parameters": [ORDER_ID],
        "post": {
            "summary": "Start the workflow of a pending order, or re-run it for a failed one",
            "operationId": "runWorkflow",
            "parameters": [IDEMPOTENCY_KEY],
            "responses": _responses(_ok("WorkflowStarted", 202, "Accepted"), 403, 404, 409, 422),
        },
    },
    "/stats": {
        "get": {
            "summary": "Order counts: total and per status (kept on write, read in one call)",
            "operationId": "orderStats",
            "responses": _responses(_ok("Stats"), 400, 403),
        },
    },
    "/status/{identifier}": {
        "get": {
            "summary": "Workflow execution status, by order id or execution ARN",
            "operationId": "workflowStatus",
            "parameters": [{"name": "identifier", "in": "path", "required": True,
                            "schema": {"type": "string", "pattern": r"^[A-Za-z0-9:._\-]{1,256}$"},
                            "description": "An order id, or an execution ARN"}],
            "responses": _responses(_ok("WorkflowStatus"), 403, 404),
        },
    },
    "/executions": {
        "get": {
            "summary": "Recent executions of the order workflow",
            "operationId": "listExecutions",
            "parameters": [
                _query("status", {"type": "string", "enum": ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]}),
                _query("limit", {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}),
            ],
            "responses": _responses(_ok("ExecutionList"), 400, 403),
        },
    },
    "/products": {
        "get": {
            "summary": "The catalog",
            "operationId": "listProducts",
            "parameters": [
                _query("category", IDENTIFIER),
                _query("in_stock", {"type": "boolean"}),
                _query("limit", {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}),
                _query("next_token", NEXT_TOKEN),
            ],
            "responses": _responses(_ok("ProductList"), 400, 403),
        },
        "post": {
            "summary": "Add a product (admin)",
            "operationId": "createProduct",
            "requestBody": {"required": True, "content": _json("CreateProductRequest")},
            "responses": _responses(_ok("ProductSaved", 201, "Created"), 409, *BODY_ERRORS),
        },
    },
    "/products/{product_id}": {
        "parameters": [{"name": "product_id", "in": "path", "required": True, "schema": IDENTIFIER}],
        "get": {
            "summary": "One product",
            "operationId": "getProduct",
            "responses": _responses(_ok("Product"), 403, 404),
        },
        "put": {
            "summary": "Change price, stock (set or add) or details (admin)",
            "operationId": "updateProduct",
            "requestBody": {"required": True, "content": _json("UpdateProductRequest")},
            "responses": _responses(_ok("ProductSaved"), 404, 409, *BODY_ERRORS),
        },
    },
    "/customers": {
        "get": {
            "summary": "Customers",
            "operationId": "listCustomers",
            "parameters": [
                _query("limit", {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}),
                _query("next_token", NEXT_TOKEN),
            ],
            "responses": _responses(_ok("CustomerList"), 400, 403),
        },
        "post": {
            "summary": "Register a customer",
            "operationId": "createCustomer",
            "requestBody": {"required": True, "content": _json("CreateCustomerRequest")},
            "responses": _responses(_ok("CustomerSaved", 201, "Created"), 409, *BODY_ERRORS),
        },
    },
    "/customers/{customer_id}": {
        "parameters": [{"name": "customer_id", "in": "path", "required": True, "schema": IDENTIFIER}],
        "get": {
            "summary": "One customer",
            "operationId": "getCustomer",
            "responses": _responses(_ok("Customer"), 403, 404),
        },
    },
}


@functools.lru_cache(maxsize=1)
def _document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Order Management API",
            "version": "1.0.0",
            "description": "Serverless order management on AWS Chalice, DynamoDB and Step Functions. "
                           "Money is a decimal string with two places. Every route but /health and "
                           "/openapi.json needs an x-api-key header.",
        },
        "components": {
            "securitySchemes": {"ApiKey": {"type": "apiKey", "in": "header", "name": "x-api-key"}},
            "schemas": SCHEMAS,
        },
        "security": [{"ApiKey": []}],
        "paths": PATHS,
    }


def document() -> dict:
    return copy.deepcopy(_document())
