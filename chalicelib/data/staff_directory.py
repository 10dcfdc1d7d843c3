"""The people of the user pool, through Cognito's admin API: a person's
display name for history (an access token carries only a user name),
cached in the warm Lambda for `staff.name_cache_seconds`; the staff page's
list, invitations, role changes and disabling; the last sign-in, kept on
the person's account (Cognito does not list it)."""
import datetime
import time
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from botocore.exceptions import BotoCoreError, ClientError

from ..core.errors import Conflict, NotFound, Unprocessable
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
    _signed_in.clear()


# ---------------------------------------------------------------- the staff page (managers)

@dataclass(frozen=True)
class StaffMember:
    user_id: str  # Cognito's user name: the person's sub
    email: str
    name: Optional[str]
    role: Optional[str]
    enabled: bool
    status: str  # Cognito's: FORCE_CHANGE_PASSWORD until the first sign-in, then CONFIRMED
    created_at: str
    last_sign_in: Optional[str]


def list_staff(roles: Sequence[str]) -> List[StaffMember]:
    """Every person of the pool with their role (a staff list is small:
    one ListUsers page of 60 per call, one group lookup per person)."""
    cognito, pool = get_cognito_client(), get_settings().staff.user_pool_id
    members, token = [], None
    while True:
        page = _call(cognito.list_users, UserPoolId=pool, Limit=60, **({"PaginationToken": token} if token else {}))
        members += [_member(user, _role_of(user["Username"], roles)) for user in page["Users"]]
        token = page.get("PaginationToken")
        if not token:
            return sorted(members, key=lambda member: (member.name or member.email).lower())


def invite(email: str, name: str, role: str, roles: Sequence[str]) -> StaffMember:
    """A new person; Cognito e-mails them a temporary password to change at first sign-in."""
    cognito, pool = get_cognito_client(), get_settings().staff.user_pool_id
    user = _call(cognito.admin_create_user, UserPoolId=pool, Username=email, DesiredDeliveryMediums=["EMAIL"],
                 UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"},
                                 {"Name": "name", "Value": name}])["User"]
    _call(cognito.admin_add_user_to_group, UserPoolId=pool, Username=user["Username"], GroupName=role)
    return _member(user, role)


def change(user_id: str, roles: Sequence[str], role: Optional[str] = None, enabled: Optional[bool] = None) -> StaffMember:
    """A new role (the person's other staff groups left), disabled (and
    signed out everywhere: their refresh tokens stop at once) or enabled."""
    cognito, pool = get_cognito_client(), get_settings().staff.user_pool_id
    if role is not None:
        for other in roles:
            if other != role:
                _call(cognito.admin_remove_user_from_group, UserPoolId=pool, Username=user_id, GroupName=other)
        _call(cognito.admin_add_user_to_group, UserPoolId=pool, Username=user_id, GroupName=role)
    if enabled is False:
        _call(cognito.admin_disable_user, UserPoolId=pool, Username=user_id)
        _call(cognito.admin_user_global_sign_out, UserPoolId=pool, Username=user_id)
    elif enabled is True:
        _call(cognito.admin_enable_user, UserPoolId=pool, Username=user_id)
    user = _call(cognito.admin_get_user, UserPoolId=pool, Username=user_id)
    return _member({**user, "Attributes": user.get("UserAttributes", [])}, _role_of(user_id, roles))


def record_sign_in(user_id: str, auth_time: int) -> None:
    """Keeps when the person last signed in (a token's auth_time) on their
    account, once per sign-in per warm Lambda; best effort."""
    if _signed_in.get(user_id) == auth_time:
        return
    stamp = datetime.datetime.fromtimestamp(auth_time, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        get_cognito_client().admin_update_user_attributes(
            UserPoolId=get_settings().staff.user_pool_id, Username=user_id,
            UserAttributes=[{"Name": LAST_SIGN_IN, "Value": stamp}])
    except (ClientError, BotoCoreError):
        return  # the list shows the previous one; the next request tries again
    if len(_signed_in) >= _CACHE_LIMIT:
        _signed_in.clear()
    _signed_in[user_id] = auth_time


LAST_SIGN_IN = "custom:last_sign_in"
_signed_in: Dict[str, int] = {}


def _role_of(user_id: str, roles: Sequence[str]) -> Optional[str]:
    groups = {group["GroupName"] for group in _call(get_cognito_client().admin_list_groups_for_user,
                                                    UserPoolId=get_settings().staff.user_pool_id,
                                                    Username=user_id)["Groups"]}
    return next((role for role in reversed(roles) if role in groups), None)  # the highest


def _member(user: dict, role: Optional[str]) -> StaffMember:
    attributes = {item["Name"]: item["Value"] for item in user.get("Attributes", ())}
    created = user.get("UserCreateDate")
    return StaffMember(user_id=user["Username"], email=attributes.get("email", ""), name=attributes.get("name"),
                       role=role, enabled=bool(user.get("Enabled", True)), status=user.get("UserStatus", ""),
                       created_at=created.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
                       if isinstance(created, datetime.datetime) else str(created or ""),
                       last_sign_in=attributes.get(LAST_SIGN_IN))


def _call(method, **kwargs):
    try:
        return method(**kwargs)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code")
        if code == "UserNotFoundException":
            raise NotFound("No such person") from None
        if code == "UsernameExistsException":
            raise Conflict(f"{kwargs.get('Username')} already has an account", code="already_exists",
                           param="email") from None
        if code == "InvalidParameterException":  # Cognito refused a value (e.g. an address it does not take)
            raise Unprocessable(error.response["Error"].get("Message") or "Cognito refused the request") from None
        raise
