"""Readable order numbers (1001, 1002, ...) without a hot key on the write path.

One counter item (`sequence#order_number` in the counters table) says how
many numbers were ever handed out. A process reserves a block of
`BLOCK_SIZE` numbers with one atomic ADD and hands them out from memory, so
the item is written once per `BLOCK_SIZE` orders per process, not once per
order: 1,000 orders a second across any number of processes is 10 writes a
second on that item (an item takes 1,000). Numbers are unique (an ADD never
returns the same range twice) and grow over time, but not gapless: a
process that ends keeps the rest of its block unused, and concurrent
processes interleave their blocks. Twelve characters hold numbers up to
999,999,999,999."""
import threading
from typing import Optional

from .models import Counter

SEQUENCE_KEY = "sequence#order_number"
FIRST_NUMBER = 1001
BLOCK_SIZE = 100


class NumberBlocks:
    """Numbers from blocks reserved on the sequence item, one block at a time."""

    def __init__(self, block_size: int = BLOCK_SIZE):
        self.block_size = block_size
        self._next: Optional[int] = None
        self._end = 0  # one past the last number of the block
        self._lock = threading.Lock()

    def next_number(self) -> str:
        with self._lock:
            if self._next is None or self._next >= self._end:
                self._reserve()
            number = self._next
            self._next += 1
        return str(number)

    def _reserve(self) -> None:
        sequence = Counter(SEQUENCE_KEY)
        sequence.update(actions=[Counter.total.add(self.block_size)])
        self._end = FIRST_NUMBER + int(sequence.total)
        self._next = self._end - self.block_size


_blocks = NumberBlocks()


def next_order_number() -> str:
    return _blocks.next_number()


def reset() -> None:
    """Forget the block in hand (when the tables behind it are replaced, as in tests)."""
    global _blocks
    _blocks = NumberBlocks()
