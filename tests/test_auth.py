"""API keys: missing, unknown, revoked, scopes; the key CLI."""
import pytest

from chalicelib.core.settings import get_settings
from chalicelib.data.models import ApiKey
from chalicelib.domain import auth
from ops import keys
from tests.support import ADMIN_KEY, READ_KEY, WRITE_KEY

pytestmark = pytest.mark.usefixtures("without_workflow")
ORDER = {"customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 1}]}

ROUTES = [
    ("GET", "/orders"), ("POST", "/orders"), ("GET", "/orders/00000000-0000-4000-8000-000000000000"),
    ("PUT", "/orders/00000000-0000-4000-8000-000000000000"), ("DELETE", "/orders/00000000-0000-4000-8000-000000000000"),
    ("POST", "/orders/00000000-0000-4000-8000-000000000000/workflow"), ("GET", "/status/x"), ("GET", "/executions"),
    ("GET", "/products"), ("POST", "/products"), ("GET", "/products/PROD001"), ("PUT", "/products/PROD001"),
    ("GET", "/customers"), ("POST", "/customers"), ("GET", "/customers/CUST001"), ("GET", "/stats"),
]


@pytest.mark.parametrize("method, path", ROUTES)
@pytest.mark.parametrize("key", [None, "", "wrong-key", "x" * 300])
def test_every_route_but_health_needs_a_valid_key(api, method, path, key):
    response = api.call(method, path, {"status": "shipped"} if method in ("PUT", "POST") else None, key=key)
    assert response.status_code == 403 and response.data == {"message": "Forbidden", "code": "forbidden"}


def test_health_and_openapi_are_open(api):
    assert api.get("/health", key=None).status_code == 200
    assert api.get("/openapi.json", key=None).status_code == 200


def test_scopes(api):
    assert api.get("/orders", key=READ_KEY).status_code == 200
    assert api.post("/orders", ORDER, key=READ_KEY).status_code == 403
    created = api.post("/orders", ORDER, key=WRITE_KEY)
    assert created.status_code == 201
    assert api.post("/products", {"product_id": "P9", "product_name": "x", "price": "1.00"}, key=WRITE_KEY).status_code == 403
    assert api.put("/products/PROD001", {"price": "1.00"}, key=WRITE_KEY).status_code == 403
    assert api.delete(f"/orders/{created.data['order_id']}?hard=true", key=WRITE_KEY).status_code == 403
    assert api.delete(f"/orders/{created.data['order_id']}?hard=true", key=ADMIN_KEY).status_code == 200


def test_the_actor_in_history_is_the_key_by_name_never_the_key(api):
    order = api.post("/orders", ORDER, key=WRITE_KEY).data["order"]
    actor = order["history"][0]["actor"]
    assert actor == {"type": "api_key", "id": auth.key_id_for(auth.hash_key(WRITE_KEY)), "name": "test writer"}
    assert WRITE_KEY not in str(order)


def test_keys_are_stored_only_as_hashes(api):
    stored = {item.key_hash for item in ApiKey.scan()}
    assert auth.hash_key(ADMIN_KEY) in stored and ADMIN_KEY not in stored


def test_revoked_key_is_refused(api, capsys):
    assert keys.main(["create", "--name", "temp", "--scopes", "read"]) == 0
    printed = capsys.readouterr().out
    new_key = printed.split("api key (shown once): ")[1].strip()
    key_id = printed.split("key_id: ")[1].split()[0]
    assert api.get("/orders", key=new_key).status_code == 200
    assert keys.main(["revoke", key_id]) == 0
    assert api.get("/orders", key=new_key).status_code == 403
    assert keys.main(["revoke", key_id]) == 1
    keys.main(["list"])
    listing = capsys.readouterr().out
    assert f"{key_id}\trevoked\tread" in listing and new_key not in listing


def test_cli_rejects_unknown_scopes(capsys, resources):
    assert keys.main(["create", "--name", "bad", "--scopes", "superuser"]) == 1
    assert "scopes must be some of" in capsys.readouterr().err


def test_verified_keys_are_cached_for_the_configured_time(resources, dynamodb_calls, monkeypatch):
    monkeypatch.setenv("OMS_API_KEY_CACHE_SECONDS", "60")
    get_settings.cache_clear()
    auth.clear_cache()
    for _ in range(3):
        auth.authenticate(READ_KEY)
    assert dynamodb_calls.count("GetItem") == 1
    monkeypatch.undo()
    get_settings.cache_clear()
    auth.clear_cache()
