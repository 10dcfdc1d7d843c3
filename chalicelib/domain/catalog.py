"""Products (the inventory) and customers: the rules of changing them.

Stock only ever changes by conditional ADD (reservations, releases, restocks)
or by a set conditioned on the value just read, so no write can clobber a
concurrent reservation or take stock below zero. Every write here is a
transaction with a ClientRequestToken (even of one item: an ADD is not safe
to send twice), so a retry of one that landed after a timeout is answered
with its success instead of being applied twice."""
import hashlib
import time
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from ..core.clock import now_iso
from ..core.errors import Conflict, NotFound, Unprocessable
from ..data import catalog_store as store
from ..data import order_store, search_index
from ..data.addresses import address_item, address_of
from ..data.models import AppliedOperation, Customer, Product
from ..data.transactions import Operation, TransactionFailed, commit
from ..model.actor import Actor
from ..model.address import Address
from ..model.commands import UNSET, ChangeCustomer, ChangeProduct, CreateCustomer, CreateProduct
from ..model.order_rules import STOCK_HOLDING_STATUSES, CatalogEntry

MAX_STOCK = 1_000_000_000
STOCK_SET_ATTEMPTS = 5
CUSTOMER_CHANGE_ATTEMPTS = 5
INITIAL_STOCK = "Initial stock"  # an e-mail changed by someone else meanwhile: decide again
# How long a stock move's operation is remembered: as long as an
# Idempotency-Key (a retry after that is a new request).
APPLIED_SECONDS = 24 * 3600

get_product = store.get_product
get_customer = store.get_customer
list_customers = store.list_customers


def customer_ids_matching(text: str, limit: int) -> List[str]:
    """Customers whose name begins `text` (the name index: at once) or has a
    word that each word of it begins (the search entries: once the customers
    stream has them, seconds after a new name), at most `limit`."""
    found = store.customer_ids_by_name_prefix(text, limit) + search_index.ids_by_word("customer", text, limit)
    return list(dict.fromkeys(found))[:limit]


def find_customers(text: str, limit: int) -> List[Customer]:
    """Customers by e-mail (any case, the one owner) or by the start of their
    name or of any word of it (any case, at most `limit`): pickers and the
    "this e-mail is taken" check, from indexes."""
    if "@" in text:
        owner = store.email_owner(text)
        ids = [owner] if owner else []
    else:
        ids = customer_ids_matching(text, limit)
    found = store.customers_by_id(ids)
    return [found[customer_id] for customer_id in ids if customer_id in found]


def find_products(text: str, limit: int) -> List[Product]:
    """Products whose id (or ISBN) begins `text`, then those with a name word
    each word of it begins (the search entries the products stream keeps),
    at most `limit`: pickers and the catalog's search box, from indexes."""
    ids = list(dict.fromkeys(store.product_ids_by_prefix(text.strip(), limit)
                             + search_index.ids_by_word("product", text, limit)))[:limit]
    found = store.products_by_id(ids)
    return [found[product_id] for product_id in ids if product_id in found]


def list_products(*, category: Optional[str], in_stock: Optional[bool], limit: int,
                  next_token: Optional[str]) -> Tuple[List[Product], Optional[str]]:
    """`in_stock` filters the page (the index holds ids only)."""
    products, token = store.list_products(category=category, limit=limit, next_token=next_token)
    if in_stock is not None:
        products = [p for p in products if (int(p.stock_quantity) > 0) == in_stock]
    return products, token


def create_product(request: CreateProduct, actor: Optional[Actor] = None) -> Product:
    """A new product; its initial stock is its first stock movement (by `actor`)."""
    now = now_iso()
    product = Product(
        request.product_id, product_name=request.product_name, price=request.price,
        stock_quantity=request.stock_quantity, stock_added=request.stock_quantity, category=request.category,
        description=request.description, created_at=now, updated_at=now,
        stock_reason=INITIAL_STOCK if request.stock_quantity else None, stock_actor=actor,
    )
    try:
        commit([Operation("put", product, ("product", product.product_id), condition=Product.product_id.does_not_exist())],
               transaction=True)
    except TransactionFailed:
        raise Conflict(f"Product {request.product_id} already exists", code="already_exists", param="product_id") from None
    return product


