"""The local stack's stream worker, standing in for the deployed stream
functions: every half second it hands new stream records to
`chalicelib.streams.handle` (backups, workflow runs the API could not start);
when that fails it logs, backs off and retries the same records (nothing is
skipped)."""
import logging
import signal
import sys
import time

from chalicelib.core.logs import configure
from ops.stream_pump import StreamPump

logger = logging.getLogger("oms.streams")


def main() -> int:
    configure()
    running = True

    def stop(signum, frame):
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    pump = StreamPump()
    delay = 0.5
    while running:
        try:
            handled = pump.poll_once()
            if handled:
                logger.info("handled", extra={"records": handled})
            delay = 0.5
        except Exception as error:  # S3, Step Functions or the emulator down: keep the position, retry
            logger.warning("stream records pending, will retry", extra={"error": type(error).__name__})
            delay = min(delay * 2, 10)
        time.sleep(delay)
    return 0


if __name__ == "__main__":
    sys.exit(main())
