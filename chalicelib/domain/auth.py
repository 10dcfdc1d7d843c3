"""API keys: stored only as SHA-256 hashes, checked in the app so the check is
the same under `chalice local`, `chalice.test.Client` and API Gateway.

A verified key is cached in the warm Lambda for `api_key_cache_seconds`
(like an API Gateway authorizer cache): a revoked key stops working in every
container within that time. The key itself is never logged or stored; its
`key_id` identifies the caller in logs, its name in history."""
import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

from pynamodb.exceptions import PutError

from ..core.clock import now_iso
from ..core.errors import Conflict, Forbidden, NotFound, ValidationError
from ..core.settings import get_settings
from ..data.models import ApiKey
from ..model.actor import Actor

SCOPES = ("read", "write", "admin")
# Each scope includes the ones before it.
_IMPLIED = {"read": {"read"}, "write": {"read", "write"}, "admin": {"read", "write", "admin"}}
MAX_KEY_LENGTH = 256
_CACHE_LIMIT = 1024


@dataclass(frozen=True)
class Principal:
    """Who is calling: `caller_id` scopes their Idempotency-Keys and names
    them in logs (a key's id, or `staff_<sub>`); `actor` names them in history."""
    caller_id: str
    scopes: FrozenSet[str]
    actor: Actor

    def allows(self, scope: str) -> bool:
        return scope in self.scopes


_cache: Dict[str, Tuple[float, Optional[Principal]]] = {}


def hash_key(api_key: str) -> str:
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()


def key_id_for(key_hash: str) -> str:
    return f"key_{key_hash[:12]}"


def effective_scopes(scopes: Iterable[str]) -> FrozenSet[str]:
    granted = set()
    for scope in scopes:
        granted |= _IMPLIED.get(scope, set())
    return frozenset(granted)


def authenticate(api_key: Optional[str]) -> Principal:
    if not api_key or len(api_key) > MAX_KEY_LENGTH:
        raise Forbidden()
    key_hash = hash_key(api_key)
    now = time.monotonic()
    cached = _cache.get(key_hash)
    if cached is not None and cached[0] > now:
        principal = cached[1]
    else:
        principal = _load(key_hash)
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        _cache[key_hash] = (now + get_settings().api_key_cache_seconds, principal)
    if principal is None:
        raise Forbidden()
    return principal


def _load(key_hash: str) -> Optional[Principal]:
    try:
        item = ApiKey.get(key_hash)
    except ApiKey.DoesNotExist:
        return None
    # The lookup is by hash; comparing in constant time as well costs nothing.
    if not hmac.compare_digest(item.key_hash, key_hash) or item.revoked:
        return None
    return Principal(item.key_id, effective_scopes(item.scopes), Actor.api_key(item.key_id, item.name))


def require(principal: Principal, scope: str) -> None:
    if not principal.allows(scope):
        raise Forbidden()


def clear_cache() -> None:
    _cache.clear()


# ---------------------------------------------------------------- key management (CLI, provisioning)

def _check_scopes(scopes: List[str]) -> List[str]:
    unknown = [scope for scope in scopes if scope not in SCOPES]
    if unknown or not scopes:
        raise ValidationError(f"scopes must be some of: {', '.join(SCOPES)}")
    return scopes


def register_key(api_key: str, name: str, scopes: List[str]) -> ApiKey:
    """Store `api_key` (its hash). Idempotent for the same key."""
    key_hash = hash_key(api_key)
    item = ApiKey(key_hash, key_id=key_id_for(key_hash), name=name, scopes=set(_check_scopes(scopes)),
                  revoked=False, created_at=now_iso())
    try:
        item.save(condition=ApiKey.key_hash.does_not_exist())
    except PutError as error:
        if getattr(error, "cause_response_code", None) != "ConditionalCheckFailedException":
            raise
        return ApiKey.get(key_hash)
    return item


def create_key(name: str, scopes: List[str]) -> Tuple[str, ApiKey]:
    import secrets  # key management only, never on a request

    api_key = "oms_" + secrets.token_urlsafe(32)
    return api_key, register_key(api_key, name, scopes)


def list_keys() -> List[ApiKey]:
    # Admin tooling only: the keys table is tiny and never read this way by a request.
    return sorted(ApiKey.scan(), key=lambda item: item.created_at)


def revoke_key(key_id: str) -> ApiKey:
    for item in ApiKey.scan(ApiKey.key_id == key_id):
        if item.revoked:
            raise Conflict(f"Key {key_id} is already revoked")
        item.update(actions=[ApiKey.revoked.set(True), ApiKey.revoked_at.set(now_iso())])
        return item
    raise NotFound(f"Key {key_id} not found")
