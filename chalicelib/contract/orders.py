"""Orders: how the API shows one (`ORDER`; the S3 backup and webhooks carry
it too) and a page of them (`ORDER_SUMMARY`, from the attributes a list page
fetches: `data.models.ORDER_SUMMARY_ATTRIBUTES`), the counts, the dashboard;
the request bodies that create and change orders, and what they answer."""
import re
from typing import Optional

from ..core.errors import Issue
from ..model import commands
from ..model.order_rules import MAX_LINES, MAX_QUANTITY, STATUSES, LineEdit
from . import identifiers as ids
from .spec import INVALID, Choice, Field, Flag, Integer, List_, Pattern, Record, Schema, Text, Variants, reference
from .values import (
    ACTOR,
    ADDRESS,
    BOOLEAN,
    MAX_LIMIT,
    MAX_REASON,
    MAX_REQUEST_ITEMS,
    MAX_SEARCH,
    MONEY_OUT,
    NEXT_TOKEN,
    NORMALIZED_TIMESTAMP,
    NULLABLE_STRING,
    ORDER_ID_OUT,
    ORDER_STATUS,
    STRING,
    TIMESTAMP,
    Day,
    Money,
    address_out,
    blank_as_none,
    count,
    derived,
    email,
    identifier,
    integer,
    name,
    nullable,
    out,
    page_size,
    quantity,
    response,
)

# Pages by number go this deep (offset at most 9,900); further, next_token.
MAX_PAGE = 100
MAX_TRACKING = 100
MAX_BULK_ORDERS = 100

_REASONS = re.compile(r"\[([^\]]*)\]")


def describe_failure(failure) -> Optional[str]:
    """Words for a workflow failure (`data.models.WorkflowFailure`). A
    cancelled reservation names every product whose stock check failed."""
    if failure is None:
        return None
    if failure.error.endswith("TransactionCanceledException") and failure.cause:
        match = _REASONS.search(failure.cause)
        reasons = [reason.strip() for reason in match.group(1).split(",")] if match else []
        product_ids = list(failure.product_ids or [])
        short = [pid for pid, reason in zip(product_ids, reasons, strict=False) if pid and reason == "ConditionalCheckFailed"]
        if short:
            return f"Insufficient stock for {', '.join(short)}"
        if "TransactionConflict" in reasons:
            return "Stock reservation kept conflicting with other orders; retry the workflow"
    return f"Order processing failed ({failure.error})"


def status_reason(order) -> Optional[str]:
    if order.status == "failed" and order.failure is not None:
        return describe_failure(order.failure)
    return order.status_reason


def _tracked(event) -> bool:
    return bool(event.tracking_number or event.carrier)


# ---------------------------------------------------------------- one order

ORDER_LINE = response("OrderLine", product_id=STRING, product_name=STRING, quantity=integer(minimum=1), price=MONEY_OUT,
                      line_total=MONEY_OUT)
LINE_CHANGE = response("LineChange", product_id=NULLABLE_STRING,  # null: the shipping address changed
                       field=STRING, old=NULLABLE_STRING, new=NULLABLE_STRING)
