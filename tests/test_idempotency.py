"""Idempotency-Key: replay, mismatch, in-progress, expiry, and no key."""
import time

import pytest

from chalicelib.data.models import IdempotencyRecord, Order
from chalicelib.domain.auth import hash_key, key_id_for
from chalicelib.http import idempotency
from tests.support import ADMIN_KEY, WRITE_KEY

pytestmark = pytest.mark.usefixtures("without_workflow")
BODY = {"customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 2}]}


def test_a_retry_with_the_same_key_replays_the_first_response(api):
    first = api.post("/orders", BODY, headers={"Idempotency-Key": "order-123"})
    second = api.post("/orders", BODY, headers={"Idempotency-Key": "order-123"})
    assert first.status_code == second.status_code == 201
    assert second.data == first.data
    assert second.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert second.headers["ETag"] == first.headers["ETag"]
    assert Order.count() == 1
    record = IdempotencyRecord.get(f"{key_id_for(hash_key(ADMIN_KEY))}#order-123")
    assert record.status == "completed" and record.expires_at - time.time() > 23 * 3600


def test_the_stored_answer_is_compressed_and_older_plain_records_still_replay(api, capacity):
    two_lines = {**BODY, "items": [{"product_id": "PROD002", "quantity": 1}, {"product_id": "PROD003", "quantity": 1}]}
    first = api.post("/orders", two_lines, headers={"Idempotency-Key": "zipped"})
    record_key = f"{key_id_for(hash_key(ADMIN_KEY))}#zipped"
    # Claim and completion: one write unit each (the plain body made the completed record two).
    assert sum(units for key, units in capacity.per_key.items() if key.endswith(f"|{record_key}")) == 2
    record = IdempotencyRecord.get(record_key)
    assert record.response_body is None and record.response_zipped
    record.update(actions=[IdempotencyRecord.response_body.set(first.body.decode() if isinstance(first.body, bytes)
                                                               else first.body),
                           IdempotencyRecord.response_zipped.remove()])  # as a record saved before compression
    again = api.post("/orders", two_lines, headers={"Idempotency-Key": "zipped"})
    assert again.status_code == 201 and again.data == first.data and again.headers["Idempotent-Replayed"] == "true"


def test_the_same_key_with_a_different_body_is_422(api):
    assert api.post("/orders", BODY, headers={"Idempotency-Key": "k1"}).status_code == 201
    other = api.post("/orders", {**BODY, "items": [{"product_id": "PROD003", "quantity": 1}]}, headers={"Idempotency-Key": "k1"})
    assert other.status_code == 422 and "different request" in other.data["message"]
    assert Order.count() == 1


def test_keys_are_per_api_key(api):
    assert api.post("/orders", BODY, headers={"Idempotency-Key": "shared"}).status_code == 201
    assert api.post("/orders", BODY, headers={"Idempotency-Key": "shared"}, key=WRITE_KEY).status_code == 201
    assert Order.count() == 2


def test_a_retry_while_the_first_is_still_running_is_409(api):
    seen = []

    def first_request_in_flight(operation_id):
        # A second container receives the retry while this request still runs.
        seen.append(api.post("/orders", BODY, headers={"Idempotency-Key": "slow"}))
        return idempotency.Response(body="{}", status_code=201)

    fingerprint = idempotency.request_fingerprint("POST", "/orders", {}, BODY, {})
    idempotency.run(key_id_for(hash_key(ADMIN_KEY)), "slow", fingerprint, first_request_in_flight)
    assert seen[0].status_code == 409 and "still being processed" in seen[0].data["message"]


def test_errors_are_replayed_but_server_errors_are_not(api):
    bad = {"customer_id": "CUST001", "items": [{"product_id": "PROD999", "quantity": 1}]}
    first = api.post("/orders", bad, headers={"Idempotency-Key": "bad"})
    again = api.post("/orders", bad, headers={"Idempotency-Key": "bad"})
    assert first.status_code == again.status_code == 422 and again.headers["Idempotent-Replayed"] == "true"


def test_cancel_and_workflow_routes_are_idempotent(api):
    order_id = api.post("/orders", BODY).data["order_id"]
    first = api.delete(f"/orders/{order_id}", {"reason": "dup"}, headers={"Idempotency-Key": "cancel-1"})
    again = api.delete(f"/orders/{order_id}", {"reason": "dup"}, headers={"Idempotency-Key": "cancel-1"})
    assert first.status_code == again.status_code == 200 and again.data == first.data
    without_key = api.delete(f"/orders/{order_id}", {"reason": "dup"})
    # A plain retry converges too (the order as it is), but is not a replay.
    assert without_key.status_code == 200 and without_key.data["order"] == first.data["order"]
    assert "Idempotent-Replayed" not in without_key.headers and "Idempotent-Replayed" in again.headers


@pytest.mark.parametrize("value", ["", "x" * 129, "has space", "ünïcode"])
def test_malformed_keys_are_400(api, value):
    response = api.post("/orders", BODY, headers={"Idempotency-Key": value})
    assert response.status_code == 400 and "Idempotency-Key" in response.data["message"]
    assert Order.count() == 0


def test_an_expired_record_lets_the_key_be_used_again(api):
    assert api.post("/orders", BODY, headers={"Idempotency-Key": "old"}).status_code == 201
    record = IdempotencyRecord.get(f"{key_id_for(hash_key(ADMIN_KEY))}#old")
    record.update(actions=[IdempotencyRecord.expires_at.set(int(time.time()) - 1)])
    response = api.post("/orders", {**BODY, "items": [{"product_id": "PROD003", "quantity": 1}]},
                        headers={"Idempotency-Key": "old"})
    assert response.status_code == 201 and "Idempotent-Replayed" not in response.headers
    assert Order.count() == 2
