"""Idempotency-Key for POST /orders, DELETE /orders/{id} and
POST /orders/{id}/workflow, on DynamoDB conditional writes.

The first request with a key claims it: a conditional UpdateItem that only
one of several racing requests can win. The record holds the request's
fingerprint and an `operation_id`, the identity of the work: the order id of a
create is derived from it and every history event the work writes carries it.
The response is stored for 24 hours; a retry with the same key and request
gets it again, marked `Idempotent-Replayed: true`; the same key with a
different request is 422; a retry while the first is still running is 409.

A 5xx is not stored, and the key is not released either: the record is
unlocked with its `operation_id` kept, so the retry runs the same work again
under the same identity and finds what the first attempt did (an order that
already exists, a history event that already carries the operation). That is
what makes a write whose outcome was unknown safe to retry.

The claim itself survives botocore's retries: a retry of a claim that landed
fails its condition, reads the record back and recognises its own `claim_id`.

Why not AWS Lambda Powertools' idempotency utility: it keys on the Lambda
event or a function argument rather than a route's header plus body, has no
notion of replaying an HTTP response with its status and headers, and would
add a package (and its import time) to every cold start for three routes.
"""
import hashlib
import json
import logging
import time
import uuid
import zlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Union

from chalice import Response
from pynamodb.exceptions import DeleteError, UpdateError

from ..core.errors import Conflict, Unprocessable
from ..core.settings import get_settings
from ..data import aws_failures
from ..data.models import IdempotencyRecord

TTL_SECONDS = 24 * 3600
SAVE_ATTEMPTS = 3
logger = logging.getLogger("oms.idempotency")


def request_fingerprint(method: str, route: str, path_params: dict, body: Any, query: dict) -> str:
    """What makes two requests the same request: route, path, query and the
    body as JSON (parsed, so another key order or spacing is the same body)."""
    digest = hashlib.sha256()
    for part in (method, route, json.dumps(path_params, sort_keys=True), json.dumps(sorted(query.items())),
                 json.dumps(body, sort_keys=True, separators=(",", ":"), default=_number)):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _number(value: Decimal) -> str:
    """A JSON number by its value: 1.50 and 1.5 are the same."""
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class Claim:
    record_key: str
    claim_id: str
    operation_id: str


def run(key_id: str, header_value: str, fingerprint: str, execute: Callable[[str], Response]) -> Response:
    """`execute(operation_id)` does the work once per claim."""
    claimed = _claim(f"{key_id}#{header_value}", fingerprint)
    if isinstance(claimed, Response):
        return claimed
    response = execute(claimed.operation_id)
    if response.status_code >= 500:
        _save(claimed, [IdempotencyRecord.locked_until.set(0)])  # the retry may run at once, as the same operation
        return response
    _save(claimed, [
        IdempotencyRecord.status.set("completed"),
        IdempotencyRecord.response_status.set(response.status_code),
        IdempotencyRecord.response_zipped.set(zlib.compress(
            (response.body if isinstance(response.body, str) else json.dumps(response.body)).encode())),
        IdempotencyRecord.response_headers.set({k: v for k, v in response.headers.items() if k.lower() != "x-request-id"}),
    ])
    return response


def claim_seconds() -> int:
    """How long a claim locks its key: longer than the API ever works on one
    request (every call's attempts twice over, plus the write resolution)."""
    settings = get_settings()
    return int(2 * 3 * settings.aws_timeout_seconds + settings.write_resolve_seconds) + 2


