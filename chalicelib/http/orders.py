"""Order reads: one order, a page of orders, the counts."""
from chalice import Response

from ..contract.orders import ORDER, ORDER_SUMMARY
from ..domain import dashboard as dashboard_figures
from ..domain import order_queries, stats
from .api import Call, etag, order_id_in_path
from .responses import json_response


def get(call: Call) -> Response:
    order = order_queries.get_order(order_id_in_path(call))
    return json_response(ORDER.render(order), headers={"ETag": etag(order.version)})


def list_page(call: Call) -> Response:
    page = order_queries.list_orders(call.query)
    return json_response({
        "orders": [ORDER_SUMMARY.render(order) for order in page.orders],
        "pagination": {"page": page.page, "limit": page.limit, "total": page.total, "pages": page.pages},
        "next_token": page.next_token,
    })


def order_stats(call: Call) -> Response:
    return json_response({"orders": stats.order_counts()})


def dashboard(call: Call) -> Response:
    return json_response(dashboard_figures.figures(call.query.get("from"), call.query.get("to")))
