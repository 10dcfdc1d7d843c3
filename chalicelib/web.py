"""HTTP plumbing shared by the blueprints: JSON in and out, the API-key and
scope check, and the one mapping from errors to responses.

Every error leaves as `{"message": ...}`; a 500 adds a safe summary and the
request id, never a traceback."""
import functools
import json
import logging
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Dict, Optional

from botocore.exceptions import BotoCoreError, ClientError
from chalice import Blueprint, CORSConfig, Response
from pynamodb.exceptions import PynamoDBException

from . import auth
from .errors import DomainError, ServiceUnavailable, ValidationError
from .settings import get_settings
from .validation import parse_json_body

logger = logging.getLogger("oms.api")

# Errors from AWS that mean "a dependency is down or throttling", not "a bug".
UNAVAILABLE_CODES = {
    "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
    "InternalServerError", "ServiceUnavailable", "InternalFailure", "ResourceNotFoundException",
    "TransactionInProgressException", "RequestTimeout", "UnrecognizedClientException",
}


def cors_config() -> CORSConfig:
    return CORSConfig(
        allow_origin=get_settings().cors_origin,
        allow_headers=["x-api-key", "Content-Type", "Idempotency-Key", "If-Match"],
        expose_headers=["ETag", "Idempotent-Replayed", "X-Request-Id"],
        max_age=600,
    )


def _json_default(value: Any):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def json_response(body: Any, status_code: int = 200, headers: Optional[Dict[str, str]] = None) -> Response:
    return Response(
        body=json.dumps(body, default=_json_default, separators=(",", ":")),
        status_code=status_code,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def _aws_error_code(error: BaseException) -> Optional[str]:
    while error is not None:
        if isinstance(error, ClientError):
            return error.response.get("Error", {}).get("Code")
        if isinstance(error, PynamoDBException) and error.cause_response_code:
            return error.cause_response_code
        error = error.__cause__ or getattr(error, "cause", None)
    return None


def classify(error: BaseException) -> DomainError:
    """Any exception as a DomainError: infrastructure trouble becomes 503."""
    if isinstance(error, DomainError):
        return error
    if isinstance(error, (BotoCoreError, ClientError, PynamoDBException)):
        code = _aws_error_code(error)
        if code is None or code in UNAVAILABLE_CODES:
            return ServiceUnavailable("Service unavailable", error=code or type(error).__name__)
    return DomainError("Internal server error", error=type(error).__name__)


def error_response(error: BaseException, request_id: str) -> Response:
    domain_error = classify(error)
    body: Dict[str, Any] = {"message": domain_error.message}
    if domain_error.status_code >= 500:
        body["error"] = domain_error.details.get("error", "unexpected")
        body["request_id"] = request_id
        logger.error("request failed", exc_info=error if domain_error is not error else None,
                     extra={"error": body["error"]})
    else:
        body.update({key: value for key, value in domain_error.details.items() if key != "error"})
    return json_response(body, domain_error.status_code, {"X-Request-Id": request_id})


def request_id_of(request) -> str:
    """API Gateway's request id, or one made up once per request (chalice local)."""
    context = getattr(request, "context", None)
    if context is None:
        return str(uuid.uuid4())
    return context.get("requestId") or context.setdefault("oms_request_id", str(uuid.uuid4()))


@dataclass
class Call:
    """What a view gets: the request, who is calling, and parsed helpers."""
    request: Any
    principal: Optional[auth.Principal]
    request_id: str

    @property
    def actor(self) -> str:
        return self.principal.key_id if self.principal else "anonymous"

    @property
    def query(self) -> Dict[str, str]:
        return dict(self.request.query_params or {})

    def header(self, name: str) -> Optional[str]:
        return (self.request.headers or {}).get(name)

    def json(self, required: bool = True) -> Dict[str, Any]:
        return parse_json_body(self.request.raw_body, self.header("content-type"),
                               get_settings().max_body_bytes, required=required)


def if_match_version(call: Call) -> Optional[int]:
    raw = call.header("if-match")
    if raw is None or raw.strip() == "*":
        return None
    value = raw.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if not value.isdigit() or len(value) > 12:
        raise ValidationError('If-Match must be an ETag such as "3" (the order\'s version)')
    return int(value)


def etag(version) -> str:
    return f'"{int(version)}"'


class Api(Blueprint):
    """A Blueprint whose routes check the API key and scope, accept any
    content type (so the view, not Chalice, answers a wrong one in our error
    shape), and turn every exception into a JSON error response."""

    def api_route(self, path: str, methods, scope: Optional[str], idempotent: bool = False) -> Callable:
        """`idempotent` routes honour an Idempotency-Key header (see chalicelib.idempotency)."""
        def decorator(view: Callable) -> Callable:
            @functools.wraps(view)
            def handler(**path_params):
                request = self.current_request
                call = Call(request, None, request_id_of(request))

                def respond() -> Response:
                    try:
                        return view(call, **path_params)
                    except Exception as error:  # one exit for every failure
                        return error_response(error, call.request_id)

                try:
                    if scope is not None:
                        call.principal = auth.authenticate(call.header("x-api-key"))
                        auth.require(call.principal, scope)
                    key = call.header("idempotency-key") if idempotent else None
                    if key is None:
                        response = respond()
                    else:
                        from . import idempotency  # only requests that carry the header pay for it

                        fingerprint = idempotency.request_fingerprint(
                            request.method, f"{path}:{json.dumps(path_params, sort_keys=True)}", request.raw_body, call.query)
                        response = idempotency.run(call.principal.key_id, key, fingerprint, respond)
                except Exception as error:
                    response = error_response(error, call.request_id)
                response.headers.setdefault("X-Request-Id", call.request_id)
                request.context["oms_key_id"] = call.principal.key_id if call.principal else None
                return response

            self.route(path, methods=methods, cors=cors_config(), content_types=["*/*"])(handler)
            return view

        return decorator
