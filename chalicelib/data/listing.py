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
3. the page's orders with one BatchGetItem (most indexes hold keys only,
   and the status index lacks the fields added since it was created).

A customer filter or a search by name or e-mail reads the `by_customer`
partition of each matching customer (merged the same way); a search by
order number, id prefix or tracking number reads one partition of its
index (keys only: a handful of orders, whose status and customer one
BatchGetItem reads when the search is filtered by them); a product's
entries hold its orders' customers, not their status, read the same way
under a status filter. A customer's status
filter is a filter condition on `by_customer`'s projected status. A date range narrows
every partition's `list_sk` range, so it costs nothing extra.

So a first page costs 2 sequential round trips, any page at most 3, and reads
at most about 1.5 x (offset + limit) + one chunk per shard index entries
(entries are ~100 bytes: 40 fit a read unit). Pages by number stop at
`MAX_PAGE` (the contract's limit); beyond, `next_token` costs O(limit) at
any depth: it holds the last `list_sk` returned, and every shard continues
from `list_sk < cursor`, so orders created meanwhile never shift a page.
"""
import datetime
import functools
import heapq
import math
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Callable, Dict, List, Optional, Tuple

from ..core.clock import today
from ..core.settings import get_settings
from . import counters, search_index
from . import cursor as cursor_codec
from .dynamo import get_connection
from .models import ORDER_SUMMARY_ATTRIBUTES, Order, SearchEntry
from .order_store import ID_PREFIX_LENGTH

LIST_SK = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z#[0-9a-f\-]{36}$")
MARGIN = 1.5


@dataclass
class OrderPage:
    orders: List[Order]
    total: Optional[int]  # None: no kept count covers these filters
    page: int
    limit: int
    next_token: Optional[str]

    @property
    def pages(self) -> Optional[int]:
        if self.total is None:
            return None
        return math.ceil(self.total / self.limit) if self.total else 0


@dataclass(frozen=True)
class TextSearch:
    """What a search's text matched: orders of these customers, or with this
    tracking number, or holding one of these products, or whose id begins
    `id_prefix`."""
    customer_ids: Tuple[str, ...] = ()
    tracking_number: Optional[str] = None
    product_ids: Tuple[str, ...] = ()
    id_prefix: Optional[str] = None

    @property
    def customers_only(self) -> bool:
        return self.tracking_number is None and not self.product_ids and self.id_prefix is None


@dataclass(frozen=True)
class Selection:
    """Which orders a list shows. `customer_ids` None means every customer
    (an empty tuple: none match); `order_number` and `search` come from the
    search box; `created_from`/`created_to` are inclusive UTC
    days (YYYY-MM-DD)."""
    status: Optional[str] = None
    customer_ids: Optional[Tuple[str, ...]] = None
    order_number: Optional[str] = None
    search: Optional[TextSearch] = None
    created_from: Optional[str] = None
    created_to: Optional[str] = None
    # What the request asked, which a next_token is bound to.
    requested: Tuple = ()

    @property
    def matches_nothing(self) -> bool:
        if self.search is not None:
            return not (self._searched_customers() or not self.search.customers_only)
        return self.customer_ids == ()

    def _searched_customers(self) -> Tuple[str, ...]:
        """The search's customers, within the customer filter if there is one."""
        found = self.search.customer_ids if self.search else ()
        return found if self.customer_ids is None else tuple(c for c in found if c in self.customer_ids)


def encode_cursor(list_sk: str, page: int, filters: list) -> str:
    return cursor_codec.encode({"k": list_sk, "p": page, "f": filters})


def decode_cursor(token: str, filters: list) -> dict:
    cursor = cursor_codec.decode(token)
    if (not isinstance(cursor.get("k"), str) or not LIST_SK.match(cursor["k"])
            or not isinstance(cursor.get("p"), int) or isinstance(cursor.get("p"), bool) or not 1 < cursor["p"] <= 10**9):
        raise cursor_codec.invalid()
    if cursor.get("f") != filters:
        raise cursor_codec.invalid("next_token does not match the filters or limit of this request")
    return cursor


@functools.lru_cache(maxsize=1)
def _executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=get_settings().list_shards + 1, thread_name_prefix="list")


@dataclass
class _Shard:
    """What one partition query returned, and how to read further."""
    query: Callable  # (limit, page_size, last_evaluated_key) -> entries with `last_evaluated_key`
    items: List[Order]
    last_key: Optional[dict]

    def read(self, count: int) -> "_Shard":
        result = self.query(limit=count, page_size=count, last_evaluated_key=self.last_key)
        return _Shard(self.query, self.items + list(result), result.last_evaluated_key)


@dataclass(frozen=True)
class _Read:
    entries: List
    last_evaluated_key: Optional[dict]

    def __iter__(self):
        return iter(self.entries)


