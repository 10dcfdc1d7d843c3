"""The local stack's stream worker, standing in for the deployed stream
functions: every half second it hands new stream records to
`chalicelib.events.streams.handle` (backups, counts, webhooks, workflow runs
the API could not start); a record the handler cannot take is retried at
each poll and, after 5 retries, set aside on the failed records queue
(`ops/stream_pump.py`); when the emulator cannot be reached it logs, backs
off and retries the same records."""
import functools
import logging
import sys

from ops.poll_loop import IDLE_SECONDS, run_until_signalled
from ops.stream_pump import StreamPump

logger = logging.getLogger("oms.streams")


def main() -> int:
    pump = functools.cache(StreamPump)  # created at the first poll that reaches the emulator

    def poll() -> int:
        handled = pump().poll_once()
        if handled:
            logger.info("handled", extra={"records": handled})
        return handled

    # S3, Step Functions or the emulator down: the pump keeps its position and retries.
    # A batch every half second at most: a burst of changes leaves the emulator
    # (one request at a time) to the API's requests in between.
    return run_until_signalled(poll, logger, "stream records pending, will retry", max_delay=10,
                               pause_after_work=IDLE_SECONDS)


if __name__ == "__main__":
    sys.exit(main())
