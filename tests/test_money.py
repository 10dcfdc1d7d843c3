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
    (" 12.50 ", Decimal("12.50")), ("0", Decimal("0.00")),
])
def test_parse_price_accepts_decimal_strings_and_numbers(raw, expected):
    assert money.parse_price(raw, "price") == expected


@pytest.mark.parametrize("raw, message", [
    ("1.999", "at most two decimal places"), ("-1", "between"), ("abc", "decimal string"), (True, "decimal string"),
    (None, "decimal string"), ("NaN", "finite"), ("Infinity", "finite"), ("1000000.01", "between"), ([], "decimal string"),
])
def test_parse_price_rejects_with_a_named_reason(raw, message):
    with pytest.raises(ValidationError) as error:
        money.parse_price(raw, "items[0].price")
    assert "items[0].price" in error.value.message and message in error.value.message


def test_format_always_has_two_places():
    assert money.format_amount(Decimal("5")) == "5.00"
    assert money.format_amount(Decimal("1234567.1")) == "1234567.10"
