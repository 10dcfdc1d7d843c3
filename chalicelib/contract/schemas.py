"""The API contract, written once: every request body, query string, header
and response shape, and every limit. Validation (`Schema.check`), the served
OpenAPI document (`chalicelib.http.openapi`) and the limits the website shows
all come from here."""
import datetime
import re
from decimal import Decimal
from typing import Optional

from ..core.errors import Issue
from ..domain import commands
from ..domain.catalog import MAX_STOCK
from ..domain.money import MAX_UNIT_PRICE
from ..domain.order_rules import MAX_LINES, MAX_QUANTITY, STATUSES, LineEdit
from ..domain.webhook_targets import MAX_URL
from ..domain.webhooks import EVENT_TYPES, TEST_EVENT
from ..domain.workflow import EXECUTION_STATUSES
from . import identifiers as ids
from .spec import (
    INVALID,
    Choice,
    Field,
    Flag,
    Integer,
    List_,
    Pattern,
    Record,
    Schema,
    Text,
    Value,
    Variants,
    invalid,
)

MAX_REQUEST_ITEMS = 100
MAX_NAME = 200
MAX_TEXT = 1000
MAX_REASON = 500
MAX_PHONE = 40
MAX_ADDRESS = 500
MAX_LIMIT = 100
# Pages by number go this deep (offset at most 9,900); further, next_token.
MAX_PAGE = 100
MAX_CURSOR = 2048
MAX_SEARCH = 100


# ---------------------------------------------------------------- values

ORDER_STATUS = Choice(STATUSES, name="OrderStatus")
EXECUTION_STATUS = Choice(EXECUTION_STATUSES, name="ExecutionStatus")
def identifier(**kw) -> Pattern:
    return Pattern(ids.IDENTIFIER, ids.IDENTIFIER_RULE, **kw)


def email(**kw) -> Pattern:
    return Pattern(ids.EMAIL, "a valid e-mail address", max_length=254, example="john@example.com", **kw)


class Money(Schema):
    """A unit price as a decimal string, 0.00-1,000,000.00, at most two
    decimal places ("29.99", "30"). Strings only: a JSON number would pass
    through binary floating point in most clients."""
    TEXT = re.compile(r"1000000(?:\.0{1,2})?|[0-9]{1,6}(?:\.[0-9]{1,2})?")
    _NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")

    def parse(self, value, path, issues):
        if not isinstance(value, str):
            return invalid(issues, path, f'{path} must be a decimal string such as "29.99"')
        if not self.TEXT.fullmatch(value):
            if self._NUMBER.fullmatch(value) and len(value.partition(".")[2]) > 2:
                return invalid(issues, path, f"{path} must have at most two decimal places")
            if self._NUMBER.fullmatch(value):
                return invalid(issues, path, f"{path} must be between 0.00 and {MAX_UNIT_PRICE}")
            return invalid(issues, path, f'{path} must be a decimal string such as "29.99"')
        return Decimal(value).quantize(Decimal("0.01"))

    def json_schema(self):
        return {"type": "string", "pattern": f"^(?:{self.TEXT.pattern})$", "examples": ["29.99"]}


class Day(Schema):
    """A calendar day, YYYY-MM-DD (UTC)."""
    TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

    def parse(self, value, path, issues):
        if isinstance(value, str) and self.TEXT.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        return invalid(issues, path, f"{path} must be a date such as 2026-11-25 (YYYY-MM-DD)")

    def json_schema(self):
        return {"type": "string", "format": "date", "pattern": f"^{self.TEXT.pattern}$", "examples": ["2026-11-25"]}


def quantity(minimum: int = 1, **kw) -> Integer:
    return Integer(minimum, MAX_QUANTITY, **kw)


def name() -> Text:
    return Text(MAX_NAME)


def _blank_as_none(value: Optional[str]) -> Optional[str]:
    return value or None


# ---------------------------------------------------------------- order requests

ORDER_ITEM = Record("OrderItem", {
    "product_id": Field(identifier(example="PROD001"), required=True),
    "quantity": Field(quantity(), required=True),
}, build=commands.OrderItem)
ORDER_ITEMS = List_(ORDER_ITEM, MAX_REQUEST_ITEMS, description=(
    f"Repeated products are merged; at most {MAX_LINES} distinct products and {MAX_QUANTITY} units of one product."))

