"""Order use cases: what the API can do to orders, and the rules it keeps.
Each reads what it needs, decides with the rules (`order_rules`), builds the
new state (`order_state`) and hands one transaction to the data layer."""
import random
import time
from typing import Callable, List, Optional, Tuple

from ..core.errors import Conflict, DomainError, PreconditionFailed, Unprocessable
from ..core.settings import get_settings
from ..data import order_numbers
from ..data import order_store as store
from ..data.models import Order
from ..data.transactions import TransactionFailed, commit
from . import catalog, order_state, workflow
from .commands import BulkAction, CreateOrder, UpdateOrder
from .order_rules import (
    CANCELLED,
    MAX_HISTORY_EVENTS,
    PENDING,
    SHIPPED,
    UNDELETABLE_STATUSES,
    Line,
    LineEdit,
    apply_line_edits,
    check_editable,
    check_transition,
    merge_requested_quantities,
)

# A change without If-Match is rebuilt on a fresh read after a conflict; with
# jittered backoff this many attempts outlast dozens of racing writers.
MAX_ATTEMPTS = 30


# ---------------------------------------------------------------- create

def create_order(request: CreateOrder, actor: str, operation_id: str) -> Tuple[Order, dict]:
    """Creates the order whose id is derived from `operation_id`, so a re-run
    of the same operation (an Idempotency-Key retry after an unknown outcome)
    finds the order it created instead of creating a second one."""
    quantities = merge_requested_quantities(request.items)
    customer_operations = []
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
        else:
            name, email = request.customer_name, request.customer_email
            customer_id = email_owner or catalog.customer_id_for_email(email)
            if email_owner is None:
                customer_operations = catalog.store.customer_creation_operations(catalog.new_customer(customer_id, name, email))
        lines = [Line(pid, products[pid].product_name, quantity, products[pid].price) for pid, quantity in quantities.items()]
        order = order_state.new_order(order_id=order_state.order_id_for(operation_id),
                                      order_number=order_numbers.next_order_number(), customer_id=customer_id,
                                      customer_name=name, customer_email=email, lines=lines,
                                      currency=get_settings().currency, actor=actor, operation_id=operation_id)
        order = workflow.prepare_first_run(order)
        try:
            commit(store.creation_operations(order) + customer_operations)
            break
        except TransactionFailed as failure:
            if failure.first("ConditionalCheckFailed", "order"):
                return workflow.start(_created_by(order.order_id, operation_id))
            # Someone registered this e-mail in between: read again and use theirs.
            if attempt == 0 and (failure.first("ConditionalCheckFailed", "customer")
                                 or failure.first("ConditionalCheckFailed", "customer_email")):
                customer_operations = []
                continue
            raise
    return workflow.start(order)


def _created_by(order_id: str, operation_id: str) -> Order:
    """The order an earlier run of this operation created (its id is derived
    from the operation, so only that run can have created it)."""
    order = store.get(order_id)
    if not order_state.applied(order, operation_id):
        raise Conflict("Order was changed by another request; reload it and retry")
    return order


# ---------------------------------------------------------------- change

def _commit_change(order_id: str, expected_version: Optional[int], build: Callable[[Order], Order],
                   operation_id: str) -> Order:
    """Reads the order, builds the change, commits it conditional on the
    version read. A client that sent no If-Match means "apply this to the
    order as it is": on a conflict the change is rebuilt on a fresh read
    (which re-checks every rule, e.g. the status transition). With If-Match
    a conflict is 412. A re-run of an operation whose change already landed
    returns the order as it is."""
    for attempt in range(MAX_ATTEMPTS):
        before = store.get(order_id)
        if order_state.applied(before, operation_id):
            return before
        if expected_version is not None and int(before.version) != expected_version:
            raise PreconditionFailed(f"Order is at version {before.version}, not {expected_version}; reload it and retry")
        after = build(before)
        if after is before:  # nothing to change
            return before
        if len(after.history) > MAX_HISTORY_EVENTS:
            raise Conflict(f"Order has reached the limit of {MAX_HISTORY_EVENTS} changes", code="history_full")
        try:
            commit(store.change_operations(before, after, order_state.stock_moved(before, after)))
            return after
        except TransactionFailed as failure:
            short = failure.first("ConditionalCheckFailed", "stock")
            if short:
                raise _insufficient_stock(short, before, after) from None
            changed_meanwhile = failure.first("ConditionalCheckFailed", "order") or failure.first("TransactionConflict")
            if not changed_meanwhile:
                raise
            if expected_version is not None:
                raise PreconditionFailed("Order was changed by another request; reload it and retry") from None
        _back_off(attempt)
    raise Conflict("Order is being changed by many requests at once; retry shortly", retry_after=1)


def _back_off(attempt: int) -> None:
    """Full jitter, so racing writers spread out instead of colliding again."""
    time.sleep(random.uniform(0, min(0.25, 0.01 * 2 ** attempt)))


