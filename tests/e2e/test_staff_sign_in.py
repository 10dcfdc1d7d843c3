"""Staff sign in through the local stack's Cognito (the emulator's user pool
`make run` creates, with its demo manager): the API takes their tokens, the
history names them, roles hold, a disabled person's refresh stops working,
and API keys work as before."""
import uuid

import pytest
from botocore.exceptions import ClientError

from ops import staff_pool
from ops.run_local import DEMO_MANAGER

ORDER = {"customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 1}]}


@pytest.fixture(scope="module")
def cognito(local_stack):
    return local_stack.aws_client("cognito-idp")


@pytest.fixture(scope="module")
def pool(local_stack):
    return local_stack.info["user_pool_id"], local_stack.info["user_pool_client_id"]


def sign_in(cognito, client_id, email, password):
    return cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": email, "PASSWORD": password})


def invited(cognito, pool, role):
    """A new person with `role`, past the new-password challenge of their first sign-in."""
    pool_id, client_id = pool
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.com"
    staff_pool.add_person(cognito, pool_id, email, f"{role.title()} Person", role, temporary_password="Temporary-pass-1")
    first = sign_in(cognito, client_id, email, "Temporary-pass-1")
    assert first["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    answered = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED",
                                                 Session=first["Session"],
                                                 ChallengeResponses={"USERNAME": email, "NEW_PASSWORD": "Chosen-pass-123"})
    return email, answered["AuthenticationResult"]


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_the_demo_manager_signs_in_creates_an_order_and_the_history_names_them(http, cognito, pool):
    tokens = sign_in(cognito, pool[1], DEMO_MANAGER["email"], DEMO_MANAGER["password"])["AuthenticationResult"]
    created = http.post("/orders", ORDER, key=None, headers=bearer(tokens["IdToken"]))
    assert created.status_code == 201, created.data
    actor = created.data["order"]["history"][0]["actor"]
    assert (actor["type"], actor["name"]) == ("staff", DEMO_MANAGER["name"])
    # An access token carries no name: the API looks the person up in the pool.
    edited = http.put(f"/orders/{created.data['order_id']}", {"status": "cancelled", "reason": "checked"}, key=None,
                      headers=bearer(tokens["AccessToken"]))
    assert edited.status_code == 200, edited.data
    assert edited.data["order"]["history"][-1]["actor"] == actor


def test_a_viewer_reads_but_may_not_change(http, cognito, pool):
    _, tokens = invited(cognito, pool, "viewer")
    order_id = http.post("/orders", ORDER).data["order_id"]
    assert http.get(f"/orders/{order_id}", key=None, headers=bearer(tokens["IdToken"])).status_code == 200
    refused = http.put(f"/orders/{order_id}", {"status": "cancelled"}, key=None, headers=bearer(tokens["IdToken"]))
    assert refused.status_code == 403 and refused.data["code"] == "forbidden"


def test_a_disabled_persons_refresh_fails_and_sign_out_revokes_the_refresh_token(cognito, pool):
    pool_id, client_id = pool
    email, tokens = invited(cognito, pool, "fulfilment")
    refresh = {"ClientId": client_id, "AuthFlow": "REFRESH_TOKEN_AUTH",
               "AuthParameters": {"REFRESH_TOKEN": tokens["RefreshToken"]}}
    assert cognito.initiate_auth(**refresh)["AuthenticationResult"]["IdToken"]
    cognito.admin_disable_user(UserPoolId=pool_id, Username=email)
    cognito.admin_user_global_sign_out(UserPoolId=pool_id, Username=email)
    with pytest.raises(ClientError) as refused:
        cognito.initiate_auth(**refresh)
    assert refused.value.response["Error"]["Code"] == "NotAuthorizedException"

    _, other = invited(cognito, pool, "viewer")
    cognito.revoke_token(Token=other["RefreshToken"], ClientId=client_id)  # the console's Sign out
    with pytest.raises(ClientError):
        cognito.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                              AuthParameters={"REFRESH_TOKEN": other["RefreshToken"]})


def test_api_keys_are_unchanged_and_a_bad_token_is_401(http):
    assert http.get("/orders").status_code == 200
    refused = http.get("/orders", key=None, headers=bearer("not-a-token"))
    assert refused.status_code == 401 and refused.data["code"] == "invalid_token"