CREATE_FOR_CUSTOMER = Record("CreateOrderForCustomer", {
    "customer_id": Field(identifier(example="CUST001"), required=True),
    "items": Field(ORDER_ITEMS, required=True),
}, build=lambda customer_id, items: commands.CreateOrder(items, customer_id=customer_id),
    description="An order for a known customer.")
CREATE_FOR_NEW_CUSTOMER = Record("CreateOrderByEmail", {
    "customer_name": Field(name(), required=True),
    "customer_email": Field(email(), required=True),
    "items": Field(ORDER_ITEMS, required=True),
}, build=lambda customer_name, customer_email, items: commands.CreateOrder(
    items, customer_name=customer_name, customer_email=customer_email),
    description="An order by name and e-mail; the customer is created on first use.")


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


def _something_to_update(values: dict, path: str) -> Optional[Issue]:
    if not any(values.get(field) is not None for field in ("status", "items", "quantity", "price")):
        return Issue("missing_field", None, "Nothing to update: give status, items, or quantity/price")
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


def _update_order(status=None, reason=None, items=None, quantity=None, price=None, tracking_number=None, carrier=None):
    single = LineEdit("", quantity, price) if quantity is not None or price is not None else None
    return commands.UpdateOrder(status=status, reason=_blank_as_none(reason), edits=items, single_line=single,
                                tracking_number=_blank_as_none(tracking_number), carrier=_blank_as_none(carrier))


MAX_TRACKING = 100


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
}, build=_update_order, rules=[_something_to_update, _tracking_only_when_shipping], json_extra={
    **tracking_needs({"status": "shipped"}),
    "anyOf": [{"required": [field]} for field in ("status", "items", "quantity", "price")],
    "not": {"anyOf": [{"required": ["items", "quantity"]}, {"required": ["items", "price"]}]},
}, description="status and/or items, or quantity/price of a one-line order")

MAX_BULK_ORDERS = 100
BULK_ACTION = Record("BulkOrderAction", {
    "action": Field(Choice(("ship", "cancel"), name="BulkActionName"), required=True),
    "order_ids": Field(List_(Pattern(ids.ORDER_ID, "an order id"), MAX_BULK_ORDERS,
                             description="Each order is changed on its own; repeated ids count once"), required=True),
    "reason": Field(Text(MAX_REASON, blank=True)),
    **tracking_fields(),
}, build=lambda action, order_ids, reason=None, tracking_number=None, carrier=None: commands.BulkAction(
    action, order_ids, _blank_as_none(reason), _blank_as_none(tracking_number), _blank_as_none(carrier)),
    rules=[lambda values, path: _tracking_only_when_shipping(
        {**values, "status": "shipped" if values.get("action") == "ship" else None}, path)],
    json_extra=tracking_needs({"action": "ship"}))

CANCEL_ORDER = Record("CancelOrderRequest", {"reason": Field(Text(MAX_REASON, blank=True))},
                      build=lambda reason=None: _blank_as_none(reason))


# ---------------------------------------------------------------- catalog requests

def _create_product(product_id, product_name, price, stock_quantity=0, category="general", description=None):
    return commands.CreateProduct(product_id, product_name, price, stock_quantity, category, _blank_as_none(description))


CREATE_PRODUCT = Record("CreateProductRequest", {
    "product_id": Field(identifier(example="PROD005"), required=True),
    "product_name": Field(name(), required=True),
    "price": Field(Money(), required=True),
    "stock_quantity": Field(Integer(0, MAX_STOCK)),
    "category": Field(identifier(example="electronics")),
    "description": Field(Text(MAX_TEXT, blank=True)),
}, build=_create_product)

_PRODUCT_CHANGES = ("product_name", "price", "stock_quantity", "add_stock", "category", "description")


def _product_change_rules(values: dict, path: str) -> Optional[Issue]:
    if not values:
        return Issue("missing_field", None, f"Nothing to update: give {', '.join(_PRODUCT_CHANGES[:-1])} or description")
    if values.get("stock_quantity") is not None and values.get("add_stock") is not None:
        return Issue("invalid_value", "add_stock", "Give either stock_quantity or add_stock, not both")
    return None


def _change_product(**values):
    if "description" in values:
        values["description"] = _blank_as_none(values["description"])
    return commands.ChangeProduct(**values)


