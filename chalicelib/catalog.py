"""Products (the inventory) and customers: data access and their rules.

Stock only ever changes by conditional ADD (reservations, releases, restocks)
or by a set conditioned on the value just read, so no write can clobber a
concurrent reservation or take stock below zero."""
import hashlib
from typing import Dict, List, Optional, Tuple

from pynamodb.exceptions import PutError, UpdateError

from . import cursor
from .clock import now_iso
from .dynamo import get_client
from .errors import Conflict, NotFound, ServiceUnavailable, ValidationError
from .models import Customer, CustomerEmail, Product
from .settings import get_settings
from .transactions import Operation, TransactionFailed, commit

STOCK_SET_ATTEMPTS = 5


# ---------------------------------------------------------------- products

def get_product(product_id: str) -> Product:
    try:
        return Product.get(product_id)
    except Product.DoesNotExist:
        raise NotFound(f"Product {product_id} not found")


def list_products(*, category: Optional[str], in_stock: Optional[bool], limit: int,
                  next_token: Optional[str]) -> Tuple[List[Product], Optional[str]]:
    """Products by id from a keys-only index (so stock changes never write to
    it), then one BatchGetItem for the page. `in_stock` filters the page."""
    after = None
    if next_token:
        state = cursor.decode(next_token)
        if state.get("c") != category or not isinstance(state.get("a"), str):
            raise ValidationError("next_token does not match the category filter of this request")
        after = state["a"]
    condition = (Product.product_id > after) if after else None
    if category is not None:
        result = Product.by_category.query(category, range_key_condition=condition, limit=limit, page_size=limit)
    else:
        result = Product.catalog.query("catalog", range_key_condition=condition, limit=limit, page_size=limit)
    keys = [product.product_id for product in result]
    token = cursor.encode({"a": keys[-1], "c": category}) if keys and result.last_evaluated_key else None
    loaded = {p.product_id: p for p in Product.batch_get(keys)} if keys else {}
    products = [loaded[pid] for pid in keys if pid in loaded]
    if in_stock is not None:
        products = [p for p in products if (int(p.stock_quantity) > 0) == in_stock]
    return products, token


def create_product(request: dict) -> Product:
    now = now_iso()
    product = Product(
        request["product_id"], product_name=request["product_name"], price=request["price"],
        stock_quantity=request["stock_quantity"], stock_added=request["stock_quantity"], category=request["category"],
        description=request["description"], created_at=now, updated_at=now,
    )
    try:
        product.save(condition=Product.product_id.does_not_exist())
    except PutError as error:
        if _is_conditional_failure(error):
            raise Conflict(f"Product {request['product_id']} already exists")
        raise
    return product


def update_product(product_id: str, changes: dict) -> Product:
    product = get_product(product_id)
    actions = [Product.updated_at.set(now_iso()), Product.revision.add(1)]
    for name in ("product_name", "price", "category"):
        if name in changes:
            actions.append(getattr(Product, name).set(changes[name]))
    if "description" in changes:
        actions.append(Product.description.set(changes["description"]) if changes["description"]
                       else Product.description.remove())
    if "add_stock" in changes:
        delta = changes["add_stock"]
        condition = Product.product_id.exists()
        if delta < 0:
            condition &= Product.stock_quantity >= -delta
        try:
            product.update(actions=actions + [Product.stock_quantity.add(delta), Product.stock_added.add(delta)],
                           condition=condition)
        except UpdateError as error:
            if _is_conditional_failure(error):
                raise Conflict(f"Cannot remove {-delta} from the stock of {product_id}: only {get_product(product_id).stock_quantity} left")
            raise
        return product
    if "stock_quantity" in changes:
        return _set_stock(product, actions, changes["stock_quantity"])
    try:
        product.update(actions=actions, condition=Product.product_id.exists())
    except UpdateError as error:
        if _is_conditional_failure(error):  # deleted since it was read
            raise NotFound(f"Product {product_id} not found")
        raise
    return product


