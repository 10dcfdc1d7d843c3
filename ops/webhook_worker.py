"""The local stack's webhook delivery worker, standing in for the deployed
`deliver_webhooks` function: polls the emulator's FIFO queue and hands each
message to `chalicelib.events.webhook_delivery.handle_message`, deleting it
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
from chalicelib.events import webhook_delivery
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
        settled, blocked = 0, set()
        for message in received.get("Messages", []):
            group = message["Attributes"].get("MessageGroupId")
            if group in blocked:  # behind a failed one: back on the queue, in order
                self.sqs.change_message_visibility(QueueUrl=self.url, ReceiptHandle=message["ReceiptHandle"],
                                                   VisibilityTimeout=0)
                continue
            try:
                webhook_delivery.handle_message(message["Body"], message["ReceiptHandle"],
                                                int(message["Attributes"].get("ApproximateReceiveCount", 1)))
            except webhook_delivery.RetryLater:
                blocked.add(group)
                continue
            except Exception:
                blocked.add(group)
                raise
            self.sqs.delete_message(QueueUrl=self.url, ReceiptHandle=message["ReceiptHandle"])
            settled += 1
        return settled


def main() -> int:
    pump = functools.cache(WebhookPump)  # created at the first poll that reaches the emulator
    return run_until_signalled(lambda: pump().poll_once(), logger, "webhook queue unavailable, will retry", max_delay=5)


if __name__ == "__main__":
    sys.exit(main())