def update_product(product_id: str, changes: ChangeProduct, operation_id: str, actor: Actor) -> Product:
    """Names, price, category, description; stock set (`stock_quantity`) or
    moved (`add_stock`). A move is applied once per operation: a retry of it
    (the same Idempotency-Key) finds it applied and changes nothing. A move
    carries its reason and actor, which the products stream turns into a
    stock movement."""
    product = store.get_product(product_id)
    actions = [Product.updated_at.set(now_iso()), Product.revision.add(1)]
    if changes.add_stock is not None or changes.stock_quantity is not None:
        actions += [Product.stock_actor.set(actor),
                    Product.stock_reason.set(changes.reason) if changes.reason else Product.stock_reason.remove()]
    for name in ("product_name", "price", "category"):
        if getattr(changes, name) is not None:
            actions.append(getattr(Product, name).set(getattr(changes, name)))
    if changes.description is not UNSET:
        actions.append(Product.description.set(changes.description) if changes.description else Product.description.remove())
    if changes.add_stock is not None:
        return _add_stock(product, actions, changes.add_stock, operation_id)
    if changes.stock_quantity is not None:
        return _set_stock(product, actions, changes.stock_quantity)
    try:
        commit([Operation("update", product, ("product", product_id), actions=actions, condition=Product.product_id.exists(),
                          versioned=False)], transaction=True)
    except TransactionFailed:  # deleted since it was read
        raise NotFound(f"Product {product_id} not found") from None
    return store.get_product(product_id, consistent_read=True)


def _add_stock(product: Product, actions: list, delta: int, operation_id: str) -> Product:
    condition = Product.product_id.exists()
    if delta < 0:
        condition &= Product.stock_quantity >= -delta
    applied = AppliedOperation(f"applied#{operation_id}", expires_at=int(time.time()) + APPLIED_SECONDS)
    try:
        commit([Operation("update", product, ("product", product.product_id), condition=condition, versioned=False,
                          actions=actions + [Product.stock_quantity.add(delta), Product.stock_added.add(delta)]),
                Operation("put", applied, ("applied", operation_id), condition=AppliedOperation.idempotency_key.does_not_exist(),
                          versioned=False)],
               transaction=True)
    except TransactionFailed as failure:
        if failure.first("ConditionalCheckFailed", "applied"):  # this operation moved the stock already
            return store.get_product(product.product_id, consistent_read=True)
        left = store.get_product(product.product_id, consistent_read=True).stock_quantity
        raise Conflict(f"Cannot remove {-delta} from the stock of {product.product_id}: only {left} left",
                       code="insufficient_stock", param="add_stock") from None
    return store.get_product(product.product_id, consistent_read=True)


def _set_stock(product: Product, actions: list, quantity: int) -> Product:
    """Set stock to an absolute value, conditioned on the value read so a
    reservation landing in between is never overwritten."""
    for _ in range(STOCK_SET_ATTEMPTS):
        seen = int(product.stock_quantity)
        try:
            commit([Operation("update", product, ("product", product.product_id), condition=Product.stock_quantity == seen,
                              versioned=False, actions=actions + [Product.stock_quantity.set(quantity),
                                                                  Product.stock_added.add(quantity - seen)])],
                   transaction=True)
            return store.get_product(product.product_id, consistent_read=True)
        except TransactionFailed:
            product = store.get_product(product.product_id, consistent_read=True)
    raise Conflict(f"Stock of {product.product_id} kept changing; retry", code="changed_concurrently")


# ---------------------------------------------------------------- customers

def customer_id_for_email(email: str) -> str:
    """Customers first seen through an order get an id derived from their
    e-mail, so two concurrent first orders agree on it."""
    return "CUST-" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:12].upper()


def new_customer(customer_id: str, name: str, email: str, phone=None, address=None,
                 default_address: Optional[Address] = None) -> Customer:
    return Customer(customer_id, customer_name=name, email=email, phone=phone, address=address,
                    default_address=address_item(default_address), created_at=now_iso(), **store.name_keys(customer_id, name))


def default_address_of(customer: Customer) -> Optional[Address]:
    return address_of(customer.default_address)


def create_customer(request: CreateCustomer) -> Customer:
    default_address = request.default_address and request.default_address.checked("default_address")
    customer = new_customer(request.customer_id or customer_id_for_email(request.email),
                            request.customer_name, request.email, request.phone, request.address, default_address)
    try:
        commit(store.customer_creation_operations(customer))
    except TransactionFailed as failure:
        if failure.first("ConditionalCheckFailed", "customer_email"):
            raise Conflict(f"A customer with e-mail {customer.email} already exists", code="already_exists",
                           param="email") from None
        raise Conflict(f"Customer {customer.customer_id} already exists", code="already_exists", param="customer_id") from None
    return customer


