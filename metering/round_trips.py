"""Sequential DynamoDB round trips of a request, measured by delaying every call."""
import threading
import time
from typing import List


class RoundTrips:
    """How many DynamoDB round trips a request waited for one after another.
    Every call is held `delay` seconds before it is sent (outside the
    emulator's lock, like network latency), so calls issued together overlap;
    the depth is the longest chain of calls each starting after the one
    before it ended."""

    def __init__(self, delay: float = 0.05):
        self.delay = delay
        self.spans: List[list] = []
        self._local = threading.local()

    def before(self, **_):
        span = [time.monotonic(), None]
        self._local.span = span
        self.spans.append(span)
        time.sleep(self.delay)

    def after(self, **_):
        self._local.span[1] = time.monotonic()

    def reset(self):
        self.spans = []

    @property
    def depth(self) -> int:
        spans = sorted((start, end) for start, end in self.spans if end is not None)
        chain = [0] * len(spans)
        for i, (start, _) in enumerate(spans):
            chain[i] = 1 + max((chain[j] for j in range(i) if spans[j][1] <= start), default=0)
        return max(chain, default=0)