HISTORY_ENTRY = response(
    "HistoryEntry",
    at=NORMALIZED_TIMESTAMP,
    action=Choice(("created", "status", "edited", "workflow")),
    from_status=Field(ORDER_STATUS, required=True, nullable=True),
    to_status=Field(ORDER_STATUS, required=True, nullable=True),
    actor=ACTOR,
    reason=derived(NULLABLE_STRING, lambda event: event.reason or describe_failure(event.failure)),
    tracking_number=Field(NULLABLE_STRING, present=_tracked),  # both, when marked shipped with either
    carrier=Field(NULLABLE_STRING, present=_tracked),
    changes=Field(List_(LINE_CHANGE, 10_000, min_items=0), present=lambda event: bool(event.changes)),
)
SUMMARY_FIELDS = dict(
    order_id=ORDER_ID_OUT,
    order_number=nullable("string", description="Readable order number (shown as #1001); null for orders created "
                          "before numbers existed", examples=["1001"]),
    customer_id=STRING, customer_name=STRING,
    line_count=count(), item_count=count(description="units over all lines"),
    total_amount=MONEY_OUT, currency=STRING, status=ORDER_STATUS, status_reason=derived(NULLABLE_STRING, status_reason),
    tracking_number=NULLABLE_STRING, carrier=NULLABLE_STRING, created_at=TIMESTAMP, updated_at=NORMALIZED_TIMESTAMP,
    version=integer(minimum=1),
)
ORDER_SUMMARY = response("OrderSummary", **SUMMARY_FIELDS)
ORDER = response("Order", **SUMMARY_FIELDS, customer_email=NULLABLE_STRING,
                 shipping_address=address_out("shipping_address"),
                 items=derived(List_(ORDER_LINE, MAX_LINES, min_items=1), "lines"), stock_reserved=BOOLEAN,
                 execution_arn=NULLABLE_STRING, workflow_attempt=count(),
                 history=List_(HISTORY_ENTRY, 10_000, min_items=1))


# ---------------------------------------------------------------- a page of orders

LIST_ORDERS = Record("ListOrdersQuery", {
    "page": Field(Integer(1, MAX_PAGE, hint="; to read further, follow next_token",
                          description=f"Page number (default 1); beyond page {MAX_PAGE}, follow next_token")),
    "limit": Field(page_size(10)),
    "next_token": Field(NEXT_TOKEN),
    "status": Field(ORDER_STATUS),
    "customer_id": Field(identifier()),
    "q": Field(Text(MAX_SEARCH, blank=True, description=(
        "Search: an order number (1001 or #1001), an order id prefix (4+ hex digits), a tracking number, "
        "a customer's e-mail or the start of any word of a customer's name, a product's id, ISBN or the start of "
        "any word of its name (any case); every match is listed once, newest first"))),
    "created_from": Field(Day(description="Orders created on or after this day (UTC)")),
    "created_to": Field(Day(description="Orders created on or before this day (UTC)")),
}, build=lambda q=None, **values: commands.ListOrders(q=blank_as_none(q), **values))
PAGINATION = response("Pagination", page=integer(minimum=1), limit=integer(minimum=1, maximum=MAX_LIMIT),
                      total=nullable("integer", minimum=0, description=(
                          "null when no kept count covers the filters (a search by number or id, a date range with a "
                          "customer or search, or without created_from) and the page does not reach the end")),
                      pages=nullable("integer", minimum=0))
ORDER_LIST = response("OrderList", orders=List_(ORDER_SUMMARY, MAX_LIMIT, min_items=0), pagination=PAGINATION,
                      next_token=NULLABLE_STRING)


# ---------------------------------------------------------------- counts

STATS = response("Stats", orders=response("OrderCounts", total=integer(minimum=0),
                                          by_status=response("CountsByStatus", **{s: integer() for s in STATUSES})))
COUNTS_BY_STATUS = response("StatusCounts", **{s: integer(minimum=0) for s in STATUSES})
DASHBOARD_QUERY = Record("DashboardQuery", {
    "from": Field(Day(description="First day (UTC); default 29 days before `to`")),
    "to": Field(Day(description="Last day (UTC); default today")),
})
DASHBOARD_DAY = response("DashboardDay", date=out("string", format="date"),
                         orders=integer(minimum=0, description="Orders bringing revenue (not cancelled or failed)"),
                         all_orders=integer(minimum=0), revenue=MONEY_OUT, by_status=COUNTS_BY_STATUS)
DASHBOARD = response(
    "Dashboard",
    **{"from": out("string", format="date"), "to": out("string", format="date")},
    orders=integer(minimum=0, description="Every order created in the range"),
    revenue_orders=integer(minimum=0, description="Orders bringing revenue"),
    revenue=MONEY_OUT,
    average_order_value=MONEY_OUT,
    by_status=COUNTS_BY_STATUS,
    days=List_(DASHBOARD_DAY, 366, min_items=1),
)


