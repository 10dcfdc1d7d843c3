"""The local workers' loop (ops/poll_loop.py): it pauses when a poll found
nothing (and after work only when asked to), backs off (doubling, capped)
while polls fail and starts over once one succeeds, and stops at SIGTERM."""
import logging
import os
import signal

import pytest

from ops import poll_loop


@pytest.fixture
def sleeps(monkeypatch):
    slept = []
    monkeypatch.setattr(poll_loop.time, "sleep", slept.append)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    yield slept
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


def polls(*outcomes):
    """A poll handing out `outcomes`: a count handled, "fail" (raises) or "stop" (SIGTERM, then 1 handled)."""
    remaining = iter(outcomes)

    def poll():
        outcome = next(remaining)
        if outcome == "fail":
            raise ConnectionError("emulator down")
        if outcome == "stop":
            os.kill(os.getpid(), signal.SIGTERM)
            return 1
        return outcome
    return poll, remaining


def test_idle_pauses_backoff_and_stop_at_sigterm(sleeps, caplog):
    poll, outcomes = polls(3, 0, "fail", "fail", "fail", "fail", 2, "fail", 0, "stop")
    with caplog.at_level(logging.WARNING, logger="tests.poll_loop"):
        status = poll_loop.run_until_signalled(poll, logging.getLogger("tests.poll_loop"), "down, will retry", max_delay=2)
    assert status == 0 and next(outcomes, None) is None
    # 3 handled: no pause; 0: idle; four failures: 0.5, 1, 2, 2 (capped); 2 handled: no pause and the
    # backoff starts over; one failure: 0.5; 0: idle; the poll that handled 1 when signalled: no pause.
    assert sleeps == [0.5, 0.5, 1, 2, 2, 0.5, 0.5]
    assert [(r.getMessage(), r.error) for r in caplog.records] == [("down, will retry", "ConnectionError")] * 5


def test_a_pause_after_work_when_asked(sleeps):
    poll, outcomes = polls(2, 0, 5, "stop")
    assert poll_loop.run_until_signalled(poll, logging.getLogger("tests.poll_loop"), "down", max_delay=2,
                                         pause_after_work=0.25) == 0
    assert next(outcomes, None) is None and sleeps == [0.25, 0.5, 0.25, 0.25]
