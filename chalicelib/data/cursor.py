"""Opaque `next_token` cursors: base64url JSON and an HMAC of it under the
stage's cursor secret (`OMS_CURSOR_SECRET`), checked on the way back in.

A token is a position the API handed out, never something a client may
compose: a token edited in any way (its page, its position, its filters) no
longer carries a valid signature. Like a token that does not decode, it is
well-formed text the API did not issue: 422 `invalid_cursor`."""
import base64
import binascii
import hashlib
import hmac
import json
from typing import Any, Dict

from ..core.errors import Unprocessable
from ..core.settings import get_settings

MAX_TOKEN = 2048
SIGNATURE_BYTES = 16
SIGNATURE_CHARS = 22  # base64url of 16 bytes, unpadded: the token's last characters


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode("ascii"))


def _signature(payload: str) -> bytes:
    secret = get_settings().cursor_secret
    if not secret:  # a stage deployed without one: refuse rather than sign with a known key
        raise RuntimeError("OMS_CURSOR_SECRET is not set")
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()[:SIGNATURE_BYTES]


def encode(state: Dict[str, Any]) -> str:
    payload = _b64(json.dumps(state, separators=(",", ":"), sort_keys=True).encode())
    return payload + _b64(_signature(payload))


def decode(token: str) -> Dict[str, Any]:
    if not isinstance(token, str) or not SIGNATURE_CHARS < len(token) <= MAX_TOKEN:
        raise invalid()
    payload, signature = token[:-SIGNATURE_CHARS], token[-SIGNATURE_CHARS:]
    try:
        if not hmac.compare_digest(_unb64(signature), _signature(payload)):
            raise invalid()
        state = json.loads(_unb64(payload))
    except (ValueError, binascii.Error, UnicodeError):
        raise invalid() from None
    if not isinstance(state, dict):
        raise invalid()
    return state


def invalid(message: str = "Invalid next_token") -> Unprocessable:
    return Unprocessable(message, code="invalid_cursor", param="next_token")
