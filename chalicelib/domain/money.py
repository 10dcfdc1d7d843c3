"""Exact money: Decimal end to end, two decimal places, never float."""
from decimal import Decimal
from typing import Iterable

CENT = Decimal("0.01")
MAX_UNIT_PRICE = Decimal("1000000.00")


def line_total(unit_price: Decimal, quantity: int) -> Decimal:
    return (unit_price * quantity).quantize(CENT)


def sum_amounts(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, Decimal("0")).quantize(CENT)


def format_amount(amount: Decimal) -> str:
    """Serialise as a string with exactly two places: "2029.97"."""
    return str(Decimal(amount).quantize(CENT))
