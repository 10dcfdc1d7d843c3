"""Webhook subscriptions and their delivery log, as the API manages them:
endpoints (url, event types, enabled), their signing secrets, and putting
deliveries (back) on the queue: a manual retry, a replay of a time range, a
test event. Deliveries themselves are made by `chalicelib.events`, never by
an API request, so a slow receiver cannot slow or fail one."""
import hashlib
import json
import time
import uuid
from datetime import datetime, timezone
from typing import List, Optional, Sequence, Tuple

from ..core.clock import now_iso
from ..core.errors import Conflict, Unprocessable, ValidationError
from ..core.settings import get_settings
from ..data import webhook_queue, webhook_store
from ..data.models import WebhookDelivery, WebhookEndpoint
from . import webhook_signing, webhook_targets

EVENT_TYPES = ("order.created", "order.updated", "order.status_changed")
TEST_EVENT = "webhook.test"
PREVIOUS_SECRET_SECONDS = 24 * 3600  # a rotated-out secret still signs this long
REPLAY_LIMIT = 1000  # deliveries one replay request queues
MESSAGE_TIME = "%Y%m%d%H%M%S"


# ---------------------------------------------------------------- ids and bodies

def delivery_id(moment: datetime, *identity: str) -> str:
    """`msg_<UTC time to the second><20 hex>`: sorts by event time, and the
    same event for the same endpoint always gets the same id (the
    `webhook-id` receivers drop duplicates by)."""
    digest = hashlib.sha256("\0".join(identity).encode()).hexdigest()[:20]
    return f"msg_{moment.astimezone(timezone.utc):{MESSAGE_TIME}}{digest}"


def event_id(moment: datetime, *identity: str) -> str:
    """`evt_<UTC time to the second><20 hex>`: the same event always gets the same id."""
    return "evt_" + delivery_id(moment, *identity)[len("msg_"):]


def id_bound(moment: datetime, last: bool = False) -> str:
    return f"msg_{moment.astimezone(timezone.utc):{MESSAGE_TIME}}" + ("~" if last else "")


def event_body(event_type: str, timestamp: str, data: dict) -> str:
    return json.dumps({"type": event_type, "timestamp": timestamp, "data": data}, separators=(",", ":"), default=str)


def subscribed(endpoint: WebhookEndpoint, event_type: str) -> bool:
    return endpoint.events is None or event_type in endpoint.events


def signing_secrets(endpoint: WebhookEndpoint, now: Optional[float] = None) -> List[str]:
    now = time.time() if now is None else now
    secrets_in_use = [endpoint.secret]
    if endpoint.previous_secret and (endpoint.previous_secret_until or 0) > now:
        secrets_in_use.append(endpoint.previous_secret)
    return secrets_in_use


# ---------------------------------------------------------------- endpoints

def _checked_url(url: str) -> str:
    return webhook_targets.check_subscription_url(url, get_settings().webhooks.allow_private_targets)


def _checked_events(events: Optional[Sequence[str]]) -> Optional[set]:
    if events is None:
        return None
    unknown = [name for name in events if name not in EVENT_TYPES]
    if unknown:
        raise ValidationError(f"events: unknown event type {unknown[0][:64]}; one of {', '.join(EVENT_TYPES)}",
                              param="events")
    return set(events)


def create(url: str, events: Optional[Sequence[str]] = None, description: Optional[str] = None) -> WebhookEndpoint:
    now = now_iso()
    endpoint = WebhookEndpoint("endpoints", f"whep_{uuid.uuid4().hex}", url=_checked_url(url),
                               events=_checked_events(events), description=description, enabled=True,
                               secret=webhook_signing.new_secret(), created_at=now, updated_at=now)
    webhook_store.save_endpoint(endpoint, new=True)
    return endpoint


def get(endpoint_id: str) -> WebhookEndpoint:
    return webhook_store.get_endpoint(endpoint_id)


def list_all() -> List[WebhookEndpoint]:
    return webhook_store.list_endpoints(consistent_read=True)


