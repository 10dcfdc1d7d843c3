"""The order: one object that decides every change of an order's life (its
status, its lines, the stock it holds, its workflow runs) and records each
in its history. Pure: a change returns the changed order and stores nothing.
The data layer (`chalicelib.data.order_store`) maps it to and from its
DynamoDB item and writes what a change moved."""
import hashlib
import uuid
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from ..core.clock import now_iso
from ..core.errors import Conflict, Unprocessable
from . import money
from .actor import Actor
from .address import Address
from .commands import UpdateOrder
from .order_rules import (
    ADDRESS_FIXED_STATUSES,
    ALLOWED_TRANSITIONS,
    CANCELLED,
    EDITABLE_STATUSES,
    FAILED,
    MAX_HISTORY_EVENTS,
    MAX_LINES,
    PENDING,
    PROCESSING,
    SHIPPED,
    STOCK_HOLDING_STATUSES,
    UNDELETABLE_STATUSES,
    CatalogEntry,
    Line,
    LineEdit,
    money_edit_needing_reason,
    order_total,
)

# Names the execution ARN of an order's run attempt: (order id, attempt) -> ARN.
RunArn = Callable[[str, int], str]


@dataclass(frozen=True)
class LineChange:
    """One field changed by an edit: a line's quantity or price, or (with
    no product) the shipping address, shown on one line."""
    product_id: Optional[str]
    field: str  # quantity | price | shipping_address
    old: Optional[str]
    new: Optional[str]


@dataclass(frozen=True)
class Failure:
    """Why the workflow failed the order, as Step Functions reported it (the
    state machine writes it). For a cancelled reservation `cause` lists one
    reason per transaction item and `product_ids` names the product of each
    position ("" for the others)."""
    error: str
    cause: Optional[str] = None
    product_ids: Optional[Tuple[str, ...]] = None


@dataclass(frozen=True)
class HistoryEvent:
    at: str
    action: str  # created | status | edited | workflow
    actor: Actor
    from_status: Optional[str] = None
    to_status: Optional[str] = None
    reason: Optional[str] = None
    # The request (or Idempotency-Key operation) that made this change: how a
    # re-run of that request recognises work that already landed.
    operation_id: Optional[str] = None
    changes: Tuple[LineChange, ...] = ()
    failure: Optional[Failure] = None
    tracking_number: Optional[str] = None
    carrier: Optional[str] = None


