"""Routes as `app.py` declares them. Each names its path, method, scope and
contract (body, query, responses, by the contract's schema names); this
layer checks the API key and scope, parses the request against the contract
into typed objects, honours Idempotency-Key and If-Match, and turns every
exception into the JSON error shape (`chalicelib.http.errors`). The OpenAPI
document is built from the same declarations (`chalicelib.http.openapi`).

The contract's registry is loaded the first time a request needs it (a
body, a query string, an Idempotency-Key), not at import: a cold start that
serves a read loads only its resource's module, to render what it sends
(`contract.orders` for GET /orders/{id}, about 2 ms)."""
import functools
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple

from chalice import Chalice, CORSConfig, Response

from ..contract import identifiers
from ..core.errors import NotFound, ValidationError
from ..core.settings import get_settings
from ..domain import auth
from ..model.actor import Actor
from .errors import error_response, last_resort_response

ANONYMOUS = Actor.system("anonymous")  # a route that needs no credential changes nothing


@dataclass(frozen=True)
class Route:
    """One operation of the API, as app.py declares it (schemas by name)."""
    path: str
    method: str
    operation: str  # the OpenAPI operationId
    scope: Optional[str]  # None: no API key needed
    summary: str
    tag: str
    responses: Dict[int, str]
    body: Optional[str] = None
    body_required: bool = True
    query: Optional[str] = None
    path_params: Dict[str, str] = field(default_factory=dict)
    idempotent: bool = False  # honours Idempotency-Key
    if_match: bool = False  # honours If-Match
    etag: bool = False  # answers with the order's ETag
    errors: Tuple[int, ...] = ()  # statuses beyond 400, 403 and 503
    # OpenAPI links from this operation's response: name -> (operationId, {parameter: expression})
    links: Dict[str, Tuple[str, Dict[str, str]]] = field(default_factory=dict)


@dataclass
class Call:
    """What a view gets: the request checked against its route's contract."""
    request: Any
    route: Route
    request_id: str
    path: Dict[str, str] = field(default_factory=dict)
    principal: Optional[auth.Principal] = None
    # The work this request does: the request id, or the Idempotency-Key's
    # operation (so a retry of it is the same operation).
    operation_id: str = ""
    body: Any = None
    parsed_body: Any = None  # the body as JSON, before the contract typed it
    query: Any = field(default_factory=dict)
    expected_version: Optional[int] = None

    @property
    def actor(self) -> Actor:
        return self.principal.actor if self.principal else ANONYMOUS

    def header(self, name: str) -> Optional[str]:
        return (self.request.headers or {}).get(name)


def cors_config() -> CORSConfig:
    return CORSConfig(
        allow_origin=get_settings().cors_origin,
        allow_headers=["x-api-key", "Authorization", "Content-Type", "Idempotency-Key", "If-Match"],
        expose_headers=["ETag", "Idempotent-Replayed", "X-Request-Id", "Location", "Retry-After"],
        max_age=600,
    )


def request_id_of(request) -> str:
    """API Gateway's request id, or one made up once per request (chalice local)."""
    context = getattr(request, "context", None)
    if context is None:
        return str(uuid.uuid4())
    return context.get("requestId") or context.setdefault("oms_request_id", str(uuid.uuid4()))


class Api:
    """Registers routes on a Chalice app and remembers them for the document."""

    def __init__(self, app: Chalice):
        self.app = app
        self.routes: List[Route] = []

    def route(self, path: str, method: str, **declared) -> Callable:
        route = Route(path, method, **declared)

        def decorator(view: Callable[[Call], Response]) -> Callable:
            @functools.wraps(view)
            def handler(**path_params):
                request = self.app.current_request
                call = Call(request, route, request_id_of(request), path_params)
                try:
                    response = _dispatch(call, view)
                    response.headers.setdefault("X-Request-Id", call.request_id)
                    request.context["oms_key_id"] = call.principal.caller_id if call.principal else None
                except Exception:  # noqa: BLE001 - never Chalice's own 500 body
                    response = last_resort_response(call.request_id)
                return response

            self.routes.append(route)
            self.app.route(path, methods=[method], cors=cors_config(), content_types=["*/*"])(handler)
            return view

        return decorator


WRITE_METHODS = ("POST", "PUT", "DELETE")


