"""Order use cases: what the API can do to orders. Each loads the order
(`data.order_store`), lets the order decide (`order.Order`) and commits the
changed order it returns, conditional on the version it loaded."""
import random
import time
from typing import Callable, Dict, List, Optional, Tuple

from ..core import logs
from ..core.errors import Conflict, DomainError, PreconditionFailed, Unprocessable
from ..core.settings import get_settings
from ..data import order_numbers
from ..data import order_store as store
from ..data.order_store import CustomerTaken, OrderChanged, OrderExists, StockShort, StoredOrder
from ..model.actor import Actor
from ..model.commands import BulkAction, CreateOrder, UpdateOrder
from ..model.order import Order, order_id_for
from ..model.order_rules import SHIPPED, Line, merge_requested_quantities
from . import catalog, workflow

# A change without If-Match is rebuilt on a fresh read after a conflict; with
# jittered backoff this many attempts outlast dozens of racing writers.
MAX_ATTEMPTS = 30


# ---------------------------------------------------------------- create

def create_order(request: CreateOrder, actor: Actor, operation_id: str) -> Tuple[StoredOrder, dict]:
    """Creates the order whose id is derived from `operation_id`, so a re-run
    of the same operation (an Idempotency-Key retry after an unknown outcome)
    finds the order it created instead of creating a second one."""
    logs.bind(order_id=order_id_for(operation_id))  # on every later line of this request
    quantities = merge_requested_quantities(request.items)
    shipping_address = request.shipping_address and request.shipping_address.checked("shipping_address")
    new_customer = None
    for attempt in range(2):
        products, customer, email_owner = catalog.products_for_order(
            list(quantities), customer_id=request.customer_id, email=request.customer_email)
        for pid, expected in request.expected_prices.items():
            if products[pid].price != expected:
                raise Unprocessable(f"price {expected} for {pid} does not match the catalog price {products[pid].price}",
                                    code="price_mismatch", param="price")
        if request.customer_id is not None:
            if customer is None:
                raise Unprocessable(f"Customer {request.customer_id} not found", code="customer_not_found", param="customer_id")
            customer_id, name, email = customer.customer_id, customer.customer_name, customer.email
            address = shipping_address or catalog.default_address_of(customer)
        else:
            name, email = request.customer_name, request.customer_email
            customer_id = email_owner or catalog.customer_id_for_email(email)
            address = shipping_address
            if email_owner is None:  # a new customer: the order's address becomes theirs
                new_customer = catalog.new_customer(customer_id, name, email, default_address=shipping_address)
            elif shipping_address is None:
                address = catalog.default_address_of(catalog.get_customer(email_owner))
        lines = [Line(pid, products[pid].product_name, quantity, products[pid].price) for pid, quantity in quantities.items()]
        order = Order.place(order_id=order_id_for(operation_id), order_number=order_numbers.next_order_number(),
                            customer_id=customer_id, customer_name=name, customer_email=email, lines=lines,
                            currency=get_settings().currency, actor=actor, operation_id=operation_id,
                            run_arn=workflow.run_arns(), shipping_address=address)
        try:
            stored = store.add(order, new_customer)
        except OrderExists:
            return workflow.start(_created_by(order.order_id, operation_id))
        except CustomerTaken:
            if attempt == 1:
                raise
            # Someone registered this e-mail in between: read again and use theirs.
            new_customer = None
            continue
        return workflow.start(stored)


def _created_by(order_id: str, operation_id: str) -> StoredOrder:
    """The order an earlier run of this operation created (its id is derived
    from the operation, so only that run can have created it)."""
    order = store.get(order_id)
    if not order.applied(operation_id):
        raise Conflict("Order was changed by another request; reload it and retry")
    return order


# ---------------------------------------------------------------- change

def update_order(order_id: str, request: UpdateOrder, actor: Actor, operation_id: str,
                 expected_version: Optional[int] = None) -> StoredOrder:
    if request.shipping_address is not None:
        request.shipping_address.checked("shipping_address")
    added = [edit.product_id for edit in request.edits or () if edit.quantity]
    new_products = catalog.catalog_entries(list(dict.fromkeys(added))) if added else {}
    run_arn = workflow.run_arns()
    return _commit_change(order_id, expected_version, operation_id, lambda order: order.edit(
        request, new_products, actor=actor, operation_id=operation_id, run_arn=run_arn))


