"""The OpenAPI document stays true to the app: it is built from the routes
app.py declares and the contract's schemas, it is valid OpenAPI 3.1, every
route has its schemas, and what the validators accept is what the published
patterns say."""
import pathlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

from chalicelib.contract.spec import TEXT_PATTERN, VISIBLE_TEXT_PATTERN, Text
from chalicelib.contract.values import Money
from chalicelib.core.errors import ERROR_CODES, ValidationError
from chalicelib.http import openapi
from tests.support import ROOT


@pytest.fixture(scope="module")
def app_module():
    import app

    return app


@pytest.fixture(scope="module")
def document(app_module):
    return openapi.document(app_module.api.routes, "http://127.0.0.1:8000")


def test_the_document_is_valid_openapi_3_1(document):
    validate(document)
    assert document["openapi"] == "3.1.0" and document["servers"] and document["tags"]


def test_every_registered_route_is_documented_and_nothing_else(app_module, document):
    registered = {(path, method.lower()) for path, methods in app_module.app.routes.items() for method in methods
                  if method != "OPTIONS"}
    documented = {(path, method) for path, item in document["paths"].items() for method in item}
    assert registered == documented


# POSTs that act on the resource in their path and take no body.
BODILESS_ACTIONS = ("/orders/{order_id}/workflow", "/webhooks/{webhook_id}/rotate-secret", "/webhooks/{webhook_id}/test",
                    "/webhooks/{webhook_id}/deliveries/{delivery_id}/retry")


def test_every_route_has_its_schemas(document):
    """A route without a response schema, or a body without one, fails here."""
    for path, item in document["paths"].items():
        for method, operation in item.items():
            successes = [code for code in operation["responses"] if code.startswith("2")]
            assert successes, (path, method)
            for code in successes:
                assert operation["responses"][code]["content"]["application/json"]["schema"], (path, method, code)
            if method in ("post", "put") and path not in BODILESS_ACTIONS:
                assert operation["requestBody"]["content"]["application/json"]["schema"], (path, method)
            assert "default" in operation["responses"] and "503" in operation["responses"]
            open_route = path in ("/health", "/openapi.json")
            assert (operation.get("security") == []) == open_route
            assert open_route or "403" in operation["responses"], (path, method)


def test_named_components_and_references_resolve(document):
    components = document["components"]["schemas"]
    for name in ("CreateOrderRequest", "UpdateOrderRequest", "Order", "OrderSummary", "OrderList", "Error"):
        assert name in components

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                assert node["$ref"].split("/")[-1] in components, node["$ref"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)


def test_served_document_is_the_built_document(api, app_module):
    response = api.get("/openapi.json", key=None)
    assert response.status_code == 200
    assert response.data == openapi.document(app_module.api.routes, response.data["servers"][0]["url"])


def test_every_error_code_the_code_raises_is_published(document):
    assert document["x-error-codes"] == ERROR_CODES
    raised = set()
    for path in (ROOT / "chalicelib").rglob("*.py"):
        raised |= set(re.findall(r'code="([a-z_]+)"', path.read_text()))
        raised |= set(re.findall(r'Issue\("([a-z_]+)"', path.read_text()))
        raised |= set(re.findall(r'^\s+code = "([a-z_]+)"', path.read_text(), re.M))
    assert raised and raised <= set(ERROR_CODES), raised - set(ERROR_CODES)
    api_reference = (ROOT / "docs" / "api.md").read_text()
    assert [code for code in ERROR_CODES if f"`{code}`" not in api_reference] == []


def test_the_lifecycle_is_published_for_clients(document):
    assert document["x-transitions"]["pending"] == ["processing", "cancelled", "failed"]
    assert document["x-transitions"]["delivered"] == []


@settings(max_examples=4 * settings.default.max_examples)
@given(st.text(max_size=30))
def test_text_validation_is_its_published_pattern(value):
    """A text field accepts exactly what its documented pattern matches."""
    for blank, pattern in ((False, VISIBLE_TEXT_PATTERN), (True, TEXT_PATTERN)):
        try:
            Text(200, blank=blank).check(value, "name")
            accepted = True
        except ValidationError:
            accepted = False
        assert accepted == bool(re.fullmatch(pattern, value)), (blank, value)


@settings(max_examples=4 * settings.default.max_examples)
@given(st.one_of(st.from_regex(r"\A[0-9]{1,8}(\.[0-9]{0,3})?\Z"), st.text(max_size=12)))
def test_price_validation_is_its_published_pattern(value):
    money = Money()
    try:
        money.check(value, "price")
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == bool(re.fullmatch(money.json_schema()["pattern"], value)), value


def test_the_website_reads_its_limits_from_the_document():
    """No copy of the contract in the website: it asks the document."""
    sources = "".join(path.read_text() for path in pathlib.Path(ROOT / "frontend" / "js").rglob("*.js"))
    assert "openapi.json" in sources
    for number in ("10000", "10,000", "1000000"):
        assert number not in sources.replace("10_000", ""), number
