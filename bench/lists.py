"""GET /orders at any table size: sequential DynamoDB round trips (every call
held 50 ms, so parallel calls overlap), calls, read units as DynamoDB bills
them (metering.capacity) and index entries read, at 100 and 10,000 orders; the
page-number cap; a next_token page deep in the table; the totals' reads; and
the cost of a first page against the number of list shards."""
import boto3

from bench.in_process import aws
from bench.lambda_event import call_app, proxy_event
from metering.capacity import CapacityMeter
from metering.round_trips import RoundTrips

FILTERS = {"all orders": {}, "status=shipped": {"status": "shipped"}, "customer_id=BULK7": {"customer_id": "BULK7"}}
SHARD_COUNTS = (1, 4, 8, 16, 32)
SHARD_TABLE_ORDERS = 2_000


class Meter:
    """Cost of one API request against the in-process tables."""

    def __init__(self):
        from chalicelib.core.settings import get_settings
        from chalicelib.data import dynamo

        client = dynamo.get_client()
        self.capacity = CapacityMeter(client, boto3.client("dynamodb"), get_settings().table_names.values())
        self.trips = RoundTrips()
        client.meta.events.register("before-sign.dynamodb", self.trips.before)
        client.meta.events.register("after-call.dynamodb", self.trips.after)

    def get(self, query: dict, path: str = "/orders") -> tuple:
        """The request's cost when warm: sent once first, so the API key is cached as in a warm Lambda."""
        event = proxy_event("GET", path, query={k: str(v) for k, v in query.items()} or None)
        call_app(event)
        self.capacity.reset()
        self.trips.reset()
        status, body = call_app(event)
        return status, body, {"round_trips": self.trips.depth, "calls": sum(self.capacity.calls.values()),
                              "read_units": round(self.capacity.read_units, 1), "entries_read": self.capacity.items_read}


def _first_pages(meter: Meter) -> dict:
    costs = {}
    for name, query in FILTERS.items():
        status, body, cost = meter.get({"limit": 10, **query})
        assert status == 200 and len(body["orders"]) == 10, body
        costs[name] = cost
    return costs


def measure(report) -> dict:
    from ops.bulk import load_orders

    details = {}
    with aws():
        meter = Meter()
        load_orders(100, customers=10)
        details["first_page_at_100"] = _first_pages(meter)
        report.progress("first pages at 100 orders measured; loading 10,000")
        load_orders(9_900, customers=10)
        details["first_page_at_10000"] = at_10k = _first_pages(meter)
        for name, cost in at_10k.items():
            small = details["first_page_at_100"][name]
            report.figure(f"page 1 ({name}): round trips", cost["round_trips"], "", "<= 2", cost["round_trips"] <= 2)
            report.figure(f"page 1 ({name}): calls", cost["calls"], "", "<= 12", cost["calls"] <= 12)
            report.figure(f"page 1 ({name}): read units", cost["read_units"], "RCU", "<= 15", cost["read_units"] <= 15,
                          note=f"{small['read_units']} RCU at 100 orders")

        refused_status, refused, _ = meter.get({"page": 1000, "limit": 10})
        report.figure("page 1000, limit 10", refused_status, "", "400 naming next_token",
                      refused_status == 400 and "next_token" in refused["message"], note=refused["message"][:60])
        deepest = {"page": 100, "limit": 100}
        status, body, cost = meter.get(deepest)
        window = 99 * 100 + 100
        assert status == 200 and len(body["orders"]) == 100, body
        report.figure("deepest page by number (100 x 100): round trips", cost["round_trips"], "", "<= 3",
                      cost["round_trips"] <= 3)
        report.figure("deepest page by number: entries read", cost["entries_read"], "",
                      f"<= 2 x {window}", cost["entries_read"] <= 2 * window)
        details["deepest_page"] = cost

        token = meter.get({"page": 50, "limit": 100})[1]["next_token"]  # 5,000 orders in
        status, body, cost = meter.get({"limit": 100, "next_token": token})  # a cursor keeps its page's limit
        assert status == 200 and len(body["orders"]) == 100, body
        bound = 100 + 8 * 101 + 1  # the page's orders, limit + 1 entries from each shard, the total
        report.figure("next_token page 5,000 orders deep: entries read", cost["entries_read"], "",
                      f"<= {bound} (O(limit))", cost["entries_read"] <= bound, note=f"{cost['round_trips']} round trips")
        details["next_token_page"] = cost

        status, stats, _ = meter.get({}, "/stats")
        counter_reads = meter.capacity.calls["GetItem"] + meter.capacity.calls["BatchGetItem"]
        report.figure("GET /stats: item reads", counter_reads, "", "<= 1", counter_reads <= 1 and status == 200,
                      note=f"total {stats['orders']['total']}")
        meter.capacity.close()

    details["shards"] = {}
    for shards in SHARD_COUNTS:
        with aws(OMS_LIST_SHARDS=shards):
            meter = Meter()
            load_orders(SHARD_TABLE_ORDERS)
            details["shards"][shards] = _first_pages(meter)["all orders"]
            meter.capacity.close()
        report.progress(f"{shards} shards: {details['shards'][shards]}")
    return details


def shard_table(details: dict) -> str:
    lines = ["list shards | page 1 calls | read units | round trips | entries read",
             "---: | ---: | ---: | ---: | ---:"]
    for shards, cost in details["shards"].items():
        lines.append(f"{shards} | {cost['calls']} | {cost['read_units']} | {cost['round_trips']} | {cost['entries_read']}")
    return "\n".join(lines)
