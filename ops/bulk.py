"""Orders written straight to the tables, with their counters, for the
scale test and the benchmark (through the API 10,000 orders take minutes).
The items are built by the same code the API uses (`order_store.new_order`)."""
import collections
from decimal import Decimal

from chalicelib import counters, order_store
from chalicelib.models import Counter, Order
from chalicelib.order_rules import STATUSES, Line


def load_orders(count: int, customers: int = 50, statuses=STATUSES) -> None:
    counts = collections.defaultdict(collections.Counter)
    with Order.batch_write() as batch:
        for n in range(count):
            order = order_store.new_order(customer_id=f"BULK{n % customers}", customer_name="Bulk", customer_email=None,
                                          lines=[Line("PROD002", "Mouse", 1, Decimal("29.99"))], currency="USD", actor="bulk")
            status = statuses[n % len(statuses)]
            order.status, order.status_pk, order.version = status, order_store.status_partition(status, order.shard), 1
            batch.save(order)
            for counter_id in (counters.counter_id_for(order.order_id), counters.customer_counter_id(order.customer_id)):
                counts[counter_id]["total"] += 1
                counts[counter_id][status] += 1
    for counter_id, values in counts.items():
        Counter(counter_id).update(actions=[getattr(Counter, name).add(n) for name, n in values.items()])
