"""Delivers a batch of webhook messages (up to ten, as Lambda's SQS poller
hands them to `deliver_webhooks`; `ops/webhook_worker.py` locally): the
messages of each (endpoint, order) group one after another, in queue order,
and the groups side by side, so one invocation waits about as long as its
slowest receiver rather than the sum of them.

A group stops at its first message that is not settled (`RetryLater`, or
an AWS failure): that message stays on the queue (invisible for its
backoff) and so do the group's later ones, which the FIFO queue returns
only after it. `Settled.complete` tells whether every message was settled;
if not, the caller must leave the unsettled ones on the queue."""
import functools
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from . import webhook_delivery

logger = logging.getLogger("oms.webhooks")
SENDERS = 10  # groups delivered at once: a batch holds at most ten messages


class Unsettled(Exception):
    """Some messages of the batch stay on the queue (their retries are scheduled)."""

    def __init__(self, count: int):
        super().__init__(f"{count} webhook message(s) left on the queue for a later attempt")


@dataclass(frozen=True)
class Message:
    body: str
    receipt_handle: str
    group: str
    receive_count: int = 1


@dataclass
class Settled:
    settled: List[Message] = field(default_factory=list)
    unsettled: List[Message] = field(default_factory=list)
    error: Optional[Exception] = None  # the first failure that was not a retry scheduled

    @property
    def complete(self) -> bool:
        return not self.unsettled


def _deliver_group(messages: List[Message]) -> Settled:
    outcome = Settled()
    for position, message in enumerate(messages):
        try:
            webhook_delivery.handle_message(message.body, message.receipt_handle, message.receive_count)
        except webhook_delivery.RetryLater:
            outcome.unsettled = messages[position:]
            return outcome
        except Exception as error:  # noqa: BLE001 - an AWS failure: the message stays, the caller re-raises
            logger.warning("webhook delivery interrupted", extra={"error": type(error).__name__})
            outcome.unsettled, outcome.error = messages[position:], error
            return outcome
        outcome.settled.append(message)
    return outcome


@functools.lru_cache(maxsize=1)
def _senders() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=SENDERS, thread_name_prefix="webhook")


def deliver(messages: List[Message]) -> Settled:
    groups: Dict[str, List[Message]] = {}
    for message in messages:
        groups.setdefault(message.group, []).append(message)
    if len(groups) <= 1:
        outcomes = [_deliver_group(group) for group in groups.values()]
    else:
        from ..data.dynamo import get_connection

        assert get_connection().client  # build the shared client before threads race to do it
        outcomes = list(_senders().map(_deliver_group, groups.values()))
    total = Settled()
    for outcome in outcomes:
        total.settled += outcome.settled
        total.unsettled += outcome.unsettled
        total.error = total.error or outcome.error
    return total
