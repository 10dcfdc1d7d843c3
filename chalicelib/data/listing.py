"""Newest-first order listing over sharded GSI partitions, in a bounded
number of round trips whatever the table holds.

All orders (and all orders of one status) are spread over `list_shards`
partition keys. A page is the k-way merge of those partitions by `list_sk`
(`<created_at>#<order_id>`, unique and time ordered):

1. one query per shard, all at once, together with the one counter read
   behind `pagination.total`. The first page and every `next_token` page ask
   each shard for `limit + 1` entries, which is always enough (no shard can
   contribute more), so they never need a second query. A page by number
   asks each shard for its share of `offset + limit` with a margin (x1.5 + 1);
2. only for a page by number, and only if a shard ran out of its chunk before
   the merge was done: one more query per such shard, all at once, for as
   many entries as the window could still need from it;
3. the page's orders with one BatchGetItem where the index holds keys only
   (all orders, one customer's); the status index holds the summary.

So a first page costs 2 sequential round trips, any page at most 3, and reads
at most about 1.5 x (offset + limit) + one chunk per shard index entries
(entries are ~100 bytes: 40 fit a read unit). Pages by number stop at
`MAX_PAGE` (the contract's limit); beyond, `next_token` costs O(limit) at
any depth: it holds the last `list_sk` returned, and every shard continues
from `list_sk < cursor`, so orders created meanwhile never shift a page.
"""
import functools
import heapq
import itertools
import math
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from ..core.settings import get_settings
from . import counters
from . import cursor as cursor_codec
from .dynamo import get_connection
from .models import ORDER_SUMMARY_ATTRIBUTES, Order

LIST_SK = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z#[0-9a-f\-]{36}$")
MARGIN = 1.5


@dataclass
class OrderPage:
    orders: List[Order]
    total: int
    page: int
    limit: int
    next_token: Optional[str]

    @property
    def pages(self) -> int:
        return math.ceil(self.total / self.limit) if self.total else 0


def encode_cursor(list_sk: str, page: int, filters: list) -> str:
    return cursor_codec.encode({"k": list_sk, "p": page, "f": filters})


def decode_cursor(token: str, filters: list) -> dict:
    cursor = cursor_codec.decode(token)
    if (not isinstance(cursor.get("k"), str) or not LIST_SK.match(cursor["k"])
            or not isinstance(cursor.get("p"), int) or isinstance(cursor.get("p"), bool) or not 1 < cursor["p"] <= 10**9):
        raise cursor_codec.invalid()
    if cursor.get("f") != filters:
        raise cursor_codec.invalid("next_token does not match the status/customer_id filters of this request")
    return cursor


@functools.lru_cache(maxsize=1)
def _executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=get_settings().list_shards + 1, thread_name_prefix="list")


@dataclass
class _Shard:
    """What one partition query returned, and how to read further."""
    query: functools.partial
    items: List[Order]
    last_key: Optional[dict]

    def read(self, count: int) -> "_Shard":
        result = self.query(limit=count, page_size=count, last_evaluated_key=self.last_key)
        return _Shard(self.query, self.items + list(result), result.last_evaluated_key)


def _partitions(status: Optional[str], customer_id: Optional[str], condition) -> List[functools.partial]:
    if customer_id is not None:
        filter_condition = (Order.status == status) if status else None
        return [functools.partial(Order.by_customer.query, customer_id, range_key_condition=condition,
                                  filter_condition=filter_condition, scan_index_forward=False)]
    index, prefix = (Order.by_status, status) if status else (Order.by_date, "ALL")
    return [functools.partial(index.query, f"{prefix}#{shard}", range_key_condition=condition, scan_index_forward=False)
            for shard in range(get_settings().list_shards)]


def _read_all(shards: List[_Shard], counts: List[int]) -> List[_Shard]:
    """Reads every shard its count in parallel (one round trip)."""
    if len(shards) == 1:
        return [shards[0].read(counts[0])]
    return list(_executor().map(lambda pair: pair[0].read(pair[1]), zip(shards, counts, strict=True)))


