"""Exact money: Decimal end to end, two decimal places, never float."""
from decimal import Decimal, InvalidOperation
from typing import Iterable

CENT = Decimal("0.01")
MAX_UNIT_PRICE = Decimal("1000000.00")


def parse_price(value, field: str) -> Decimal:
    """A unit price from JSON: a decimal string ("29.99") or a JSON number, which
    the body parser already turned into a Decimal. At most two decimal places."""
    from .errors import ValidationError

    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise ValidationError(f"{field} must be a decimal string such as \"29.99\"")
    try:
        amount = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{field} must be a decimal string such as \"29.99\"")
    if not amount.is_finite():
        raise ValidationError(f"{field} must be a finite amount")
    if amount != amount.quantize(CENT):
        raise ValidationError(f"{field} must have at most two decimal places")
    if amount < 0 or amount > MAX_UNIT_PRICE:
        raise ValidationError(f"{field} must be between 0.00 and {MAX_UNIT_PRICE}")
    return amount.quantize(CENT)


def line_total(unit_price: Decimal, quantity: int) -> Decimal:
    return (unit_price * quantity).quantize(CENT)


def sum_amounts(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, Decimal("0")).quantize(CENT)


def format_amount(amount: Decimal) -> str:
    """Serialise as a string with exactly two places: "2029.97"."""
    return str(Decimal(amount).quantize(CENT))