UPDATE_PRODUCT = Record("UpdateProductRequest", {
    "product_name": Field(name()),
    "price": Field(Money()),
    "stock_quantity": Field(Integer(0, MAX_STOCK, description="Set the stock to this")),
    "add_stock": Field(Integer(-MAX_STOCK, MAX_STOCK, description="Add to (or, negative, take from) the stock")),
    "category": Field(identifier()),
    "description": Field(Text(MAX_TEXT, blank=True, description="null removes it"), nullable=True),
}, build=_change_product, rules=[_product_change_rules], json_extra={
    "minProperties": 1, "not": {"required": ["stock_quantity", "add_stock"]}})


def _create_customer(customer_name, email, customer_id=None, phone=None, address=None):
    return commands.CreateCustomer(customer_name, email, customer_id, _blank_as_none(phone), _blank_as_none(address))


CREATE_CUSTOMER = Record("CreateCustomerRequest", {
    "customer_id": Field(identifier(example="CUST006")),
    "customer_name": Field(name(), required=True),
    "email": Field(email(), required=True),
    "phone": Field(Text(MAX_PHONE, blank=True)),
    "address": Field(Text(MAX_ADDRESS, blank=True)),
}, build=_create_customer)


# ---------------------------------------------------------------- query strings

def page_size(default: int) -> Integer:
    return Integer(1, MAX_LIMIT, description=f"Items per page (default {default})")


NEXT_TOKEN = Pattern(rf"[A-Za-z0-9_\-]{{1,{MAX_CURSOR}}}", "a next_token returned by the previous page",
                     description="Cursor from a previous page (opaque)")

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
}, build=lambda q=None, **values: commands.ListOrders(q=_blank_as_none(q), **values))
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
LIST_EXECUTIONS = Record("ListExecutionsQuery", {
    "status": Field(EXECUTION_STATUS),
    "limit": Field(page_size(20)),
})
DELETE_ORDER = Record("DeleteOrderQuery", {
    "hard": Field(Flag(description="true deletes the order for good (admin)")),
    "reason": Field(Text(MAX_REASON, blank=True)),
})
DASHBOARD_QUERY = Record("DashboardQuery", {
    "from": Field(Day(description="First day (UTC); default 29 days before `to`")),
    "to": Field(Day(description="Last day (UTC); default today")),
})
NO_QUERY = Record("NoQuery", {})


# ---------------------------------------------------------------- webhook requests

WEBHOOK_ID = Pattern(r"whep_[0-9a-f]{32}", "a webhook id")
DELIVERY_ID = Pattern(r"msg_[0-9]{14}[0-9a-f]{20}", "a delivery id (the webhook-id header)")
EVENT_TYPE = Choice(EVENT_TYPES, name="WebhookEventType")
WEBHOOK_EVENTS = List_(EVENT_TYPE, len(EVENT_TYPES), description="The event types sent; every type when left out")
WEBHOOK_URL = Text(MAX_URL, description=(
    "Where events are POSTed. Deployed stages: https, and no private, loopback or link-local address"))
UTC_TIME = Pattern(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z",
                   "a UTC time such as 2026-11-25T12:00:00Z", example="2026-11-25T12:00:00Z")


def _something_to_change(values: dict, path: str) -> Optional[Issue]:
    if not values:
        return Issue("missing_field", None, "Give at least one of: url, events, enabled, description")
    return None


CREATE_WEBHOOK = Record("CreateWebhookRequest", {
    "url": Field(WEBHOOK_URL, required=True),
    "events": Field(WEBHOOK_EVENTS),
    "description": Field(Text(MAX_TEXT, blank=True)),
})
UPDATE_WEBHOOK = Record("UpdateWebhookRequest", {
    "url": Field(WEBHOOK_URL),
    "events": Field(WEBHOOK_EVENTS),
    "enabled": Field(Flag()),
    "description": Field(Text(MAX_TEXT, blank=True)),
}, rules=[_something_to_change], json_extra={"minProperties": 1})
REPLAY_WEBHOOK = Record("ReplayWebhookRequest", {
    "since": Field(UTC_TIME, required=True),
    "until": Field(UTC_TIME, required=True),
}, description="Every delivery of events between since and until (inclusive, to the second) is sent again")
LIST_DELIVERIES = Record("ListDeliveriesQuery", {
    "limit": Field(Integer(1, MAX_LIMIT)),
    "next_token": Field(DELIVERY_ID),
})

IDEMPOTENCY_KEY = Pattern(ids.IDEMPOTENCY_KEY, "1-128 visible ASCII characters")
IF_MATCH = Pattern(ids.IF_MATCH, 'an ETag such as "3" (the order\'s version)')
EXECUTION_IDENTIFIER = Pattern(ids.EXECUTION_IDENTIFIER, "an order id or an execution ARN")
ORDER_ID = Pattern(ids.ORDER_ID, "an order id")


