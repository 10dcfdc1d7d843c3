"""Unauthenticated handlers: health and the OpenAPI document."""
from chalice import Response

from ..core.settings import get_settings
from ..domain import health as dependencies
from .api import Call, server_url
from .responses import json_response


def health(call: Call) -> Response:
    dependencies.check()
    return json_response({"status": "ok", "stage": get_settings().stage})


def openapi_document(call: Call, routes) -> Response:
    from . import openapi  # built only when asked for

    return json_response(openapi.document(routes, server_url(call.request)))
