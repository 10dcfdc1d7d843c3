"""The local stack's backup worker: drains the table streams into the backup
bucket every half second; when S3 fails it logs, backs off and retries the
same records (nothing is skipped)."""
import logging
import signal
import sys
import time

from chalicelib.logs import configure
from ops.stream_pump import StreamPump

logger = logging.getLogger("oms.backup")


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
                logger.info("backed up", extra={"records": handled})
            delay = 0.5
        except Exception as error:  # S3 or the emulator down: keep the position, retry
            logger.warning("backup pending, will retry", extra={"error": type(error).__name__})
            delay = min(delay * 2, 10)
        time.sleep(delay)
    return 0


if __name__ == "__main__":
    sys.exit(main())
