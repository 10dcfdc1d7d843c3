"""The staff page's handlers (managers: the admin scope)."""
from chalice import Response

from ..contract.staff import STAFF_MEMBER
from ..domain import staff
from .api import Call, identifier_in_path
from .responses import json_response


def list_staff(call: Call) -> Response:
    return json_response({"staff": [STAFF_MEMBER.render(member) for member in staff.list_staff()]})


def invite(call: Call) -> Response:
    body = call.body
    member = staff.invite(body["email"], body["name"], body["role"])
    return json_response({"message": f"Invited {member.email}: Cognito e-mails them a temporary password",
                          "member": STAFF_MEMBER.render(member)}, 201)


def change(call: Call) -> Response:
    member = staff.change(identifier_in_path(call, "user_id", "Person"), call.actor, role=call.body.get("role"),
                          enabled=call.body.get("enabled"))
    return json_response({"message": f"Saved {member.email}", "member": STAFF_MEMBER.render(member)})
