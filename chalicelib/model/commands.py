"""What a validated request asks the domain to do: typed, already checked
against the contract (`chalicelib.contract.schemas` builds them), never
plain dicts."""
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Dict, List, Optional

from .address import Address
from .order_rules import LineEdit


class _Unset:
    """A field the request left out (distinct from null, which clears it)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()


@dataclass(frozen=True)
class OrderItem:
    product_id: str
    quantity: int


@dataclass(frozen=True)
class CreateOrder:
    items: List[OrderItem]
    customer_id: Optional[str] = None
    customer_name: Optional[str] = None
    customer_email: Optional[str] = None
    # The bookshop shape may name the price it expects; it must match the catalog.
    expected_prices: Dict[str, Decimal] = field(default_factory=dict)
    shipping_address: Optional[Address] = None  # by default the customer's default address


@dataclass(frozen=True)
class UpdateOrder:
    status: Optional[str] = None
    reason: Optional[str] = None
    edits: Optional[List[LineEdit]] = None
    # The bookshop shape: quantity and/or price of a one-line order.
    single_line: Optional[LineEdit] = None
    # Only when marking the order shipped: stored on the order and in its history.
    tracking_number: Optional[str] = None
    carrier: Optional[str] = None
    shipping_address: Optional[Address] = None


@dataclass(frozen=True)
class BulkEntry:
    """One order of a bulk action, with its own tracking when shipping."""
    order_id: str
    tracking_number: Optional[str] = None
    carrier: Optional[str] = None


@dataclass(frozen=True)
class BulkAction:
    """The same change for many orders, each applied (or refused) on its own.
    An entry's own tracking number and carrier come before the shared ones."""
    action: str  # ship | cancel
    entries: List[BulkEntry]
    reason: Optional[str] = None
    tracking_number: Optional[str] = None
    carrier: Optional[str] = None


@dataclass(frozen=True)
class ListOrders:
    page: int = 1
    limit: int = 10
    next_token: Optional[str] = None
    status: Optional[str] = None
    customer_id: Optional[str] = None
    q: Optional[str] = None
    created_from: Optional[str] = None  # YYYY-MM-DD, inclusive (UTC)
    created_to: Optional[str] = None


@dataclass(frozen=True)
class CreateProduct:
    product_id: str
    product_name: str
    price: Decimal
    stock_quantity: int = 0
    category: str = "general"
    description: Optional[str] = None


@dataclass(frozen=True)
class ChangeProduct:
    product_name: Optional[str] = None
    price: Optional[Decimal] = None
    category: Optional[str] = None
    description: object = UNSET  # None removes it
    stock_quantity: Optional[int] = None
    add_stock: Optional[int] = None
    reason: Optional[str] = None  # why the stock moves: kept in its stock movements


@dataclass(frozen=True)
class CreateCustomer:
    customer_name: str
    email: str
    customer_id: Optional[str] = None
    phone: Optional[str] = None
    address: Optional[str] = None  # free text
    default_address: Optional[Address] = None


@dataclass(frozen=True)
class ChangeCustomer:
    """Only what the request names changes; null clears phone, address or default_address."""
    customer_name: Optional[str] = None
    email: Optional[str] = None
    phone: object = UNSET
    address: object = UNSET
    default_address: object = UNSET  # an Address, or None to remove it
