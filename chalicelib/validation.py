"""Turns untrusted JSON bodies and query strings into checked values.

Every failure is a `ValidationError` whose message names the field, so a
client always learns what to fix (and nothing reaches DynamoDB unchecked).

Hostile input is cheap to refuse. A body is at most `max_body_bytes` (64 KiB)
and is parsed and checked in time bounded by its size, never by what it says:

- Numbers stay text-sized. A JSON number with a fraction or an exponent
  becomes an exact `Decimal` (built from its literal in linear time), and so
  does an integer literal longer than `SHORT_INTEGER_DIGITS` characters;
  `integer()` and `money.parse_price` range-check a `Decimal` by comparison
  (which reads its exponent) before any conversion, so `1e999999999` is a quick
  400 and never a 10**999999999 int. An exponent too large even for `Decimal`
  is invalid JSON. NaN and Infinity are invalid JSON.
- At most `MAX_DEPTH` (16) levels of nested objects and arrays (a real body
  has 3: body, items, item); deeper nesting, including nesting deep enough to
  exhaust the parser's recursion limit, is a 400.
- At most `MAX_FIELDS` (64) fields in one object (the largest body has 6) and
  at most `MAX_VALUES` (10,000) JSON values in the whole body (an order of 100
  lines has about 400), counted after parsing without recursion.
- A field given twice in one object is a 400 ("Duplicate field: x"), never
  last-wins.
- Text rejects C0 and C1 control characters (tab and newline aside), DEL,
  lone surrogates and the bidirectional formatting characters (U+061C,
  U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) that can make a name display
  as something else.
"""
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from . import money
from .errors import PayloadTooLarge, UnsupportedMediaType, ValidationError
from .order_rules import MAX_LINES, MAX_QUANTITY, STATUSES, LineEdit

# \Z, not $: "$" also matches before a trailing newline, so "PROD001\n" would pass.
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,63}\Z")
EMAIL = re.compile(r"^[^@\s<>\"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?)+\Z")
# C0 controls except tab and newline, DEL, and the C1 controls.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional marks, embeddings, overrides and isolates.
BIDI_CHARACTERS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_REQUEST_ITEMS = 100
MAX_NAME = 200
MAX_TEXT = 1000
MAX_REASON = 500
MAX_STOCK = 1_000_000_000
MAX_PAGE = 1000
MAX_DEPTH = 16
MAX_FIELDS = 64
MAX_VALUES = 10_000
SHORT_INTEGER_DIGITS = 18  # an integer literal up to this long becomes an int; longer ones a Decimal


# ---------------------------------------------------------------- body parsing

def parse_json_body(raw: Optional[bytes], content_type: Optional[str], max_bytes: int, required: bool = True) -> Dict[str, Any]:
    if raw is None or raw == b"" or raw == "":
        if required:
            raise ValidationError("Request body is required (a JSON object)")
        return {}
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > max_bytes:
        raise PayloadTooLarge(f"Request body too large: {len(raw)} bytes, the limit is {max_bytes}")
    media_type = (content_type or "application/json").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise UnsupportedMediaType(f"Content-Type must be application/json, got {media_type}")
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError(f"Invalid JSON body: {exc}")
    try:
        body = json.loads(decoded, parse_float=_json_number, parse_int=_json_integer,
                          parse_constant=_reject_constant, object_pairs_hook=_json_object)
    except RecursionError:
        raise ValidationError(_TOO_DEEP)
    except ValueError as exc:
        raise ValidationError(f"Invalid JSON body: {exc}")
    if not isinstance(body, dict):
        raise ValidationError("Request body must be a JSON object")
    _check_shape(body)
    return body


_TOO_DEEP = f"Request body is nested too deeply: at most {MAX_DEPTH} levels of objects and arrays"


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed")


def _json_number(literal: str) -> Decimal:
    """A number with a fraction or an exponent: an exact Decimal, built in time
    linear in the literal whatever its exponent."""
    try:
        return Decimal(literal)
    except InvalidOperation:  # an exponent beyond what Decimal can hold
        shown = literal if len(literal) <= 40 else literal[:20] + "..." + literal[-20:]
        raise ValidationError(f"Invalid JSON body: number out of range: {shown}")


def _json_integer(literal: str):
    return int(literal) if len(literal) <= SHORT_INTEGER_DIGITS else _json_number(literal)


def _json_object(pairs: List[Tuple[str, Any]]) -> Dict[str, Any]:
    if len(pairs) > MAX_FIELDS:
        raise ValidationError(f"Request body has an object with too many fields: at most {MAX_FIELDS}")
    body = dict(pairs)
    if len(body) != len(pairs):
        seen = set()
        for name, _ in pairs:
            if name in seen:
                raise ValidationError(f"Duplicate field: {name if len(name) <= 64 else name[:64] + '...'}")
            seen.add(name)
    return body


