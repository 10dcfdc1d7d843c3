"""Webhooks: subscribing, changing, replaying, and how the API shows an
endpoint (`WEBHOOK`: never its secrets) and its deliveries (`DELIVERY`)."""
import json
from typing import Optional

from ..core.errors import Issue
from ..domain.webhook_targets import MAX_URL
from ..domain.webhooks import EVENT_TYPES, TEST_EVENT
from .spec import Choice, Field, Flag, Integer, List_, Pattern, Record, Text
from .values import BOOLEAN, MAX_LIMIT, MAX_TEXT, NULLABLE_STRING, STRING, TIMESTAMP, derived, integer, nullable, out, response

WEBHOOK_ID = Pattern(r"whep_[0-9a-f]{32}", "a webhook id")
DELIVERY_ID = Pattern(r"msg_[0-9]{14}[0-9a-f]{20}", "a delivery id (the webhook-id header)")
EVENT_TYPE = Choice(EVENT_TYPES, name="WebhookEventType")


# ---------------------------------------------------------------- requests

WEBHOOK_EVENTS = List_(EVENT_TYPE, len(EVENT_TYPES), description="The event types sent; every type when left out")
WEBHOOK_URL = Text(MAX_URL, description=(
    "Where events are POSTed. Deployed stages: https, and no private, loopback or link-local address"))
UTC_TIME = Pattern(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z",
                   "a UTC time such as 2026-11-25T12:00:00Z", example="2026-11-25T12:00:00Z")


def _something_to_change(values: dict, path: str) -> Optional[Issue]:
    if not values:
        return Issue("missing_field", None, "Give at least one of: url, events, enabled, description")
    return None


CREATE_WEBHOOK = Record("CreateWebhookRequest", {
    "url": Field(WEBHOOK_URL, required=True),
    "events": Field(WEBHOOK_EVENTS),
    "description": Field(Text(MAX_TEXT, blank=True)),
})
UPDATE_WEBHOOK = Record("UpdateWebhookRequest", {
    "url": Field(WEBHOOK_URL),
    "events": Field(WEBHOOK_EVENTS),
    "enabled": Field(Flag()),
    "description": Field(Text(MAX_TEXT, blank=True)),
}, rules=[_something_to_change], json_extra={"minProperties": 1})
REPLAY_WEBHOOK = Record("ReplayWebhookRequest", {
    "since": Field(UTC_TIME, required=True),
    "until": Field(UTC_TIME, required=True),
}, description="Every delivery of events between since and until (inclusive, to the second) is sent again")
LIST_DELIVERIES = Record("ListDeliveriesQuery", {
    "limit": Field(Integer(1, MAX_LIMIT)),
    "next_token": Field(DELIVERY_ID),
})


# ---------------------------------------------------------------- responses

WEBHOOK = response(
    "Webhook",
    webhook_id=derived(STRING, "sk"),
    url=STRING,
    # An endpoint that names no types gets every type.
    events=derived(List_(EVENT_TYPE, len(EVENT_TYPES), min_items=1),
                   lambda endpoint: sorted(endpoint.events) if endpoint.events else list(EVENT_TYPES)),
    description=NULLABLE_STRING,
    enabled=BOOLEAN,
    disabled_reason=NULLABLE_STRING,
    failing_since=NULLABLE_STRING,
    created_at=TIMESTAMP,
    updated_at=TIMESTAMP,
)
WEBHOOK_SECRET = out("string", pattern="^whsec_[A-Za-z0-9+/=]+$", description=(
    "The signing secret, shown only in this response: keep it to verify the webhook-signature header"))
WEBHOOK_CREATED = response("WebhookCreated", message=STRING, webhook=WEBHOOK, secret=WEBHOOK_SECRET)
WEBHOOK_LIST = response("WebhookList", webhooks=List_(WEBHOOK, 10_000, min_items=0))
WEBHOOK_SAVED = response("WebhookSaved", message=STRING, webhook=WEBHOOK)
WEBHOOK_DELETED = response("WebhookDeleted", message=STRING, webhook_id=STRING)

DELIVERY_ATTEMPT = response("DeliveryAttempt", at=TIMESTAMP, status_code=nullable("integer", int),
                            latency_ms=integer(minimum=0), error=NULLABLE_STRING)
def _order_number(delivery) -> Optional[str]:
    """The number of the order the delivered event is about: recorded with
    the delivery, or (a delivery recorded before) read from the body sent."""
    if delivery.order_number:
        return delivery.order_number
    try:
        order = json.loads(delivery.payload)["data"]["order"]
    except (ValueError, KeyError, TypeError):
        return None
    return order.get("order_number") if isinstance(order, dict) else None


DELIVERY = response(
    "Delivery",
    delivery_id=derived(out("string", description="The webhook-id header of every attempt"), "sk"),
    event_type=Choice((*EVENT_TYPES, TEST_EVENT)),
    order_id=NULLABLE_STRING,
    order_number=derived(nullable("string", description="The order's readable number (#1001), when the event has one"),
                         _order_number),
    status=Choice(("pending", "delivered", "failed", "held")),
    created_at=TIMESTAMP,
    next_retry_at=NULLABLE_STRING,
    delivered_at=NULLABLE_STRING,
    attempts=List_(DELIVERY_ATTEMPT, 10_000, min_items=0),
)
DELIVERY_LIST = response("DeliveryList", deliveries=List_(DELIVERY, MAX_LIMIT, min_items=0), next_token=NULLABLE_STRING)
DELIVERY_QUEUED = response("DeliveryQueued", message=STRING, delivery=DELIVERY)
REPLAY_STARTED = response("ReplayStarted", message=STRING, replayed=integer(minimum=0),
                          truncated=out("boolean", description="More deliveries than one replay sends: replay the rest"))
