"""The one mapping from errors to HTTP responses.

Every error leaves as JSON: `{"message", "code", "param"?, "errors"?}` for a
4xx (`errors` lists every issue of a request with several), plus
`request_id` and a short `error` name for a 5xx; never a traceback, never
Chalice's own body."""
import json
import logging
from typing import Any, Dict, Optional

from chalice import Response

from ..core.errors import (
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    ServiceUnavailable,
    Unauthorized,
    Unprocessable,
    UnsupportedMediaType,
    ValidationError,
)
from ..data import aws_failures
from .responses import json_response

logger = logging.getLogger("oms.api")

STATUS_OF = (
    (ValidationError, 400), (Unauthorized, 401), (Forbidden, 403), (NotFound, 404), (Conflict, 409), (PreconditionFailed, 412),
    (PayloadTooLarge, 413), (UnsupportedMediaType, 415), (Unprocessable, 422), (ServiceUnavailable, 503),
)


def status_of(error: DomainError) -> int:
    for kind, status in STATUS_OF:
        if isinstance(error, kind):
            return status
    return 500


def classify(error: BaseException) -> DomainError:
    """Any exception as a DomainError: AWS giving no definite answer is 503."""
    if isinstance(error, DomainError):
        return error
    if aws_failures.is_unavailable(error):
        return ServiceUnavailable("Service unavailable", error=aws_failures.name(error))
    return DomainError("Internal server error", error=type(error).__name__)


def error_response(error: BaseException, request_id: str, retry_advice: Optional[str] = None) -> Response:
    """It cannot fail: if building the answer itself raises, a fixed 500
    body still carries the request id. A 503 of a write carries
    `retry_advice` (how to retry it safely) in its message."""
    try:
        domain_error = classify(error)
        status = status_of(domain_error)
        message = domain_error.message
        if status == 503 and retry_advice:
            message = f"{message}; {retry_advice}"
        body: Dict[str, Any] = {"message": message, "code": domain_error.code}
        if domain_error.param:
            body["param"] = domain_error.param
        issues = getattr(domain_error, "issues", ())
        if len(issues) > 1:
            body["errors"] = [{"code": i.code, "param": i.param, "message": i.message} for i in issues]
        headers = {"X-Request-Id": request_id}
        if "retry_after" in domain_error.details:
            headers["Retry-After"] = str(domain_error.details["retry_after"])
        if status >= 500:
            body["error"] = domain_error.details.get("error", "unexpected")
            body["request_id"] = request_id
            if status == 503:
                headers["Retry-After"] = "1"
                logger.warning("dependency unavailable", extra={"error": body["error"]})
            else:
                logger.error("request failed", exc_info=error, extra={"error": body["error"]})
        return json_response(body, status, headers)
    except Exception:  # noqa: BLE001 - the last resort must not raise
        return last_resort_response(request_id)


def last_resort_response(request_id: str) -> Response:
    return Response(body=json.dumps({"message": "Internal server error", "code": "internal_error", "error": "unexpected",
                                     "request_id": request_id}),
                    status_code=500, headers={"Content-Type": "application/json", "X-Request-Id": request_id})
