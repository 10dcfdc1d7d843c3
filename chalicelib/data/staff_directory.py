"""The people of the user pool, read through Cognito's admin API: a
person's display name for history (an access token carries only a user
name), cached in the warm Lambda for `staff.name_cache_seconds`."""
import time
from typing import Dict, Tuple

from botocore.exceptions import BotoCoreError, ClientError

from ..core.settings import get_settings
from .aws import get_cognito_client

_names: Dict[str, Tuple[float, str]] = {}
_CACHE_LIMIT = 1024


def display_name(username: str) -> str:
    """The person's name, else their e-mail, else the user name itself."""
    now = time.monotonic()
    cached = _names.get(username)
    if cached is not None and cached[0] > now:
        return cached[1]
    staff = get_settings().staff
    try:
        user = get_cognito_client().admin_get_user(UserPoolId=staff.user_pool_id, Username=username)
    except (ClientError, BotoCoreError):
        return username  # history still gets a name; the next request looks again
    attributes = {item["Name"]: item["Value"] for item in user.get("UserAttributes", ())}
    name = attributes.get("name") or attributes.get("email") or username
    if len(_names) >= _CACHE_LIMIT:
        _names.clear()
    _names[username] = (now + staff.name_cache_seconds, name)
    return name


def clear_cache() -> None:
    _names.clear()
