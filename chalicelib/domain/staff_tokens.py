"""Staff sign in with Cognito: `Authorization: Bearer <token>` is verified
here in full and becomes the same `Principal` an API key does.

Accepted: the console app client's access tokens and ID tokens of the
stage's user pool, RS256-signed by a key of the pool's JWKS (read once and
cached; read again once when a token names a key not in it, at most every
`REFETCH_SECONDS`), with `iss` the pool, `client_id` (access) or `aud` (ID)
the console's client, `exp` and `iat` checked with `LEEWAY_SECONDS`. Roles
are the Cognito groups: viewer -> read, fulfilment -> write, manager ->
admin (each scope includes the ones before it). A person in no group is
refused (403, `no_role`); anything else wrong is 401, never a 500.

PyJWT and `cryptography` are imported by this module only, and this module
only when a request carries a Bearer token: an API-key request's cold
start does not load them."""
import json
import threading
import time
import urllib.request
from typing import Dict, Optional

import jwt

from ..core.errors import Forbidden, ServiceUnavailable, Unauthorized
from ..core.settings import get_settings
from ..data import staff_directory
from ..model.actor import Actor
from .auth import Principal, effective_scopes

LEEWAY_SECONDS = 60
REFETCH_SECONDS = 30.0  # an unknown kid reads the JWKS again at most this often
ROLE_SCOPES = {"viewer": "read", "fulfilment": "write", "manager": "admin"}
TOKEN_USES = ("access", "id")

_keys: Dict[str, object] = {}
_fetched_at = [float("-inf")]
_lock = threading.Lock()


def authenticate(token: str) -> Principal:
    claims = verify(token)
    roles = [group for group in claims.get("cognito:groups") or () if group in ROLE_SCOPES]
    if not roles:
        raise Forbidden("Your account has no role yet: ask a manager to give you one", code="no_role")
    sub = claims["sub"]
    username = claims.get("username") or claims.get("cognito:username") or sub
    name = claims.get("name") or claims.get("email") or staff_directory.display_name(username)
    if isinstance(claims.get("auth_time"), int):
        staff_directory.record_sign_in(username, claims["auth_time"])
    return Principal(f"staff_{sub}", effective_scopes(ROLE_SCOPES[role] for role in roles), Actor.staff(sub, name))


def verify(token: str, now: Optional[float] = None) -> dict:
    """The token's claims, once every check passed; else Unauthorized."""
    staff = get_settings().staff
    if not staff.user_pool_id or not staff.client_id:
        raise Unauthorized("This stage has no staff sign-in: use an x-api-key")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise Unauthorized("The Bearer token is not a JWT") from None
    if header.get("alg") != "RS256":  # never none, never HS256 keyed with the public key
        raise Unauthorized("The Bearer token must be signed with RS256")
    key = _signing_key(str(header.get("kid") or ""))
    try:
        claims = jwt.decode(token, key=key, algorithms=["RS256"], issuer=staff.issuer, leeway=LEEWAY_SECONDS,
                            options={"require": ["exp", "iat", "iss", "sub", "token_use"], "verify_aud": False},
                            **({} if now is None else {"now": now}))
    except jwt.ExpiredSignatureError:
        raise Unauthorized("The sign-in has expired: refresh it or sign in again", code="token_expired") from None
    except jwt.PyJWTError as error:
        raise Unauthorized(f"The Bearer token is not valid ({_reason(error)})") from None
    use = claims.get("token_use")
    client = claims.get("client_id") if use == "access" else claims.get("aud") if use == "id" else None
    if use not in TOKEN_USES:
        raise Unauthorized("The Bearer token must be an access or ID token")
    if client != staff.client_id:
        raise Unauthorized("The Bearer token was issued to another client")
    return claims


def _reason(error: Exception) -> str:
    return {jwt.InvalidIssuerError: "issuer", jwt.ImmatureSignatureError: "not yet valid",
            jwt.InvalidSignatureError: "signature", jwt.MissingRequiredClaimError: "claims"}.get(type(error), "format")


def _signing_key(kid: str):
    key = _keys.get(kid)
    if key is not None:
        return key
    with _lock:
        if kid not in _keys and time.monotonic() - _fetched_at[0] >= REFETCH_SECONDS:
            _load_keys()
    key = _keys.get(kid)
    if key is None:
        raise Unauthorized("The Bearer token names a signing key this pool does not have")
    return key


def _load_keys() -> None:
    url = get_settings().staff.keys_url
    try:
        with urllib.request.urlopen(url, timeout=get_settings().aws_timeout_seconds) as response:  # noqa: S310 - our pool
            document = json.load(response)
    except (OSError, ValueError):
        raise ServiceUnavailable("The sign-in keys could not be read; retry shortly") from None
    _fetched_at[0] = time.monotonic()
    keys = {}
    for jwk in document.get("keys", ()):
        if jwk.get("kty") == "RSA" and jwk.get("kid"):
            keys[jwk["kid"]] = jwt.PyJWK(jwk, algorithm="RS256").key
    _keys.clear()
    _keys.update(keys)


def clear_cache() -> None:
    with _lock:
        _keys.clear()
        _fetched_at[0] = float("-inf")
