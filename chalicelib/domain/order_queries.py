"""Reading orders: one by id, or a page of them. Kept apart from the change
use cases so a cold start that serves a read loads only this."""
from ..data import order_store
from ..data.order_store import StoredOrder
from ..model.commands import ListOrders


def get_order(order_id: str) -> StoredOrder:
    return order_store.get(order_id)


def list_orders(query: ListOrders):
    from ..data import listing  # its thread pool and merge are for lists only
    from . import order_search

    return listing.list_orders(order_search.selection_for(query), page=query.page, limit=query.limit,
                               next_token=query.next_token)
