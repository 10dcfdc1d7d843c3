"""The staff page's routes (managers): list, invite, change a role, disable
and enable, against the emulated Cognito pool `make run` provisions."""
import uuid

import boto3
import pytest

from chalicelib.core.settings import get_settings
from chalicelib.data import staff_directory
from chalicelib.domain import staff
from chalicelib.model.actor import Actor
from ops import staff_pool
from tests.support import WRITE_KEY


@pytest.fixture
def pool(resources, monkeypatch):
    cognito = boto3.client("cognito-idp", region_name="us-east-1")
    # A pool of its own: the per-test reset of the emulated world leaves Cognito alone.
    pool_id, client_id = staff_pool.provision(cognito, f"staff-{uuid.uuid4().hex[:12]}")
    monkeypatch.setenv("OMS_USER_POOL_ID", pool_id)
    monkeypatch.setenv("OMS_USER_POOL_CLIENT_ID", client_id)
    get_settings.cache_clear()
    staff_directory.clear_cache()
    yield cognito, pool_id
    get_settings.cache_clear()


def invite(api, email="ann@example.com", role="viewer"):
    return api.post("/staff", {"email": email, "name": "Ann Example", "role": role})


def test_invite_list_change_role_disable_and_enable(api, pool):
    cognito, pool_id = pool
    assert api.get("/staff").data == {"staff": []}
    invited = invite(api)
    assert invited.status_code == 201, invited.data
    member = invited.data["member"]
    assert (member["email"], member["name"], member["role"], member["enabled"], member["status"], member["last_sign_in"]) == (
        "ann@example.com", "Ann Example", "viewer", True, "FORCE_CHANGE_PASSWORD", None)
    assert api.get("/staff").data["staff"] == [member]

    path = f"/staff/{member['user_id']}"
    assert api.put(path, {"role": "fulfilment"}).data["member"]["role"] == "fulfilment"
    groups = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username=member["user_id"])["Groups"]
    assert [group["GroupName"] for group in groups] == ["fulfilment"]  # the old role is gone
    assert api.put(path, {"enabled": False}).data["member"]["enabled"] is False
    assert cognito.admin_get_user(UserPoolId=pool_id, Username=member["user_id"])["Enabled"] is False
    assert api.put(path, {"enabled": True}).data["member"]["enabled"] is True


def test_the_last_sign_in_is_kept_on_the_account(api, pool):
    member = invite(api).data["member"]
    staff_directory.record_sign_in(member["user_id"], 1_800_000_000)
    assert api.get("/staff").data["staff"][0]["last_sign_in"] == "2027-01-15T08:00:00Z"


def test_refusals(api, pool):
    assert invite(api).status_code == 201
    again = invite(api)
    assert again.status_code == 409 and again.data["code"] == "already_exists"
    assert invite(api, "bo@example.com", role="owner").status_code == 400
    assert api.put("/staff/no-such-person", {"role": "viewer"}).status_code == 404
    assert api.put("/staff/x", {}).data["code"] == "missing_field"
    assert api.get("/staff", key=WRITE_KEY).status_code == 403  # managers (admin) only


def test_a_manager_cannot_lock_themselves_out(api, pool):
    member = invite(api, role="manager").data["member"]
    me = Actor.staff(member["user_id"], "Ann Example")
    for change in ({"enabled": False}, {"role": "viewer"}):
        with pytest.raises(Exception) as refused:
            staff.change(member["user_id"], me, **change)
        assert getattr(refused.value, "code", None) == "invalid_transition"
    assert staff.change(member["user_id"], me, role="manager").role == "manager"
