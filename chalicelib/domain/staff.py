"""The staff page's use cases (managers only: the routes' admin scope):
list the people who may sign in, invite one with a role, change a role,
disable or enable an account. A manager cannot disable themselves or take
their own manager role away: someone must be left to undo it."""
from typing import List, Optional

from ..core.errors import Conflict, Unauthorized
from ..core.settings import get_settings
from ..data import staff_directory
from ..data.staff_directory import StaffMember
from ..model.actor import STAFF, Actor
from .staff_tokens import ROLE_SCOPES

ROLES = tuple(ROLE_SCOPES)  # viewer, fulfilment, manager: lowest first


def _pool_configured() -> None:
    if not get_settings().staff.user_pool_id:
        raise Unauthorized("This stage has no staff sign-in", code="invalid_token")


def list_staff() -> List[StaffMember]:
    _pool_configured()
    return staff_directory.list_staff(ROLES)


def invite(email: str, name: str, role: str) -> StaffMember:
    _pool_configured()
    return staff_directory.invite(email, name, role, ROLES)


def change(user_id: str, actor: Actor, role: Optional[str] = None, enabled: Optional[bool] = None) -> StaffMember:
    _pool_configured()
    if actor.type == STAFF and actor.id == user_id and (enabled is False or (role is not None and role != "manager")):
        raise Conflict("You cannot disable yourself or give up your own manager role: ask another manager",
                       code="invalid_transition")
    return staff_directory.change(user_id, ROLES, role=role, enabled=enabled)
