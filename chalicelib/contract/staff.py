"""The staff page's requests and responses (`STAFF_MEMBER`)."""
from typing import Optional

from ..core.errors import Issue
from .spec import Choice, Field, Flag, List_, Record
from .values import BOOLEAN, NULLABLE_STRING, STRING, email, name, nullable, out, response

MAX_STAFF = 10_000
ROLE = Choice(("viewer", "fulfilment", "manager"), name="StaffRole",
              description="viewer: read; fulfilment: also write orders; manager: also the catalog, webhooks and staff")

INVITE_STAFF = Record("InviteStaffRequest", {
    "email": Field(email(), required=True),
    "name": Field(name(), required=True),
    "role": Field(ROLE, required=True),
})


def _one_change(values: dict, path: str) -> Optional[Issue]:
    if not values:
        return Issue("missing_field", None, "Nothing to change: give role or enabled")
    return None


CHANGE_STAFF = Record("ChangeStaffRequest", {
    "role": Field(ROLE),
    "enabled": Field(Flag(description="false disables the account and signs the person out everywhere")),
}, rules=[_one_change], json_extra={"minProperties": 1})

STAFF_MEMBER = response(
    "StaffMember",
    user_id=STRING, email=STRING, name=NULLABLE_STRING,
    role=nullable("string", description="null: in no staff group (cannot use the console)"),
    enabled=BOOLEAN,
    status=out("string", description="FORCE_CHANGE_PASSWORD until the first sign-in, then CONFIRMED"),
    created_at=STRING,
    last_sign_in=nullable("string", description="When the person last signed in (UTC); null: never"),
)
STAFF_LIST = response("StaffList", staff=List_(STAFF_MEMBER, MAX_STAFF, min_items=0))
STAFF_SAVED = response("StaffSaved", message=STRING, member=STAFF_MEMBER)
