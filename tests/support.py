"""Helpers shared by test modules (fixtures live in conftest.py and are never
imported from it)."""
import collections
import time
from typing import Dict, List

HOLDING = {"processing", "shipped", "delivered"}


class Books:
    """The invariants every fault and race must leave intact, read straight
    from the tables of a running local stack (scans are fine in a test)."""

    def __init__(self, dynamodb, prefix: str = "oms-local"):
        self.dynamodb, self.prefix = dynamodb, prefix

    def scan(self, table: str) -> List[dict]:
        items, arguments = [], {"TableName": f"{self.prefix}-{table}", "ConsistentRead": True}
        while True:
            page = self.dynamodb.scan(**arguments)
            items += page["Items"]
            if "LastEvaluatedKey" not in page:
                return items
            arguments["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def orders(self) -> List[dict]:
        return self.scan("orders")

    def stock_problems(self) -> List[str]:
        """stock + held by live orders == stock ever added, and never negative."""
        held: Dict[str, int] = collections.Counter()
        for order in self.orders():
            if order["status"]["S"] in HOLDING:
                for line in order["items"]["L"]:
                    held[line["M"]["product_id"]["S"]] += int(line["M"]["quantity"]["N"])
        problems = []
        for product in self.scan("products"):
            pid = product["product_id"]["S"]
            stock, added = int(product["stock_quantity"]["N"]), int(product.get("stock_added", {"N": "0"})["N"])
            if stock < 0 or stock + held[pid] != added:
                problems.append(f"{pid}: stock {stock} + held {held[pid]} != added {added}")
        return problems

    def counter_problems(self) -> List[str]:
        """Every counter equals a count of the orders themselves."""
        expected: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for order in self.orders():
            status = order["status"]["S"]
            for key in ("orders", f"customer#{order['customer_id']['S']}"):
                expected[key]["total"] += 1
                expected[key][status] += 1
        found: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for counter in self.scan("counters"):
            counter_id = counter["counter_id"]["S"]
            key = "orders" if counter_id.startswith("orders#") else counter_id
            for name, value in counter.items():
                if name != "counter_id" and "N" in value:
                    found[key][name] += int(value["N"])
        problems = []
        for key in set(expected) | set(found):
            want, got = +expected[key], +found[key]  # unary + drops zero counts
            if want != got:
                problems.append(f"{key}: counted {dict(want)}, counters say {dict(got)}")
        return problems

    def stuck_pending(self, timeout: float = 60) -> List[str]:
        """Orders still pending after `timeout`. Every pending order has a run
        (started by the API, or by the stream worker when the API could not)
        and every run ends by moving its order on, so none should remain."""
        deadline = time.time() + timeout
        while True:
            pending = [order["order_id"]["S"] for order in self.orders() if order["status"]["S"] == "pending"]
            if not pending or time.time() > deadline:
                return pending
            time.sleep(0.5)