def _dispatch(call: Call, view: Callable[[Call], Response]) -> Response:
    def respond(operation_id: str) -> Response:
        call.operation_id = operation_id
        try:
            return view(call)
        except Exception as error:  # one exit for every failure
            return _answer(call, error)

    try:
        route, request = call.route, call.request
        if route.scope is not None:
            call.principal = _principal_of(call)
            auth.require(call.principal, route.scope)
        key = call.header("idempotency-key")
        if key is not None and not route.idempotent and route.method in WRITE_METHODS:
            raise ValidationError(f"{route.method} {route.path} takes no Idempotency-Key: a retry of it is not made safe by "
                                  "one; read the resource back before retrying", code="idempotency_not_supported",
                                  param="Idempotency-Key")
        _check_against_contract(call)
        if key is None or not route.idempotent:
            return respond(call.request_id)
        from ..contract import schemas
        from . import idempotency

        fingerprint = idempotency.request_fingerprint(request.method, route.path, call.path, call.parsed_body,
                                                      dict(request.query_params or {}))
        return idempotency.run(call.principal.caller_id, schemas.IDEMPOTENCY_KEY.check(key, "Idempotency-Key"), fingerprint,
                               respond)
    except Exception as error:
        return _answer(call, error)


def _principal_of(call: Call) -> auth.Principal:
    """The x-api-key when one is sent (machine clients, as ever), else a
    staff member's Bearer token (its verifier, and the JWT library, loaded
    only then)."""
    api_key = call.header("x-api-key")
    scheme, _, token = (call.header("authorization") or "").partition(" ")
    if api_key is None and scheme.lower() == "bearer" and token.strip():
        from ..domain import staff_tokens

        return staff_tokens.authenticate(token.strip())
    return auth.authenticate(api_key)


def _answer(call: Call, error: Exception) -> Response:
    """The error as HTTP; a write whose outcome is unknown (503) also says how
    to retry it safely, which depends on the route and on the key sent."""
    advice = None
    if call.route.method in WRITE_METHODS:
        if call.route.idempotent and call.header("idempotency-key") is not None:
            advice = "retry with the same Idempotency-Key: the change is made once"
        elif call.route.idempotent:
            advice = "read the resource back before retrying, or send an Idempotency-Key to make a retry safe"
        else:
            advice = "read the resource back before retrying"
    return error_response(error, call.request_id, retry_advice=advice)


def _check_against_contract(call: Call) -> None:
    """Query, body and If-Match checked against the contract, loaded only
    when the request carries any of them."""
    route, request = call.route, call.request
    query = dict(request.query_params or {})
    has_body = route.body is not None and (route.body_required or request.raw_body)
    if_match = call.header("if-match") if route.if_match else None
    if not (route.query or query or has_body or if_match):
        return
    from ..contract import schemas
    from ..contract.json_body import parse_json_body
    from ..contract.spec import parse_query

    call.query = parse_query(schemas.named(route.query) if route.query else schemas.NO_QUERY, query)
    if has_body:
        body = parse_json_body(request.raw_body, call.header("content-type"), get_settings().max_body_bytes,
                               required=route.body_required)
        call.parsed_body = body
        call.body = schemas.named(route.body).check(body)
    if if_match is not None and if_match.strip() != "*":
        value = schemas.IF_MATCH.check(if_match.strip(), "If-Match")
        call.expected_version = int(value.removeprefix("W/").strip('"'))


def etag(version) -> str:
    return f'"{int(version)}"'


def order_id_in_path(call: Call) -> str:
    """A path segment that cannot name an order is 404 (never 400)."""
    order_id = call.path["order_id"]
    if not identifiers.is_order_id(order_id):
        raise NotFound("Order not found")
    return order_id


def identifier_in_path(call: Call, name: str, kind: str) -> str:
    value = call.path[name]
    if not identifiers.is_identifier(value):
        raise NotFound(f"{kind} {value[:64]} not found")
    return value


def base_path(request) -> str:
    """What API Gateway puts before our paths: the stage ("/dev") on its own
    domain, or a custom domain's base path mapping; nothing locally."""
    full = (request.context or {}).get("path") or ""
    own = request.to_original_event().get("path") or ""
    return full[:len(full) - len(own)] if own and full.endswith(own) else ""


def server_url(request) -> str:
    """Where this API is served, as the client reached it."""
    headers = request.headers or {}
    return f"{headers.get('x-forwarded-proto', 'http')}://{headers.get('host', 'localhost')}{base_path(request)}"
