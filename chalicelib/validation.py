"""Turns untrusted JSON bodies and query strings into checked values.

Every failure is a `ValidationError` whose message names the field, so a
client always learns what to fix (and nothing reaches DynamoDB unchecked).
"""
import json
import re
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Mapping, Optional

from . import money
from .errors import PayloadTooLarge, UnsupportedMediaType, ValidationError
from .order_rules import MAX_LINES, MAX_QUANTITY, STATUSES, LineEdit

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,63}$")
EMAIL = re.compile(r"^[^@\s<>\"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?)+$")
MAX_REQUEST_ITEMS = 100
MAX_NAME = 200
MAX_TEXT = 1000
MAX_REASON = 500
MAX_STOCK = 1_000_000_000
MAX_PAGE = 1000


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
        body = json.loads(raw.decode("utf-8"), parse_float=Decimal, parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValidationError(f"Invalid JSON body: {exc}")
    if not isinstance(body, dict):
        raise ValidationError("Request body must be a JSON object")
    return body


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed")


def reject_unknown(body: Mapping[str, Any], allowed: Iterable[str], where: str = "", nullable: Iterable[str] = ()) -> None:
    """Unknown fields are an error, and so is null for a field that is not
    nullable (leave a field out rather than send null)."""
    prefix = f"{where}: " if where else ""
    unknown = sorted(set(body) - set(allowed))
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
    value = value.strip()
    if len(value) < min_length:
        raise ValidationError(f"{field} must not be empty")
    if len(value) > max_length:
        raise ValidationError(f"{field} must be at most {max_length} characters")
    if any(ord(ch) < 32 and ch not in "\t\n" for ch in value):
        raise ValidationError(f"{field} must not contain control characters")
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValidationError(f"{field} must be valid Unicode text")
    return value


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
    if not isinstance(value, str) or len(value) > 254 or not EMAIL.match(value.strip()):
        raise ValidationError(f"{field} must be a valid e-mail address")
    return value.strip()


def integer(value: Any, field: str, minimum: int, maximum: int) -> int:
    if isinstance(value, bool):
        raise ValidationError(f"{field} must be an integer")
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise ValidationError(f"{field} must be an integer")
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
