"""Request bodies: JSON, parsed safely, before the contract checks them.

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
"""
import json
from decimal import Decimal, InvalidOperation
from typing import Any, Dict, List, Optional, Tuple

from ..core.errors import PayloadTooLarge, UnsupportedMediaType, ValidationError

MAX_DEPTH = 16
MAX_FIELDS = 64
MAX_VALUES = 10_000
SHORT_INTEGER_DIGITS = 18  # an integer literal up to this long becomes an int; longer ones a Decimal


def parse_json_body(raw: Optional[bytes], content_type: Optional[str], max_bytes: int, required: bool = True) -> Dict[str, Any]:
    if raw is None or raw == b"" or raw == "":
        if required:
            raise ValidationError("Request body is required (a JSON object)", code="invalid_json")
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
        raise ValidationError(f"Invalid JSON body: {exc}", code="invalid_json") from None
    try:
        body = json.loads(decoded, parse_float=_json_number, parse_int=_json_integer,
                          parse_constant=_reject_constant, object_pairs_hook=_json_object)
    except RecursionError:
        raise ValidationError(_TOO_DEEP, code="invalid_json") from None
    except ValueError as exc:
        raise ValidationError(f"Invalid JSON body: {exc}", code="invalid_json") from None
    if not isinstance(body, dict):
        raise ValidationError("Request body must be a JSON object", code="invalid_json")
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
        raise ValidationError(f"Invalid JSON body: number out of range: {shown}", code="invalid_json") from None


def _json_integer(literal: str):
    return int(literal) if len(literal) <= SHORT_INTEGER_DIGITS else _json_number(literal)


def _json_object(pairs: List[Tuple[str, Any]]) -> Dict[str, Any]:
    if len(pairs) > MAX_FIELDS:
        raise ValidationError(f"Request body has an object with too many fields: at most {MAX_FIELDS}", code="invalid_json")
    body = dict(pairs)
    if len(body) != len(pairs):
        seen = set()
        for name, _ in pairs:
            if name in seen:
                shown = name if len(name) <= 64 else name[:64] + "..."
                raise ValidationError(f"Duplicate field: {shown}", code="duplicate_field", param=shown)
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
            raise ValidationError(f"Request body has too many values: at most {MAX_VALUES}", code="invalid_json")
        for child in children:
            if isinstance(child, (dict, list)):
                if depth >= MAX_DEPTH:
                    raise ValidationError(_TOO_DEEP, code="invalid_json")
                pending.append((child, depth + 1))
