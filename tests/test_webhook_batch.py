"""A batch of webhook messages: each (endpoint, order) group in queue order,
the groups side by side; a group stops at its first unsettled message."""
import threading
import time

import pytest

from chalicelib.events import webhook_batch, webhook_delivery


@pytest.fixture
def attempts(monkeypatch):
    """Which bodies were handled, in order; a body naming `retry` or `aws` fails so."""
    handled, lock = [], threading.Lock()

    def handle_message(body, receipt_handle, receive_count=1):
        time.sleep(0.2)  # a receiver's answer time
        with lock:
            handled.append(body)
        if body.startswith("retry"):
            raise webhook_delivery.RetryLater(body, 30)
        if body.startswith("aws"):
            raise ConnectionError("DynamoDB did not answer")
        return "delivered"

    monkeypatch.setattr(webhook_delivery, "handle_message", handle_message)
    return handled


def message(body, group):
    return webhook_batch.Message(body, f"receipt-{body}", group)


def test_groups_are_delivered_side_by_side_each_in_order(attempts):
    batch = [message(f"{group}{n}", group) for n in range(2) for group in "abcde"]
    started = time.perf_counter()
    outcome = webhook_batch.deliver(batch)
    elapsed = time.perf_counter() - started
    assert outcome.complete and outcome.error is None and len(outcome.settled) == 10
    assert elapsed < 0.2 * 10 / 2  # five groups of two at once, not ten one after another
    for group in "abcde":
        assert [body for body in attempts if body.startswith(group)] == [f"{group}0", f"{group}1"]


def test_a_failed_attempt_holds_back_its_group_only(attempts):
    batch = [message("a0", "a"), message("retry-a1", "a"), message("a2", "a"), message("b0", "b"), message("b1", "b")]
    outcome = webhook_batch.deliver(batch)
    assert not outcome.complete and outcome.error is None
    assert [m.body for m in outcome.settled] == ["a0", "b0", "b1"]
    assert [m.body for m in outcome.unsettled] == ["retry-a1", "a2"]
    assert "a2" not in attempts  # never sent ahead of the one before it


def test_an_aws_failure_is_reported_for_the_caller_to_raise(attempts):
    outcome = webhook_batch.deliver([message("aws-a0", "a"), message("a1", "a"), message("b0", "b")])
    assert isinstance(outcome.error, ConnectionError)
    assert [m.body for m in outcome.unsettled] == ["aws-a0", "a1"] and [m.body for m in outcome.settled] == ["b0"]
