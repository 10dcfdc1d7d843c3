"""The local stack's webhook delivery worker, standing in for the deployed
`deliver_webhooks` function: polls the emulator's FIFO queue and hands each
batch to `chalicelib.events.webhook_batch.deliver`, deleting every message
once settled (delivered, failed for good, held) as Lambda does. A message
whose attempt failed stays, invisible for its backoff; so do the messages of
its group received with it (made visible again at once: the queue returns
none of them before the failed one). When the emulator does not answer, it
logs, backs off and polls again: nothing is lost, the queue keeps it all."""
import functools
import logging
import sys

import boto3

from chalicelib.core.settings import get_settings
from chalicelib.data import webhook_queue
from chalicelib.events import webhook_batch
from ops.poll_loop import run_until_signalled

logger = logging.getLogger("oms.webhooks")


class WebhookPump:
    def __init__(self):
        self.sqs = boto3.client("sqs", region_name=get_settings().region)
        self.url = webhook_queue.queue_url()
        # A message being delivered stays invisible to other pollers this long.
        self.visibility = int(get_settings().webhooks.timeout_seconds * 2 + 10)

    def poll_once(self, wait_seconds: int = 0) -> int:
        """Handles one batch; returns the messages settled. No long polling
        by default: the emulator serves one request at a time, and a waiting
        receive would hold every API call behind it."""
        received = self.sqs.receive_message(QueueUrl=self.url, MaxNumberOfMessages=10, WaitTimeSeconds=wait_seconds,
                                            VisibilityTimeout=self.visibility,
                                            AttributeNames=["ApproximateReceiveCount", "MessageGroupId"])
        messages = [webhook_batch.Message(message["Body"], message["ReceiptHandle"],
                                          message["Attributes"].get("MessageGroupId", ""),
                                          int(message["Attributes"].get("ApproximateReceiveCount", 1)))
                    for message in received.get("Messages", [])]
        outcome = webhook_batch.deliver(messages)
        for message in outcome.settled:
            self.sqs.delete_message(QueueUrl=self.url, ReceiptHandle=message.receipt_handle)
        failed_groups = set()
        for message in outcome.unsettled:
            if message.group in failed_groups:  # behind a failed one: back on the queue, in order
                self.sqs.change_message_visibility(QueueUrl=self.url, ReceiptHandle=message.receipt_handle,
                                                   VisibilityTimeout=0)
            failed_groups.add(message.group)
        if outcome.error:
            raise outcome.error
        return len(outcome.settled)


def main() -> int:
    pump = functools.cache(WebhookPump)  # created at the first poll that reaches the emulator
    return run_until_signalled(lambda: pump().poll_once(), logger, "webhook queue unavailable, will retry", max_delay=5)


if __name__ == "__main__":
    sys.exit(main())