def _insufficient_stock(failure, before: Order, after: Order) -> Conflict:
    product_id = failure.label[1]
    wanted = order_state.stock_moved(before, after).get(product_id, 0)
    available = int(failure.old_item.stock_quantity) if failure.old_item is not None else None
    detail = f" (needs {wanted} more, {available} in stock)" if available is not None else ""
    return Conflict(f"Insufficient stock for {product_id}{detail}", code="insufficient_stock", param="items")


def update_order(order_id: str, request: UpdateOrder, actor: str, operation_id: str,
                 expected_version: Optional[int] = None) -> Order:
    added = [edit.product_id for edit in request.edits or () if edit.quantity]
    new_products = catalog.catalog_entries(list(dict.fromkeys(added))) if added else {}
    restarts = []  # an edit of a pending order re-runs the workflow on the new lines

    def build(before: Order) -> Order:
        lines, changes = None, None
        line_edits = request.edits
        if request.single_line is not None:
            if len(before.lines) != 1:
                raise Unprocessable(f"This order has {len(before.lines)} lines; change them with items",
                                    code="ambiguous_line", param="quantity")
            line_edits = [LineEdit(before.lines[0].product_id, request.single_line.quantity, request.single_line.price)]
        if line_edits:
            check_editable(before.status)
            lines, changes = apply_line_edits(order_state.lines_of(before), line_edits, new_products)
            if not changes:
                lines, changes = None, None
        status = request.status
        if status == before.status and lines is not None:
            status = None  # an edit that restates the current status
        elif status is not None:
            check_transition(before.status, status)
        if lines is None and status is None:
            return before  # the edits restate what the order already holds
        tracking = {"tracking_number": request.tracking_number, "carrier": request.carrier} if status == SHIPPED else {}
        event = order_state.history_event("status" if status else "edited", actor, from_status=before.status if status else None,
                                          to_status=status, reason=request.reason, changes=changes, operation_id=operation_id,
                                          **tracking)
        # The workflow's reservation is bound to the version it was started
        # for; an edit of a pending order makes it stand down, so start anew.
        restart = lines is not None and (status or before.status) == PENDING and workflow.enabled()
        restarts[:] = [restart]
        return order_state.revise(before, event=event, status=status, lines=lines, reason=request.reason, **tracking,
                                  **(workflow.next_attempt(before) if restart else {}))

    after = _commit_change(order_id, expected_version, build, operation_id)
    if restarts and restarts[0]:
        after, _ = workflow.start(after)
    return after


def cancel_order(order_id: str, reason: Optional[str], actor: str, operation_id: str,
                 expected_version: Optional[int] = None) -> Order:
    def build(before: Order) -> Order:
        if before.status in UNDELETABLE_STATUSES:
            raise Conflict(f"Cannot cancel a {before.status} order", code="invalid_transition")
        check_transition(before.status, CANCELLED)
        event = order_state.history_event("status", actor, from_status=before.status, to_status=CANCELLED, reason=reason,
                                          operation_id=operation_id)
        return order_state.revise(before, event=event, status=CANCELLED, reason=reason)

    return _commit_change(order_id, expected_version, build, operation_id)


def delete_order(order_id: str, expected_version: Optional[int] = None) -> None:
    """Removes the order for good (admin). Stock it holds goes back to the
    catalog in the same transaction; shipped goods are gone, so shipped and
    delivered orders cannot be deleted."""
    for attempt in range(MAX_ATTEMPTS):
        order = store.get(order_id)
        if expected_version is not None and int(order.version) != expected_version:
            raise PreconditionFailed(f"Order is at version {order.version}, not {expected_version}; reload it and retry")
        if order.status in UNDELETABLE_STATUSES:
            raise Conflict(f"Cannot delete a {order.status} order; it is part of the stock ledger", code="invalid_transition")
        try:
            commit(store.deletion_operations(order, {pid: -held for pid, held in order_state.held(order).items()}))
            return
        except TransactionFailed as failure:
            if not (failure.first("ConditionalCheckFailed", "order") or failure.first("TransactionConflict")):
                raise
            if expected_version is not None:
                raise PreconditionFailed("Order was changed by another request; reload it and retry") from None
        _back_off(attempt)
    raise Conflict("Order is being changed by many requests at once; retry shortly", retry_after=1)


# ---------------------------------------------------------------- many at once

def apply_to_many(request: BulkAction, actor: str, operation_id: str) -> List[dict]:
    """Ships or cancels each order on its own: one refused (wrong status, not
    found) leaves the others applied. Each order's change is its own
    operation derived from this one, so a retry of the request (same
    Idempotency-Key) finds the changes that landed and applies only the rest."""
    results = []
    for order_id in dict.fromkeys(request.order_ids):
        order_operation = f"{operation_id}#{order_id}"
        try:
            if request.action == "ship":
                order = update_order(order_id, UpdateOrder(status=SHIPPED, reason=request.reason,
                                                           tracking_number=request.tracking_number, carrier=request.carrier),
                                     actor, order_operation)
            else:
                order = cancel_order(order_id, request.reason, actor, order_operation)
            results.append({"order_id": order_id, "ok": True, "order": order})
        except DomainError as refused:
            results.append({"order_id": order_id, "ok": False, "code": refused.code, "message": refused.message})
    return results
