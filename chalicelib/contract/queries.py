"""Every query string the API reads (values arrive as text; `spec.parse_query`
reads integers and flags from it before the record checks them)."""
from ..domain import commands
from .spec import Field, Flag, Integer, Record, Text
from .values import (
    MAX_LIMIT,
    MAX_REASON,
    MAX_SEARCH,
    NEXT_TOKEN,
    ORDER_STATUS,
    Day,
    blank_as_none,
    identifier,
    page_size,
)
from .webhooks import DELIVERY_ID
from .workflow import EXECUTION_STATUS

# Pages by number go this deep (offset at most 9,900); further, next_token.
MAX_PAGE = 100

NO_QUERY = Record("NoQuery", {})

LIST_ORDERS = Record("ListOrdersQuery", {
    "page": Field(Integer(1, MAX_PAGE, hint="; to read further, follow next_token",
                          description=f"Page number (default 1); beyond page {MAX_PAGE}, follow next_token")),
    "limit": Field(page_size(10)),
    "next_token": Field(NEXT_TOKEN),
    "status": Field(ORDER_STATUS),
    "customer_id": Field(identifier()),
    "q": Field(Text(MAX_SEARCH, blank=True, description=(
        "Search: an order number (1001 or #1001), an order id prefix (4+ hex digits), a customer's e-mail (any case) "
        "or the start of a customer's name (any case)"))),
    "created_from": Field(Day(description="Orders created on or after this day (UTC)")),
    "created_to": Field(Day(description="Orders created on or before this day (UTC)")),
}, build=lambda q=None, **values: commands.ListOrders(q=blank_as_none(q), **values))
DELETE_ORDER = Record("DeleteOrderQuery", {
    "hard": Field(Flag(description="true deletes the order for good (admin)")),
    "reason": Field(Text(MAX_REASON, blank=True)),
})
DASHBOARD_QUERY = Record("DashboardQuery", {
    "from": Field(Day(description="First day (UTC); default 29 days before `to`")),
    "to": Field(Day(description="Last day (UTC); default today")),
})
LIST_EXECUTIONS = Record("ListExecutionsQuery", {
    "status": Field(EXECUTION_STATUS),
    "limit": Field(page_size(20)),
})

LIST_PRODUCTS = Record("ListProductsQuery", {
    "category": Field(identifier()),
    "in_stock": Field(Flag()),
    "limit": Field(page_size(50)),
    "next_token": Field(NEXT_TOKEN),
})
LIST_CUSTOMERS = Record("ListCustomersQuery", {
    "limit": Field(page_size(50)),
    "next_token": Field(NEXT_TOKEN),
    "q": Field(Text(MAX_SEARCH, blank=True, description=(
        "An e-mail (any case: its customer) or the start of a name (any case: the first `limit` by name); no next_token"))),
})

LIST_DELIVERIES = Record("ListDeliveriesQuery", {
    "limit": Field(Integer(1, MAX_LIMIT)),
    "next_token": Field(DELIVERY_ID),
})
