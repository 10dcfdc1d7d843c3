"""Staff sign-in: a Cognito token as `Authorization: Bearer`, verified in
full, on every route beside API keys; every bad token a 401 (or the 403 of
a person with no role) with {message, code}, never a 500."""
import base64
import hashlib
import hmac
import json
import subprocess
import sys
import time

import jwt
import pytest

from chalicelib.core.settings import get_settings
from chalicelib.domain import staff_tokens
from tests.staff_support import CLIENT_ID, POOL_ID, StandInPool
from tests.support import ROOT

pytestmark = pytest.mark.usefixtures("without_workflow")
ORDER = {"customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 1}]}


@pytest.fixture
def pool(resources, monkeypatch):
    monkeypatch.setenv("OMS_USER_POOL_ID", POOL_ID)
    monkeypatch.setenv("OMS_USER_POOL_CLIENT_ID", CLIENT_ID)
    get_settings.cache_clear()
    stand_in = StandInPool()
    monkeypatch.setattr(staff_tokens.urllib.request, "urlopen", stand_in.urlopen)
    staff_tokens.clear_cache()
    yield stand_in
    staff_tokens.clear_cache()
    get_settings.cache_clear()


def bearer(api, token, method="GET", path="/orders", body=None):
    return api.call(method, path, body, key=None, headers={"Authorization": f"Bearer {token}"})


def refused(response, status, code):
    return response.status_code == status and set(response.data) == {"message", "code"} and response.data["code"] == code


def test_a_good_access_token_reads_and_its_keys_are_fetched_once(api, pool):
    for _ in range(3):
        assert bearer(api, pool.token(groups=("viewer",))).status_code == 200
    assert pool.fetches == 1


def test_a_manager_creates_an_order_and_the_history_names_them(api, pool):
    token = pool.token(use="id", sub="sub-ann")
    created = bearer(api, token, "POST", "/orders", ORDER)
    assert created.status_code == 201, created.data
    assert created.data["order"]["history"][0]["actor"] == {"type": "staff", "id": "sub-ann", "name": "Ann Operator"}


def test_an_access_token_without_a_name_is_named_by_the_directory_or_its_user_name(api, pool):
    created = bearer(api, pool.token(sub="sub-bo", username="bo@example.com"), "POST", "/orders", ORDER)
    # The stand-in pool is not in the emulator: the lookup fails and the user name names them.
    assert created.data["order"]["history"][0]["actor"] == {"type": "staff", "id": "sub-bo", "name": "bo@example.com"}


@pytest.mark.parametrize("groups, allowed", [
    (("viewer",), {"read"}), (("fulfilment",), {"read", "write"}), (("manager",), {"read", "write", "admin"}),
    (("viewer", "manager"), {"read", "write", "admin"}),
])
def test_groups_map_to_scopes(api, pool, groups, allowed):
    token = pool.token(groups=groups)
    assert (bearer(api, token).status_code == 200) == ("read" in allowed)
    wrote = bearer(api, token, "POST", "/orders", ORDER)
    assert wrote.status_code == 201 if "write" in allowed else refused(wrote, 403, "forbidden")
    product = bearer(api, token, "PUT", "/products/PROD001", {"description": "admin only"})
    assert product.status_code == 200 if "admin" in allowed else refused(product, 403, "forbidden")


@pytest.mark.parametrize("groups", [None, (), ("warehouse",)])
def test_a_person_in_no_staff_group_is_403(api, pool, groups):
    assert refused(bearer(api, pool.token(groups=groups)), 403, "no_role")


def test_expired_is_401_token_expired_beyond_the_leeway_only(api, pool):
    now = int(time.time())
    assert bearer(api, pool.token(iat=now - 1000, exp=now - 30)).status_code == 200  # within 60 s
    assert refused(bearer(api, pool.token(iat=now - 1000, exp=now - 90)), 401, "token_expired")


def test_not_yet_valid_is_401(api, pool):
    now = int(time.time())
    assert bearer(api, pool.token(iat=now + 30)).status_code == 200  # clock skew within 60 s
    assert refused(bearer(api, pool.token(iat=now + 300, exp=now + 1200)), 401, "invalid_token")
    assert refused(bearer(api, pool.token(nbf=now + 300)), 401, "invalid_token")


@pytest.mark.parametrize("claims", [
    {"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other"},
    {"iss": "https://evil.example.com"},
    {"client_id": "another-client"},
    {"token_use": "refresh"},
    {"token_use": None},
    {"exp": None},
    {"iat": None},
])
def test_another_pool_client_or_kind_of_token_is_401(api, pool, claims):
    assert refused(bearer(api, pool.token(**claims)), 401, "invalid_token")


def test_an_id_token_is_accepted_for_its_own_client_only(api, pool):
    assert bearer(api, pool.token(use="id")).status_code == 200
    assert refused(bearer(api, pool.token(use="id", aud="another-client")), 401, "invalid_token")
    # An ID token has aud, not client_id: one passed off as an access token is refused.
    assert refused(bearer(api, pool.token(use="id", token_use="access")), 401, "invalid_token")


def test_alg_none_is_401(api, pool):
    unsigned = jwt.encode(jwt.decode(pool.token(), options={"verify_signature": False}), None, algorithm="none",
                          headers={"kid": "key-1"})
    assert refused(bearer(api, unsigned), 401, "invalid_token")


def test_hs256_signed_with_the_public_key_is_401(api, pool):
    claims = jwt.decode(pool.token(), options={"verify_signature": False})
    forged = ".".join([_b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "key-1"})), _b64(json.dumps(claims))])
    signature = hmac.new(pool.public_pem, forged.encode(), hashlib.sha256).digest()
    assert refused(bearer(api, f"{forged}.{_b64(signature)}"), 401, "invalid_token")


