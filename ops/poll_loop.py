"""The loop of the local stack's workers (ops/stream_worker.py,
ops/webhook_worker.py): poll until SIGTERM or SIGINT, pause when there is
no work, and ride out the emulator or a service being down."""
import logging
import signal
import time
from typing import Callable

from chalicelib.core.logs import configure

IDLE_SECONDS = 0.5


def run_until_signalled(poll: Callable[[], int], logger: logging.Logger, failure_message: str, max_delay: float,
                        pause_after_work: float = 0) -> int:
    """Calls `poll` (returning how much it handled) until signalled: after
    IDLE_SECONDS when it handled nothing, after `pause_after_work` (at once
    by default) when it handled something. When it raises,
    logs `failure_message` and polls again after a delay that doubles, up to
    `max_delay` seconds, until a poll succeeds. Returns the exit status."""
    configure()
    running = True

    def stop(signum, frame):
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    delay = IDLE_SECONDS
    while running:
        try:
            pause = pause_after_work if poll() else IDLE_SECONDS
            if pause:
                time.sleep(pause)
            delay = IDLE_SECONDS
        except Exception as error:  # nothing is lost: the next poll picks up where this one failed
            logger.warning(failure_message, extra={"error": type(error).__name__})
            time.sleep(delay)
            delay = min(delay * 2, max_delay)
    return 0
