"""The errors any layer may raise: plain exceptions with a message safe to
show a client, a machine-readable `code` (one of `ERROR_CODES`) and, when one
field is at fault, the JSON path of it (`param`). `chalicelib.http.errors`
maps each kind to an HTTP status in one place."""
from typing import List, NamedTuple, Optional

# Every code an error carries, with what it means (published in the OpenAPI
# document as `x-error-codes`, listed in docs/api.md).
ERROR_CODES = {
    "invalid_json": "400: the body is not a JSON object within the limits (size, nesting, fields)",
    "missing_field": "400: a required field is missing (param names it)",
    "unknown_field": "400: a field or query parameter this operation does not have",
    "duplicate_field": "400: a field given twice in one object",
    "invalid_value": "400: a value of the wrong type, format or range",
    "idempotency_not_supported": "400: this operation takes no Idempotency-Key (read the resource back before a retry)",
    "invalid_token": "401: the Bearer token is not a valid sign-in of this stage (signature, issuer, client, type)",
    "token_expired": "401: the Bearer token has expired: refresh it, or sign in again",
    "forbidden": "403: no API key, an unknown or revoked one, or a missing scope",
    "no_role": "403: the signed-in person is in no staff group (viewer, fulfilment, manager)",
    "not_found": "404: the resource in the path does not exist",
    "unsupported_method": "405: this path does not have this method",
    "invalid_transition": "409: the order's status does not allow this change",
    "not_editable": "409: the order's lines can no longer change",
    "insufficient_stock": "409: not enough stock for the change",
    "changed_concurrently": "409: the resource kept changing under the request; retry",
    "already_exists": "409: a product or customer with this id or e-mail exists",
    "history_full": "409: the order has reached its limit of changes",
    "idempotency_in_progress": "409: a request with this Idempotency-Key is still running; retry after Retry-After",
    "workflow_unavailable": "409: this stage has no workflow",
    "webhook_disabled": "409: the webhook is disabled; enable it before retrying or replaying deliveries",
    "version_mismatch": "412: If-Match names another version",
    "body_too_large": "413: the body is over the size limit",
    "unsupported_media_type": "415: the body is not application/json",
    "product_not_found": "422: an item names a product that does not exist",
    "customer_not_found": "422: customer_id names a customer that does not exist",
    "price_mismatch": "422: the price given is not the catalog price",
    "too_many_products": "422: more distinct products than one order can hold",
    "quantity_too_large": "422: repeated lines add up to more than the quantity limit",
    "invalid_cursor": "422: next_token was not issued for this list",
    "idempotency_key_reused": "422: the Idempotency-Key was used with a different request",
    "empty_order": "422: the change would leave the order without lines",
    "invalid_postal_code": "422: a postal code not in the shape its country requires (US, CA, GB, DE, FR, AU)",
    "line_not_found": "422: an edit names a product not in the order without a quantity",
    "reason_required": "422: an edit of an order's money (a unit price, the total to 0 or down by more than half) needs a reason",
    "ambiguous_line": "422: quantity/price without items on an order of several lines",
    "service_unavailable": "503: AWS gave no answer in time; the message says how to retry safely",
    "internal_error": "500: a bug; the request id finds it in the logs",
}


class Issue(NamedTuple):
    """One thing wrong with a request: what, where (JSON path), in words."""
    code: str
    param: Optional[str]
    message: str


class DomainError(Exception):
    code = "internal_error"

    def __init__(self, message: str, *, code: Optional[str] = None, param: Optional[str] = None, **details):
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.param = param
        self.details = details


class ValidationError(DomainError):
    """The request does not match the contract. Carries every issue found."""
    code = "invalid_value"

    def __init__(self, message: str, *, code: Optional[str] = None, param: Optional[str] = None,
                 issues: Optional[List[Issue]] = None):
        super().__init__(message, code=code, param=param)
        self.issues = issues or [Issue(self.code, param, message)]

    @classmethod
    def of(cls, issues: List[Issue]) -> "ValidationError":
        first = issues[0]
        return cls(first.message, code=first.code, param=first.param, issues=issues)


class Unauthorized(DomainError):
    """A Bearer token that does not prove who sent it (answered 401)."""
    code = "invalid_token"


class Forbidden(DomainError):
    code = "forbidden"

    def __init__(self, message: str = "Forbidden", *, code: Optional[str] = None):
        super().__init__(message, code=code)


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    """The request is valid but the current state of the resource forbids it."""
    code = "changed_concurrently"


class PreconditionFailed(DomainError):
    code = "version_mismatch"


class PayloadTooLarge(DomainError):
    code = "body_too_large"


class UnsupportedMediaType(DomainError):
    code = "unsupported_media_type"


class Unprocessable(DomainError):
    """Well-formed, but refers to something that does not exist or does not fit."""
    code = "invalid_value"


class ServiceUnavailable(DomainError):
    """A dependency (DynamoDB, Step Functions) gave no answer in time."""
    code = "service_unavailable"

    def __init__(self, message: str = "Service unavailable", **details):
        super().__init__(message, **details)