def cancel_order(order_id: str, reason: Optional[str], actor: Actor, operation_id: str,
                 expected_version: Optional[int] = None) -> StoredOrder:
    return _commit_change(order_id, expected_version, operation_id,
                          lambda order: order.cancel(reason, actor=actor, operation_id=operation_id))


def _commit_change(order_id: str, expected_version: Optional[int], operation_id: str,
                   decide: Callable[[StoredOrder], StoredOrder]) -> StoredOrder:
    """Loads the order, lets it decide the change, commits the change
    conditional on the version loaded. A client that sent no If-Match means
    "apply this to the order as it is": on a conflict the change is decided
    again on a fresh load (which re-checks every rule, e.g. the status
    transition). With If-Match a conflict is 412. A re-run of an operation
    whose change already landed returns the order as it is."""
    for attempt in range(MAX_ATTEMPTS):
        order = store.get(order_id)
        if order.applied(operation_id):
            return order
        _check_version(order, expected_version)
        changed = decide(order)
        if changed is order:  # nothing to change
            return order
        try:
            saved = store.save_change(order, changed)
        except StockShort as short:
            raise _insufficient_stock(short, changed.stock_moved_since(order)) from None
        except OrderChanged:
            _refuse_if_version_expected(expected_version)
            _back_off(attempt)
            continue
        # An edit of a pending order's lines began a new workflow run: start it.
        return workflow.start(saved)[0] if saved.began_run_since(order) else saved
    raise _too_busy()


def delete_order(order_id: str, expected_version: Optional[int] = None) -> None:
    """Removes the order for good (admin), giving the stock it holds back in
    the same transaction."""
    for attempt in range(MAX_ATTEMPTS):
        order = store.get(order_id)
        _check_version(order, expected_version)
        try:
            store.remove(order, order.delete())
            return
        except OrderChanged:
            _refuse_if_version_expected(expected_version)
        _back_off(attempt)
    raise _too_busy()


def _check_version(order: StoredOrder, expected_version: Optional[int]) -> None:
    if expected_version is not None and order.version != expected_version:
        raise PreconditionFailed(f"Order is at version {order.version}, not {expected_version}; reload it and retry")


def _refuse_if_version_expected(expected_version: Optional[int]) -> None:
    """A write that lost to another change of the order is tried again on a
    fresh load, unless the client asked for the version it had seen."""
    if expected_version is not None:
        raise PreconditionFailed("Order was changed by another request; reload it and retry") from None


def _back_off(attempt: int) -> None:
    """Full jitter, so racing writers spread out instead of colliding again."""
    time.sleep(random.uniform(0, min(0.25, 0.01 * 2 ** attempt)))


def _too_busy() -> Conflict:
    return Conflict("Order is being changed by many requests at once; retry shortly", retry_after=1)


def _insufficient_stock(short: StockShort, taken: Dict[str, int]) -> Conflict:
    detail = f" (needs {taken.get(short.product_id, 0)} more, {short.available} in stock)" if short.available is not None else ""
    return Conflict(f"Insufficient stock for {short.product_id}{detail}", code="insufficient_stock", param="items")


# ---------------------------------------------------------------- many at once

def apply_to_many(request: BulkAction, actor: Actor, operation_id: str) -> List[dict]:
    """Ships or cancels each order on its own: one refused (wrong status, not
    found) leaves the others applied. Each order's change is its own
    operation derived from this one, so a retry of the request (same
    Idempotency-Key) finds the changes that landed and applies only the rest."""
    seen: Dict[str, int] = {}
    for index, entry in enumerate(request.entries):
        first = seen.setdefault(entry.order_id, index)
        if first != index:  # well-formed, but which of the two did the client mean?
            raise Unprocessable(f"order_ids[{index}] repeats order_ids[{first}]", code="invalid_value",
                                param=f"order_ids[{index}]")
    results = []
    for entry in request.entries:
        order_id = entry.order_id
        order_operation = f"{operation_id}#{order_id}"
        try:
            if request.action == "ship":
                ship = UpdateOrder(status=SHIPPED, reason=request.reason,
                                   tracking_number=entry.tracking_number or request.tracking_number,
                                   carrier=entry.carrier or request.carrier)
                order = update_order(order_id, ship, actor, order_operation)
            else:
                order = cancel_order(order_id, request.reason, actor, order_operation)
            results.append({"order_id": order_id, "ok": True, "order": order})
        except DomainError as refused:
            results.append({"order_id": order_id, "ok": False, "code": refused.code, "message": refused.message})
    return results
