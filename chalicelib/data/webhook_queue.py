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
from typing import Sequence, Tuple

from ..core.settings import get_settings
from .aws import get_sqs_client

BATCH = 10  # SendMessageBatch's limit


@functools.lru_cache(maxsize=1)
def queue_url() -> str:
    webhooks = get_settings().webhooks
    return webhooks.queue_url or get_sqs_client().get_queue_url(QueueName=webhooks.queue_name)["QueueUrl"]


def message_group(endpoint_id: str, order_id: str) -> str:
    return f"{endpoint_id}#{order_id}"


def _message(endpoint_id: str, delivery_id: str, group: str, again: bool) -> dict:
    """`queued_at` starts the delivery's retry window. A delivery sent `again`
    on purpose (retry, replay) gets a deduplication id of its own, or the
    queue would drop it within five minutes of its first sending."""
    body = {"endpoint_id": endpoint_id, "delivery_id": delivery_id, "queued_at": round(time.time(), 3)}
    return {"MessageBody": json.dumps(body), "MessageGroupId": group,
            "MessageDeduplicationId": f"{delivery_id}.{uuid.uuid4().hex}" if again else delivery_id}


def enqueue(endpoint_id: str, delivery_id: str, group: str, again: bool = False) -> None:
    get_sqs_client().send_message(QueueUrl=queue_url(), **_message(endpoint_id, delivery_id, group, again))


class NotQueued(Exception):
    """Some messages of a batch were refused; the stream batch is retried."""


def enqueue_all(messages: Sequence[Tuple[str, str, str]]) -> None:
    """(endpoint id, delivery id, group) each, in order, with SendMessageBatch
    (BATCH a call; within a group the queue keeps the order they are sent in)."""
    for start in range(0, len(messages), BATCH):
        entries = [{"Id": str(number), **_message(*message, again=False)}
                   for number, message in enumerate(messages[start:start + BATCH])]
        refused = get_sqs_client().send_message_batch(QueueUrl=queue_url(), Entries=entries).get("Failed") or []
        if refused:
            raise NotQueued(f"{len(refused)} of {len(entries)} messages refused: {refused[0].get('Code')}")


def delete_all(receipt_handles: Sequence[str]) -> None:
    """Settled messages off the queue, BATCH a call (a batch some of whose
    messages must stay cannot be left to Lambda, which deletes all or none)."""
    for start in range(0, len(receipt_handles), BATCH):
        entries = [{"Id": str(number), "ReceiptHandle": handle}
                   for number, handle in enumerate(receipt_handles[start:start + BATCH])]
        get_sqs_client().delete_message_batch(QueueUrl=queue_url(), Entries=entries)


def retry_later(receipt_handle: str, seconds: int) -> None:
    """The message comes back after `seconds` (SQS allows up to 12 hours)."""
    get_sqs_client().change_message_visibility(QueueUrl=queue_url(), ReceiptHandle=receipt_handle,
                                               VisibilityTimeout=max(0, min(int(seconds), 12 * 3600)))


def reset() -> None:
    queue_url.cache_clear()