def update_customer(customer_id: str, changes: ChangeCustomer) -> Customer:
    """Sets what the request names. A new e-mail moves the customer's e-mail
    alias in the same transaction, so no two customers ever share an e-mail,
    however requests race; a retry of a change that landed finds nothing to
    move and answers the customer as it is."""
    default_address = changes.default_address
    if default_address not in (UNSET, None):
        default_address = default_address.checked("default_address")
    for _ in range(CUSTOMER_CHANGE_ATTEMPTS):
        customer = store.get_customer(customer_id, consistent_read=True)
        actions = []
        if changes.customer_name is not None and changes.customer_name != customer.customer_name:
            keys = store.name_keys(customer_id, changes.customer_name)
            actions += [Customer.customer_name.set(changes.customer_name), Customer.name_pk.set(keys["name_pk"]),
                        Customer.name_key.set(keys["name_key"])]
        new_email = changes.email if changes.email is not None and changes.email != customer.email else None
        if new_email:
            actions.append(Customer.email.set(new_email))
        for attribute, value, held in ((Customer.phone, changes.phone, customer.phone),
                                       (Customer.address, changes.address, customer.address),
                                       (Customer.default_address, default_address, default_address_of(customer))):
            if value is not UNSET and value != held:
                stored = address_item(value) if attribute is Customer.default_address else value
                actions.append(attribute.set(stored) if value is not None else attribute.remove())
        if not actions:
            return customer
        try:
            commit(store.email_change_operations(customer, new_email or customer.email, actions), transaction=True)
        except TransactionFailed as failure:
            if failure.first("ConditionalCheckFailed", "customer_email"):
                raise Conflict(f"A customer with e-mail {new_email} already exists", code="already_exists",
                               param="email") from None
            continue  # its e-mail changed (or it was removed) since it was read: decide again
        return store.get_customer(customer_id, consistent_read=True)
    raise Conflict(f"Customer {customer_id} kept changing; retry", code="changed_concurrently")


# ---------------------------------------------------------------- stock movements

@dataclass(frozen=True)
class StockMovement:
    at: str
    kind: str  # stock (by hand) | order
    change: int  # units added to the stock; negative: taken
    reason: Optional[str] = None
    actor: Optional[Actor] = None
    order_id: Optional[str] = None
    order_number: Optional[str] = None
    status: Optional[str] = None
    quantity: Optional[int] = None


def stock_movements(product_id: str, limit: int) -> Tuple[Product, List[StockMovement]]:
    """The product's newest stock moves: by hand (the stock entries the
    products stream keeps) and by the orders holding it (the search entries
    of each order's products), merged newest first, at most `limit`. An order
    takes its quantity while it holds or has shipped the stock."""
    product = store.get_product(product_id)
    movements = [StockMovement(entry.sort_key.rsplit("#", 1)[0], "stock", int(entry.stock_change), entry.reason, entry.actor)
                 for entry in search_index.stock_moves(product_id, limit)]
    entries = search_index.orders_with_product(product_id, limit)
    orders = order_store.get_many([entry.order_id for entry in entries])
    for entry in entries:
        order = orders.get(entry.order_id)
        line = next((line for line in order.lines if line.product_id == product_id), None) if order else None
        if line is None:  # removed, or the line dropped since the entry was written
            continue
        movements.append(StockMovement(order.created_at, "order", -line.quantity if order.status in STOCK_HOLDING_STATUSES else 0,
                                       order_id=order.order_id, order_number=order.order_number, status=order.status,
                                       quantity=line.quantity))
    movements.sort(key=lambda move: move.at, reverse=True)
    return product, movements[:limit]


# ---------------------------------------------------------------- for orders

def products_for_order(product_ids: List[str], *, customer_id: Optional[str] = None, email: Optional[str] = None):
    """The products an order names and its customer, in one read; a product
    that does not exist is 422 (the request is well-formed)."""
    products, customer, email_owner = store.load_for_order(product_ids, customer_id=customer_id, email=email)
    missing = [pid for pid in product_ids if pid not in products]
    if missing:
        message = f"Product {missing[0]} not found" if len(missing) == 1 else f"Products not found: {', '.join(missing)}"
        raise Unprocessable(message,
                            code="product_not_found", param="items")
    return products, customer, email_owner


def catalog_entries(product_ids: List[str]) -> Dict[str, CatalogEntry]:
    products, _, _ = products_for_order(product_ids)
    return {pid: CatalogEntry(pid, p.product_name, p.price) for pid, p in products.items()}
