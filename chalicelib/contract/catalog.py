"""Products and customers: the request bodies that create and change them
and how the API shows them (`PRODUCT`, `CUSTOMER`)."""
from typing import Optional

from ..core.errors import Issue
from ..domain.catalog import MAX_STOCK
from ..model import commands
from .spec import Field, Flag, Integer, List_, Record, Text
from .values import (
    ACTOR,
    ADDRESS,
    BOOLEAN,
    MAX_LIMIT,
    MAX_PHONE,
    MAX_REASON,
    MAX_SEARCH,
    MAX_TEXT,
    MONEY_OUT,
    NEXT_TOKEN,
    NULLABLE_STRING,
    STRING,
    TIMESTAMP,
    Money,
    address_out,
    blank_as_none,
    derived,
    email,
    identifier,
    integer,
    name,
    out,
    page_size,
    response,
)

MAX_ADDRESS = 500


# ---------------------------------------------------------------- products

def _create_product(product_id, product_name, price, stock_quantity=0, category="general", description=None):
    return commands.CreateProduct(product_id, product_name, price, stock_quantity, category, blank_as_none(description))


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
    if not any(name in values for name in _PRODUCT_CHANGES):
        return Issue("missing_field", None, f"Nothing to update: give {', '.join(_PRODUCT_CHANGES[:-1])} or description")
    if values.get("stock_quantity") is not None and values.get("add_stock") is not None:
        return Issue("invalid_value", "add_stock", "Give either stock_quantity or add_stock, not both")
    return None


def _change_product(**values):
    for text in ("description", "reason"):
        if text in values:
            values[text] = blank_as_none(values[text])
    return commands.ChangeProduct(**values)


UPDATE_PRODUCT = Record("UpdateProductRequest", {
    "product_name": Field(name()),
    "price": Field(Money()),
    "stock_quantity": Field(Integer(0, MAX_STOCK, description="Set the stock to this")),
    "add_stock": Field(Integer(-MAX_STOCK, MAX_STOCK, description="Add to (or, negative, take from) the stock")),
    "category": Field(identifier()),
    "description": Field(Text(MAX_TEXT, blank=True, description="null removes it"), nullable=True),
    "reason": Field(Text(MAX_REASON, blank=True, description=(
        "Why the stock moves (with stock_quantity or add_stock): kept in the product's stock movements"))),
}, build=_change_product, rules=[_product_change_rules], json_extra={
    "anyOf": [{"required": [name]} for name in _PRODUCT_CHANGES], "not": {"required": ["stock_quantity", "add_stock"]}})

LIST_PRODUCTS = Record("ListProductsQuery", {
    "category": Field(identifier()),
    "in_stock": Field(Flag()),
    "limit": Field(page_size(50)),
    "next_token": Field(NEXT_TOKEN),
    "q": Field(Text(MAX_SEARCH, blank=True, description=(
        "Search: the start of a product id or ISBN (any case), or of any word of its name (each word of the text "
        "begins one); the first `limit` matches, ids first; no next_token"))),
})
PRODUCT = response("Product", product_id=STRING, product_name=STRING, price=MONEY_OUT,
                   stock_quantity=integer(minimum=0),
                   in_stock=derived(BOOLEAN, lambda product: int(product.stock_quantity) > 0),
                   category=STRING, description=NULLABLE_STRING, updated_at=TIMESTAMP)
PRODUCT_LIST = response("ProductList", products=List_(PRODUCT, MAX_LIMIT, min_items=0), next_token=NULLABLE_STRING)
PRODUCT_SAVED = response("ProductSaved", message=STRING, product=PRODUCT)
def _of_order(movement) -> bool:
    return movement.kind == "order"


STOCK_MOVEMENT = response(
    "StockMovement",
    at=TIMESTAMP,
    kind=out("string", enum=["stock", "order"], description=(
        "stock: units put in or taken out by hand (initial stock, restock, correction); order: an order of it")),
    change=integer(description="Units added to the stock (negative: taken); an order takes its quantity while it holds "
                               "or has shipped the stock, 0 before (pending) or once given back (cancelled, failed)"),
    reason=NULLABLE_STRING, actor=Field(ACTOR, required=True, nullable=True),
    # An order's movement only:
    order_id=Field(STRING, present=_of_order), order_number=Field(NULLABLE_STRING, present=_of_order),
    status=Field(STRING, present=_of_order), quantity=Field(integer(minimum=1), present=_of_order))
PRODUCT_MOVEMENTS = response("StockMovements", product_id=STRING, stock_quantity=integer(minimum=0),
                             movements=List_(STOCK_MOVEMENT, 2 * MAX_LIMIT, min_items=0))
LIST_MOVEMENTS = Record("ListStockMovementsQuery", {"limit": Field(page_size(20))})


# ---------------------------------------------------------------- customers

def _create_customer(customer_name, email, customer_id=None, phone=None, address=None, default_address=None):
    return commands.CreateCustomer(customer_name, email, customer_id, blank_as_none(phone), blank_as_none(address),
                                   default_address)


CREATE_CUSTOMER = Record("CreateCustomerRequest", {
    "customer_id": Field(identifier(example="CUST006")),
    "customer_name": Field(name(), required=True),
    "email": Field(email(), required=True),
    "phone": Field(Text(MAX_PHONE, blank=True)),
    "address": Field(Text(MAX_ADDRESS, blank=True, description="Free text, as before default_address existed")),
    "default_address": Field(ADDRESS, description="Where this customer's orders ship unless an order says otherwise"),
}, build=_create_customer)

LIST_CUSTOMERS = Record("ListCustomersQuery", {
    "limit": Field(page_size(50)),
    "next_token": Field(NEXT_TOKEN),
    "q": Field(Text(MAX_SEARCH, blank=True, description=(
        "An e-mail (any case: its customer) or the start of a name (any case: the first `limit` by name); no next_token"))),
})
def _change_customer(**values):
    for text in ("phone", "address"):
        if text in values:
            values[text] = blank_as_none(values[text])
    return commands.ChangeCustomer(**values)


_CUSTOMER_CHANGES = ("customer_name", "email", "phone", "address", "default_address")


def _customer_change_rules(values: dict, path: str) -> Optional[Issue]:
    if not values:
        return Issue("missing_field", None, f"Nothing to update: give {', '.join(_CUSTOMER_CHANGES[:-1])} or default_address")
    return None


UPDATE_CUSTOMER = Record("UpdateCustomerRequest", {
    "customer_name": Field(name()),
    "email": Field(email(description="Unique among customers (any case)")),
    "phone": Field(Text(MAX_PHONE, blank=True, description="null or blank removes it"), nullable=True),
    "address": Field(Text(MAX_ADDRESS, blank=True, description="Free text; null or blank removes it"), nullable=True),
    "default_address": Field(ADDRESS, nullable=True, description="null removes it"),
}, build=_change_customer, rules=[_customer_change_rules], json_extra={"minProperties": 1})

CUSTOMER = response("Customer", customer_id=STRING, customer_name=STRING, email=STRING, phone=NULLABLE_STRING,
                    address=NULLABLE_STRING, default_address=address_out("default_address"), created_at=TIMESTAMP)
CUSTOMER_LIST = response("CustomerList", customers=List_(CUSTOMER, MAX_LIMIT, min_items=0), next_token=NULLABLE_STRING)
CUSTOMER_SAVED = response("CustomerSaved", message=STRING, customer=CUSTOMER)
