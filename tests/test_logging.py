"""Structured logs: one JSON object per line, the request id on every line,
the caller's key id (never the key), no personal data."""
import json

from chalicelib.core import logs
from chalicelib.data import aws
from chalicelib.domain.auth import hash_key, key_id_for
from tests.support import ADMIN_KEY


def test_every_line_is_json_with_a_request_id_and_no_secrets_or_personal_data(api, log_lines, monkeypatch):
    name, email = "Zebulon Quartermaine", "zebulon.q@example.org"
    body = {"customer_name": name, "customer_email": email, "items": [{"product_id": "PROD002", "quantity": 1}]}
    assert api.post("/orders", body).status_code == 201
    assert api.post("/orders", {**body, "items": [{"product_id": "NOPE", "quantity": 1}]}).status_code == 422
    assert api.get("/orders", key="not-a-key").status_code == 403
    monkeypatch.setenv("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:9")  # the workflow start fails and is logged
    aws.reset()
    assert api.post("/orders", body).status_code == 201
    monkeypatch.delenv("AWS_ENDPOINT_URL_SFN")
    aws.reset()

    lines = log_lines()
    assert len(lines) >= 5
    assert all(line.get("request_id") for line in lines), [line for line in lines if not line.get("request_id")]
    access = [line for line in lines if line["logger"] == "oms.access"]
    assert [line["status"] for line in access] == [201, 422, 403, 201]
    assert access[0]["key_id"] == key_id_for(hash_key(ADMIN_KEY)) and access[2]["key_id"] is None
    assert any(line["logger"] == "oms.workflow" for line in lines)
    text = json.dumps(lines)
    for secret in (ADMIN_KEY, name, email, "not-a-key"):
        assert secret not in text


def test_every_line_of_a_request_that_touches_an_order_carries_its_id_and_the_lambda_request_id(api, log_lines,
                                                                                                monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:9")  # the workflow start fails and is logged
    aws.reset()
    with logs.fields(order_id="bound-before-the-requests"):  # a request inherits nothing of what ran before it
        created = api.post("/orders", {"customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 1}]})
        monkeypatch.delenv("AWS_ENDPOINT_URL_SFN")
        aws.reset()
        assert created.status_code == 201
        order_id = created.data["order_id"]
        assert api.get(f"/orders/{order_id}").status_code == 200
        assert api.get("/orders").status_code == 200

    lines = log_lines()
    by_request = {}
    for line in lines:
        by_request.setdefault(line["request_id"], []).append(line)
    create, read, listing = by_request.values()
    assert {line["logger"] for line in create} >= {"oms.workflow", "oms.access", "oms.metrics"}
    for request in (create, read):
        assert all(line["order_id"] == order_id and line["lambda_request_id"] for line in request), request
    assert all("order_id" not in line and line["lambda_request_id"] for line in listing)
    assert len({line["lambda_request_id"] for line in lines}) == 3  # one invocation each