@dataclass(frozen=True)
class _FilteredByOrder:
    """A search partition whose entries lack the status (or customer) a
    filter asks about: the keys-only indexes by number, id prefix, tracking
    number (a handful of orders each) and a product's entries (its orders, by
    customer; a status changes too often to be kept there). Its entries,
    then, when filtered, their orders' status and customer with one
    BatchGetItem (0.5 read units an order), the entries whose order is
    filtered out dropped (like a filter condition, a read may return fewer
    than it read)."""
    query: functools.partial
    status: Optional[str]
    customer_ids: Optional[Tuple[str, ...]]

    def __call__(self, **reading) -> _Read:
        result = self.query(**reading)
        entries = list(result)
        if entries and (self.status or self.customer_ids is not None):
            held = {order.order_id: order for order in Order.batch_get(
                [entry.order_id for entry in entries], attributes_to_get=["order_id", "status", "customer_id"])}
            entries = [entry for entry in entries if entry.order_id in held and self._keeps(held[entry.order_id])]
        return _Read(entries, result.last_evaluated_key)

    def _keeps(self, order: Order) -> bool:
        return (not self.status or order.status == self.status) and \
            (self.customer_ids is None or order.customer_id in self.customer_ids)


def _search_partitions(selection: Selection, before: Optional[str]) -> List[Callable]:
    """A text search: the orders of each customer it matched, of its tracking
    number, and holding each product it matched (the search entries), merged
    like the shards of any list."""
    status, customer_ids, search = selection.status, selection.customer_ids, selection.search
    queries = []
    for customer_id in selection._searched_customers():
        queries.append(functools.partial(Order.by_customer.query, customer_id,
                                         range_key_condition=_range_condition(selection, before, Order.list_sk),
                                         filter_condition=Order.status == status if status else None,
                                         scan_index_forward=False))
    entry_filter = SearchEntry.customer_id.is_in(*customer_ids) if customer_ids is not None else None
    if search.tracking_number:
        queries.append(_FilteredByOrder(functools.partial(
            Order.by_tracking.query, search.tracking_number,
            range_key_condition=_range_condition(selection, before, Order.list_sk), scan_index_forward=False),
            status, customer_ids))
    if search.id_prefix:
        queries.append(_FilteredByOrder(functools.partial(
            Order.by_id_prefix.query, search.id_prefix[:ID_PREFIX_LENGTH],
            range_key_condition=_range_condition(selection, before, Order.list_sk),
            filter_condition=Order.order_id.startswith(search.id_prefix), scan_index_forward=False),
            status, customer_ids))
    for product_id in search.product_ids:
        queries.append(_FilteredByOrder(functools.partial(
            SearchEntry.query, search_index.product_term(product_id),
            range_key_condition=_range_condition(selection, before, SearchEntry.sort_key),
            filter_condition=entry_filter, scan_index_forward=False), status, None))
    return queries


def _partitions(selection: Selection, before: Optional[str]) -> List[Callable]:
    """One query per index partition holding the selection, newest first."""
    if selection.search is not None:
        return _search_partitions(selection, before)
    condition = _range_condition(selection, before, Order.list_sk)
    status, customer_ids = selection.status, selection.customer_ids
    if selection.order_number:
        return [_FilteredByOrder(functools.partial(Order.by_number.query, selection.order_number,
                                                   range_key_condition=condition, scan_index_forward=False),
                                 status, customer_ids)]
    if customer_ids is not None:
        return [functools.partial(Order.by_customer.query, customer_id, range_key_condition=condition,
                                  filter_condition=Order.status == status if status else None, scan_index_forward=False)
                for customer_id in customer_ids]
    index, prefix = (Order.by_status, status) if status else (Order.by_date, "ALL")
    return [functools.partial(index.query, f"{prefix}#{shard}", range_key_condition=condition, scan_index_forward=False)
            for shard in range(get_settings().list_shards)]


def _range_condition(selection: Selection, before: Optional[str], list_sk):
    """The `list_sk` range (of the index's attribute `list_sk`): the
    creation days asked for, below the cursor. Every `list_sk` has the same
    length, so the greatest key below the cursor starts with the cursor's
    last character one lower."""
    low = f"{selection.created_from}T" if selection.created_from else None
    high = f"{selection.created_to}T~" if selection.created_to else None  # "~" sorts after every time of that day
    if before:
        just_below = before[:-1] + chr(ord(before[-1]) - 1)
        high = min(high, just_below) if high else just_below
    if low and high:
        return list_sk.between(low, high)
    if high:
        return list_sk <= high
    return list_sk >= low if low else None


def _read_all(shards: List[_Shard], counts: List[int]) -> List[_Shard]:
    """Reads every shard its count in parallel (one round trip)."""
    if len(shards) == 1:
        return [shards[0].read(counts[0])]
    return list(_executor().map(lambda pair: pair[0].read(pair[1]), zip(shards, counts, strict=True)))