# ---------------------------------------------------------------- responses

def _out(json_type: str, **extra) -> Value:
    return Value({"type": json_type, **extra})


def _nullable(json_type: str, **extra) -> Value:
    return Value({"anyOf": [{"type": json_type, **extra}, {"type": "null"}]})


MONEY_OUT = _out("string", pattern=r"^-?[0-9]+\.[0-9]{2}$", examples=["2029.97"])
TIMESTAMP = _out("string", examples=["2026-11-25T12:46:24.123456Z"])


def _body(name: str, **fields) -> Record:
    """A response object: every listed field always present (a `Field` given
    as such may be left out)."""
    return Record(name, {key: (value if isinstance(value, Field) else Field(value, required=True))
                         for key, value in fields.items()})


ERROR_ISSUE = _body("ErrorDetail", code=_out("string"), param=_nullable("string"), message=_out("string"))
ERROR = Record("Error", {
    "message": Field(_out("string"), required=True),
    "code": Field(_out("string", description="Machine-readable; see the README's list of codes"), required=True),
    "param": Field(_out("string", description="JSON path of the field at fault, e.g. items[0].quantity")),
    "errors": Field(List_(ERROR_ISSUE, MAX_REQUEST_ITEMS * 4, min_items=1, description="Every issue found, when several")),
    "request_id": Field(_out("string")),
    "error": Field(_out("string", description="5xx only: a short name of the failure")),
})
ORDER_LINE = _body("OrderLine", product_id=_out("string"), product_name=_out("string"),
                   quantity=_out("integer", minimum=1), price=MONEY_OUT, line_total=MONEY_OUT)
LINE_CHANGE = _body("LineChange", product_id=_out("string"), field=_out("string"), old=_nullable("string"),
                    new=_nullable("string"))
HISTORY_ENTRY = Record("HistoryEntry", {
    "at": Field(TIMESTAMP, required=True),
    "action": Field(Choice(("created", "status", "edited", "workflow")), required=True),
    "from_status": Field(ORDER_STATUS, required=True, nullable=True),
    "to_status": Field(ORDER_STATUS, required=True, nullable=True),
    "actor": Field(_out("string"), required=True),
    "reason": Field(_nullable("string"), required=True),
    "changes": Field(List_(LINE_CHANGE, 10_000, min_items=0)),
    "tracking_number": Field(_nullable("string")),
    "carrier": Field(_nullable("string")),
})
SUMMARY_FIELDS = dict(
    order_id=_out("string", format="uuid"),
    order_number=_nullable("string", description="Readable order number (shown as #1001); null for orders created "
                           "before numbers existed", examples=["1001"]),
    customer_id=_out("string"), customer_name=_out("string"),
    line_count=_out("integer", minimum=0), item_count=_out("integer", minimum=0, description="units over all lines"),
    total_amount=MONEY_OUT, currency=_out("string"), status=ORDER_STATUS, status_reason=_nullable("string"),
    tracking_number=_nullable("string"), carrier=_nullable("string"), created_at=TIMESTAMP, updated_at=TIMESTAMP,
    version=_out("integer", minimum=1),
)
ORDER_SUMMARY = _body("OrderSummary", **SUMMARY_FIELDS)
ORDER = _body("Order", **SUMMARY_FIELDS, customer_email=_nullable("string"),
              items=List_(ORDER_LINE, MAX_LINES, min_items=1), stock_reserved=_out("boolean"),
              execution_arn=_nullable("string"), workflow_attempt=_out("integer", minimum=0),
              history=List_(HISTORY_ENTRY, 10_000, min_items=1))
WORKFLOW_START = _body("WorkflowStart", started=_out("boolean"), reason=Field(_out("string")))
ORDER_CREATED = _body("OrderCreated", message=_out("string"), order_id=_out("string", format="uuid"),
                      execution_arn=_nullable("string"), note=Field(_out("string")), workflow=WORKFLOW_START, order=ORDER)
ORDER_CHANGED = _body("OrderChanged", message=_out("string"), order_id=_out("string", format="uuid"), status=ORDER_STATUS,
                      order=ORDER)