# ---------------------------------------------------------------- creating

ORDER_ITEM = Record("OrderItem", {
    "product_id": Field(identifier(example="PROD001"), required=True),
    "quantity": Field(quantity(), required=True),
}, build=commands.OrderItem)
ORDER_ITEMS = List_(ORDER_ITEM, MAX_REQUEST_ITEMS, description=(
    f"Repeated products are merged; at most {MAX_LINES} distinct products and {MAX_QUANTITY} units of one product."))

SHIPPING_ADDRESS = Field(ADDRESS)
CREATE_FOR_CUSTOMER = Record("CreateOrderForCustomer", {
    "customer_id": Field(identifier(example="CUST001"), required=True),
    "items": Field(ORDER_ITEMS, required=True),
    "shipping_address": SHIPPING_ADDRESS,
}, build=lambda customer_id, items, shipping_address=None: commands.CreateOrder(
    items, customer_id=customer_id, shipping_address=shipping_address),
    description="An order for a known customer; without a shipping_address, the customer's default address.")
CREATE_FOR_NEW_CUSTOMER = Record("CreateOrderByEmail", {
    "customer_name": Field(name(), required=True),
    "customer_email": Field(email(), required=True),
    "items": Field(ORDER_ITEMS, required=True),
    "shipping_address": SHIPPING_ADDRESS,
}, build=lambda customer_name, customer_email, items, shipping_address=None: commands.CreateOrder(
    items, customer_name=customer_name, customer_email=customer_email, shipping_address=shipping_address),
    description="An order by name and e-mail; the customer is created on first use (its default address the "
                "order's shipping_address), or the customer with that e-mail is used.")


def _book_order(customer_name, customer_email, book_isbn, quantity, book_title=None, price=None):
    return commands.CreateOrder([commands.OrderItem(book_isbn, quantity)], customer_name=customer_name,
                                customer_email=customer_email, expected_prices={book_isbn: price} if price is not None else {})


CREATE_BOOK_ORDER = Record("CreateBookOrder", {
    "customer_name": Field(name(), required=True),
    "customer_email": Field(email(), required=True),
    "book_isbn": Field(identifier(example="978-1234567890"), required=True),
    "quantity": Field(quantity(), required=True),
    "book_title": Field(name()),
    "price": Field(Money(description="If given, must match the catalog price")),
}, build=_book_order, description="The bookshop shape: one book per order.")


def _customer_given_twice(body: dict) -> Optional[Issue]:
    if body.get("customer_id") is not None and ("customer_name" in body or "customer_email" in body):
        return Issue("invalid_value", "customer_id", "Give either customer_id or customer_name with customer_email, not both")
    return None


def _create_shape(body: dict) -> Record:
    if "book_isbn" in body:
        return CREATE_BOOK_ORDER
    if body.get("customer_id") is None and ("customer_name" in body or "customer_email" in body):
        return CREATE_FOR_NEW_CUSTOMER
    return CREATE_FOR_CUSTOMER


class OrderCreation(Variants):
    def parse(self, value, path, issues):
        issue = _customer_given_twice(value) if isinstance(value, dict) else None
        if issue:
            issues.append(issue)
            return INVALID
        return super().parse(value, path, issues)


CREATE_ORDER = OrderCreation("CreateOrderRequest", [CREATE_FOR_CUSTOMER, CREATE_FOR_NEW_CUSTOMER, CREATE_BOOK_ORDER],
                             _create_shape)


# ---------------------------------------------------------------- editing and moving

def _changes_something(values: dict, path: str) -> Optional[Issue]:
    if values.get("quantity") is None and values.get("price") is None:
        return Issue("missing_field", path, f"{path} must change quantity or price")
    return None


