"""Listing: page math, cursor continuity, filters and counts (what lists
cost at scale: test_list_costs.py)."""
import json

import pytest

pytestmark = pytest.mark.usefixtures("without_workflow")


def make_orders(api, count, customer="CUST001"):
    ids = []
    for n in range(count):
        response = api.post("/orders", {"customer_id": customer, "items": [{"product_id": "PROD002", "quantity": 1 + n % 3}]})
        assert response.status_code == 201
        ids.append(response.data["order_id"])
    return ids


def test_page_math_and_newest_first(api, drain):
    ids = make_orders(api, 23)
    drain()  # the counts behind `total` follow from the orders stream
    first = api.get("/orders?page=1&limit=10").data
    assert first["pagination"] == {"page": 1, "limit": 10, "total": 23, "pages": 3}
    assert [o["order_id"] for o in first["orders"]] == ids[::-1][:10]
    third = api.get("/orders?page=3&limit=10").data
    assert [o["order_id"] for o in third["orders"]] == ids[::-1][20:]
    assert third["next_token"] is None
    beyond = api.get("/orders?page=4&limit=10").data
    assert beyond["orders"] == [] and beyond["pagination"]["total"] == 23
    assert api.get("/orders").data["pagination"] == {"page": 1, "limit": 10, "total": 23, "pages": 3}


def test_cursor_walks_every_order_once_even_while_orders_arrive(api):
    ids = make_orders(api, 17)
    seen, token, pages = [], None, 0
    while True:
        response = api.get("/orders?limit=5" + (f"&next_token={token}" if token else "")).data
        seen += [o["order_id"] for o in response["orders"]]
        pages += 1
        assert response["pagination"]["page"] == pages
        if pages == 1:
            make_orders(api, 2)  # newer orders do not shift the cursor
        token = response["next_token"]
        if not token:
            break
    assert seen == ids[::-1]
    assert pages == 4


def test_filters_by_status_and_customer(api, drain):
    ids = make_orders(api, 6)
    other = make_orders(api, 3, customer="CUST002")
    for order_id in ids[:2]:
        api.delete(f"/orders/{order_id}")
    api.put(f"/orders/{other[0]}", {"status": "processing"})
    drain()

    cancelled = api.get("/orders?status=cancelled").data
    assert [o["order_id"] for o in cancelled["orders"]] == ids[:2][::-1]
    assert cancelled["pagination"]["total"] == 2
    pending = api.get("/orders?status=pending&limit=3").data
    assert pending["pagination"] == {"page": 1, "limit": 3, "total": 6, "pages": 2}
    assert all(o["status"] == "pending" for o in pending["orders"])

    mine = api.get("/orders?customer_id=CUST002").data
    assert [o["order_id"] for o in mine["orders"]] == other[::-1] and mine["pagination"]["total"] == 3
    both = api.get("/orders?customer_id=CUST002&status=processing").data
    assert [o["order_id"] for o in both["orders"]] == [other[0]] and both["pagination"]["total"] == 1
    assert api.get("/orders?customer_id=CUST005").data["pagination"]["total"] == 0


def test_cancelled_orders_stay_in_the_unfiltered_list(api):
    ids = make_orders(api, 3)
    api.delete(f"/orders/{ids[1]}")
    listed = api.get("/orders").data["orders"]
    assert [o["status"] for o in listed] == ["pending", "cancelled", "pending"]


@pytest.mark.parametrize("query, message", [
    ("limit=0", "limit must be an integer between 1 and 100"),
    ("limit=101", "limit must be an integer between 1 and 100"),
    ("limit=ten", "limit must be an integer between 1 and 100"),
    ("page=0", "page must be an integer between"),
    ("page=-1", "page must be an integer between"),
    ("page=1.5", "page must be an integer between"),
    ("status=lost", "status must be one of"),
    ("customer_id=%3Cscript%3E", "customer_id must be"),
    ("next_token=garbage!", "next_token must be a next_token returned by the previous page"),
    ("sort=asc", "Unknown query parameter: sort"),
    ("page=101&limit=20", "page must be an integer between 1 and 100; to read further, follow next_token"),
])
def test_bad_list_queries_are_400(api, query, message):
    response = api.get(f"/orders?{query}")
    assert response.status_code == 400 and message in response.data["message"], response.data


def test_a_well_formed_token_the_api_never_issued_is_422(api):
    response = api.get("/orders?next_token=eyJ4IjoxfQ")
    assert response.status_code == 422
    assert response.data == {"message": "Invalid next_token", "code": "invalid_cursor", "param": "next_token"}


def test_a_cursor_only_continues_the_filters_it_came_from(api):
    make_orders(api, 3)
    token = api.get("/orders?limit=1").data["next_token"]
    response = api.get(f"/orders?limit=1&status=pending&next_token={token}")
    assert response.status_code == 422 and "does not match" in response.data["message"]


def test_stats_count_every_status_once_the_stream_has_them(api, drain):
    ids = make_orders(api, 4)
    api.delete(f"/orders/{ids[0]}")
    api.put(f"/orders/{ids[1]}", {"status": "processing"})
    drain()
    stats = api.get("/stats").data["orders"]
    assert stats == {"total": 4, "by_status": {"pending": 2, "processing": 1, "shipped": 0, "delivered": 0,
                                               "cancelled": 1, "failed": 0}}
    assert api.get("/stats?x=1").status_code == 400


def tampered(token: str, **changes) -> str:
    """The token with its JSON edited and its signature kept, as a client could."""
    from chalicelib.data.cursor import SIGNATURE_CHARS, _b64, _unb64

    payload, signature = token[:-SIGNATURE_CHARS], token[-SIGNATURE_CHARS:]
    state = {**json.loads(_unb64(payload)), **changes}
    return _b64(json.dumps(state, separators=(",", ":"), sort_keys=True).encode()) + signature


def test_an_edited_next_token_is_refused_and_total_never_comes_from_it(api, drain):
    make_orders(api, 5)
    drain()
    token = api.get("/orders?limit=2").data["next_token"]
    for edit in ({"p": 10**9}, {"p": 3}, {"k": "2000-01-01T00:00:00.000000Z#" + "0" * 36}):
        response = api.get(f"/orders?limit=2&next_token={tampered(token, **edit)}")
        assert response.status_code == 422, (edit, response.data)
        assert response.data == {"message": "Invalid next_token", "code": "invalid_cursor", "param": "next_token"}
    second = api.get(f"/orders?limit=2&next_token={token}").data
    assert second["pagination"]["total"] == 5 and second["pagination"]["page"] == 2


def test_a_next_token_continues_only_its_own_page_size(api):
    make_orders(api, 5)
    token = api.get("/orders?limit=2").data["next_token"]
    response = api.get(f"/orders?limit=100&next_token={token}")
    assert response.status_code == 422 and "limit" in response.data["message"]
