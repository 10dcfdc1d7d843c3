"""The OpenAPI 3.1 document served at GET /openapi.json, built from the routes
`app.py` declares and the contract's schemas: nothing in it is written twice.
The lifecycle (`x-transitions`) and the error codes (`x-error-codes`) are
published too, for the website and for client authors."""
from typing import Dict, List, Optional, Sequence

from ..contract import schemas
from ..contract.spec import Schema, components, reference
from ..core import errors
from ..model.order_rules import ALLOWED_TRANSITIONS, EDITABLE_STATUSES, STATUSES
from .api import Route

ERROR_DESCRIPTIONS = {
    400: "The request does not match this document (`errors` lists every field at fault)",
    401: "The Bearer token is not a valid staff sign-in of this stage, or has expired",
    403: "Missing, unknown or revoked API key, a missing scope, or a signed-in person without a role",
    404: "Not found",
    409: "Conflicts with the current state (status transition, stock, a request in progress)",
    412: "If-Match does not match the current version",
    413: "Request body too large",
    415: "Content-Type is not application/json",
    422: "Well-formed but not acceptable (an unknown product or customer, a reused Idempotency-Key, ...)",
    503: "A dependency (DynamoDB, Step Functions) gave no answer in time; retry (with the same Idempotency-Key)",
}
TAGS = [
    {"name": "Orders", "description": "Create, list, read, change, cancel and delete orders"},
    {"name": "Workflow", "description": "The Step Functions run that reserves stock"},
    {"name": "Catalog", "description": "Products and their stock"},
    {"name": "Customers", "description": "Customers"},
    {"name": "Staff", "description": "Who may sign in to the console, with which role (managers)"},
    {"name": "System", "description": "Health and this document"},
]
ETAG = {"ETag": {"description": 'The order\'s version, for If-Match (e.g. "3")', "schema": {"type": "string"}}}


def document(routes: Sequence[Route], server_url: Optional[str] = None) -> dict:
    paths: Dict[str, dict] = {}
    roots: List[Schema] = [schemas.ERROR]
    for route in routes:
        paths.setdefault(route.path, {})[route.method.lower()] = _operation(route)
        roots += [schemas.named(name) for name in (route.body, *route.responses.values()) if name is not None]
        roots += [field.schema for field in _query(route).fields.values()]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Order Management API",
            "version": "2.0.0",
            "description": "Orders, their stock-reserving workflow, the catalog and customers. Money is a decimal "
                           "string with two places. Every route but /health and /openapi.json needs an x-api-key "
                           "or a staff member's Cognito token (Authorization: Bearer).",
        },
        "servers": [{"url": server_url or "http://127.0.0.1:8000"}],
        "tags": TAGS,
        "security": [{"ApiKey": []}, {"StaffToken": []}],
        "paths": paths,
        "components": {
            "schemas": components(roots),
            "securitySchemes": {
                "ApiKey": {"type": "apiKey", "in": "header", "name": "x-api-key"},
                "StaffToken": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                               "description": "A Cognito access or ID token of the stage's user pool (docs/staff.md)"},
            },
        },
        "x-transitions": {status: sorted(ALLOWED_TRANSITIONS[status], key=STATUSES.index) for status in STATUSES},
        "x-editable-statuses": [status for status in STATUSES if status in EDITABLE_STATUSES],
        "x-error-codes": errors.ERROR_CODES,
    }


def _operation(route: Route) -> dict:
    operation = {
        "operationId": route.operation,
        "summary": route.summary,
        "tags": [route.tag],
        "parameters": _parameters(route),
        "responses": _responses(route),
    }
    if route.scope is None:
        operation["security"] = []
    else:
        operation["x-scope"] = route.scope
    if route.body is not None:
        operation["requestBody"] = {"required": route.body_required,
                                    "content": {"application/json": {"schema": reference(schemas.named(route.body))}}}
    return operation


def _query(route: Route):
    return schemas.named(route.query) if route.query else schemas.NO_QUERY


def _parameters(route: Route) -> List[dict]:
    parameters = [{"name": name, "in": "path", "required": True, "schema": schemas.named(schema).document()}
                  for name, schema in route.path_params.items()]
    for name, field in _query(route).fields.items():
        parameter = {"name": name, "in": "query", "required": field.required, "schema": reference(field.schema)}
        parameters.append(parameter)
    if route.idempotent:
        parameters.append({"name": "Idempotency-Key", "in": "header", "required": False,
                           "schema": schemas.IDEMPOTENCY_KEY.document(),
                           "description": "A retry with the same key and request replays the first response (24 hours)"})
    if route.if_match:
        parameters.append({"name": "If-Match", "in": "header", "required": False, "schema": schemas.IF_MATCH.document(),
                           "description": 'Apply the change only if the order is still at this version (its ETag, e.g. "3")'})
    return parameters


def _responses(route: Route) -> dict:
    responses = {}
    for status, name in route.responses.items():
        response = {"description": "Success", "content": {"application/json": {"schema": reference(schemas.named(name))}}}
        if route.etag:
            response["headers"] = ETAG
        if route.links:
            response["links"] = {name: {"operationId": operation, "parameters": parameters}
                                 for name, (operation, parameters) in route.links.items()}
        responses[str(status)] = response
    statuses = set(route.errors) | {503}
    if _query(route).fields or route.body is not None or route.idempotent or route.if_match:
        statuses.add(400)
    if route.body is not None:
        statuses |= {413, 415}
    if route.scope is not None:
        statuses |= {401, 403}
    if route.path_params:
        statuses.add(404)
    error = {"application/json": {"schema": reference(schemas.ERROR)}}
    for status in sorted(statuses):
        responses[str(status)] = {"description": ERROR_DESCRIPTIONS[status], "content": error}
    responses["default"] = {"description": "Unexpected error", "content": error}
    return responses
