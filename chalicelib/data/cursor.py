"""Opaque `next_token` cursors: base64url JSON, checked on the way back in.
A token that does not decode is well-formed text the API did not issue: 422."""
import base64
import binascii
import json
from typing import Any, Dict

from ..core.errors import Unprocessable


def encode(state: Dict[str, Any]) -> str:
    raw = json.dumps(state, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str) -> Dict[str, Any]:
    if not isinstance(token, str) or len(token) > 2048:
        raise invalid()
    try:
        padded = token + "=" * (-len(token) % 4)
        state = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        raise invalid() from None
    if not isinstance(state, dict):
        raise invalid()
    return state


def invalid(message: str = "Invalid next_token") -> Unprocessable:
    return Unprocessable(message, code="invalid_cursor", param="next_token")
