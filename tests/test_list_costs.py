"""What a list costs, independent of how many orders the table holds:
round trips, calls, read units and index entries read, counted from the
DynamoDB responses at two table sizes far apart (never timed)."""
import math

import pytest

from chalicelib.core.settings import get_settings
from chalicelib.data import listing
from ops.bulk import load_orders

pytestmark = [pytest.mark.usefixtures("without_workflow"), pytest.mark.slow]


@pytest.fixture
def warm_key(api, monkeypatch):
    """Verifies the API key once and caches it, as on a warm Lambda: what a
    list costs is then the list's own reads. Call it after the data is in
    place (putting data back forgets verified keys)."""
    from chalicelib.core.settings import get_settings

    monkeypatch.setenv("OMS_API_KEY_CACHE_SECONDS", "600")
    get_settings.cache_clear()

    def warm():
        api.get("/health")
        api.get("/orders?limit=1")

    yield warm
    monkeypatch.undo()
    get_settings.cache_clear()


SIZES = (200, 1000, 5000)


@pytest.fixture
def orders_loaded(world_with, warm_key):
    """`orders_loaded(n)`: the demo world plus n orders, the key verified.
    Each size is loaded once per worker, here, before a test's meters are
    attached (they would read every item written), then put back. The ids
    are seeded: how orders fall on the list shards, and so what a page by
    number reads, is the same on every run."""
    def variant(count):
        world_with(f"orders-{count}", lambda: load_orders(count, seed=count))

    for count in SIZES:
        variant(count)

    def load(count):
        variant(count)
        warm_key()

    return load


def list_cost(api, capacity, round_trips, query):
    capacity.reset()
    round_trips.reset()
    response = api.get(f"/orders?{query}")
    assert response.status_code == 200, response.data
    return response.data, {"calls": sum(capacity.calls.values()), "read_units": capacity.read_units,
                           "items_read": capacity.items_read, "round_trips": round_trips.depth,
                           "scans": capacity.calls["Scan"]}


FIRST_PAGES = ("limit=10", "limit=10&status=shipped", "limit=10&customer_id=BULK7")
# Two table sizes 25 times apart: a cost that does not change between them
# does not depend on the table's size (every read is counted, not timed).
SMALL, LARGE = SIZES[0], SIZES[-1]


def test_a_first_page_costs_two_round_trips_twelve_calls_and_fifteen_read_units_at_any_size(api, orders_loaded, capacity,
                                                                                             round_trips):
    orders_loaded(SMALL)
    small = {query: list_cost(api, capacity, round_trips, query)[1] for query in FIRST_PAGES}
    orders_loaded(LARGE)
    for query in FIRST_PAGES:
        body, cost = list_cost(api, capacity, round_trips, query)
        assert len(body["orders"]) == 10 and cost["scans"] == 0
        assert cost["round_trips"] <= 2 and cost["calls"] <= 12 and cost["read_units"] <= 15, (query, cost)
        # As at 200 orders: bound by the page, not the table.
        assert cost["calls"] == small[query]["calls"] and small[query]["read_units"] <= 15, (query, small[query])
    assert body["pagination"]["total"] == LARGE // 50  # one customer of 50
    assert list_cost(api, capacity, round_trips, "limit=10")[0]["pagination"]["total"] == LARGE


def test_next_token_pages_cost_the_same_at_any_depth(api, orders_loaded, capacity, round_trips):
    orders_loaded(1000)
    token, costs = None, []
    for page in range(1, 21):
        body, cost = list_cost(api, capacity, round_trips, "limit=50" + (f"&next_token={token}" if token else ""))
        assert body["pagination"]["page"] == page
        costs.append(cost)
        token = body["next_token"]
    assert token is None and all(c["round_trips"] <= 2 for c in costs)
    assert max(c["items_read"] for c in costs) <= costs[0]["items_read"]


# The deepest page by number (100) with a window of 5,000 orders.
@pytest.mark.parametrize("page, limit", [(2, 10), (20, 50), (100, 50)])
def test_a_page_by_number_is_three_round_trips_and_reads_under_twice_its_window(api, orders_loaded, capacity, round_trips,
                                                                                 page, limit):
    orders_loaded(LARGE)
    body, cost = list_cost(api, capacity, round_trips, f"page={page}&limit={limit}")
    window = page * limit
    assert len(body["orders"]) == min(limit, max(0, LARGE - (page - 1) * limit))
    # Index entries read stay under twice the window plus one first-round
    # chunk per shard (what a small window reads when one shard runs short
    # and is read again), and the page's orders.
    shards = get_settings().list_shards
    chunk = math.ceil((window + 1) * listing.MARGIN / shards) + 1
    assert cost["round_trips"] <= 3 and cost["items_read"] <= 2 * (window + 1) + shards * chunk + limit, (page, cost)