def _window(shards: List[_Shard], wanted: int) -> Tuple[List[Order], Dict[int, int]]:
    """The newest `wanted` entries of the merge, and how many each shard gave.
    An order two partitions hold (a search matching its customer and its
    product) is listed once: its entries meet in the merge."""
    tagged = [[(order.list_sk, index, order) for order in shard.items] for index, shard in enumerate(shards)]
    window: List[Order] = []
    used: Dict[int, int] = {}
    for list_sk, index, order in heapq.merge(*tagged, key=lambda entry: entry[0], reverse=True):
        if window and window[-1].list_sk == list_sk:
            used[index] = used.get(index, 0) + 1
            continue
        if len(window) == wanted:
            break
        window.append(order)
        used[index] = used.get(index, 0) + 1
    return window, used


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


def list_orders(selection: Selection, *, page: int, limit: int, next_token: Optional[str]) -> OrderPage:
    # A token continues the list it came from: the same filters and page size
    # (its page number then stays true).
    filters = [*selection.requested, ["limit", limit]]
    before = None
    if next_token:
        cursor = decode_cursor(next_token, filters)
        before, page, offset = cursor["k"], cursor["p"], 0
    else:
        offset = (page - 1) * limit
    if selection.matches_nothing:
        return OrderPage([], 0, page, limit, None)
    wanted = offset + limit + 1  # one extra tells whether another page exists

    queries = _partitions(selection, before)
    first = wanted if offset == 0 or len(queries) == 1 else min(wanted, math.ceil(wanted * MARGIN / len(queries)) + 1)
    assert get_connection().client  # build the shared client before threads race to do it
    total = _executor().submit(_count, selection)
    shards = _read_all([_Shard(query, [], None) for query in queries], [first] * len(queries))
    window, used = _window(shards, wanted)
    short = _short(shards, used, window, wanted)
    # One more round, all short shards at once, each for all it could still
    # give. Only a single filtered partition (one customer's list by status,
    # a search) may need more: it is read on until the page is full.
    while short:
        counts = [_still_needed(shards[index], window, wanted) for index in short]
        refilled = _read_all([shards[index] for index in short], counts)
        for index, shard in zip(short, refilled, strict=True):
            shards[index] = shard
        window, used = _window(shards, wanted)
        short = _short(shards, used, window, wanted) if len(shards) == 1 else []

    page_items = window[offset:offset + limit]
    more = len(window) > offset + limit
    token = encode_cursor(page_items[-1].list_sk, page + 1, filters) if more and page_items else None
    page_items = _load_summaries(page_items)
    counted = total.result()
    if counted is None and not more and not next_token:
        counted = len(window)  # the whole selection was read
    elif counted is not None and page_items:
        # The counters trail writes by a stream batch: never report fewer
        # orders than this page shows. Only what this request read counts
        # (a next_token page knows its own items, not how many came before).
        counted = max(counted, len(page_items) if next_token else (page - 1) * limit + len(page_items))
    return OrderPage(page_items, counted, page, limit, token)


MAX_COUNTED_DAYS = 366


def _count(selection: Selection) -> Optional[int]:
    """The selection's size from the kept counts (one read), or None when no
    count covers it: a search by number or id (a handful of orders), by
    tracking number or product, a date range within some customers' orders,
    an open-ended or over-long range."""
    field = selection.status or "total"
    if selection.order_number:
        return None
    if selection.search is not None:
        if not selection.search.customers_only:
            return None
        selection = replace(selection, search=None, customer_ids=selection._searched_customers())
    if selection.created_from or selection.created_to:
        if selection.customer_ids is not None or not selection.created_from:
            return None
        first = datetime.date.fromisoformat(selection.created_from)
        last = datetime.date.fromisoformat(selection.created_to) if selection.created_to else today()
        if not 0 <= (last - first).days < MAX_COUNTED_DAYS:
            return None
        keys = [counters.day_key((first + datetime.timedelta(days=n)).isoformat()) for n in range((last - first).days + 1)]
    elif selection.customer_ids is not None and len(selection.customer_ids) == 1:
        return counters.read_total(selection.status, selection.customer_ids[0])
    elif selection.customer_ids is not None:
        keys = [counters.customer_key(customer_id) for customer_id in selection.customer_ids]
    else:
        return counters.read_total(selection.status)
    return sum(int(getattr(counter, field) or 0) for counter in counters.read_many(keys).values())


def _load_summaries(keys: List[Order]) -> List[Order]:
    if not keys:
        return []
    loaded = {order.order_id: order for order in Order.batch_get(
        [key.order_id for key in keys], attributes_to_get=["order_id", "list_sk"] + ORDER_SUMMARY_ATTRIBUTES)}
    # An order deleted since the index was read is simply left out.
    return [loaded[key.order_id] for key in keys if key.order_id in loaded]
