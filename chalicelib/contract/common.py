"""What belongs to no one resource: the error body every route may answer,
the headers and path parameters routes share, and what the System routes
answer (health, the OpenAPI document)."""
from . import identifiers as ids
from .spec import Field, List_, Pattern, Value
from .values import MAX_REQUEST_ITEMS, STRING, nullable, out, response

ERROR_ISSUE = response("ErrorDetail", code=STRING, param=nullable("string"), message=STRING)
ERROR = response(
    "Error",
    message=STRING,
    code=out("string", description="Machine-readable; see the README's list of codes"),
    param=Field(out("string", description="JSON path of the field at fault, e.g. items[0].quantity")),
    errors=Field(List_(ERROR_ISSUE, MAX_REQUEST_ITEMS * 4, min_items=1, description="Every issue found, when several")),
    request_id=Field(STRING),
    error=Field(out("string", description="5xx only: a short name of the failure")),
)

IDEMPOTENCY_KEY = Pattern(ids.IDEMPOTENCY_KEY, "1-128 visible ASCII characters")
IF_MATCH = Pattern(ids.IF_MATCH, 'an ETag such as "3" (the order\'s version)')
ORDER_ID = Pattern(ids.ORDER_ID, "an order id")
EXECUTION_IDENTIFIER = Pattern(ids.EXECUTION_IDENTIFIER, "an order id or an execution ARN")

HEALTH = response("Health", status=STRING, stage=STRING)
OPENAPI = Value({"type": "object", "description": "This document"})
