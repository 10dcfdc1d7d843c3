"""Hostile request bodies are cheap to refuse and always a 4xx with a message:
huge exponents, deep nesting, out-of-range prices, control and bidi
characters, loose price strings, duplicate fields, non-finite numbers.

Bodies are written as raw JSON text, since the point is often a literal that
Python's json.dumps would never produce (1e999999999, a duplicate key)."""
import gc
import json
import time
import unicodedata

import pytest

from chalicelib.contract import json_body
from chalicelib.contract.spec import Integer

pytestmark = pytest.mark.usefixtures("without_workflow")

# A security bound, not a performance target: before the fix one such body took
# 35 s of CPU or never finished. Generous so a slow or busy machine still passes;
# a request that does real work (a write to moto) stays well below it too.
CPU_SECONDS_PER_REQUEST = 0.25
MAX_BODY = 64 * 1024
ITEM = '{"product_id": "PROD001", "quantity": 1}'
ORDER_LINE = '{"customer_id": "CUST001", "items": [{"product_id": "PROD001", "quantity": %s}]}'


class CollectorTime:
    """CPU seconds this thread spends in the cyclic garbage collector. A full
    collection scans every object in the process (about 300,000 here: moto,
    botocore, hypothesis), takes about 0.3 s, and may start in any request that
    allocates a few thousand objects, an ordinary order as much as a hostile
    body. Its length is the test process's heap, not the request's work, so
    send() leaves it out; what the body can make the request allocate is
    bounded by its size all the same."""

    def __init__(self):
        self.seconds = 0.0
        self._started = None

    def __call__(self, phase, info):
        if phase == "start":
            self._started = time.thread_time()
        elif self._started is not None:
            self.seconds += time.thread_time() - self._started
            self._started = None


