"""Exact money: Decimal end to end, two decimal places, never float."""
import re
from decimal import Decimal
from typing import Iterable

CENT = Decimal("0.01")
MAX_UNIT_PRICE = Decimal("1000000.00")


# A price as a string: plain digits, at most two decimals, nothing else (no
# sign, spaces, exponent, underscores or non-ASCII digits, all of which
# Decimal() would take). Values above MAX_UNIT_PRICE fail the range check.
PRICE_TEXT = re.compile(r"[0-9]{1,7}(?:\.[0-9]{1,2})?")
# Only to say what is wrong with a string that is not PRICE_TEXT.
_NUMBER_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_NON_FINITE_TEXT = re.compile(r"[+-]?(?:s?nan[0-9]*|inf|infinity)", re.IGNORECASE)


def parse_price(value, field: str) -> Decimal:
    """A unit price from JSON, 0.00-1,000,000.00 with at most two decimal places:
    a decimal string matching PRICE_TEXT ("29.99", "30") or a JSON number, which
    the body parser turned into an int or an exact Decimal that keeps its written
    decimals (45.990 has three). Checked by pattern and comparison before any
    arithmetic, so 1e400 or 64 KiB of digits is a quick error."""
    from .errors import ValidationError

    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise ValidationError(f"{field} must be a decimal string such as \"29.99\"")
    if isinstance(value, str):
        if not PRICE_TEXT.fullmatch(value):
            if _NON_FINITE_TEXT.fullmatch(value):
                raise ValidationError(f"{field} must be a finite amount")
            if _NUMBER_TEXT.fullmatch(value):
                if len(value.partition(".")[2]) > 2:
                    raise ValidationError(f"{field} must have at most two decimal places")
                raise ValidationError(f"{field} must be between 0.00 and {MAX_UNIT_PRICE}")
            raise ValidationError(f"{field} must be a decimal string such as \"29.99\"")
        amount = Decimal(value)
    else:
        amount = value if isinstance(value, Decimal) else Decimal(value)
        if not amount.is_finite():
            raise ValidationError(f"{field} must be a finite amount")
        if amount.as_tuple().exponent < -2:
            raise ValidationError(f"{field} must have at most two decimal places")
    if amount < 0 or amount > MAX_UNIT_PRICE:
        raise ValidationError(f"{field} must be between 0.00 and {MAX_UNIT_PRICE}")
    return amount.quantize(CENT).copy_abs()  # copy_abs: -0 is 0.00, not "-0.00"


def line_total(unit_price: Decimal, quantity: int) -> Decimal:
    return (unit_price * quantity).quantize(CENT)


def sum_amounts(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, Decimal("0")).quantize(CENT)


def format_amount(amount: Decimal) -> str:
    """Serialise as a string with exactly two places: "2029.97"."""
    return str(Decimal(amount).quantize(CENT))
