"""Staff sign in to the console as themselves, against the local stack's
Cognito (the emulator's user pool): the new-password challenge of an invited
person, acting under their own name, a token refreshed mid-session without
losing the page, sign out revoking the refresh token, and a viewer seeing no
edit buttons."""
import re
import uuid

import pytest
from botocore.exceptions import ClientError
from playwright.sync_api import expect

from ops import staff_pool
from ops.run_local import DEMO_MANAGER
from tests.browser_support import customer_body, settled_order, unlabelled_controls

TEMPORARY, CHOSEN = "Temporary-pass-1", "Chosen-password-42"
STORED = "() => JSON.parse(sessionStorage.getItem('oms.staff'))"


def invite(local_stack, role):
    email, name = f"{role}.{uuid.uuid4().hex[:8]}@example.com", f"{role.title()} {uuid.uuid4().hex[:4]}"
    staff_pool.add_person(local_stack.aws_client("cognito-idp"), local_stack.info["user_pool_id"], email, name, role,
                          temporary_password=TEMPORARY)
    return email, name


def sign_in_first_time(console, email):
    page = console.open("")
    expect(page).to_have_url(re.compile(r"#/sign-in\?next="))
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(TEMPORARY)
    assert unlabelled_controls(page) == []
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Choose a password")).to_be_visible()
    page.get_by_label("New password", exact=True).fill(CHOSEN)
    page.get_by_label("New password again").fill(CHOSEN)
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page).to_have_url(re.compile(r"#/orders$"))
    return page


def test_sign_in_with_the_new_password_challenge_act_refresh_and_sign_out(console, local_stack, http):
    email, name = invite(local_stack, "fulfilment")
    order = settled_order(http, customer_body("Signed In"), [("PROD002", 1)])
    page = sign_in_first_time(console, email)
    expect(page.locator("#connection-label")).to_have_text(f"{name} · fulfilment")
    assert page.evaluate("() => localStorage.getItem('oms.staff')") is None  # tokens never on the device

    # Act: ship the order from its page; the history names the person.
    page.goto(f"{local_stack.web_url}/#/orders/{order['order_id']}")
    page.get_by_role("button", name="Mark shipped").click()  # asks for tracking and carrier, then confirms
    page.get_by_role("button", name="Confirm: mark shipped").click()
    expect(console.header_status()).to_have_text("Shipped")
    expect(page.locator(".timeline")).to_contain_text(f"by {name}")
    assert http.get(f"/orders/{order['order_id']}").data["history"][-1]["actor"]["name"] == name

    # An hour later (the ID token expired meanwhile) the page is still there and still works: refreshed.
    before = page.evaluate(STORED)
    page.clock.install()
    page.clock.fast_forward("01:05:00")
    page.get_by_role("button", name="Mark delivered").click()
    expect(console.header_status()).to_have_text("Delivered")
    expect(page).to_have_url(re.compile(rf"#/orders/{order['order_id']}$"))
    expect(page.locator("#connection-label")).to_have_text(f"{name} · fulfilment")
    after = page.evaluate(STORED)
    assert after["idToken"] != before["idToken"] and after["refreshToken"] == before["refreshToken"]

    # Sign out: back to the sign-in page, nothing kept, the refresh token revoked at Cognito.
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"#/sign-in$"))
    assert page.evaluate("() => sessionStorage.getItem('oms.staff')") is None
    cognito = local_stack.aws_client("cognito-idp")
    with pytest.raises(ClientError):
        cognito.initiate_auth(ClientId=local_stack.info["user_pool_client_id"], AuthFlow="REFRESH_TOKEN_AUTH",
                              AuthParameters={"REFRESH_TOKEN": after["refreshToken"]})
    console.open("#/orders")
    expect(page).to_have_url(re.compile(r"#/sign-in\?next="))


