"""Delivers one webhook message from the FIFO queue (the `deliver_webhooks`
function when deployed, `ops/webhook_worker.py` locally).

At least once, in order per (endpoint, order): a failed attempt leaves the
message on the queue, invisible for the backoff, and `handle_message`
raises `RetryLater` so the message is not deleted; its group waits behind
it. Backoff: exponential with jitter, base * 2**(attempt - 1) capped, the
wait drawn from its upper half, for at least `retry_hours` from when the
delivery was queued; then the delivery is marked failed (kept in the log,
retried or replayed by hand: nothing is lost) and the group moves on. An
endpoint with no success for `disable_after_hours` is disabled with the
reason; its later messages are held (logged, not sent) until it is enabled
and they are replayed. A delivery already delivered is dropped, so a
message the queue hands out twice is sent once."""
import json
import logging
import random
import time
from datetime import datetime, timedelta, timezone

from ..core import logs, metrics
from ..core.clock import now_iso
from ..core.errors import NotFound
from ..core.settings import get_settings
from ..data import webhook_queue, webhook_store
from ..data.models import DeliveryAttempt, WebhookEndpoint
from ..domain import webhook_signing, webhooks
from . import webhook_http

logger = logging.getLogger("oms.webhooks")


class RetryLater(Exception):
    """The attempt failed; the message is back on the queue after `delay` seconds."""

    def __init__(self, delivery_id: str, delay: int):
        super().__init__(f"delivery {delivery_id} retried in {delay} s")
        self.delay = delay


def backoff_seconds(attempt: int, rng=random) -> int:
    """The wait after failed attempt `attempt` (1, 2, ...)."""
    settings = get_settings().webhooks
    ceiling = min(settings.retry_cap_seconds, settings.retry_base_seconds * 2 ** min(attempt - 1, 30))
    return round(ceiling / 2 + rng.uniform(0, ceiling / 2))


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def handle_message(body: str, receipt_handle: str, receive_count: int = 1) -> str:
    """Delivers what the message names; returns the delivery's status, or
    raises RetryLater (leave the message) or any AWS failure (the same)."""
    with logs.fields():  # the delivery's order id is bound for this message only
        return _deliver(body, receipt_handle, receive_count)


def _deliver(body: str, receipt_handle: str, receive_count: int) -> str:
    settings = get_settings().webhooks
    note = json.loads(body)
    endpoint_id, delivery_id = note["endpoint_id"], note["delivery_id"]
    queued_at = float(note.get("queued_at") or time.time())
    try:
        endpoint = webhook_store.get_endpoint(endpoint_id)
        delivery = webhook_store.get_delivery(endpoint_id, delivery_id)
    except NotFound:
        return "gone"  # the endpoint was deleted (its log goes with it, by TTL)
    logs.bind(order_id=delivery.order_id)
    if delivery.status == "delivered":
        return "delivered"
    if not endpoint.enabled:
        webhook_store.set_status(delivery, "held")
        return "held"
    try:
        body = webhook_store.event_body(delivery)
    except NotFound:  # kept as long as its deliveries: only a delivery older than that
        webhook_store.set_status(delivery, "failed")
        return "failed"
    timestamp = int(time.time())
    headers = webhook_signing.headers(webhooks.signing_secrets(endpoint, timestamp), delivery_id, timestamp, body)
    outcome = webhook_http.post(endpoint.url, body, headers, settings.timeout_seconds, settings.allow_private_targets)
    attempt = DeliveryAttempt(at=now_iso(), status_code=outcome.status_code, latency_ms=outcome.latency_ms,
                              error=outcome.error)
    if outcome.delivered:
        webhook_store.record_attempt(delivery, attempt, "delivered", None, delivered_at=attempt.at)
        if endpoint.failing_since:
            webhook_store.update_endpoint(endpoint, WebhookEndpoint.failing_since.remove(),
                                          WebhookEndpoint.last_success_at.set(attempt.at))
        logger.info("webhook delivered", extra={"webhook": endpoint_id, "delivery": delivery_id,
                                                "status": outcome.status_code, "latency_ms": outcome.latency_ms})
        return "delivered"
    _count_failure(endpoint, outcome)
    metrics.emit({"WebhookDeliveriesFailed": 1})
    now = time.time()
    if now - queued_at >= settings.retry_hours * 3600:
        webhook_store.record_attempt(delivery, attempt, "failed", None)
        logger.warning("webhook delivery failed for good", extra={"webhook": endpoint_id, "delivery": delivery_id,
                                                                   "error": outcome.error})
        return "failed"
    delay = backoff_seconds(receive_count)
    webhook_store.record_attempt(delivery, attempt, "pending", _iso(now + delay))
    webhook_queue.retry_later(receipt_handle, delay)
    logger.info("webhook delivery will be retried", extra={"webhook": endpoint_id, "delivery": delivery_id,
                                                           "error": outcome.error, "retry_in_s": delay})
    raise RetryLater(delivery_id, delay)


def _count_failure(endpoint: WebhookEndpoint, outcome: webhook_http.Outcome) -> None:
    """The first failure since a success starts the clock; failing past
    `disable_after_hours` disables the endpoint, saying why."""
    now = datetime.now(timezone.utc)
    if not endpoint.failing_since:
        webhook_store.update_endpoint(endpoint, WebhookEndpoint.failing_since.set(now_iso()))
        return
    since = datetime.strptime(endpoint.failing_since, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    if now - since >= timedelta(hours=get_settings().webhooks.disable_after_hours):
        reason = f"every delivery failed since {endpoint.failing_since} (last: {outcome.error})"
        webhook_store.update_endpoint(endpoint, WebhookEndpoint.enabled.set(False),
                                      WebhookEndpoint.disabled_reason.set(reason))
        logger.warning("webhook disabled", extra={"webhook": endpoint.sk, "reason": reason})
