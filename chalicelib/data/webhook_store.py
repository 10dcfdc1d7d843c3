"""Data access for webhook endpoints and their deliveries (one table:
endpoints under partition `endpoints`, each endpoint's deliveries under
`deliveries#<endpoint id>`, newest last by id). No scans: every read is a
GetItem or a Query of one partition."""
import time
from typing import List, Optional, Tuple

from pynamodb.exceptions import PutError, UpdateError

from ..core.errors import NotFound
from .aws_failures import error_code
from .models import DeliveryAttempt, WebhookDelivery, WebhookEndpoint

DELIVERY_DAYS = 30  # how long the delivery log (and the bodies to replay) is kept


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

def new_delivery(endpoint_id: str, delivery_id: str, event_type: str, order_id: Optional[str], payload: str,
                 created_at: str, status: str = "pending") -> bool:
    """Records a delivery once: False when it was recorded before (a stream
    batch handled again), which leaves its status and attempts as they are."""
    delivery = WebhookDelivery(delivery_partition(endpoint_id), delivery_id, event_type=event_type, order_id=order_id,
                               payload=payload, status=status, attempts=[], created_at=created_at,
                               expires_at=int(time.time()) + DELIVERY_DAYS * 86400)
    try:
        delivery.save(condition=WebhookDelivery.sk.does_not_exist())
        return True
    except PutError as error:
        if error_code(error) == "ConditionalCheckFailedException":
            return False
        raise


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