def update(endpoint_id: str, url: Optional[str] = None, events: Optional[Sequence[str]] = None,
           enabled: Optional[bool] = None, description: Optional[str] = None) -> WebhookEndpoint:
    endpoint = webhook_store.get_endpoint(endpoint_id)
    if url is not None:
        endpoint.url = _checked_url(url)
    if events is not None:
        endpoint.events = _checked_events(events)
    if description is not None:
        endpoint.description = description or None
    if enabled is not None:
        endpoint.enabled = enabled
        if enabled:  # a fresh start: failures before re-enabling do not count towards disabling again
            endpoint.disabled_reason = None
            endpoint.failing_since = None
        else:
            endpoint.disabled_reason = "disabled by an administrator"
    endpoint.updated_at = now_iso()
    webhook_store.save_endpoint(endpoint)
    return endpoint


def delete(endpoint_id: str) -> None:
    webhook_store.delete_endpoint(endpoint_id)


def rotate_secret(endpoint_id: str) -> WebhookEndpoint:
    endpoint = webhook_store.get_endpoint(endpoint_id)
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_until = int(time.time()) + PREVIOUS_SECRET_SECONDS
    endpoint.secret = webhook_signing.new_secret()
    endpoint.updated_at = now_iso()
    webhook_store.save_endpoint(endpoint)
    return endpoint


# ---------------------------------------------------------------- deliveries

def deliveries(endpoint_id: str, limit: int, before: Optional[str]) -> Tuple[List[WebhookDelivery], Optional[str]]:
    webhook_store.get_endpoint(endpoint_id)
    return webhook_store.list_deliveries(endpoint_id, limit, before)


def _queue(endpoint_id: str, delivery: WebhookDelivery) -> None:
    webhook_store.set_status(delivery, "pending")
    webhook_queue.enqueue(endpoint_id, delivery.sk, webhook_queue.message_group(endpoint_id, delivery.order_id or "test"),
                          again=True)


def _enabled(endpoint_id: str) -> WebhookEndpoint:
    endpoint = webhook_store.get_endpoint(endpoint_id)
    if not endpoint.enabled:
        raise Conflict("The webhook is disabled; enable it (PUT enabled: true) first", code="webhook_disabled")
    return endpoint


def retry(endpoint_id: str, delivery_id_: str) -> WebhookDelivery:
    """Sends a delivery again (same id, same body), whatever its status."""
    _enabled(endpoint_id)
    delivery = webhook_store.get_delivery(endpoint_id, delivery_id_)
    _queue(endpoint_id, delivery)
    return delivery


def replay(endpoint_id: str, since: datetime, until: datetime) -> Tuple[int, bool]:
    """Every delivery of events in [since, until] sent again, oldest first;
    (how many, whether more remain past REPLAY_LIMIT)."""
    if until < since:
        raise Unprocessable("until must not be before since", param="until")
    _enabled(endpoint_id)
    found = webhook_store.deliveries_between(endpoint_id, id_bound(since), id_bound(until, last=True), REPLAY_LIMIT + 1)
    for delivery in found[:REPLAY_LIMIT]:
        _queue(endpoint_id, delivery)
    return min(len(found), REPLAY_LIMIT), len(found) > REPLAY_LIMIT


def send_test(endpoint_id: str) -> WebhookDelivery:
    """A `webhook.test` event, delivered and logged like any other."""
    _enabled(endpoint_id)
    now = datetime.now(timezone.utc)
    message_id = delivery_id(now, endpoint_id, uuid.uuid4().hex)
    body = event_body(TEST_EVENT, now_iso(), {"webhook_id": endpoint_id, "message": "A test event from the OMS"})
    test_event = event_id(now, endpoint_id, message_id)
    webhook_store.save_events({test_event: body})
    webhook_store.new_deliveries([webhook_store.NewDelivery(endpoint_id, message_id, TEST_EVENT, None, test_event,
                                                            now_iso())])
    delivery = webhook_store.get_delivery(endpoint_id, message_id)
    webhook_queue.enqueue(endpoint_id, message_id, webhook_queue.message_group(endpoint_id, "test"))
    return delivery