BULK_RESULT = Record("BulkOrderResult", {
    "order_id": Field(_out("string"), required=True),
    "ok": Field(_out("boolean"), required=True),
    "order_number": Field(_nullable("string")),
    "status": Field(ORDER_STATUS),  # after the change, when ok
    "code": Field(_out("string", description="Why this order was refused (when not ok)")),
    "message": Field(_out("string")),
})
BULK_RESULTS = _body("BulkOrderResults", action=_out("string"), succeeded=_out("integer", minimum=0),
                     failed=_out("integer", minimum=0), results=List_(BULK_RESULT, MAX_BULK_ORDERS, min_items=1))
ORDER_DELETED = _body("OrderDeleted", message=_out("string"), order_id=_out("string", format="uuid"))
ORDER_CANCELLED_OR_DELETED = Variants("OrderCancelledOrDeleted", [ORDER_CHANGED, ORDER_DELETED], choose=None)
PAGINATION = _body("Pagination", page=_out("integer", minimum=1), limit=_out("integer", minimum=1, maximum=MAX_LIMIT),
                   total=_nullable("integer", minimum=0, description=(
                       "null when no kept count covers the filters (a search by number or id, a date range with a "
                       "customer or search, or without created_from) and the page does not reach the end")),
                   pages=_nullable("integer", minimum=0))
ORDER_LIST = _body("OrderList", orders=List_(ORDER_SUMMARY, MAX_LIMIT, min_items=0), pagination=PAGINATION,
                   next_token=_nullable("string"))
WORKFLOW_STARTED = _body("WorkflowStarted", message=_out("string"), order_id=_out("string", format="uuid"),
                         execution_arn=_out("string"), status=ORDER_STATUS, workflow=WORKFLOW_START)
EXECUTION = _body("Execution", execution_arn=_out("string"), execution_name=_out("string"),
                  order_id=_nullable("string"), status=EXECUTION_STATUS, start_date=_nullable("string"),
                  stop_date=_nullable("string"))
EXECUTION_EVENT = _body("ExecutionEvent", type=_out("string"), timestamp=_nullable("string"), state_name=_nullable("string"))
WORKFLOW_STATUS = _body("WorkflowStatus", execution_arn=_out("string"), execution_name=_out("string"),
                        order_id=_nullable("string"), status=EXECUTION_STATUS, start_date=_nullable("string"),
                        stop_date=_nullable("string"), input=Value({}), output=Value({}),
                        recent_events=List_(EXECUTION_EVENT, 1000, min_items=0))
EXECUTION_LIST = _body("ExecutionList", executions=List_(EXECUTION, MAX_LIMIT, min_items=0))
STATS = _body("Stats", orders=_body("OrderCounts", total=_out("integer", minimum=0),
                                    by_status=_body("CountsByStatus", **{s: _out("integer") for s in STATUSES})))
PRODUCT = _body("Product", product_id=_out("string"), product_name=_out("string"), price=MONEY_OUT,
                stock_quantity=_out("integer", minimum=0), in_stock=_out("boolean"), category=_out("string"),
                description=_nullable("string"), updated_at=TIMESTAMP)
PRODUCT_LIST = _body("ProductList", products=List_(PRODUCT, MAX_LIMIT, min_items=0), next_token=_nullable("string"))
PRODUCT_SAVED = _body("ProductSaved", message=_out("string"), product=PRODUCT)
CUSTOMER = _body("Customer", customer_id=_out("string"), customer_name=_out("string"), email=_out("string"),
                 phone=_nullable("string"), address=_nullable("string"), created_at=TIMESTAMP)
CUSTOMER_LIST = _body("CustomerList", customers=List_(CUSTOMER, MAX_LIMIT, min_items=0), next_token=_nullable("string"))
CUSTOMER_SAVED = _body("CustomerSaved", message=_out("string"), customer=CUSTOMER)
COUNTS_BY_STATUS = _body("StatusCounts", **{s: _out("integer", minimum=0) for s in STATUSES})
DASHBOARD_DAY = _body("DashboardDay", date=_out("string", format="date"),
                      orders=_out("integer", minimum=0, description="Orders bringing revenue (not cancelled or failed)"),
                      all_orders=_out("integer", minimum=0), revenue=MONEY_OUT, by_status=COUNTS_BY_STATUS)