def _check_shape(body: Any) -> None:
    """Depth and value count, without recursion; stops at the first excess."""
    count = 1
    pending = [(body, 1)]
    while pending:
        value, depth = pending.pop()
        children = value.values() if isinstance(value, dict) else value
        count += len(children)
        if count > MAX_VALUES:
            raise ValidationError(f"Request body has too many values: at most {MAX_VALUES}")
        for child in children:
            if isinstance(child, (dict, list)):
                if depth >= MAX_DEPTH:
                    raise ValidationError(_TOO_DEEP)
                pending.append((child, depth + 1))


def reject_unknown(body: Mapping[str, Any], allowed: Iterable[str], where: str = "", nullable: Iterable[str] = ()) -> None:
    """Unknown fields are an error, and so is null for a field that is not
    nullable (leave a field out rather than send null)."""
    prefix = f"{where}: " if where else ""
    unknown = [name if len(name) <= 64 else name[:64] + "..." for name in sorted(set(body) - set(allowed))]
    if unknown:
        raise ValidationError(f"{prefix}Unknown field: {unknown[0]}" if len(unknown) == 1 else f"{prefix}Unknown fields: {', '.join(unknown)}")
    nulls = sorted(name for name, value in body.items() if value is None and name not in nullable)
    if nulls:
        raise ValidationError(f"{prefix}{nulls[0]} must not be null")


# ---------------------------------------------------------------- primitives

def require(body: Mapping[str, Any], field: str, where: str = "") -> Any:
    if field not in body or body[field] is None:
        raise ValidationError(f"Missing required field: {where + '.' if where else ''}{field}")
    return body[field]


def text(value: Any, field: str, max_length: int = MAX_NAME, min_length: int = 1) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be a string")
    original, value = value, value.strip()
    if len(value) < min_length:
        raise ValidationError(f"{field} must not be empty")
    if len(value) > max_length:
        raise ValidationError(f"{field} must be at most {max_length} characters")
    _check_characters(original, field)
    return value


def _check_characters(value: str, field: str) -> None:
    """Checked on the text as sent: strip() would hide a leading or trailing
    U+001C-U+001F or U+0085, which Python counts as whitespace."""
    bad = CONTROL_CHARACTERS.search(value)
    if bad:
        raise ValidationError(f"{field} must not contain control characters (U+{ord(bad.group()):04X})")
    bad = BIDI_CHARACTERS.search(value)
    if bad:
        raise ValidationError(f"{field} must not contain bidirectional control characters (U+{ord(bad.group()):04X})")
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValidationError(f"{field} must be valid Unicode text")


def optional_text(body: Mapping[str, Any], field: str, max_length: int = MAX_TEXT) -> Optional[str]:
    value = body.get(field)
    if value is None:
        return None
    return text(value, field, max_length, min_length=0) or None


def identifier(value: Any, field: str) -> str:
    if not isinstance(value, str) or not IDENTIFIER.match(value):
        raise ValidationError(f"{field} must be 1-64 letters, digits or . _ : - (starting with a letter or digit)")
    return value


def email(value: Any, field: str = "customer_email") -> str:
    if (not isinstance(value, str) or len(value) > 254 or not EMAIL.match(value.strip())
            or CONTROL_CHARACTERS.search(value) or BIDI_CHARACTERS.search(value)):
        raise ValidationError(f"{field} must be a valid e-mail address")
    return value.strip()


def integer(value: Any, field: str, minimum: int, maximum: int) -> int:
    if isinstance(value, bool):
        raise ValidationError(f"{field} must be an integer")
    if isinstance(value, Decimal):
        # Compare before converting: comparison reads the exponent, while
        # int(Decimal("1e999999999")) would build a billion-digit integer.
        if not value.is_finite() or value != value.to_integral_value():
            raise ValidationError(f"{field} must be an integer")
        if value < minimum or value > maximum:
            raise ValidationError(f"{field} must be between {minimum} and {maximum}")
        value = int(value)
    if not isinstance(value, int):
        raise ValidationError(f"{field} must be an integer")
    if value < minimum or value > maximum:
        raise ValidationError(f"{field} must be between {minimum} and {maximum}")
    return value


def quantity(value: Any, field: str, minimum: int = 1) -> int:
    return integer(value, field, minimum, MAX_QUANTITY)


def status(value: Any, field: str = "status") -> str:
    if not isinstance(value, str) or value not in STATUSES:
        raise ValidationError(f"{field} must be one of: {', '.join(STATUSES)}")
    return value