def _claim(record_key: str, fingerprint: str, expired_cleared: bool = False) -> Union[Claim, Response]:
    now = int(time.time())
    claim_id = uuid.uuid4().hex
    record = IdempotencyRecord(record_key)
    actions = [
        IdempotencyRecord.request_hash.set(fingerprint),
        IdempotencyRecord.status.set("in_progress"),
        IdempotencyRecord.claim_id.set(claim_id),
        IdempotencyRecord.locked_until.set(now + claim_seconds()),
        IdempotencyRecord.expires_at.set(IdempotencyRecord.expires_at | now + TTL_SECONDS),
        IdempotencyRecord.operation_id.set(IdempotencyRecord.operation_id | str(uuid.uuid4())),
    ]
    abandoned = (IdempotencyRecord.locked_until < now) | (IdempotencyRecord.claim_id == IdempotencyRecord.released_claim)
    free = (IdempotencyRecord.idempotency_key.does_not_exist() | IdempotencyRecord.status.does_not_exist() | (
        (IdempotencyRecord.status == "in_progress") & abandoned
        & (IdempotencyRecord.request_hash == fingerprint) & (IdempotencyRecord.expires_at >= now)))
    # A claim this request gave up on never lands after its release.
    condition = free & (IdempotencyRecord.released_claim.does_not_exist() | (IdempotencyRecord.released_claim != claim_id))
    deadline = time.monotonic() + get_settings().write_resolve_seconds
    while True:
        try:
            record.update(actions=list(actions), condition=condition)
            return Claim(record_key, claim_id, record.operation_id)
        except UpdateError as error:
            if aws_failures.error_code(error) == "ConditionalCheckFailedException":
                break
            # No answer: the claim may have landed. Sending it again is safe:
            # if it did, the condition now fails and the read below finds our claim_id.
            if not aws_failures.may_have_landed(error):
                raise
            if time.monotonic() > deadline:
                _release(record_key, claim_id, now)
                raise
            time.sleep(0.1)
    existing = IdempotencyRecord.get(record_key, consistent_read=True)
    if existing.claim_id == claim_id:  # botocore retried our own claim after it had landed
        return Claim(record_key, claim_id, existing.operation_id)
    if existing.expires_at < now and not expired_cleared:  # past its 24 h, not yet removed by the TTL
        try:
            existing.delete(condition=IdempotencyRecord.expires_at < now)
        except DeleteError as error:
            if aws_failures.error_code(error) != "ConditionalCheckFailedException":
                raise
        return _claim(record_key, fingerprint, expired_cleared=True)
    return _answer_retry(existing, fingerprint)


def _release(record_key: str, claim_id: str, now: int) -> None:
    """This request gives up on a claim whose outcome it never learnt (it
    answers 503 and never does the work). Marking the claim released lets a
    retry take the key over as soon as the database answers, whether the
    claim landed before this mark (it is then released) or lands after it (its
    condition then fails), instead of waiting out a lock nobody holds."""
    try:
        IdempotencyRecord(record_key).update(actions=[
            IdempotencyRecord.released_claim.set(claim_id),
            IdempotencyRecord.expires_at.set(IdempotencyRecord.expires_at | now + TTL_SECONDS)])
    except UpdateError as error:  # the lock then lapses on its own (claim_seconds)
        logger.warning("idempotency claim not released", extra={"error": aws_failures.name(error)})


def _save(claim: Claim, actions: list) -> None:
    """Conditional on our claim, so botocore's retries of a save that landed
    still succeed, and a claim taken over after its lock lapsed is left alone.
    If it cannot be saved the record stays claimed until its lock lapses and a
    retry then re-runs the work as the same operation."""
    for attempt in range(SAVE_ATTEMPTS):
        try:
            IdempotencyRecord(claim.record_key).update(actions=actions, condition=IdempotencyRecord.claim_id == claim.claim_id)
            return
        except UpdateError as error:
            if aws_failures.error_code(error) == "ConditionalCheckFailedException":
                return
            if not aws_failures.may_have_landed(error) or attempt == SAVE_ATTEMPTS - 1:
                logger.warning("idempotency record not saved", extra={"error": aws_failures.name(error)})
                return


def _answer_retry(record: IdempotencyRecord, fingerprint: str) -> Response:
    if record.request_hash != fingerprint:
        raise Unprocessable("This Idempotency-Key was already used with a different request; use a new key",
                            code="idempotency_key_reused", param="Idempotency-Key")
    if record.status != "completed":
        raise Conflict("A request with this Idempotency-Key is still being processed; retry shortly",
                       code="idempotency_in_progress", retry_after=max(1, int(record.locked_until) - int(time.time())))
    headers = dict(record.response_headers.as_dict() if record.response_headers else {})
    headers["Idempotent-Replayed"] = "true"
    body = zlib.decompress(record.response_zipped).decode() if record.response_zipped is not None else record.response_body
    return Response(body=body, status_code=int(record.response_status), headers=headers)

