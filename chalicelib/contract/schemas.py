"""Every schema by the name app.py gives it, and what is no one resource's:
the error body, shared headers, health. The rest is declared by resource
(`orders`, `catalog`, `workflow`, `webhooks`: request bodies, query strings,
responses), from `values` and the schema language `spec`; a named schema
there is found here without being listed."""
import sys
from types import ModuleType
from typing import Dict

from . import catalog, identifiers, orders, staff, webhooks, workflow
from .spec import Field, List_, Pattern, Record, Schema, Value
from .values import MAX_REQUEST_ITEMS, STRING, identifier, nullable, out, response

ERROR_ISSUE = response("ErrorDetail", code=STRING, param=nullable("string"), message=STRING)
ERROR = response(
    "Error",
    message=STRING,
    code=out("string", description="Machine-readable; the document's x-error-codes lists them"),
    param=Field(out("string", description="JSON path of the field at fault, e.g. items[0].quantity")),
    errors=Field(List_(ERROR_ISSUE, MAX_REQUEST_ITEMS * 4, min_items=1, description="Every issue found, when several")),
    request_id=Field(STRING),
    error=Field(out("string", description="5xx only: a short name of the failure")),
)
IDEMPOTENCY_KEY = Pattern(identifiers.IDEMPOTENCY_KEY, "1-128 visible ASCII characters")
IF_MATCH = Pattern(identifiers.IF_MATCH, 'an ETag such as "3" (the order\'s version)')
NO_QUERY = Record("NoQuery", {})
HEALTH = response("Health", status=STRING, stage=STRING)
OPENAPI = Value({"type": "object", "description": "This document"})


def named(name: str) -> Schema:
    return _BY_NAME[name]


def _by_name(*modules: ModuleType) -> Dict[str, Schema]:
    found: Dict[str, Schema] = {}
    for module in modules:
        for schema in vars(module).values():
            name = getattr(schema, "name", None) if isinstance(schema, Schema) else None
            if name is None:
                continue
            if found.setdefault(name, schema) is not schema:
                raise ValueError(f"Two schemas are named {name}")
    return found


_BY_NAME = _by_name(orders, catalog, workflow, webhooks, staff, sys.modules[__name__])
_BY_NAME.update({
    "OrderId": Pattern(identifiers.ORDER_ID, "an order id"), "Identifier": identifier(),
    "ExecutionIdentifier": Pattern(identifiers.EXECUTION_IDENTIFIER, "an order id or an execution ARN"),
    "WebhookId": webhooks.WEBHOOK_ID, "DeliveryId": webhooks.DELIVERY_ID, "OpenApiDocument": OPENAPI})