def _set_stock(product: Product, actions: list, quantity: int) -> Product:
    """Set stock to an absolute value, conditioned on the value read so a
    reservation landing in between is never overwritten."""
    for _ in range(STOCK_SET_ATTEMPTS):
        seen = int(product.stock_quantity)
        try:
            product.update(actions=actions + [Product.stock_quantity.set(quantity), Product.stock_added.add(quantity - seen)],
                           condition=Product.stock_quantity == seen)
            return product
        except UpdateError as error:
            if not _is_conditional_failure(error):
                raise
            product = get_product(product.product_id)
    raise Conflict(f"Stock of {product.product_id} kept changing; retry")


def _is_conditional_failure(error: Exception) -> bool:
    return getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException"


# ---------------------------------------------------------------- customers

def get_customer(customer_id: str) -> Customer:
    try:
        return Customer.get(customer_id)
    except Customer.DoesNotExist:
        raise NotFound(f"Customer {customer_id} not found")


def list_customers(*, limit: int, next_token: Optional[str]) -> Tuple[List[Customer], Optional[str]]:
    after = None
    if next_token:
        state = cursor.decode(next_token)
        if not isinstance(state.get("a"), str):
            raise ValidationError("Invalid next_token")
        after = state["a"]
    condition = (Customer.customer_id > after) if after else None
    result = Customer.listing.query("customer", range_key_condition=condition, limit=limit, page_size=limit)
    customers = list(result)
    token = cursor.encode({"a": customers[-1].customer_id}) if customers and result.last_evaluated_key else None
    return customers, token


def email_key(email: str) -> str:
    return f"email#{email.strip().lower()}"


def customer_id_for_email(email: str) -> str:
    """Customers first seen through an order get an id derived from their
    e-mail, so two concurrent first orders agree on it."""
    return "CUST-" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:12].upper()


def new_customer(customer_id: str, name: str, email: str, phone=None, address=None) -> Customer:
    return Customer(customer_id, customer_name=name, email=email, phone=phone, address=address, created_at=now_iso())


def customer_creation_operations(customer: Customer) -> List[Operation]:
    return [
        Operation("put", customer, ("customer", customer.customer_id), condition=Customer.customer_id.does_not_exist()),
        Operation("put", CustomerEmail(email_key(customer.email), owner_id=customer.customer_id),
                  ("customer_email", customer.email), condition=CustomerEmail.customer_id.does_not_exist()),
    ]


def create_customer(request: dict) -> Customer:
    customer = new_customer(request["customer_id"] or customer_id_for_email(request["email"]),
                            request["customer_name"], request["email"], request["phone"], request["address"])
    try:
        commit(customer_creation_operations(customer))
    except TransactionFailed as failure:
        if failure.first("ConditionalCheckFailed", "customer_email"):
            raise Conflict(f"A customer with e-mail {customer.email} already exists")
        if failure.first("ConditionalCheckFailed", "customer"):
            raise Conflict(f"Customer {customer.customer_id} already exists")
        raise
    return customer


# ---------------------------------------------------------------- one read for a new order

def load_for_order(product_ids: List[str], *, customer_id: Optional[str] = None,
                   email: Optional[str] = None) -> Tuple[Dict[str, Product], Optional[Customer], Optional[str]]:
    """Products plus the customer (by id, or the owner of an e-mail) in one
    BatchGetItem across both tables. Returns (products, customer, owner id of e-mail)."""
    settings = get_settings()
    request = {settings.products_table: {"Keys": [{"product_id": {"S": pid}} for pid in product_ids]}}
    if customer_id is not None or email is not None:
        customer_key = customer_id if customer_id is not None else email_key(email)
        request[settings.customers_table] = {"Keys": [{"customer_id": {"S": customer_key}}]}
    client = get_client()
    items: Dict[str, List[dict]] = {settings.products_table: [], settings.customers_table: []}
    for _ in range(8):
        response = client.batch_get_item(RequestItems=request)
        for table, found in response.get("Responses", {}).items():
            items[table].extend(found)
        request = response.get("UnprocessedKeys") or {}
        if not request:
            break
    else:
        raise ServiceUnavailable("Service unavailable: catalog read throttled")
    products = {item["product_id"]["S"]: Product.from_raw_data(item) for item in items[settings.products_table]}
    customer, alias_owner = None, None
    for item in items[settings.customers_table]:
        if customer_id is not None:
            customer = Customer.from_raw_data(item)
        else:
            alias_owner = CustomerEmail.from_raw_data(item).owner_id
    return products, customer, alias_owner
