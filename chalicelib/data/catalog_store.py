"""Data access for products and customers: reads, keys-only index queries,
the e-mail alias items and the one cross-table read a new order needs."""
from typing import Dict, List, Optional, Tuple

from ..core.errors import NotFound, ServiceUnavailable
from ..core.settings import get_settings
from . import cursor
from .dynamo import get_client
from .models import Customer, CustomerEmail, Product
from .transactions import Operation


def get_product(product_id: str, consistent_read: bool = False) -> Product:
    try:
        return Product.get(product_id, consistent_read=consistent_read)
    except Product.DoesNotExist:
        raise NotFound(f"Product {product_id} not found") from None


def list_products(*, category: Optional[str], limit: int, next_token: Optional[str]) -> Tuple[List[Product], Optional[str]]:
    """Products by id from a keys-only index (so stock changes never write to
    it), then one BatchGetItem for the page."""
    after = None
    if next_token:
        state = cursor.decode(next_token)
        if state.get("c") != category or not isinstance(state.get("a"), str):
            raise cursor.invalid("next_token does not match the category filter of this request")
        after = state["a"]
    condition = (Product.product_id > after) if after else None
    if category is not None:
        result = Product.by_category.query(category, range_key_condition=condition, limit=limit, page_size=limit)
    else:
        result = Product.catalog.query("catalog", range_key_condition=condition, limit=limit, page_size=limit)
    keys = [product.product_id for product in result]
    token = cursor.encode({"a": keys[-1], "c": category}) if keys and result.last_evaluated_key else None
    loaded = {p.product_id: p for p in Product.batch_get(keys)} if keys else {}
    return [loaded[pid] for pid in keys if pid in loaded], token


def product_ids_by_prefix(prefix: str, limit: int) -> List[str]:
    """Product ids that begin `prefix` (exactly as given, and upper-cased:
    ids like PROD001 are found as typed in lower case), from the catalog index."""
    found: List[str] = []
    for variant in dict.fromkeys((prefix, prefix.upper())):
        for product in Product.catalog.query("catalog", Product.product_id.startswith(variant), limit=limit, page_size=limit):
            if product.product_id not in found:
                found.append(product.product_id)
    return found[:limit]


def products_by_id(product_ids: List[str]) -> Dict[str, Product]:
    """The products that exist among these ids (one BatchGetItem per 100)."""
    return {product.product_id: product for product in Product.batch_get(product_ids)} if product_ids else {}


def customers_by_id(customer_ids: List[str]) -> Dict[str, Customer]:
    return {customer.customer_id: customer for customer in Customer.batch_get(customer_ids)} if customer_ids else {}


def get_customer(customer_id: str, consistent_read: bool = False) -> Customer:
    try:
        return Customer.get(customer_id, consistent_read=consistent_read)
    except Customer.DoesNotExist:
        raise NotFound(f"Customer {customer_id} not found") from None


def list_customers(*, limit: int, next_token: Optional[str]) -> Tuple[List[Customer], Optional[str]]:
    after = None
    if next_token:
        state = cursor.decode(next_token)
        if not isinstance(state.get("a"), str):
            raise cursor.invalid()
        after = state["a"]
    condition = (Customer.customer_id > after) if after else None
    result = Customer.listing.query("customer", range_key_condition=condition, limit=limit, page_size=limit)
    customers = list(result)
    token = cursor.encode({"a": customers[-1].customer_id}) if customers and result.last_evaluated_key else None
    return customers, token


def email_key(email: str) -> str:
    return f"email#{email.strip().lower()}"


def email_owner(email: str) -> Optional[str]:
    """The id of the customer with this e-mail (any case), if any."""
    try:
        return CustomerEmail.get(email_key(email)).owner_id
    except CustomerEmail.DoesNotExist:
        return None


def _folded(name: str) -> str:
    return " ".join(name.lower().split())


def name_keys(customer_id: str, name: str) -> Dict[str, str]:
    """A customer's `by_name` index keys: any case, spaces collapsed."""
    folded = _folded(name)
    return {"name_pk": folded[:1] or " ", "name_key": f"{folded}#{customer_id}"}


def customer_ids_by_name_prefix(prefix: str, limit: int) -> List[str]:
    folded = _folded(prefix)
    if not folded:
        return []
    result = Customer.by_name.query(folded[:1], range_key_condition=Customer.name_key.startswith(folded), limit=limit,
                                    page_size=limit)
    return [customer.customer_id for customer in result]


def customer_creation_operations(customer: Customer) -> List[Operation]:
    """The customer and its e-mail alias, each only if new."""
    return [
        Operation("put", customer, ("customer", customer.customer_id), condition=Customer.customer_id.does_not_exist()),
        Operation("put", CustomerEmail(email_key(customer.email), owner_id=customer.customer_id),
                  ("customer_email", customer.email), condition=CustomerEmail.customer_id.does_not_exist()),
    ]


def email_change_operations(customer: Customer, new_email: str, actions: list) -> List[Operation]:
    """A customer's new e-mail: the customer updated on condition its e-mail
    is still the one read (two changes racing cannot both move the alias),
    the new alias claimed only if free (or already this customer's: a retry)
    and the old one released only if it is this customer's."""
    own = CustomerEmail.owner_id == customer.customer_id
    operations = [Operation("update", customer, ("customer", customer.customer_id), actions=actions, versioned=False,
                            condition=Customer.email == customer.email)]
    if email_key(new_email) != email_key(customer.email):
        operations += [
            Operation("put", CustomerEmail(email_key(new_email), owner_id=customer.customer_id), ("customer_email", new_email),
                      condition=CustomerEmail.customer_id.does_not_exist() | own),
            Operation("delete", CustomerEmail(email_key(customer.email)), ("old_email", customer.email),
                      condition=CustomerEmail.customer_id.does_not_exist() | own),
        ]
    return operations


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
