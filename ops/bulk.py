"""Orders written straight to the tables, with their counts, for the scale
test and the benchmark (through the API 10,000 orders take minutes). The
items are built by the same code the API uses (`order_state.new_order`); the
counts are added here, since nothing drains the stream in those runs."""
import random
import uuid
from decimal import Decimal

from chalicelib.data import counters, order_numbers, order_store
from chalicelib.data.models import Counter, Order
from chalicelib.domain import order_state
from chalicelib.domain.order_rules import STATUSES, Line


def load_orders(count: int, customers: int = 50, statuses=STATUSES, seed=None) -> None:
    """`seed` makes the order ids (and so their list shards) the same on
    every run, as random as uuid4's."""
    ids = random.Random(seed)
    loaded = []
    with Order.batch_write() as batch:
        for n in range(count):
            order = order_state.new_order(order_id=str(uuid.UUID(int=ids.getrandbits(128), version=4)), order_number=order_numbers.next_order_number(),
                                          customer_id=f"BULK{n % customers}", customer_name="Bulk",
                                          customer_email=None,
                                          lines=[Line("PROD002", "Mouse", 1, Decimal("29.99"))], currency="USD", actor="bulk")
            status = statuses[n % len(statuses)]
            order.status, order.status_pk, order.version = status, order_store.status_partition(status, order.shard), 1
            batch.save(order)
            loaded.append((order.customer_id, order.created_at, status, order.total_amount))
    for counter_id, values in counters.recount(loaded).items():
        if values:
            Counter(counter_id).update(actions=[getattr(Counter, name).add(n) for name, n in values.items()])
