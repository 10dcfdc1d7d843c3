"""Exact money: totals in Decimal, prices only as decimal strings with at most
two places, refused cheaply whatever their size."""
import time
from decimal import Decimal

import pytest

from chalicelib.contract.values import Money
from chalicelib.core.errors import ValidationError
from chalicelib.model import money
from chalicelib.model.order_rules import Line, order_total

PRICE = Money()


def test_totals_are_exact_decimals():
    lines = [Line("A", "a", 1, Decimal("0.10")), Line("B", "b", 1, Decimal("0.20"))]
    assert order_total(lines) == Decimal("0.30") and str(order_total(lines)) == "0.30"


def test_seed_order_total():
    lines = [Line("PROD001", "Laptop", 2, Decimal("999.99")), Line("PROD002", "Mouse", 1, Decimal("29.99"))]
    assert money.format_amount(order_total(lines)) == "2029.97"


@pytest.mark.parametrize("raw, expected", [
    ("29.99", "29.99"), ("5", "5.00"), ("12.50", "12.50"), ("0", "0.00"), ("30", "30.00"), ("1000000.00", "1000000.00"),
    ("1000000", "1000000.00"), ("0.1", "0.10"), ("007", "7.00"),
])
def test_prices_are_decimal_strings(raw, expected):
    assert str(PRICE.check(raw, "price")) == expected


@pytest.mark.parametrize("raw, message", [
    ("1.999", "at most two decimal places"), ("45.990", "at most two decimal places"), ("-1", "between"),
    ("1000000.01", "between"), ("12345678", "between"), ("9" * 60000, "between"),
    # Only plain digits with at most two decimals: no spaces, underscores, exponents, signs, non-ASCII
    # digits or special values, all of which Decimal() itself would take.
    ("abc", "decimal string"), ("NaN", "decimal string"), ("Infinity", "decimal string"), ("4_5.99", "decimal string"),
    (" 12.50 ", "decimal string"), ("12.50\n", "decimal string"), ("1e2", "decimal string"), ("+5", "decimal string"),
    ("\u0664\u0665", "decimal string"), (".5", "decimal string"), ("5.", "decimal string"), ("", "decimal string"),
    # JSON numbers pass through binary floating point in most clients: refused.
    (29.99, "decimal string"), (Decimal("29.99"), "decimal string"), (30, "decimal string"), (True, "decimal string"),
    (None, "decimal string"), ([], "decimal string"),
])
def test_bad_prices_are_refused_with_a_named_reason(raw, message):
    with pytest.raises(ValidationError) as error:
        PRICE.check(raw, "items[0].price")
    assert error.value.message.startswith("items[0].price must") and message in error.value.message
    assert (error.value.code, error.value.param) == ("invalid_value", "items[0].price")


def test_format_always_has_two_places():
    assert money.format_amount(Decimal("5")) == "5.00"
    assert money.format_amount(Decimal("1234567.1")) == "1234567.10"


def test_huge_prices_are_refused_without_arithmetic():
    started = time.thread_time()
    for raw in ("9" * 60000, "1." + "0" * 60000, "1" + "0" * 60000 + ".5"):
        with pytest.raises(ValidationError):
            PRICE.check(raw, "price")
    assert time.thread_time() - started < 0.25  # a generous security bound, not a performance target