def test_a_viewer_sees_no_edit_buttons_and_a_wrong_password_is_said_plainly(console, local_stack, http):
    email, name = invite(local_stack, "viewer")
    order = settled_order(http, customer_body("Viewer Sees"), [("PROD002", 1)])
    page = console.open("#/sign-in")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill("not-the-password")
    console.expect_failure(local_stack.aws_url, 400)  # Cognito refuses the wrong password
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("Wrong e-mail or password.")
    sign_in_first_time(console, email)
    expect(page.get_by_role("link", name="New order")).to_be_hidden()
    expect(page.get_by_role("link", name="Staff")).to_be_hidden()  # managers only
    page.goto(f"{local_stack.web_url}/#/orders/{order['order_id']}")
    expect(console.header_status()).to_have_text("Processing")
    expect(page.get_by_role("button", name="Mark shipped")).to_be_hidden()
    expect(page.get_by_role("button", name="Save changes")).to_be_hidden()


def test_the_developer_connection_is_behind_a_link(console, local_stack):
    page = console.open("")
    page.get_by_role("link", name="Developer connection").click()
    expect(page.get_by_role("heading", name="Connect to the Order API")).to_be_visible()


def test_a_manager_invites_changes_a_role_and_disables_a_person(console, local_stack):
    page = console.open("#/sign-in")
    page.get_by_label("E-mail").fill(DEMO_MANAGER["email"])
    page.get_by_label("Password").fill(DEMO_MANAGER["password"])
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/orders$"))
    page.get_by_role("link", name="Staff").click()
    expect(page.get_by_role("heading", name="Staff", exact=True)).to_be_visible()
    me = page.locator("tr", has_text=DEMO_MANAGER["email"])
    expect(me).to_contain_text("You")
    expect(me.locator('td[data-label="Last sign-in"]')).not_to_have_text("Never")  # this sign-in, recorded by the API

    email = f"new.{uuid.uuid4().hex[:8]}@example.com"
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Name").fill("New Colleague")
    page.get_by_label("Role", exact=True).select_option("viewer")
    page.get_by_role("button", name="Invite").click()
    expect(console.message()).to_contain_text(f"Invited {email}")
    row = page.locator("tr", has_text=email)
    expect(row).to_contain_text("Invited (has not signed in yet)")
    expect(row.locator('td[data-label="Last sign-in"]')).to_have_text("Never")
    row.get_by_label("Role of New Colleague").select_option("fulfilment")
    row.get_by_role("button", name="Change role").click()
    expect(console.message()).to_contain_text("New Colleague is now fulfilment")
    row.get_by_role("button", name="Disable").click()
    expect(console.message()).to_contain_text("disabled and signed out everywhere")
    expect(row).to_contain_text("Disabled")
    assert unlabelled_controls(page) == []
    user = local_stack.aws_client("cognito-idp").admin_get_user(UserPoolId=local_stack.info["user_pool_id"], Username=email)
    assert user["Enabled"] is False and {"Name": "name", "Value": "New Colleague"} in user["UserAttributes"]


def test_a_token_refused_as_expired_in_flight_is_refreshed_and_the_request_sent_again(console, local_stack, http):
    email, name = invite(local_stack, "fulfilment")
    order = settled_order(http, customer_body("Expired Midway"), [("PROD002", 1)])
    page = sign_in_first_time(console, email)
    page.goto(f"{local_stack.web_url}/#/orders/{order['order_id']}")
    expect(console.header_status()).to_have_text("Processing")
    before = page.evaluate(STORED)
    refused = []

    def expire_once(route):
        if not refused and route.request.method == "PUT":
            refused.append(route.request.headers.get("authorization"))
            route.fulfill(status=401, json={"message": "The sign-in has expired", "code": "token_expired"})
        else:
            route.continue_()

    page.route(f"{local_stack.api_url}/orders/**", expire_once)
    console.expect_failure(f"/orders/{order['order_id']}", 401)  # the expired token, refused once
    page.get_by_role("button", name="Mark shipped").click()  # asks for tracking and carrier, then confirms
    page.get_by_role("button", name="Confirm: mark shipped").click()
    expect(console.header_status()).to_have_text("Shipped")  # the same click, sent again with a fresh token
    assert refused == [f"Bearer {before['idToken']}"]
    assert page.evaluate(STORED)["idToken"] != before["idToken"]
    expect(page.locator(".timeline")).to_contain_text(f"by {name}")
