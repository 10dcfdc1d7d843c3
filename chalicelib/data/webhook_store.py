"""Data access for webhook endpoints and their deliveries (one table:
endpoints under partition `endpoints`, each endpoint's deliveries under
`deliveries#<endpoint id>`, newest last by id, each event's body once under
`event#<event id>`). No scans: every read is a GetItem or a Query of one
partition."""
import functools
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from pynamodb.exceptions import PutError, UpdateError

from ..core.errors import NotFound
from .aws_failures import error_code
from .dynamo import get_connection
from .models import DeliveryAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent

DELIVERY_DAYS = 30  # how long the delivery log (and the bodies to replay) is kept
WRITERS = 10  # concurrent writes of one stream batch's events and deliveries


def delivery_partition(endpoint_id: str) -> str:
    return f"deliveries#{endpoint_id}"


# ---------------------------------------------------------------- endpoints

def list_endpoints(consistent_read: bool = False) -> List[WebhookEndpoint]:
    return list(WebhookEndpoint.query("endpoints", consistent_read=consistent_read))


def get_endpoint(endpoint_id: str) -> WebhookEndpoint:
    try:
        return WebhookEndpoint.get("endpoints", endpoint_id, consistent_read=True)
    except WebhookEndpoint.DoesNotExist:
        raise NotFound(f"Webhook {endpoint_id[:64]} not found") from None


def save_endpoint(endpoint: WebhookEndpoint, new: bool = False) -> None:
    """A new endpoint must not exist yet; a change must find it still there."""
    condition = WebhookEndpoint.sk.does_not_exist() if new else WebhookEndpoint.sk.exists()
    try:
        endpoint.save(condition=condition)
    except PutError as error:
        if error_code(error) == "ConditionalCheckFailedException" and not new:
            raise NotFound(f"Webhook {endpoint.sk} not found") from None
        raise


def update_endpoint(endpoint: WebhookEndpoint, *actions) -> None:
    """A few attributes of an endpoint that still exists (delivery bookkeeping)."""
    try:
        endpoint.update(actions=list(actions), condition=WebhookEndpoint.sk.exists())
    except UpdateError as error:  # deleted meanwhile: nothing to record
        if error_code(error) != "ConditionalCheckFailedException":
            raise


def delete_endpoint(endpoint_id: str) -> None:
    get_endpoint(endpoint_id).delete()


# ---------------------------------------------------------------- deliveries

@dataclass(frozen=True)
class NewDelivery:
    endpoint_id: str
    delivery_id: str
    event_type: str
    order_id: Optional[str]
    event_id: str
    created_at: str
    status: str = "pending"
    order_number: Optional[str] = None


def _expiry() -> int:
    return int(time.time()) + DELIVERY_DAYS * 86400


def save_events(bodies: Dict[str, str]) -> None:
    """Event id -> body, each stored once (compressed). A batch handled
    again stores the same bytes under the same ids."""
    _in_parallel(lambda item: WebhookEvent(f"event#{item[0]}", body=zlib.compress(item[1].encode()),
                                           expires_at=_expiry()).save(), list(bodies.items()))


def event_body(delivery: WebhookDelivery) -> str:
    """The exact body of a delivery's event."""
    if delivery.payload is not None:
        return delivery.payload
    # Never changed once written: an eventually consistent read (half the
    # price) is right unless it is too early to see the write, then a consistent one.
    for consistent in (False, True):
        try:
            return zlib.decompress(WebhookEvent.get(f"event#{delivery.event_id}", "body",
                                                    consistent_read=consistent).body).decode()
        except WebhookEvent.DoesNotExist:
            continue
    raise NotFound(f"The event of delivery {delivery.sk} has expired")


def new_deliveries(deliveries: Sequence[NewDelivery]) -> List[bool]:
    """Records each delivery once (in parallel): False for one recorded
    before (a stream batch handled again), whose status and attempts stay
    as they are."""
    return _in_parallel(_new_delivery, list(deliveries))


def _new_delivery(new: NewDelivery) -> bool:
    delivery = WebhookDelivery(delivery_partition(new.endpoint_id), new.delivery_id, event_type=new.event_type,
                               order_id=new.order_id, order_number=new.order_number, event_id=new.event_id,
                               status=new.status, attempts=[],
                               created_at=new.created_at, expires_at=_expiry())
    try:
        delivery.save(condition=WebhookDelivery.sk.does_not_exist())
        return True
    except PutError as error:
        if error_code(error) == "ConditionalCheckFailedException":
            return False
        raise


def _in_parallel(write, items: list) -> list:
    """One write per item, up to WRITERS at a time (a stream batch's
    deliveries would otherwise wait on each other's round trips)."""
    if len(items) <= 1:
        return [write(item) for item in items]
    assert get_connection().client  # build the shared client before threads race to do it
    return list(_writers().map(write, items))


@functools.lru_cache(maxsize=1)
def _writers() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="webhook-log")


def get_delivery(endpoint_id: str, delivery_id: str) -> WebhookDelivery:
    try:
        return WebhookDelivery.get(delivery_partition(endpoint_id), delivery_id, consistent_read=True)
    except WebhookDelivery.DoesNotExist:
        raise NotFound(f"Delivery {delivery_id[:64]} not found") from None


def list_deliveries(endpoint_id: str, limit: int, before: Optional[str] = None) -> Tuple[List[WebhookDelivery],
                                                                                         Optional[str]]:
    """Newest first; the token is the last id shown."""
    condition = WebhookDelivery.sk < before if before else None
    result = WebhookDelivery.query(delivery_partition(endpoint_id), range_key_condition=condition,
                                   scan_index_forward=False, limit=limit, page_size=limit)
    deliveries = list(result)
    token = deliveries[-1].sk if deliveries and result.last_evaluated_key else None
    return deliveries, token


def deliveries_between(endpoint_id: str, first_id: str, last_id: str, limit: int) -> List[WebhookDelivery]:
    """Oldest first, ids in [first_id, last_id]."""
    return list(WebhookDelivery.query(delivery_partition(endpoint_id),
                                      range_key_condition=WebhookDelivery.sk.between(first_id, last_id),
                                      limit=limit, page_size=limit))


def record_attempt(delivery: WebhookDelivery, attempt: DeliveryAttempt, status: str, next_retry_at: Optional[str],
                   delivered_at: Optional[str] = None) -> None:
    delivery.update(actions=[
        WebhookDelivery.attempts.set(WebhookDelivery.attempts.append([attempt])),
        WebhookDelivery.status.set(status),
        WebhookDelivery.next_retry_at.set(next_retry_at) if next_retry_at else WebhookDelivery.next_retry_at.remove(),
        *([WebhookDelivery.delivered_at.set(delivered_at)] if delivered_at else []),
    ])


def set_status(delivery: WebhookDelivery, status: str) -> None:
    delivery.update(actions=[WebhookDelivery.status.set(status), WebhookDelivery.next_retry_at.remove()])
