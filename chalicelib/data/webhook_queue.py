"""The webhook delivery queue: SQS FIFO, one message group per (endpoint,
order), so one order's events reach an endpoint in commit order while other
orders and endpoints go on. A message names a delivery; the delivery item
holds what to send (`webhook_store`).

Retries keep their place: a failed message is not re-sent but made invisible
for the backoff (ChangeMessageVisibility), and a FIFO queue returns nothing
else of its group meanwhile. A message id (the delivery id) is also its
deduplication id, so enqueueing a delivery twice within five minutes sends
it once; later duplicates find it delivered and are dropped."""
import functools
import json
import time
import uuid

from ..core.settings import get_settings
from .aws import get_sqs_client


@functools.lru_cache(maxsize=1)
def queue_url() -> str:
    webhooks = get_settings().webhooks
    return webhooks.queue_url or get_sqs_client().get_queue_url(QueueName=webhooks.queue_name)["QueueUrl"]


def message_group(endpoint_id: str, order_id: str) -> str:
    return f"{endpoint_id}#{order_id}"


def enqueue(endpoint_id: str, delivery_id: str, group: str, again: bool = False) -> None:
    """`queued_at` starts the delivery's retry window. A delivery sent `again`
    on purpose (retry, replay) gets a deduplication id of its own, or the
    queue would drop it within five minutes of its first sending."""
    body = {"endpoint_id": endpoint_id, "delivery_id": delivery_id, "queued_at": round(time.time(), 3)}
    get_sqs_client().send_message(
        QueueUrl=queue_url(), MessageBody=json.dumps(body), MessageGroupId=group,
        MessageDeduplicationId=f"{delivery_id}.{uuid.uuid4().hex}" if again else delivery_id)


def retry_later(receipt_handle: str, seconds: int) -> None:
    """The message comes back after `seconds` (SQS allows up to 12 hours)."""
    get_sqs_client().change_message_visibility(QueueUrl=queue_url(), ReceiptHandle=receipt_handle,
                                               VisibilityTimeout=max(0, min(int(seconds), 12 * 3600)))


def reset() -> None:
    queue_url.cache_clear()