def test_an_unknown_kid_reads_the_keys_again_once_then_is_401(api, pool, monkeypatch):
    assert bearer(api, pool.token()).status_code == 200
    monkeypatch.setattr(staff_tokens, "REFETCH_SECONDS", 0)
    assert refused(bearer(api, pool.token(headers={"kid": "rotated"})), 401, "invalid_token")
    assert pool.fetches == 2  # the first read, then one more for the unknown kid
    pool.kids.append("rotated")  # the pool rotated its keys: the next read finds it
    assert bearer(api, pool.token(headers={"kid": "rotated"})).status_code == 200
    assert pool.fetches == 3


def test_unknown_kids_do_not_make_every_request_read_the_keys(api, pool):
    for _ in range(3):
        assert refused(bearer(api, pool.token(headers={"kid": "nope"})), 401, "invalid_token")
    assert pool.fetches == 1


def test_a_tampered_payload_or_another_key_is_401(api, pool):
    header, _, signature = pool.token(groups=("viewer",)).split(".")
    claims = jwt.decode(pool.token(groups=("manager",)), options={"verify_signature": False})
    assert refused(bearer(api, f"{header}.{_b64(json.dumps(claims))}.{signature}"), 401, "invalid_token")
    assert refused(bearer(api, pool.token(key=StandInPool().private_key)), 401, "invalid_token")


@pytest.mark.parametrize("token", ["garbage", "a.b.c", "e30.e30.", "x" * 5000, "ünïcode.ü.ü"])
def test_malformed_tokens_are_401(api, pool, token):
    assert refused(bearer(api, token), 401, "invalid_token")


def test_unreadable_keys_are_503_not_500(api, pool, monkeypatch):
    def down(url, timeout=None):
        raise OSError("connection refused")

    monkeypatch.setattr(staff_tokens.urllib.request, "urlopen", down)
    response = bearer(api, pool.token())
    assert response.status_code == 503 and response.data["code"] == "service_unavailable"


def test_a_stage_without_a_pool_refuses_tokens_and_keys_still_work(api, resources):
    assert refused(bearer(api, StandInPool().token()), 401, "invalid_token")
    assert api.get("/orders").status_code == 200


def test_an_api_key_request_never_loads_the_jwt_library():
    script = ("import sys, json; from chalice.test import Client; import app\n"
              "with Client(app.app) as client: status = client.http.get('/orders').status_code\n"
              "print(json.dumps([status, sorted(m for m in ('jwt', 'cryptography') if m in sys.modules)]))")
    env = {"PATH": "/usr/bin:/bin", "OMS_STAGE": "test", "AWS_DEFAULT_REGION": "us-east-1"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [403, []], out.stderr


def _b64(data) -> str:
    raw = data.encode() if isinstance(data, str) else data
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_with_both_credentials_the_api_key_counts(api, pool):
    both = api.call("GET", "/orders", headers={"Authorization": "Bearer not-a-token"})
    assert both.status_code == 200
    assert refused(api.call("GET", "/orders", key="wrong", headers={"Authorization": f"Bearer {pool.token()}"}),
                   403, "forbidden")
