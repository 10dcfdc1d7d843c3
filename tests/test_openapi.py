"""The OpenAPI document stays true to the app."""
import json

import pytest

from chalicelib import openapi


@pytest.fixture
def app_routes():
    from app import app

    return {(path, method.lower()) for path, methods in app.routes.items() for method in methods if method != "OPTIONS"}


def test_every_registered_route_is_documented_and_nothing_else(app_routes):
    document = openapi.document()
    documented = {(path, method) for path, item in document["paths"].items()
                  for method in item if method in ("get", "post", "put", "delete", "patch")}
    assert app_routes == documented


def test_every_operation_documents_its_errors_and_security(app_routes):
    document = openapi.document()
    for path, method in app_routes:
        operation = document["paths"][path][method]
        assert "operationId" in operation and "default" in operation["responses"]
        open_route = path in ("/health", "/openapi.json")
        assert (operation.get("security") == []) == open_route
        if not open_route:
            assert "403" in operation["responses"], (path, method)


def test_served_document_is_the_module_document(seeded):
    from chalice.test import Client

    from app import app

    with Client(app) as client:
        response = client.http.get("/openapi.json")
    assert response.status_code == 200
    assert json.loads(response.body) == openapi.document()


def test_schema_references_resolve():
    document = openapi.document()
    schemas = document["components"]["schemas"]

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if ref:
                assert ref.split("/")[-1] in schemas, ref
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