def _window(shards: List[_Shard], wanted: int) -> Tuple[List[Order], Dict[int, int]]:
    """The newest `wanted` entries of the merge, and how many each shard gave."""
    tagged = [[(order.list_sk, index, order) for order in shard.items] for index, shard in enumerate(shards)]
    window = list(itertools.islice(heapq.merge(*tagged, key=lambda entry: entry[0], reverse=True), wanted))
    used: Dict[int, int] = {}
    for _, index, _ in window:
        used[index] = used.get(index, 0) + 1
    return [order for _, _, order in window], used


def _short(shards: List[_Shard], used: Dict[int, int], window: List[Order], wanted: int) -> List[int]:
    """Shards that may hold entries the window still needs: they gave all they
    had read, have more, and the window is not full of newer entries."""
    if not window:
        return [index for index, shard in enumerate(shards) if shard.last_key]
    oldest = window[-1].list_sk
    return [index for index, shard in enumerate(shards)
            if shard.last_key and used.get(index, 0) == len(shard.items)
            and (len(window) < wanted or (shard.items and shard.items[-1].list_sk > oldest))]


def _still_needed(shard: _Shard, window: List[Order], wanted: int) -> int:
    """At most what the window could still take from this shard: its further
    entries are older than its last, so they come after every newer entry."""
    last = shard.items[-1].list_sk if shard.items else None
    newer = sum(1 for order in window if last is not None and order.list_sk > last)
    return max(1, wanted - newer)


def list_orders(*, status: Optional[str], customer_id: Optional[str], page: int, limit: int,
                next_token: Optional[str]) -> OrderPage:
    filters = [status, customer_id]
    before = None
    if next_token:
        cursor = decode_cursor(next_token, filters)
        before, page, offset = cursor["k"], cursor["p"], 0
    else:
        offset = (page - 1) * limit
    wanted = offset + limit + 1  # one extra tells whether another page exists

    queries = _partitions(status, customer_id, (Order.list_sk < before) if before else None)
    first = wanted if offset == 0 or len(queries) == 1 else min(wanted, math.ceil(wanted * MARGIN / len(queries)) + 1)
    assert get_connection().client  # build the shared client before threads race to do it
    total = _executor().submit(counters.read_total, status, customer_id)
    shards = _read_all([_Shard(query, [], None) for query in queries], [first] * len(queries))
    window, used = _window(shards, wanted)
    short = _short(shards, used, window, wanted)
    # One more round, all short shards at once, each for all it could still
    # give. Only a customer's list filtered by status may need more: its one
    # partition is read on until the page is full (bounded by that customer's orders).
    while short:
        counts = [_still_needed(shards[index], window, wanted) for index in short]
        refilled = _read_all([shards[index] for index in short], counts)
        for index, shard in zip(short, refilled, strict=True):
            shards[index] = shard
        window, used = _window(shards, wanted)
        short = _short(shards, used, window, wanted) if len(shards) == 1 else []

    page_items = window[offset:offset + limit]
    token = encode_cursor(page_items[-1].list_sk, page + 1, filters) if len(window) > offset + limit and page_items else None
    if status is None or customer_id is not None:
        page_items = _load_summaries(page_items)  # these indexes hold keys only
    # The counters trail writes by a stream batch: never report fewer orders than this page shows.
    shown = (page - 1) * limit + len(page_items) if page_items else 0
    return OrderPage(page_items, max(total.result(), shown), page, limit, token)


def _load_summaries(keys: List[Order]) -> List[Order]:
    if not keys:
        return []
    loaded = {order.order_id: order for order in Order.batch_get(
        [key.order_id for key in keys], attributes_to_get=["order_id", "list_sk"] + ORDER_SUMMARY_ATTRIBUTES)}
    # An order deleted since the index was read is simply left out.
    return [loaded[key.order_id] for key in keys if key.order_id in loaded]