LINE_EDIT = Record("OrderLineEdit", {
    "product_id": Field(identifier(example="PROD001"), required=True),
    "quantity": Field(Integer(0, MAX_QUANTITY, description="0 removes the line; a product not in the order is added")),
    "price": Field(Money()),
}, build=LineEdit, rules=[_changes_something],
    json_extra={"anyOf": [{"required": ["quantity"]}, {"required": ["price"]}]})


UPDATE_FIELDS = ("status", "items", "quantity", "price", "shipping_address")


def _something_to_update(values: dict, path: str) -> Optional[Issue]:
    if not any(values.get(field) is not None for field in UPDATE_FIELDS):
        return Issue("missing_field", None, "Nothing to update: give status, items, quantity/price or shipping_address")
    if values.get("items") is not None and (values.get("quantity") is not None or values.get("price") is not None):
        return Issue("invalid_value", "items", "Give either items or a top-level quantity/price, not both")
    return None


def _tracking_only_when_shipping(values: dict, path: str) -> Optional[Issue]:
    for field in ("tracking_number", "carrier"):
        if field in values and values.get("status") != "shipped":
            return Issue("invalid_value", field, f"{field} is given only with status shipped")
    return None


def tracking_needs(required: dict) -> dict:
    """The same rule in the document: tracking fields only beside `required` (e.g. status shipped)."""
    return {"if": {"anyOf": [{"required": ["tracking_number"]}, {"required": ["carrier"]}]},
            "then": {"required": list(required), "properties": {name: {"const": value} for name, value in required.items()}}}


def _update_order(status=None, reason=None, items=None, quantity=None, price=None, tracking_number=None, carrier=None,
                  shipping_address=None):
    single = LineEdit("", quantity, price) if quantity is not None or price is not None else None
    return commands.UpdateOrder(status=status, reason=blank_as_none(reason), edits=items, single_line=single,
                                tracking_number=blank_as_none(tracking_number), carrier=blank_as_none(carrier),
                                shipping_address=shipping_address)


def tracking_fields() -> dict:
    return {"tracking_number": Field(Text(MAX_TRACKING, blank=True, description="Shipment tracking number (status shipped)")),
            "carrier": Field(Text(MAX_TRACKING, blank=True, description="Who carries the shipment (status shipped)"))}


UPDATE_ORDER = Record("UpdateOrderRequest", {
    "status": Field(ORDER_STATUS),
    "reason": Field(Text(MAX_REASON, blank=True)),
    **tracking_fields(),
    "items": Field(List_(LINE_EDIT, MAX_REQUEST_ITEMS, description="Edits applied in order")),
    "quantity": Field(quantity(description="Quantity of a one-line order")),
    "price": Field(Money(description="Unit price of a one-line order")),
    "shipping_address": Field(ADDRESS, description="Where the order ships; changeable until it is shipped"),
}, build=_update_order, rules=[_something_to_update, _tracking_only_when_shipping], json_extra={
    **tracking_needs({"status": "shipped"}),
    "anyOf": [{"required": [field]} for field in UPDATE_FIELDS],
    "not": {"anyOf": [{"required": ["items", "quantity"]}, {"required": ["items", "price"]}]},
}, description="status and/or items, or quantity/price of a one-line order, and/or shipping_address")

CANCEL_ORDER = Record("CancelOrderRequest", {"reason": Field(Text(MAX_REASON, blank=True))},
                      build=lambda reason=None: blank_as_none(reason))
DELETE_ORDER = Record("DeleteOrderQuery", {
    "hard": Field(Flag(description="true deletes the order for good (admin)")),
    "reason": Field(Text(MAX_REASON, blank=True)),
})

ORDER_ID = Pattern(ids.ORDER_ID, "an order id")
BULK_ENTRY_WITH_TRACKING = Record("BulkOrderEntry", {
    "order_id": Field(ORDER_ID, required=True),
    **tracking_fields(),
}, build=lambda order_id, tracking_number=None, carrier=None: commands.BulkEntry(
    order_id, blank_as_none(tracking_number), blank_as_none(carrier)),
    description="An order with its own tracking number and carrier (action ship)")


