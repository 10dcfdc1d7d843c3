"""Newest-first order listing over sharded GSI partitions.

All orders (and all orders of one status) are spread over `list_shards`
partition keys. A page is the k-way merge of those partitions by `list_sk`
(`<created_at>#<order_id>`, unique and time ordered): each partition is read
lazily in small chunks, the first chunk of every partition in parallel, so a
page reads about `offset + limit` index entries plus a few per shard, however
many orders exist.

`next_token` is an opaque base64 cursor holding the last `list_sk` returned;
continuing from it reads `list_sk < cursor` in each partition, so orders
created meanwhile never shift or repeat a page.
"""
import functools
import heapq
import itertools
import math
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterator, List, Optional

from ..core.settings import get_settings
from . import counters
from . import cursor as cursor_codec
from .dynamo import get_connection
from .models import ORDER_SUMMARY_ATTRIBUTES, Order

LIST_SK = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z#[0-9a-f\-]{36}$")
MAX_OFFSET = 10_000  # deeper pages must use next_token
MAX_CHUNK = 100


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
    return ThreadPoolExecutor(max_workers=get_settings().list_shards, thread_name_prefix="list-shard")


def _partition_reader(query: Callable, chunk: int) -> Callable[[], Iterator[Order]]:
    """Returns a function that prefetches the first chunk and yields the
    partition's items lazily, fetching further chunks only when reached."""

    def fetch(last_key):
        result = query(page_size=chunk, limit=chunk, last_evaluated_key=last_key)
        items = list(result)
        return items, result.last_evaluated_key

    def start():
        first = fetch(None)

        def iterate():
            items, last_key = first
            while True:
                yield from items
                if not last_key:
                    return
                items, last_key = fetch(last_key)

        return iterate()

    return start


def list_orders(*, status: Optional[str], customer_id: Optional[str], page: int, limit: int,
                next_token: Optional[str]) -> OrderPage:
    filters = [status, customer_id]
    before = None
    if next_token:
        cursor = decode_cursor(next_token, filters)
        before, page, offset = cursor["k"], cursor["p"], 0
    else:
        offset = (page - 1) * limit
        if offset > MAX_OFFSET:
            raise cursor_codec.invalid(f"page * limit must be at most {MAX_OFFSET + limit}; use next_token to read further")
    wanted = offset + limit + 1  # one extra tells whether another page exists

    condition = (Order.list_sk < before) if before else None
    settings = get_settings()
    if customer_id is not None:
        filter_condition = (Order.status == status) if status else None
        readers = [_partition_reader(functools.partial(
            Order.by_customer.query, customer_id, range_key_condition=condition,
            filter_condition=filter_condition, scan_index_forward=False), min(wanted, MAX_CHUNK))]
    else:
        # A shard rarely holds more than 1.5x its share (+1) of the window; if
        # it does, it is read further when the merge reaches its end. Index
        # entries are tiny, so a bigger chunk costs no extra read units.
        chunk = min(MAX_CHUNK, math.ceil(wanted * 1.5 / settings.list_shards) + 1)
        index, prefix = (Order.by_status, status) if status else (Order.by_date, "ALL")
        readers = [_partition_reader(functools.partial(
            index.query, f"{prefix}#{shard}", range_key_condition=condition, scan_index_forward=False), chunk)
            for shard in range(settings.list_shards)]

    assert get_connection().client  # build the shared client before threads race to do it
    total_future = _executor().submit(counters.read_total, status, customer_id)
    if len(readers) == 1:
        partitions = [readers[0]()]
    else:
        partitions = list(_executor().map(lambda start: start(), readers))
    merged = heapq.merge(*partitions, key=lambda order: order.list_sk, reverse=True)
    window = list(itertools.islice(merged, wanted))
    page_items = window[offset:offset + limit]
    token = None
    if len(window) > offset + limit and page_items:
        token = encode_cursor(page_items[-1].list_sk, page + 1, filters)
    if status is None and customer_id is None:
        page_items = _load_summaries(page_items)  # the date index holds keys only
    return OrderPage(page_items, total_future.result(), page, limit, token)


def _load_summaries(keys: List[Order]) -> List[Order]:
    if not keys:
        return []
    loaded = {order.order_id: order for order in Order.batch_get(
        [key.order_id for key in keys], attributes_to_get=["order_id", "list_sk"] + ORDER_SUMMARY_ATTRIBUTES)}
    # An order deleted since the index was read is simply left out.
    return [loaded[key.order_id] for key in keys if key.order_id in loaded]
