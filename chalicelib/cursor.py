"""Opaque `next_token` cursors: base64url JSON, checked on the way back in."""
import base64
import binascii
import json
from typing import Any, Dict

from .errors import ValidationError


def encode(state: Dict[str, Any]) -> str:
    raw = json.dumps(state, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str) -> Dict[str, Any]:
    if not isinstance(token, str) or len(token) > 2048:
        raise ValidationError("Invalid next_token")
    try:
        padded = token + "=" * (-len(token) % 4)
        state = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        raise ValidationError("Invalid next_token")
    if not isinstance(state, dict):
        raise ValidationError("Invalid next_token")
    return state
