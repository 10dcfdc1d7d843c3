"""Orders written straight to the tables, with their counts, for the scale
test and the benchmark (through the API 10,000 orders take minutes). The
items are built by the same code the API uses (`Order.place`, stored by
`order_store.item_of`); the counts are added here, since nothing drains the
stream in those runs."""
import random
import uuid
from dataclasses import replace
from decimal import Decimal

from chalicelib.data import counters, models, order_numbers, order_store
from chalicelib.data.models import Counter
from chalicelib.model.actor import Actor
from chalicelib.model.order import Order
from chalicelib.model.order_rules import STATUSES, Line


def load_orders(count: int, customers: int = 50, statuses=STATUSES, seed=None) -> None:
    """`seed` makes the order ids (and so their list shards) the same on
    every run, as random as uuid4's."""
    ids = random.Random(seed)
    loaded = []
    with models.Order.batch_write() as batch:
        for n in range(count):
            order_id = str(uuid.UUID(int=ids.getrandbits(128), version=4))
            placed = Order.place(order_id=order_id, order_number=order_numbers.next_order_number(),
                                 customer_id=f"BULK{n % customers}", customer_name="Bulk", customer_email=None,
                                 lines=[Line("PROD002", "Mouse", 1, Decimal("29.99"))], currency="USD",
                                 actor=Actor.system("bulk"))
            # Straight into each status (a test fixture, not a lifecycle).
            order = replace(placed, status=statuses[n % len(statuses)], version=1)
            batch.save(order_store.item_of(order))
            loaded.append((order.customer_id, order.created_at, order.status, order.total_amount))
    for counter_id, values in counters.recount(loaded).items():
        if values:
            Counter(counter_id).update(actions=[getattr(Counter, name).add(n) for name, n in values.items()])
