from decimal import Decimal

import pytest

from chalicelib import money
from chalicelib.errors import ValidationError
from chalicelib.order_rules import Line, order_total


def test_totals_are_exact_where_float_is_not():
    lines = [Line("A", "a", 1, Decimal("0.10")), Line("B", "b", 1, Decimal("0.20"))]
    assert order_total(lines) == Decimal("0.30")
    assert 0.10 + 0.20 != 0.30  # what float would have got wrong


def test_seed_order_total():
    lines = [Line("PROD001", "Laptop", 2, Decimal("999.99")), Line("PROD002", "Mouse", 1, Decimal("29.99"))]
    assert money.format_amount(order_total(lines)) == "2029.97"


@pytest.mark.parametrize("raw, expected", [
    ("29.99", Decimal("29.99")), ("5", Decimal("5.00")), (Decimal("0.1"), Decimal("0.10")), (7, Decimal("7.00")),
    ("12.50", Decimal("12.50")), ("0", Decimal("0.00")), ("30", Decimal("30.00")), (Decimal("29.99"), Decimal("29.99")),
    (30, Decimal("30.00")), ("1000000.00", Decimal("1000000.00")), (Decimal("1E+2"), Decimal("100.00")),
    (Decimal("4599E-2"), Decimal("45.99")),
])
def test_parse_price_accepts_decimal_strings_and_numbers(raw, expected):
    assert money.parse_price(raw, "price") == expected


@pytest.mark.parametrize("raw, message", [
    ("1.999", "at most two decimal places"), ("-1", "between"), ("abc", "decimal string"), (True, "decimal string"),
    (None, "decimal string"), ("NaN", "finite"), ("Infinity", "finite"), ("1000000.01", "between"), ([], "decimal string"),
    # Only plain digits with at most two decimals, as written: no trailing zeros beyond two places, no spaces,
    # underscores, exponents, signs or non-ASCII digits, all of which Decimal() itself would take.
    ("45.990", "at most two decimal places"), (Decimal("45.990"), "at most two decimal places"),
    ("4_5.99", "decimal string"), (" 12.50 ", "decimal string"), ("12.50\n", "decimal string"), ("1e2", "decimal string"),
    ("+5", "decimal string"), ("\u0664\u0665", "decimal string"), (".5", "decimal string"), ("5.", "decimal string"),
    ("", "decimal string"), ("sNaN", "finite"), ("-inf", "finite"), ("12345678", "between"), ("9" * 60000, "between"),
    (Decimal("1e400"), "between"), (Decimal("1E+999999999"), "between"), (Decimal("-1e400"), "between"),
    (Decimal("1e-400"), "at most two decimal places"), (Decimal("NaN"), "finite"), (Decimal("-Infinity"), "finite"),
    (10 ** 4000, "between"), (-1, "between"),
])
def test_parse_price_rejects_with_a_named_reason(raw, message):
    with pytest.raises(ValidationError) as error:
        money.parse_price(raw, "items[0].price")
    assert "items[0].price" in error.value.message and message in error.value.message


def test_format_always_has_two_places():
    assert money.format_amount(Decimal("5")) == "5.00"
    assert money.format_amount(Decimal("1234567.1")) == "1234567.10"


def test_negative_zero_is_zero():
    assert str(money.parse_price(Decimal("-0"), "price")) == "0.00"
    assert str(money.parse_price(Decimal("-0.00"), "price")) == "0.00"


def test_huge_numbers_are_refused_without_arithmetic():
    import time

    started = time.thread_time()
    for raw in (Decimal("1E+999999999"), Decimal("1e-999999999"), Decimal("9" * 60000), "9" * 60000, "1." + "0" * 60000):
        with pytest.raises(ValidationError):
            money.parse_price(raw, "price")
    assert time.thread_time() - started < 0.25  # a generous security bound, not a performance target
