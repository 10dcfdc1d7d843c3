"""Exact money: Decimal end to end, two decimal places, never float."""
from decimal import ROUND_HALF_UP, Decimal
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


def average(total: Decimal, count: int) -> Decimal:
    """`total / count` to the cent, halves rounded up (0 for no count)."""
    return (total / count).quantize(CENT, rounding=ROUND_HALF_UP) if count else Decimal("0.00")