@pytest.fixture
def order_id(api):
    response = api.post("/orders", {"customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 1}]})
    assert response.status_code == 201, response.body
    return response.data["order_id"]


def send(api, method, path, raw):
    """The Chalice test client runs the app in the calling thread, so this
    thread's CPU time is the request's (less garbage collection, see above)."""
    collector = CollectorTime()
    gc.callbacks.append(collector)
    try:
        started = time.thread_time()
        response = api.call(method, path, raw=raw)
        response.cpu_seconds = time.thread_time() - started - collector.seconds
    finally:
        gc.callbacks.remove(collector)
    return response


def assert_quick_4xx(response, message=None, context=None):
    assert 400 <= response.status_code < 500, (context, response.status_code, response.body[:300])
    body = json.loads(response.body)
    assert isinstance(body.get("message"), str) and body["message"], (context, body)
    if message is not None:
        matches = body["message"] == message if isinstance(message, str) else message(body["message"])
        assert matches, (context, body["message"][:300])
    assert response.cpu_seconds < CPU_SECONDS_PER_REQUEST, (context, response.cpu_seconds, body["message"][:200])
    return body["message"]


# ---------------------------------------------------------------- huge exponents and long number literals

@pytest.mark.parametrize("literal, message", [
    ("1e1000000", "items[0].quantity must be between 1 and 10000"),
    ("1e999999999", "items[0].quantity must be between 1 and 10000"),
    ("1E+999999999", "items[0].quantity must be between 1 and 10000"),
    ("-1e999999999", "items[0].quantity must be between 1 and 10000"),
    ("1.5e999999999", "items[0].quantity must be between 1 and 10000"),
    ("9" * 60000, "items[0].quantity must be between 1 and 10000"),
    ("1" + "0" * 30, "items[0].quantity must be between 1 and 10000"),
    ("1e-999999999", "items[0].quantity must be an integer"),
    ("1e99999999999999999999", lambda message: message.startswith("Invalid JSON body: number out of range")),
], ids=["1e1000000", "1e999999999", "1E+999999999", "-1e999999999", "1.5e999999999", "60000 nines", "1e30 written out",
        "1e-999999999", "exponent overflow"])
def test_huge_quantity_literals_are_a_quick_400(api, literal, message):
    response = send(api, "POST", "/orders", ORDER_LINE % literal)
    assert response.status_code == 400
    assert_quick_4xx(response, message)


@pytest.mark.parametrize("field, path", [
    ("stock_quantity", "/products/PROD003"), ("add_stock", "/products/PROD003"),
])
def test_huge_stock_literals_are_a_quick_400(api, field, path):
    for literal in ("1e999999999", "-1e999999999", "9" * 60000):
        response = send(api, "PUT", path, '{"%s": %s}' % (field, literal))
        assert response.status_code == 400
        assert_quick_4xx(response, lambda message: message.startswith(f"{field} must be between"))


def test_integer_still_accepts_integral_numbers_in_any_notation():
    assert Integer(1, 10).check(5, "q") == 5
    for text in ("5.0", "5e0", "0.5e1", "50e-1"):
        assert Integer(1, 10).check(json_body.parse_json_body('{"q": %s}' % text, None, MAX_BODY)["q"], "q") == 5


# ---------------------------------------------------------------- nesting

def nested_arrays(depth, inner="1"):
    return "[" * depth + inner + "]" * depth


def nested_objects(depth, inner="1"):
    return '{"a": ' * depth + inner + "}" * depth


@pytest.mark.parametrize("raw", [
    nested_objects(1000),
    '{"customer_id": "CUST001", "items": %s}' % nested_arrays(999),
    '{"customer_id": "CUST001", "items": [%s]}' % nested_objects(998),
    nested_objects(17),
    '{"items": %s}' % nested_arrays(16),
], ids=["1000 objects", "999 arrays in items", "998 objects in items", "17 objects", "16 arrays in items"])
def test_deep_nesting_is_a_400(api, raw):
    response = send(api, "POST", "/orders", raw)
    assert response.status_code == 400
    assert_quick_4xx(response, json_body._TOO_DEEP)


def test_sixteen_levels_are_parsed():
    assert json_body.parse_json_body(nested_objects(16), None, MAX_BODY)
    assert json_body.parse_json_body('{"items": %s}' % nested_arrays(15), None, MAX_BODY)


# ---------------------------------------------------------------- prices out of range

def price_cases(order):
    return [
        ("POST", "/orders", '{"customer_name": "Ann", "customer_email": "ann@example.com", "book_isbn": "PROD001",'
                            ' "quantity": 1, "price": %s}', "price"),
        ("PUT", f"/orders/{order}", '{"items": [{"product_id": "PROD002", "price": %s}]}', "items[0].price"),
        ("PUT", f"/orders/{order}", '{"price": %s}', "price"),
        ("POST", "/products", '{"product_id": "NEWP1", "product_name": "New", "price": %s}', "price"),
        ("PUT", "/products/PROD003", '{"price": %s}', "price"),
    ]


@pytest.mark.parametrize("literal, reason", [
    ('"1000000.01"', "must be between 0.00 and 1000000.00"), ('"%s"' % ("9" * 60000), "must be between 0.00 and 1000000.00"),
    # Numbers are never prices (they pass through binary floating point in most clients), however large.
    ("1e400", 'must be a decimal string such as "29.99"'), ("1E+999999999", 'must be a decimal string such as "29.99"'),
    ("-1e400", 'must be a decimal string such as "29.99"'), ("9" * 60000, 'must be a decimal string such as "29.99"'),
], ids=["string 1000000.01", "string of 60000 nines", "1e400", "1E+999999999", "-1e400", "60000 nines"])
def test_prices_out_of_range_are_a_400(api, order_id, literal, reason):
    for method, path, template, field in price_cases(order_id):
        response = send(api, method, path, template % literal)
        assert response.status_code == 400, (method, path)
        assert_quick_4xx(response, f"{field} {reason}", (method, path))


@pytest.mark.parametrize("literal, reason", [
    ("1e-400", 'must be a decimal string such as "29.99"'), ("45.990", 'must be a decimal string such as "29.99"'),
    ("0.001", 'must be a decimal string such as "29.99"'), ('"45.990"', "must have at most two decimal places"),
    ('"4_5.99"', 'must be a decimal string such as "29.99"'), ('" 12.50 "', 'must be a decimal string such as "29.99"'),
    ('"1e2"', 'must be a decimal string such as "29.99"'), ('"12.50\\n"', 'must be a decimal string such as "29.99"'),
    ('"+5"', 'must be a decimal string such as "29.99"'), ('"\\u0664\\u0665"', 'must be a decimal string such as "29.99"'),
    ('".5"', 'must be a decimal string such as "29.99"'), ('"5."', 'must be a decimal string such as "29.99"'),
    ('"NaN"', 'must be a decimal string such as "29.99"'), ('"-Infinity"', 'must be a decimal string such as "29.99"'),
])
def test_loose_prices_are_a_400(api, order_id, literal, reason):
    for method, path, template, field in price_cases(order_id):
        response = send(api, method, path, template % literal)
        assert response.status_code == 400, (method, path)
        assert_quick_4xx(response, f"{field} {reason}", (method, path))


@pytest.mark.parametrize("literal, stored", [
    ('"29.99"', "29.99"), ('"30"', "30.00"), ('"30.0"', "30.00"), ('"1000000.00"', "1000000.00"), ('"0"', "0.00"),
    ('"007.50"', "7.50"),
])
def test_exact_prices_are_accepted(api, order_id, literal, stored):
    response = api.call("PUT", f"/orders/{order_id}", raw='{"items": [{"product_id": "PROD002", "price": %s}],'
                        ' "reason": "r"}' % literal)
    assert response.status_code == 200, response.body
    assert response.data["order"]["items"][0]["price"] == stored


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("template", [
    '{"customer_id": "CUST001", "items": [{"product_id": "PROD001", "quantity": %s}]}',
    '{"customer_name": "Ann", "customer_email": "ann@example.com", "book_isbn": "PROD001", "quantity": 1, "price": %s}',
])
def test_non_finite_numbers_are_a_400(api, constant, template):
    response = send(api, "POST", "/orders", template % constant)
    assert response.status_code == 400
    assert_quick_4xx(response, lambda message: message.startswith("Invalid JSON body") and constant.lstrip("-") in message)


# ---------------------------------------------------------------- control and bidirectional characters

HIDDEN = ["\x7f", "\x80", "\x85", "\x9b", "\x9f", "\u202a", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
          "\u200e", "\u200f", "\u061c", "\x1b"]


def text_cases(order):
    """(method, path, body with NAME where the text goes, field)."""
    return [
        ("POST", "/orders", {"customer_name": "NAME", "customer_email": "ann@example.com",
                             "items": [{"product_id": "PROD001", "quantity": 1}]}, "customer_name"),
        ("POST", "/orders", {"customer_name": "Ann", "customer_email": "ann@example.com", "book_isbn": "PROD001",
                             "quantity": 1, "book_title": "NAME"}, "book_title"),
        ("POST", "/products", {"product_id": "NEWP1", "product_name": "NAME", "price": "1.00"}, "product_name"),
        ("POST", "/products", {"product_id": "NEWP1", "product_name": "New", "price": "1.00", "description": "NAME"},
         "description"),
        ("PUT", "/products/PROD003", {"product_name": "NAME"}, "product_name"),
        ("POST", "/customers", {"customer_name": "NAME", "email": "ann@example.com"}, "customer_name"),
        ("POST", "/customers", {"customer_name": "Ann", "email": "ann@example.com", "address": "NAME"}, "address"),
        ("PUT", f"/orders/{order}", {"status": "cancelled", "reason": "NAME"}, "reason"),
        ("DELETE", f"/orders/{order}", {"reason": "NAME"}, "reason"),
    ]


def with_text(body, value):
    return json.dumps(body).replace('"NAME"', json.dumps(value))


def hidden_character_message(field, character):
    kind = "control" if unicodedata.category(character) == "Cc" else "bidirectional control"
    return f"{field} must not contain {kind} characters (U+{ord(character):04X})"


def test_hidden_characters_in_a_name_are_a_400(api):
    method, path, body, field = text_cases(None)[0]
    for character, value in ((c, v) for c in HIDDEN for v in (f"Ann{c}Lee", f"{c}Ann", f"Ann{c}")):
        response = send(api, method, path, with_text(body, value))
        assert response.status_code == 400, (value, response.body)
        assert_quick_4xx(response, hidden_character_message(field, character), value)


@pytest.mark.parametrize("character", ["\x7f", "\x85", "\u202e", "\u2066", "\x1f"], ids=["DEL", "NEL", "RLO", "LRI", "US"])
def test_hidden_characters_in_any_text_field_are_a_400(api, order_id, character):
    for method, path, body, field in text_cases(order_id):
        response = send(api, method, path, with_text(body, f"Tidy{character}"))
        assert response.status_code == 400, (method, path, field, response.body)
        assert_quick_4xx(response, hidden_character_message(field, character), (method, path))


def test_hidden_characters_in_a_query_reason_or_an_email_are_a_400(api, order_id):
    response = api.delete(f"/orders/{order_id}?reason=Tidy%E2%80%AE")
    assert response.status_code == 400
    assert response.data["message"] == "reason must not contain bidirectional control characters (U+202E)"
    for email in ("ann\u202e@example.com", "ann\x7f@example.com", "ann\x00@example.com"):
        response = api.post("/customers", {"customer_name": "Ann", "email": email})
        assert response.status_code == 400 and response.data["message"] == "email must be a valid e-mail address", email


def test_ordinary_unicode_text_is_still_accepted(api):
    name = "Zoë O'Brien\u200d \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u4f60\u597d \U0001f600"
    response = api.post("/customers", {"customer_name": name, "email": "zoe@example.com", "address": "1 Road\nTown\tX"})
    assert response.status_code == 201, response.body
    assert response.data["customer"]["customer_name"] == name


def test_identifiers_with_a_trailing_newline_are_a_400(api):
    response = api.post("/products", {"product_id": "NEWP1\n", "product_name": "New", "price": "1.00"})
    assert response.status_code == 400 and response.data["message"].startswith("product_id must be")
    response = api.post("/orders", {"customer_id": "CUST001\n", "items": [{"product_id": "PROD001", "quantity": 1}]})
    assert response.status_code == 400 and response.data["message"].startswith("customer_id must be")


# ---------------------------------------------------------------- duplicate fields

@pytest.mark.parametrize("method, path, raw, field", [
    ("POST", "/orders", '{"customer_id": "CUST001", "customer_id": "CUST002", "items": [%s]}' % ITEM, "customer_id"),
    ("POST", "/orders", '{"customer_id": "CUST001", "items": [%s], "items": [%s]}' % (ITEM, ITEM), "items"),
    ("POST", "/orders", '{"customer_id": "CUST001", "items": [{"product_id": "PROD001", "quantity": 1, "quantity": 9}]}',
     "quantity"),
    ("POST", "/products", '{"product_id": "NEWP1", "product_name": "New", "price": "1.00", "price": "0.01"}', "price"),
    ("PUT", "/orders/{order}", '{"status": "processing", "status": "cancelled"}', "status"),
], ids=["customer_id", "items", "items[0].quantity", "product price", "status"])
def test_duplicate_fields_are_a_400(api, order_id, method, path, raw, field):
    response = send(api, method, path.format(order=order_id), raw)
    assert response.status_code == 400
    assert_quick_4xx(response, f"Duplicate field: {field}")


# ---------------------------------------------------------------- bounded CPU for the worst 64 KiB bodies

def fill(prefix, unit, suffix, joiner=""):
    """prefix + unit repeated (joined) + suffix, as long as fits in 64 KiB."""
    room = MAX_BODY - len(prefix.encode()) - len(suffix.encode())
    count = room // (len(unit.encode()) + len(joiner.encode()))
    return prefix + joiner.join([unit] * count) + suffix


def worst_cases(order):
    digits = "9" * (MAX_BODY - 200)
    huge = "1e999999999"
    return {
        "deep arrays, unclosed": ("POST", "/orders", "[" * MAX_BODY),
        "deep arrays": ("POST", "/orders", nested_arrays(MAX_BODY // 2 - 1)),
        "deep objects": ("POST", "/orders", nested_objects((MAX_BODY - 1) // 7)),
        "deep but allowed, repeated": ("POST", "/orders", fill('{"customer_id": "CUST001", "items": [', nested_arrays(14), "]}",
                                                               ",")),
        "64 KiB integer quantity": ("POST", "/orders", ORDER_LINE % digits),
        "64 KiB fraction quantity": ("POST", "/orders", ORDER_LINE % ("1." + digits)),
        "64 KiB coefficient, huge negative exponent": ("POST", "/orders", ORDER_LINE % (digits[:-30] + "e-999999999999999999")),
        "exponent overflow": ("POST", "/orders", ORDER_LINE % (digits[:-30] + "e99999999999999999999")),
        "64 KiB price number": ("PUT", f"/orders/{order}", '{"items": [{"product_id": "PROD002", "price": 0.%s}]}' % digits),
        "64 KiB price string": ("PUT", f"/orders/{order}", '{"items": [{"product_id": "PROD002", "price": "%s"}]}' % digits),
        "64 KiB price string of junk": ("PUT", f"/orders/{order}", '{"price": "%s"}' % ("\\\"" * (MAX_BODY // 2 - 20))),
        "huge exponents in every order field": ("POST", "/orders", '{"customer_name": "Ann", "customer_email": "a@example.com", '
                                                '"book_isbn": "PROD001", "quantity": %s, "price": %s}' % (huge, huge)),
        "huge exponents in every edit field": ("PUT", f"/orders/{order}", fill(
            '{"items": [', '{"product_id": "PROD002", "quantity": %s, "price": %s}' % (huge, huge), "]}", ",")),
        "huge one-line edit": ("PUT", f"/orders/{order}", '{"quantity": %s, "price": %s}' % (huge, huge)),
        "huge exponents in every product field": ("POST", "/products", '{"product_id": "NEWP1", "product_name": "New", '
                                                  '"price": %s, "stock_quantity": %s}' % (huge, huge)),
        "huge stock change": ("PUT", "/products/PROD003", '{"add_stock": -%s}' % huge),
        "64 KiB of huge-exponent items": ("POST", "/orders", fill('{"customer_id": "CUST001", "items": [',
                                                                  '{"product_id": "PROD001", "quantity": %s}' % huge, "]}", ",")),
        "64 KiB of tiny objects": ("POST", "/orders", fill('{"customer_id": "CUST001", "items": [', "{}", "]}", ",")),
        "64 KiB of empty arrays": ("POST", "/orders", fill('{"customer_id": "CUST001", "items": [', "[]", "]}", ",")),
        "64 KiB of zeros in a list": ("POST", "/orders", fill('{"customer_id": "CUST001", "items": [', "0", "]}", ",")),
        "64 KiB of zeros, top level": ("POST", "/orders", fill("[", "0", "]", ",")),
        "64 KiB of duplicate keys": ("POST", "/orders", fill("{", '"a":0', "}", ",")),
        "64 KiB of distinct keys": ("POST", "/orders", "{" + ",".join(f'"k{i}":0' for i in range(MAX_BODY // 10)) + "}"),
        "64 KiB of duplicate keys in items": ("POST", "/orders", fill('{"customer_id": "CUST001", "items": [{', '"quantity":1',
                                                                      "}]}", ",")),
        "64 KiB name of bidi overrides": ("POST", "/customers", fill('{"email": "a@example.com", "customer_name": "', "\u202e",
                                                                     '"}')),
        "64 KiB name of escaped lone surrogates": ("POST", "/customers", fill('{"email": "a@example.com", "customer_name": "',
                                                                              "\\ud800", '"}')),
        "64 KiB reason": ("DELETE", f"/orders/{order}", fill('{"reason": "', "x", '"}')),
        "64 KiB unterminated string": ("POST", "/orders", fill('{"customer_name": "', "\\\"", "")),
        "64 KiB of whitespace": ("POST", "/orders", fill("", " ", "{}")),
        "64 KiB key": ("POST", "/orders", fill('{"', "k", '": 1, "k": 2}')),
        "over 64 KiB": ("POST", "/orders", "[" * (MAX_BODY + 1)),
    }


def test_worst_case_bodies_are_refused_in_bounded_cpu(api, order_id):
    for name, (method, path, raw) in worst_cases(order_id).items():
        assert len(raw.encode()) <= MAX_BODY or name == "over 64 KiB", name
        assert_quick_4xx(send(api, method, path, raw), context=name)


def test_long_unknown_field_names_are_not_echoed_whole(api):
    response = api.call("POST", "/orders", raw='{"%s": 1}' % ("k" * 1000))
    assert response.status_code == 400 and response.data["message"] == f"Unknown field: {'k' * 64}..."
    response = api.call("POST", "/orders", raw='{"%s": 1, "%s": 2}' % ("k" * 1000, "k" * 1000))
    assert response.status_code == 400 and response.data["message"] == f"Duplicate field: {'k' * 64}..."
