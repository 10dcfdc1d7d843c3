"""Idempotency-Key for POST /orders, DELETE /orders/{id} and
POST /orders/{id}/workflow, on DynamoDB conditional writes.

The first request with a key claims it (a conditional PutItem: only one of
two racing requests can), runs, and stores its response for 24 hours. A retry
with the same key and the same request gets that response again, marked
`Idempotent-Replayed: true`; the same key with a different request is 422;
a retry while the first is still running is 409. A 5xx is not stored, so the
retry runs again. A claim whose request died (a Lambda timeout) lapses after
`CLAIM_SECONDS`.

Why not AWS Lambda Powertools' idempotency utility: it keys on the Lambda
event or a function argument rather than a route's header plus body, has no
notion of replaying an HTTP response with its status and headers, and would
add a package (and its import time) to every cold start for three routes;
this is ~100 lines on the same conditional writes it uses.
"""
import hashlib
import json
import time
from typing import Callable, Optional

from chalice import Response
from pynamodb.exceptions import PutError

from .errors import Conflict, Unprocessable, ValidationError
from .models import IdempotencyRecord

HEADER = "idempotency-key"
TTL_SECONDS = 24 * 3600
CLAIM_SECONDS = 60
MAX_KEY_LENGTH = 128


def request_fingerprint(method: str, path: str, body: Optional[bytes], query: dict) -> str:
    digest = hashlib.sha256()
    for part in (method, path, json.dumps(sorted(query.items())), body or b""):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def check_key(value: str) -> str:
    if not 1 <= len(value) <= MAX_KEY_LENGTH or not all("!" <= ch <= "~" for ch in value):
        raise ValidationError(f"Idempotency-Key must be 1-{MAX_KEY_LENGTH} visible ASCII characters")
    return value


def run(key_id: str, header_value: str, fingerprint: str, execute: Callable[[], Response]) -> Response:
    record_key = f"{key_id}#{check_key(header_value)}"
    now = int(time.time())
    claim = IdempotencyRecord(record_key, request_hash=fingerprint, status="in_progress",
                              locked_until=now + CLAIM_SECONDS, expires_at=now + TTL_SECONDS)
    try:
        claim.save(condition=IdempotencyRecord.idempotency_key.does_not_exist()
                   | (IdempotencyRecord.expires_at < now)
                   | ((IdempotencyRecord.status == "in_progress") & (IdempotencyRecord.locked_until < now)))
    except PutError as error:
        if getattr(error, "cause_response_code", None) != "ConditionalCheckFailedException":
            raise
        return _answer_retry(record_key, fingerprint)

    response = execute()
    if response.status_code >= 500:
        claim.delete()  # let the retry run again
        return response
    claim.update(actions=[
        IdempotencyRecord.status.set("completed"),
        IdempotencyRecord.response_status.set(response.status_code),
        IdempotencyRecord.response_body.set(response.body if isinstance(response.body, str) else json.dumps(response.body)),
        IdempotencyRecord.response_headers.set({k: v for k, v in response.headers.items() if k.lower() != "x-request-id"}),
    ])
    return response


def _answer_retry(record_key: str, fingerprint: str) -> Response:
    record = IdempotencyRecord.get(record_key, consistent_read=True)
    if record.request_hash != fingerprint:
        raise Unprocessable("This Idempotency-Key was already used with a different request; use a new key")
    if record.status != "completed":
        raise Conflict("A request with this Idempotency-Key is still being processed; retry shortly")
    headers = dict(record.response_headers.as_dict() if record.response_headers else {})
    headers["Idempotent-Replayed"] = "true"
    return Response(body=record.response_body, status_code=int(record.response_status), headers=headers)