DASHBOARD = Record("Dashboard", {
    "from": Field(_out("string", format="date"), required=True),
    "to": Field(_out("string", format="date"), required=True),
    "orders": Field(_out("integer", minimum=0, description="Every order created in the range"), required=True),
    "revenue_orders": Field(_out("integer", minimum=0, description="Orders bringing revenue"), required=True),
    "revenue": Field(MONEY_OUT, required=True),
    "average_order_value": Field(MONEY_OUT, required=True),
    "by_status": Field(COUNTS_BY_STATUS, required=True),
    "days": Field(List_(DASHBOARD_DAY, 366, min_items=1), required=True),
})
HEALTH = _body("Health", status=_out("string"), stage=_out("string"))
WEBHOOK = _body("Webhook", webhook_id=_out("string"), url=_out("string"),
                events=List_(EVENT_TYPE, len(EVENT_TYPES), min_items=1), description=_nullable("string"),
                enabled=_out("boolean"), disabled_reason=_nullable("string"), failing_since=_nullable("string"),
                created_at=TIMESTAMP, updated_at=TIMESTAMP)
WEBHOOK_SECRET = _out("string", pattern="^whsec_[A-Za-z0-9+/=]+$", description=(
    "The signing secret, shown only in this response: keep it to verify the webhook-signature header"))
WEBHOOK_CREATED = _body("WebhookCreated", message=_out("string"), webhook=WEBHOOK, secret=WEBHOOK_SECRET)
WEBHOOK_LIST = _body("WebhookList", webhooks=List_(WEBHOOK, 10_000, min_items=0))
WEBHOOK_SAVED = _body("WebhookSaved", message=_out("string"), webhook=WEBHOOK)
WEBHOOK_DELETED = _body("WebhookDeleted", message=_out("string"), webhook_id=_out("string"))
DELIVERY_ATTEMPT = _body("DeliveryAttempt", at=TIMESTAMP, status_code=_nullable("integer"),
                         latency_ms=_out("integer", minimum=0), error=_nullable("string"))
DELIVERY = _body("Delivery", delivery_id=_out("string", description="The webhook-id header of every attempt"),
                 event_type=Choice((*EVENT_TYPES, TEST_EVENT)), order_id=_nullable("string"),
                 status=Choice(("pending", "delivered", "failed", "held")), created_at=TIMESTAMP,
                 next_retry_at=_nullable("string"), delivered_at=_nullable("string"),
                 attempts=List_(DELIVERY_ATTEMPT, 10_000, min_items=0))
DELIVERY_LIST = _body("DeliveryList", deliveries=List_(DELIVERY, MAX_LIMIT, min_items=0), next_token=_nullable("string"))
DELIVERY_QUEUED = _body("DeliveryQueued", message=_out("string"), delivery=DELIVERY)
REPLAY_STARTED = _body("ReplayStarted", message=_out("string"), replayed=_out("integer", minimum=0),
                       truncated=_out("boolean", description="More deliveries than one replay sends: replay the rest"))
OPENAPI = Value({"type": "object", "description": "This document"})


def named(name: str) -> Schema:
    """A schema by the name app.py declares it with: its component name, or
    for path parameters the names below."""
    return _BY_NAME[name]


_BY_NAME = {schema.name: schema for schema in (
    CREATE_ORDER, UPDATE_ORDER, CANCEL_ORDER, BULK_ACTION, BULK_RESULTS, CREATE_PRODUCT, UPDATE_PRODUCT, CREATE_CUSTOMER,
    LIST_ORDERS, LIST_PRODUCTS, LIST_CUSTOMERS, LIST_EXECUTIONS, DELETE_ORDER, DASHBOARD_QUERY, DASHBOARD,
    ORDER_CREATED, ORDER_LIST, ORDER, ORDER_CHANGED, ORDER_CANCELLED_OR_DELETED, STATS, WORKFLOW_STARTED,
    WORKFLOW_STATUS, EXECUTION_LIST, PRODUCT_LIST, PRODUCT_SAVED, PRODUCT, CUSTOMER_LIST, CUSTOMER_SAVED, CUSTOMER,
    HEALTH, ERROR, CREATE_WEBHOOK, UPDATE_WEBHOOK, REPLAY_WEBHOOK, LIST_DELIVERIES, WEBHOOK, WEBHOOK_CREATED,
    WEBHOOK_LIST, WEBHOOK_SAVED, WEBHOOK_DELETED, DELIVERY_LIST, DELIVERY_QUEUED, REPLAY_STARTED)}
_BY_NAME.update({"OrderId": ORDER_ID, "ExecutionIdentifier": EXECUTION_IDENTIFIER, "Identifier": identifier(),
                 "OpenApiDocument": OPENAPI, "WebhookId": WEBHOOK_ID, "DeliveryId": DELIVERY_ID})
