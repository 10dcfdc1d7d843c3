"""Unauthenticated routes: health and the OpenAPI document."""
from chalicelib import dynamo
from chalicelib.settings import get_settings
from chalicelib.web import Api, Call, json_response

api = Api(__name__)


@api.api_route("/health", methods=["GET"], scope=None)
def health(call: Call):
    dynamo.ping()
    return json_response({"status": "ok", "stage": get_settings().stage})


@api.api_route("/openapi.json", methods=["GET"], scope=None)
def openapi_document(call: Call):
    from chalicelib import openapi  # a large document, built only when asked for

    return json_response(openapi.document())
