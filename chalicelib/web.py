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

from chalice import Blueprint, CORSConfig, Response

from . import auth, aws_failures
from .errors import DomainError, ServiceUnavailable, ValidationError
from .settings import get_settings
from .validation import parse_json_body

logger = logging.getLogger("oms.api")


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


def classify(error: BaseException) -> DomainError:
    """Any exception as a DomainError: AWS giving no definite answer is 503."""
    if isinstance(error, DomainError):
        return error
    if aws_failures.is_unavailable(error):
        return ServiceUnavailable("Service unavailable", error=aws_failures.name(error))
    return DomainError("Internal server error", error=type(error).__name__)


def error_response(error: BaseException, request_id: str) -> Response:
    """The one mapping from an exception to a JSON response. It cannot fail:
    if building the answer itself raises, a fixed 500 body still carries the
    request id (never Chalice's own body, never a traceback)."""
    try:
        domain_error = classify(error)
        body: Dict[str, Any] = {"message": domain_error.message}
        headers = {"X-Request-Id": request_id}
        if domain_error.status_code >= 500:
            body["error"] = domain_error.details.get("error", "unexpected")
            body["request_id"] = request_id
            if domain_error.status_code == 503:
                headers["Retry-After"] = "1"
                logger.warning("dependency unavailable", extra={"error": body["error"]})
            else:
                logger.error("request failed", exc_info=error, extra={"error": body["error"]})
        else:
            body.update({key: value for key, value in domain_error.details.items() if key not in ("error", "retry_after")})
        if "retry_after" in domain_error.details:
            headers["Retry-After"] = str(domain_error.details["retry_after"])
        return json_response(body, domain_error.status_code, headers)
    except Exception:  # noqa: BLE001 - the last resort must not raise
        return last_resort_response(request_id)


def last_resort_response(request_id: str) -> Response:
    return Response(body=json.dumps({"message": "Internal server error", "error": "unexpected", "request_id": request_id}),
                    status_code=500, headers={"Content-Type": "application/json", "X-Request-Id": request_id})


def request_id_of(request) -> str:
    """API Gateway's request id, or one made up once per request (chalice local)."""
    context = getattr(request, "context", None)
    if context is None:
        return str(uuid.uuid4())
    return context.get("requestId") or context.setdefault("oms_request_id", str(uuid.uuid4()))


@dataclass
class Call:
    """What a view gets: the request, who is calling, and parsed helpers.
    `operation_id` names the work this request does: the request id, or the
    Idempotency-Key's operation when the request carries one (so a retry of
    it is the same operation)."""
    request: Any
    principal: Optional[auth.Principal]
    request_id: str
    operation_id: str = ""

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
                call.operation_id = call.request_id
                try:
                    response = _dispatch(call, view, path, path_params, scope, idempotent)
                    response.headers.setdefault("X-Request-Id", call.request_id)
                    request.context["oms_key_id"] = call.principal.key_id if call.principal else None
                except Exception:  # noqa: BLE001 - never Chalice's own 500 body
                    response = last_resort_response(call.request_id)
                return response

            self.route(path, methods=methods, cors=cors_config(), content_types=["*/*"])(handler)
            return view

        return decorator


def _dispatch(call: Call, view: Callable, path: str, path_params: dict, scope: Optional[str], idempotent: bool) -> Response:
    def respond(operation_id: str) -> Response:
        call.operation_id = operation_id
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
            return respond(call.request_id)
        from . import idempotency  # only requests that carry the header pay for it

        request = call.request
        fingerprint = idempotency.request_fingerprint(
            request.method, f"{path}:{json.dumps(path_params, sort_keys=True)}", request.raw_body, call.query)
        return idempotency.run(call.principal.key_id, key, fingerprint, respond)
    except Exception as error:
        return error_response(error, call.request_id)
