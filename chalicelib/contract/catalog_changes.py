"""Changing the catalog: the request bodies that create and change
products and create customers (each parsed into a `domain.commands`
object), and what those requests answer."""
from typing import Optional

from ..core.errors import Issue
from ..domain import commands
from ..domain.catalog import MAX_STOCK
from .catalog import CUSTOMER, PRODUCT
from .spec import Field, Integer, Record, Text
from .values import MAX_TEXT, STRING, Money, blank_as_none, email, identifier, name, response

MAX_PHONE = 40
MAX_ADDRESS = 500


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
    if not values:
        return Issue("missing_field", None, f"Nothing to update: give {', '.join(_PRODUCT_CHANGES[:-1])} or description")
    if values.get("stock_quantity") is not None and values.get("add_stock") is not None:
        return Issue("invalid_value", "add_stock", "Give either stock_quantity or add_stock, not both")
    return None


def _change_product(**values):
    if "description" in values:
        values["description"] = blank_as_none(values["description"])
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
PRODUCT_SAVED = response("ProductSaved", message=STRING, product=PRODUCT)


def _create_customer(customer_name, email, customer_id=None, phone=None, address=None):
    return commands.CreateCustomer(customer_name, email, customer_id, blank_as_none(phone), blank_as_none(address))


CREATE_CUSTOMER = Record("CreateCustomerRequest", {
    "customer_id": Field(identifier(example="CUST006")),
    "customer_name": Field(name(), required=True),
    "email": Field(email(), required=True),
    "phone": Field(Text(MAX_PHONE, blank=True)),
    "address": Field(Text(MAX_ADDRESS, blank=True)),
}, build=_create_customer)
CUSTOMER_SAVED = response("CustomerSaved", message=STRING, customer=CUSTOMER)