def order_id_for(operation_id: str) -> str:
    """The id of the order an operation creates: a UUID (version 4 layout)
    from the operation's hash, as unpredictable as the operation id itself."""
    digest = bytearray(hashlib.sha256(f"order:{operation_id}".encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x40
    digest[8] = (digest[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(digest)))


@dataclass(frozen=True)
class Order:
    order_id: str
    order_number: Optional[str]  # orders created before numbers existed have none
    customer_id: str
    customer_name: str
    customer_email: Optional[str]
    lines: Tuple[Line, ...]
    currency: str
    status: str
    created_at: str
    updated_at: str
    history: Tuple[HistoryEvent, ...]
    status_reason: Optional[str] = None
    failure: Optional[Failure] = None
    tracking_number: Optional[str] = None
    carrier: Optional[str] = None
    stock_reserved: bool = False
    execution_arn: Optional[str] = None
    workflow_attempt: int = 0
    shipping_address: Optional[Address] = None
    version: Optional[int] = None  # the stored version it was read at; None before it is stored

    # ------------------------------------------------------------ figures

    @property
    def line_count(self) -> int:
        return len(self.lines)

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def total_amount(self) -> Decimal:
        return order_total(self.lines)

    def held(self) -> Dict[str, int]:
        """The stock the order holds: in a stock-holding status, exactly its
        line quantities (`stock_reserved` says whether)."""
        return {line.product_id: line.quantity for line in self.lines} if self.stock_reserved else {}

    def stock_moved_since(self, before: "Order") -> Dict[str, int]:
        """Units this change takes from stock (positive) or gives back
        (negative) per product: one rule for every change."""
        return stock_deltas(before.held(), self.held())

    def applied(self, operation_id: str) -> bool:
        """Did this operation already change the order (an earlier run of it landed)?"""
        return any(event.operation_id == operation_id for event in self.history)

    # ------------------------------------------------------------ life

    @classmethod
    def place(cls, *, order_id: str, order_number: str, customer_id: str, customer_name: str,
              customer_email: Optional[str], lines: Sequence[Line], currency: str, actor: Actor,
              operation_id: Optional[str] = None, run_arn: Optional[RunArn] = None,
              shipping_address: Optional[Address] = None) -> "Order":
        """A new pending order, with its first workflow run when there is a
        workflow (`run_arn`)."""
        created_at = now_iso()
        order = cls(order_id=order_id, order_number=order_number, customer_id=customer_id, customer_name=customer_name,
                    customer_email=customer_email, lines=tuple(lines), currency=currency, status=PENDING,
                    shipping_address=shipping_address,
                    created_at=created_at, updated_at=created_at,
                    history=(HistoryEvent(created_at, "created", actor, to_status=PENDING, operation_id=operation_id),))
        return replace(order, **order._next_run(run_arn)) if run_arn else order

    def edit(self, change: UpdateOrder, new_products: Mapping[str, CatalogEntry], *, actor: Actor, operation_id: str,
             run_arn: Optional[RunArn] = None) -> "Order":
        """Lines and/or status as `change` asks (`new_products` prices the
        products it adds). Returns the order itself when the change restates
        what it holds. An edit of a pending order's lines begins a new
        workflow run (`run_arn`): the reservation of the last one is bound to
        the version it was started for, so it stands down."""
        lines, changes = None, ()
        line_edits = change.edits
        if change.single_line is not None:
            if len(self.lines) != 1:
                raise Unprocessable(f"This order has {len(self.lines)} lines; change them with items",
                                    code="ambiguous_line", param="quantity")
            line_edits = [LineEdit(self.lines[0].product_id, change.single_line.quantity, change.single_line.price)]
        if line_edits:
            check_editable(self.status)
            edited, made = apply_line_edits(self.lines, line_edits, new_products)
            if made:
                lines, changes = tuple(edited), tuple(made)
                self._check_money_reason(lines, changes, change.reason)
        address = self._readdressed(change.shipping_address)
        if address is not None:
            changes += (LineChange(None, "shipping_address", _one_line(self.shipping_address), address.one_line()),)
        status = change.status
        if status == self.status:
            self._check_restated(change)
            status = None  # the status it already has: a retry of a change that landed, or an edit restating it
        elif status is not None:
            check_transition(self.status, status)
        if lines is None and status is None and address is None:
            return self
        tracking = {"tracking_number": change.tracking_number, "carrier": change.carrier} if status == SHIPPED else {}
        event = HistoryEvent(now_iso(), "status" if status else "edited", actor, from_status=self.status if status else None,
                             to_status=status, reason=change.reason, operation_id=operation_id, changes=changes, **tracking)
        fields = dict(tracking)
        if address is not None:
            fields["shipping_address"] = address
        if lines is not None:
            fields["lines"] = lines
            if (status or self.status) == PENDING and run_arn is not None:
                fields.update(self._next_run(run_arn))
        return self._requested(event, status=status, reason=change.reason, **fields)

    def cancel(self, reason: Optional[str], *, actor: Actor, operation_id: str) -> "Order":
        if self.status == CANCELLED:
            return self  # a retry of a cancel that landed: nothing more to do
        if self.status in UNDELETABLE_STATUSES:
            raise Conflict(f"Cannot cancel a {self.status} order", code="invalid_transition")
        check_transition(self.status, CANCELLED)
        event = HistoryEvent(now_iso(), "status", actor, from_status=self.status, to_status=CANCELLED, reason=reason,
                             operation_id=operation_id)
        return self._requested(event, status=CANCELLED, reason=reason)

    def delete(self) -> Dict[str, int]:
        """Deleting the order gives the stock it holds back (the deltas).
        Shipped goods are gone, so a shipped or delivered order is part of
        the stock ledger and is never deleted."""
        if self.status in UNDELETABLE_STATUSES:
            raise Conflict(f"Cannot delete a {self.status} order; it is part of the stock ledger", code="invalid_transition")
        return {product_id: -units for product_id, units in self.held().items()}

    def reserve(self, actor: Actor) -> "Order":
        """The workflow's move pending -> processing: from then on the order
        holds its lines' stock."""
        event = HistoryEvent(now_iso(), "workflow", actor, from_status=PENDING, to_status=PROCESSING)
        return self._changed(event, status=PROCESSING)

    def run_again(self, *, actor: Actor, operation_id: str, run_arn: RunArn) -> "Order":
        """A new workflow run: a failed order goes back to pending (its
        failure cleared), a pending one starts another run."""
        if self.status == FAILED:
            event = HistoryEvent(now_iso(), "workflow", actor, from_status=FAILED, to_status=PENDING,
                                 reason="Workflow re-run", operation_id=operation_id)
            return self._changed(event, status=PENDING, failure=None, **self._next_run(run_arn))
        if self.status == PENDING:
            event = HistoryEvent(now_iso(), "workflow", actor, reason="Workflow started", operation_id=operation_id)
            return self._changed(event, **self._next_run(run_arn))
        raise Conflict(f"The workflow only runs for pending or failed orders; this order is {self.status}",
                       code="invalid_transition")

    def _readdressed(self, address: Optional[Address]) -> Optional[Address]:
        """The new shipping address, None when none is asked or it is the
        one held; it can change until the order is shipped."""
        if address is None or address == self.shipping_address:
            return None
        if self.status in ADDRESS_FIXED_STATUSES:
            raise Conflict(f"The shipping address of a {self.status} order cannot be changed", code="not_editable",
                           param="shipping_address")
        return address

    def _check_money_reason(self, lines: Sequence[Line], changes: Sequence[LineChange], reason: Optional[str]) -> None:
        """A money edit an operator could make by mistake (a price typed
        wrong, a line cut to nothing) is made only with its reason."""
        why = money_edit_needing_reason(self.total_amount, order_total(lines),
                                        any(made.field == "price" for made in changes))
        if why and not reason:
            raise Unprocessable(f"Give a reason for this change: {why}", code="reason_required", param="reason")

    def _check_restated(self, change: UpdateOrder) -> None:
        """Restating the status is the same change only with the same tracking:
        another tracking number for a shipped order is a different change."""
        for name in ("tracking_number", "carrier"):
            asked, held = getattr(change, name), getattr(self, name)
            if asked is not None and asked != held:
                raise Conflict(f"The order is already {self.status} with {name} {held or 'none'}; "
                               f"it cannot change to {asked}", code="invalid_transition", param=name)

    def began_run_since(self, before: "Order") -> bool:
        return self.workflow_attempt != before.workflow_attempt

    # ------------------------------------------------------------ how a change is made

    def _next_run(self, run_arn: RunArn) -> dict:
        attempt = self.workflow_attempt + 1
        return {"workflow_attempt": attempt, "execution_arn": run_arn(self.order_id, attempt)}

    def _requested(self, event: HistoryEvent, **change) -> "Order":
        """A change a request asks for: refused once the history is full (the
        workflow's own changes are not)."""
        if len(self.history) >= MAX_HISTORY_EVENTS:
            raise Conflict(f"Order has reached the limit of {MAX_HISTORY_EVENTS} changes", code="history_full")
        return self._changed(event, **change)

    def _changed(self, event: HistoryEvent, *, status: Optional[str] = None, reason: Optional[str] = None,
                 **fields) -> "Order":
        """A copy with the change applied, at the version this one was read
        at: storing it is conditional on that version."""
        if status is not None and status != self.status:
            fields.update(status=status, status_reason=reason, stock_reserved=status in STOCK_HOLDING_STATUSES)
        return replace(self, updated_at=event.at, history=self.history + (event,), **fields)


# ---------------------------------------------------------------- the rules it applies

def check_transition(current: str, target: str) -> None:
    if target not in ALLOWED_TRANSITIONS[current]:
        raise Conflict(f"Cannot change status from {current} to {target}", code="invalid_transition", param="status")


def check_editable(status: str) -> None:
    if status not in EDITABLE_STATUSES:
        raise Conflict(f"Items of a {status} order cannot be changed; only pending, processing or failed orders can be edited",
                       code="not_editable", param="items")


def apply_line_edits(lines: Sequence[Line], edits: Sequence[LineEdit],
                     catalog: Mapping[str, CatalogEntry]) -> Tuple[List[Line], List[LineChange]]:
    """Apply edits, in order, to a copy of `lines`; returns the new lines and
    the changes made. An edit naming a product not in the order adds it
    (priced from `catalog` unless a price is given); quantity 0 removes a
    line. `catalog` must hold every added product."""
    by_product = {line.product_id: Line(line.product_id, line.product_name, line.quantity, line.price) for line in lines}
    order = [line.product_id for line in lines]
    changes: List[LineChange] = []
    for edit in edits:
        line = by_product.get(edit.product_id)
        if line is None:
            if not edit.quantity:
                raise Unprocessable(f"quantity is required to add {edit.product_id} to the order",
                                    code="line_not_found", param="items")
            entry = catalog[edit.product_id]
            price = edit.price if edit.price is not None else entry.price
            by_product[edit.product_id] = Line(edit.product_id, entry.product_name, edit.quantity, price)
            order.append(edit.product_id)
            changes.append(_change(edit.product_id, "quantity", None, edit.quantity))
            if edit.price is not None:
                changes.append(_change(edit.product_id, "price", None, money.format_amount(price)))
            continue
        if edit.quantity is not None and edit.quantity != line.quantity:
            changes.append(_change(edit.product_id, "quantity", line.quantity, edit.quantity))
            line.quantity = edit.quantity
        if edit.price is not None and edit.price != line.price:
            changes.append(_change(edit.product_id, "price", money.format_amount(line.price), money.format_amount(edit.price)))
            line.price = edit.price
    new_lines = [by_product[pid] for pid in order if by_product[pid].quantity > 0]
    if not new_lines:
        raise Unprocessable("An order must keep at least one line; cancel the order instead", code="empty_order", param="items")
    if len(new_lines) > MAX_LINES:
        raise Unprocessable(f"An order can have at most {MAX_LINES} distinct products", code="too_many_products", param="items")
    return new_lines, changes


def _one_line(address: Optional[Address]) -> Optional[str]:
    return None if address is None else address.one_line()


def _change(product_id: str, field: str, old, new) -> LineChange:
    return LineChange(product_id, field, None if old is None else str(old), None if new is None else str(new))


def stock_deltas(held_before: Dict[str, int], held_after: Dict[str, int]) -> Dict[str, int]:
    """Stock to take (positive) or give back (negative) per product."""
    products = list(dict.fromkeys(list(held_before) + list(held_after)))
    deltas = {pid: held_after.get(pid, 0) - held_before.get(pid, 0) for pid in products}
    return {pid: delta for pid, delta in sorted(deltas.items()) if delta}