class BulkEntry(Schema):
    """An order id, or an order with its own tracking (`BulkOrderEntry`)."""
    parts = (BULK_ENTRY_WITH_TRACKING,)

    def parse(self, value, path, issues):
        if isinstance(value, dict):
            return BULK_ENTRY_WITH_TRACKING.parse(value, path, issues)
        order_id = ORDER_ID.parse(value, path, issues)
        return INVALID if order_id is INVALID else commands.BulkEntry(order_id)

    def json_schema(self):
        return {"anyOf": [ORDER_ID.json_schema(), reference(BULK_ENTRY_WITH_TRACKING)]}


def _tracking_only_for_ship(values: dict, path: str) -> Optional[Issue]:
    if values.get("action") == "ship":
        return None
    issue = _tracking_only_when_shipping({**values, "status": None}, path)
    if issue is not None:
        return issue
    for index, entry in enumerate(values.get("order_ids") or ()):
        if entry.tracking_number or entry.carrier:
            return Issue("invalid_value", f"order_ids[{index}]", f"order_ids[{index}] carries tracking only with action ship")
    return None


BULK_ACTION = Record("BulkOrderAction", {
    "action": Field(Choice(("ship", "cancel"), name="BulkActionName"), required=True),
    "order_ids": Field(List_(BulkEntry(), MAX_BULK_ORDERS, description=(
        "Each order is changed on its own; an entry is an order id, or (to ship) an order with its own "
        "tracking_number and carrier, which come before the shared ones. An order named twice is 422")), required=True),
    "reason": Field(Text(MAX_REASON, blank=True)),
    **tracking_fields(),
}, build=lambda action, order_ids, reason=None, tracking_number=None, carrier=None: commands.BulkAction(
    action, order_ids, blank_as_none(reason), blank_as_none(tracking_number), blank_as_none(carrier)),
    rules=[_tracking_only_for_ship], json_extra={"allOf": [tracking_needs({"action": "ship"}), {
        # The same rule for each entry: its own tracking only when shipping.
        "if": {"required": ["action"], "properties": {"action": {"const": "cancel"}}},
        "then": {"properties": {"order_ids": {"items": {"anyOf": [
            {"type": "string"}, {"properties": {"tracking_number": False, "carrier": False}}]}}}}}]})


# ---------------------------------------------------------------- what changes answer

WORKFLOW_START = response("WorkflowStart", started=BOOLEAN, reason=Field(STRING))
ORDER_CREATED = response("OrderCreated", message=STRING, order_id=ORDER_ID_OUT, execution_arn=NULLABLE_STRING,
                         workflow=WORKFLOW_START, order=ORDER, note=Field(STRING))
ORDER_CHANGED = response("OrderChanged", message=STRING, order_id=ORDER_ID_OUT, status=ORDER_STATUS, order=ORDER)
ORDER_DELETED = response("OrderDeleted", message=STRING, order_id=ORDER_ID_OUT)
ORDER_CANCELLED_OR_DELETED = Variants("OrderCancelledOrDeleted", [ORDER_CHANGED, ORDER_DELETED], choose=None)
BULK_RESULT = response(
    "BulkOrderResult",
    order_id=STRING,
    ok=BOOLEAN,
    order_number=Field(NULLABLE_STRING),
    status=Field(ORDER_STATUS),  # after the change, when ok
    code=Field(out("string", description="Why this order was refused (when not ok)")),
    message=Field(STRING),
)
BULK_RESULTS = response("BulkOrderResults", action=STRING, actor=ACTOR, succeeded=integer(minimum=0),
                        failed=integer(minimum=0), results=List_(BULK_RESULT, MAX_BULK_ORDERS, min_items=1))