def json_list(value: Any, field: str, max_items: int = MAX_REQUEST_ITEMS) -> List[Any]:
    if not isinstance(value, list):
        raise ValidationError(f"{field} must be a list")
    if not value:
        raise ValidationError(f"{field} must not be empty")
    if len(value) > max_items:
        raise ValidationError(f"{field} must have at most {max_items} entries")
    return value


def json_object(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(f"{field} must be an object")
    return value


# ---------------------------------------------------------------- orders

CREATE_FIELDS = {"customer_id", "customer_name", "customer_email", "items"}
# The bookshop shape from the first seed: one book per order.
LEGACY_CREATE_FIELDS = {"customer_name", "customer_email", "book_isbn", "book_title", "quantity", "price"}


def create_order_request(body: Mapping[str, Any]) -> Dict[str, Any]:
    """-> {customer_id | customer_name+customer_email, items: [{product_id, quantity}],
    expected_prices: {product_id: Decimal}}"""
    if "book_isbn" in body:
        return _legacy_create_order_request(body)
    reject_unknown(body, CREATE_FIELDS)
    request: Dict[str, Any] = {"expected_prices": {}}
    request.update(_customer_reference(body))
    items = json_list(require(body, "items"), "items")
    parsed = []
    for index, raw in enumerate(items):
        where = f"items[{index}]"
        item = json_object(raw, where)
        reject_unknown(item, {"product_id", "quantity"}, where)
        parsed.append({
            "product_id": identifier(require(item, "product_id", where), f"{where}.product_id"),
            "quantity": quantity(require(item, "quantity", where), f"{where}.quantity"),
        })
    request["items"] = parsed
    return request


def _customer_reference(body: Mapping[str, Any]) -> Dict[str, Any]:
    if body.get("customer_id") is not None:
        if "customer_name" in body or "customer_email" in body:
            raise ValidationError("Give either customer_id or customer_name with customer_email, not both")
        return {"customer_id": identifier(body["customer_id"], "customer_id")}
    if body.get("customer_name") is None and body.get("customer_email") is None:
        raise ValidationError("Missing required field: customer_id")
    return {
        "customer_name": text(require(body, "customer_name"), "customer_name"),
        "customer_email": email(require(body, "customer_email")),
    }


def _legacy_create_order_request(body: Mapping[str, Any]) -> Dict[str, Any]:
    reject_unknown(body, LEGACY_CREATE_FIELDS)
    request: Dict[str, Any] = {
        "customer_name": text(require(body, "customer_name"), "customer_name"),
        "customer_email": email(require(body, "customer_email")),
    }
    product_id = identifier(require(body, "book_isbn"), "book_isbn")
    request["items"] = [{"product_id": product_id, "quantity": quantity(require(body, "quantity"), "quantity")}]
    request["expected_prices"] = {}
    if body.get("price") is not None:
        request["expected_prices"][product_id] = money.parse_price(body["price"], "price")
    if body.get("book_title") is not None:
        text(body["book_title"], "book_title")
    return request


UPDATE_FIELDS = {"status", "reason", "items", "quantity", "price"}


def update_order_request(body: Mapping[str, Any]) -> Dict[str, Any]:
    """-> {status?, reason?, edits?: [LineEdit], single_line_edit?: LineEdit-without-product}"""
    reject_unknown(body, UPDATE_FIELDS)
    if not any(body.get(field) is not None for field in ("status", "items", "quantity", "price")):
        raise ValidationError("Nothing to update: give status, items, or quantity/price")
    request: Dict[str, Any] = {"reason": optional_text(body, "reason", MAX_REASON)}
    if body.get("status") is not None:
        request["status"] = status(body["status"])
    if body.get("items") is not None:
        if body.get("quantity") is not None or body.get("price") is not None:
            raise ValidationError("Give either items or a top-level quantity/price, not both")
        request["edits"] = _line_edits(json_list(body["items"], "items"))
    elif body.get("quantity") is not None or body.get("price") is not None:
        # The bookshop shape: quantity/price of a one-line order.
        request["single_line_edit"] = LineEdit(
            product_id="",
            quantity=quantity(body["quantity"], "quantity") if body.get("quantity") is not None else None,
            price=money.parse_price(body["price"], "price") if body.get("price") is not None else None,
        )
    return request


def _line_edits(items: List[Any]) -> List[LineEdit]:
    edits: Dict[str, LineEdit] = {}
    for index, raw in enumerate(items):
        where = f"items[{index}]"
        item = json_object(raw, where)
        reject_unknown(item, {"product_id", "quantity", "price"}, where)
        product_id = identifier(require(item, "product_id", where), f"{where}.product_id")
        if product_id in edits:
            raise ValidationError(f"{where}.product_id {product_id} appears twice")
        if item.get("quantity") is None and item.get("price") is None:
            raise ValidationError(f"{where} must change quantity or price")
        edits[product_id] = LineEdit(
            product_id=product_id,
            quantity=quantity(item["quantity"], f"{where}.quantity", minimum=0) if item.get("quantity") is not None else None,
            price=money.parse_price(item["price"], f"{where}.price") if item.get("price") is not None else None,
        )
    if len(edits) > MAX_LINES:
        raise ValidationError(f"items must have at most {MAX_LINES} entries")
    return list(edits.values())


def cancel_reason(body: Mapping[str, Any], query: Mapping[str, str]) -> Optional[str]:
    """The reason from the body or the query; each given one is checked, the body's wins."""
    reject_unknown(body, {"reason"})
    from_body = optional_text(body, "reason", MAX_REASON) if body.get("reason") is not None else None
    from_query = text(query["reason"], "reason", MAX_REASON) if query.get("reason") else None
    return from_body if from_body is not None else from_query


# ---------------------------------------------------------------- catalog

PRODUCT_FIELDS = {"product_id", "product_name", "price", "stock_quantity", "category", "description"}
PRODUCT_UPDATE_FIELDS = {"product_name", "price", "stock_quantity", "add_stock", "category", "description"}


def create_product_request(body: Mapping[str, Any]) -> Dict[str, Any]:
    reject_unknown(body, PRODUCT_FIELDS)
    return {
        "product_id": identifier(require(body, "product_id"), "product_id"),
        "product_name": text(require(body, "product_name"), "product_name"),
        "price": money.parse_price(require(body, "price"), "price"),
        "stock_quantity": integer(body.get("stock_quantity", 0), "stock_quantity", 0, MAX_STOCK),
        "category": identifier(body.get("category", "general"), "category"),
        "description": optional_text(body, "description"),
    }


def update_product_request(body: Mapping[str, Any]) -> Dict[str, Any]:
    reject_unknown(body, PRODUCT_UPDATE_FIELDS, nullable=("description",))
    changes: Dict[str, Any] = {}
    if body.get("product_name") is not None:
        changes["product_name"] = text(body["product_name"], "product_name")
    if body.get("price") is not None:
        changes["price"] = money.parse_price(body["price"], "price")
    if body.get("category") is not None:
        changes["category"] = identifier(body["category"], "category")
    if "description" in body:
        changes["description"] = optional_text(body, "description")
    if body.get("stock_quantity") is not None and body.get("add_stock") is not None:
        raise ValidationError("Give either stock_quantity or add_stock, not both")
    if body.get("stock_quantity") is not None:
        changes["stock_quantity"] = integer(body["stock_quantity"], "stock_quantity", 0, MAX_STOCK)
    if body.get("add_stock") is not None:
        changes["add_stock"] = integer(body["add_stock"], "add_stock", -MAX_STOCK, MAX_STOCK)
    if not changes:
        raise ValidationError("Nothing to update: give product_name, price, stock_quantity, add_stock, category or description")
    return changes


CUSTOMER_FIELDS = {"customer_id", "customer_name", "email", "phone", "address"}


def create_customer_request(body: Mapping[str, Any]) -> Dict[str, Any]:
    reject_unknown(body, CUSTOMER_FIELDS)
    return {
        "customer_id": identifier(body["customer_id"], "customer_id") if body.get("customer_id") is not None else None,
        "customer_name": text(require(body, "customer_name"), "customer_name"),
        "email": email(require(body, "email"), "email"),
        "phone": optional_text(body, "phone", 40),
        "address": optional_text(body, "address", 500),
    }


# ---------------------------------------------------------------- query strings

def query_int(query: Mapping[str, str], name: str, default: int, minimum: int, maximum: int) -> int:
    raw = query.get(name)
    if raw is None:
        return default
    if not re.fullmatch(r"[0-9]{1,10}", raw.strip()) or not minimum <= int(raw) <= maximum:
        raise ValidationError(f"{name} must be an integer between {minimum} and {maximum}")
    return int(raw)


def query_bool(query: Mapping[str, str], name: str) -> Optional[bool]:
    raw = query.get(name)
    if raw is None:
        return None
    lowered = raw.strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise ValidationError(f"{name} must be true or false")


def reject_unknown_query(query: Mapping[str, str], allowed: Iterable[str], may_be_empty=("next_token", "reason")) -> None:
    unknown = sorted(set(query) - set(allowed))
    if unknown:
        raise ValidationError(f"Unknown query parameter: {unknown[0]}")
    for name, value in query.items():
        if value == "" and name not in may_be_empty:
            raise ValidationError(f"{name} must not be empty")
