"""No malformed body or query string can make any route answer 5xx, and
every error is JSON with a message (hypothesis generates the input)."""
import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.usefixtures("without_workflow")

ORDER_ID = "00000000-0000-4000-8000-000000000000"
FIELDS = ["customer_id", "customer_name", "customer_email", "items", "product_id", "quantity", "price", "status",
          "reason", "book_isbn", "book_title", "product_name", "stock_quantity", "add_stock", "category", "email"]

# JSON number literals json.dumps cannot write (it has no Decimal): a scalar names
# one as "<raw:...>" and `dumps` puts the literal in its place.
RAW_NUMBERS = ["1e400", "-1e400", "1e999999999", "1E+999999999", "1e-999999999", "45.990", "1e99999999999999999999",
               "9" * 400, "0.001", "-0"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40),
    st.sampled_from(["PROD001", "CUST001", "pending", "shipped", "cancelled", "29.99", "-1", "1e400", "", " ", "\u0000"]),
    st.sampled_from(["45.990", "4_5.99", " 12.50 ", "1e2", "12.50\n", "\u0664\u0665", "NaN", "Ann\x7f", "Ann\x85",
                     "Ann\x9b", "Ann\u202eLee", "\u2066x\u2069", "\u200fx", "PROD001\n"]),
    st.sampled_from([f"<raw:{literal}>" for literal in RAW_NUMBERS]),
)


def dumps(value):
    text = json.dumps(value)
    for literal in RAW_NUMBERS:
        text = text.replace(f'"<raw:{literal}>"', literal)
    return text


json_values = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), children, max_size=5)),
    max_leaves=12)
bodies = st.one_of(
    json_values.map(dumps),
    st.fixed_dictionaries({}, optional={name: json_values for name in FIELDS}).map(dumps),
    st.fixed_dictionaries({"customer_id": st.just("CUST001"), "items": st.lists(
        st.fixed_dictionaries({}, optional={"product_id": json_values, "quantity": json_values,
                                            "price": json_values}), max_size=3)}).map(dumps),
    st.text(max_size=60),
    st.binary(max_size=60).map(lambda raw: raw.decode("latin-1")),
)
query_values = st.text(alphabet=string.ascii_letters + string.digits + "-_=%.:+ <>\"'", max_size=20)
queries = st.dictionaries(
    st.sampled_from(["page", "limit", "next_token", "status", "customer_id", "hard", "reason", "category", "in_stock"])
    | st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=6),
    query_values, max_size=4)

WRITE_ROUTES = [("POST", "/orders"), ("PUT", "/orders/{order}"), ("DELETE", "/orders/{order}"),
                ("POST", "/products"), ("PUT", "/products/PROD003"), ("POST", "/customers"),
                ("PUT", f"/orders/{ORDER_ID}"), ("POST", "/orders/{order}/workflow")]
READ_ROUTES = ["/orders", "/products", "/customers", "/executions", "/orders/{order}", "/status/{order}"]
CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", ""]


def assert_clean(response):
    assert response.status_code < 500, (response.status_code, response.body)
    if response.status_code >= 400:
        body = json.loads(response.body)
        assert isinstance(body.get("message"), str) and body["message"]


@pytest.fixture
def order_id(api):
    return api.post("/orders", {"customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 1}]}).data["order_id"]


@settings(max_examples=3 * settings.default.max_examples, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(WRITE_ROUTES), body=bodies, content_type=st.sampled_from(CONTENT_TYPES), query=queries)
def test_write_routes_never_fail_with_5xx(api, order_id, route, body, content_type, query):
    method, path = route
    path = path.format(order=order_id)
    query_string = "&".join(f"{k}={v}" for k, v in query.items())
    headers = {"Content-Type": content_type} if content_type else {}
    response = api.call(method, f"{path}?{query_string}" if query_string else path, raw=body, headers=headers)
    assert_clean(response)


@settings(max_examples=2 * settings.default.max_examples, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(READ_ROUTES), query=queries, identifier=st.text(max_size=50))
def test_read_routes_never_fail_with_5xx(api, order_id, path, query, identifier):
    from urllib.parse import quote, urlencode

    path = path.format(order=quote(identifier, safe="") or order_id)
    response = api.get(f"{path}?{urlencode(query)}" if query else path)
    assert_clean(response)
