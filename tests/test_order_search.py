"""Order numbers and the list's search (`q`) and date range: found through
indexes (no scans), paged like any list, combinable with the other filters."""
import datetime
import re
import threading

import pytest

from chalicelib.core.settings import get_settings
from chalicelib.data import order_numbers

pytestmark = pytest.mark.usefixtures("without_workflow")


def order(api, customer="CUST001", quantity=1, **body):
    payload = body or {"customer_id": customer}
    response = api.post("/orders", {**payload, "items": [{"product_id": "PROD002", "quantity": quantity}]})
    assert response.status_code == 201, response.data
    return response.data["order"]


def found(api, query):
    response = api.get(f"/orders?{query}")
    assert response.status_code == 200, response.data
    return response.data


def ids_of(page):
    return [o["order_id"] for o in page["orders"]]


def test_every_order_gets_a_unique_readable_number_searchable_with_or_without_hash(api):
    numbers = [order(api)["order_number"] for _ in range(5)]
    assert all(re.fullmatch(r"[1-9][0-9]{3,11}", number) for number in numbers)
    assert len(set(numbers)) == 5 and [int(n) for n in numbers] == sorted(int(n) for n in numbers)
    for query in (numbers[2], f"%23{numbers[2]}"):
        page = found(api, f"q={query}")
        assert [o["order_number"] for o in page["orders"]] == [numbers[2]]
        assert page["pagination"]["total"] == 1
    assert found(api, "q=999999999")["orders"] == []


def test_number_blocks_take_one_write_per_block_and_never_repeat_across_processes(resources, dynamodb_calls):
    first, second = order_numbers.NumberBlocks(block_size=10), order_numbers.NumberBlocks(block_size=10)
    handed = []

    def take(blocks):
        for _ in range(25):
            handed.append(int(blocks.next_number()))

    threads = [threading.Thread(target=take, args=(blocks,)) for blocks in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(handed) == 50 and len(set(handed)) == 50 and min(handed) >= order_numbers.FIRST_NUMBER
    assert dynamodb_calls.count("UpdateItem") == 6  # 3 blocks of 10 per process for 25 numbers each


def test_search_by_id_prefix_email_any_case_and_name_prefix_any_case(api, dynamodb_calls):
    johns = [order(api, "CUST001")["order_id"] for _ in range(3)]
    jane = order(api, "CUST002")["order_id"]
    dynamodb_calls.calls.clear()
    assert ids_of(found(api, f"q={jane[:9]}")) == [jane]
    assert ids_of(found(api, f"q={jane[:9].upper()}")) == [jane]
    assert ids_of(found(api, "q=JOHN%40Example.com")) == johns[::-1]
    assert ids_of(found(api, "q=jOh")) == johns[::-1]
    assert ids_of(found(api, "q=john%20d")) == johns[::-1]
    assert set(ids_of(found(api, "q=j"))) == {*johns, jane}
    assert found(api, "q=nobody")["orders"] == [] and found(api, "q=nobody")["pagination"]["total"] == 0
    assert dynamodb_calls.count("Scan") == 0


def test_a_new_customer_named_in_an_order_is_found_by_name_and_email(api):
    created = order(api, customer_name="Zoë Ortega", customer_email="Zoe.Ortega@Example.com")
    assert ids_of(found(api, "q=zo%C3%AB")) == [created["order_id"]]
    assert ids_of(found(api, "q=zoe.ortega%40example.com")) == [created["order_id"]]


def test_search_pages_with_next_token_and_combines_with_status_and_customer(api, drain):
    johns = [order(api, "CUST001")["order_id"] for _ in range(7)]
    order(api, "CUST002")
    drain()  # the customer counts behind `total`
    first = found(api, "q=john&limit=3")
    assert first["pagination"] == {"page": 1, "limit": 3, "total": 7, "pages": 3}
    second = found(api, f"q=john&limit=3&next_token={first['next_token']}")
    third = found(api, f"q=john&limit=3&next_token={second['next_token']}")
    assert ids_of(first) + ids_of(second) + ids_of(third) == johns[::-1] and third["next_token"] is None
    assert ids_of(found(api, "q=john&limit=3&page=3")) == johns[::-1][6:]

    api.put(f"/orders/{johns[0]}", {"status": "processing"})
    assert ids_of(found(api, "q=john&status=processing")) == [johns[0]]
    assert ids_of(found(api, f"q={johns[0][:9]}&status=processing")) == [johns[0]]  # the first group and its dash
    assert found(api, f"q={johns[0][:9]}&status=pending")["orders"] == []
    assert found(api, "q=john&customer_id=CUST002")["orders"] == []
    assert ids_of(found(api, "q=john&customer_id=CUST001&limit=100")) == johns[::-1]
    mismatch = api.get(f"/orders?q=jane&limit=3&next_token={first['next_token']}")
    assert mismatch.status_code == 422 and mismatch.data["code"] == "invalid_cursor"


def test_date_range_is_inclusive_in_utc_and_counts_from_the_day_items(api, drain):
    ids = [order(api)["order_id"] for _ in range(3)]
    drain()
    today = datetime.datetime.now(datetime.timezone.utc).date()
    yesterday, tomorrow = today - datetime.timedelta(days=1), today + datetime.timedelta(days=1)
    page = found(api, f"created_from={today}&created_to={today}")
    assert ids_of(page) == ids[::-1] and page["pagination"]["total"] == 3
    assert found(api, f"created_from={yesterday}&created_to={yesterday}")["orders"] == []
    assert ids_of(found(api, f"created_from={today}")) == ids[::-1]
    assert ids_of(found(api, f"created_to={today}&limit=2"))[:2] == ids[::-1][:2]
    assert found(api, f"created_from={tomorrow}")["pagination"]["total"] == 0
    walked = found(api, f"created_from={yesterday}&created_to={tomorrow}&limit=2")
    rest = found(api, f"created_from={yesterday}&created_to={tomorrow}&limit=2&next_token={walked['next_token']}")
    assert ids_of(walked) + ids_of(rest) == ids[::-1]
    assert ids_of(found(api, f"created_from={today}&q=john&status=pending")) == ids[::-1]


@pytest.mark.parametrize("query, param", [
    ("created_from=2026-13-01", "created_from"), ("created_to=yesterday", "created_to"), (f"q={'x' * 101}", "q"),
])
def test_bad_search_and_date_queries_are_400(api, query, param):
    response = api.get(f"/orders?{query}")
    assert response.status_code == 400 and response.data["param"] == param, response.data


def test_a_range_ending_before_it_starts_is_422(api):
    response = api.get("/orders?created_from=2026-11-26&created_to=2026-11-25")
    assert response.status_code == 422 and response.data["param"] == "created_to", response.data


def test_customers_are_found_by_email_or_name_prefix_any_case_for_pickers(api):
    by_email = api.get("/customers?q=JANE%40example.COM").data
    assert [c["customer_id"] for c in by_email["customers"]] == ["CUST002"] and by_email["next_token"] is None
    assert [c["customer_name"] for c in api.get("/customers?q=j").data["customers"]] == ["Jane Smith", "John Doe"]
    assert api.get("/customers?q=nobody%40example.com").data["customers"] == []


def order_of(api, customer, *lines):
    response = api.post("/orders", {"customer_id": customer, "items": [{"product_id": p, "quantity": 1} for p in lines]})
    assert response.status_code == 201, response.data
    return response.data["order"]["order_id"]


def test_a_customer_is_found_by_any_word_of_the_name(api, drain, dynamodb_calls):
    janes = [order_of(api, "CUST002", "PROD002") for _ in range(2)]
    drain()  # the customers' name words come from their stream (the demo customers' too)
    dynamodb_calls.calls.clear()
    assert ids_of(found(api, "q=smi")) == janes[::-1]
    assert ids_of(found(api, "q=SMITH%20jan")) == janes[::-1]  # every word begins a word of the name
    assert found(api, "q=smith%20john")["orders"] == []
    assert [c["customer_id"] for c in api.get("/customers?q=smith").data["customers"]] == ["CUST002"]
    assert dynamodb_calls.count("Scan") == 0


def test_orders_are_found_by_a_product_id_isbn_or_name_word(api, drain, dynamodb_calls):
    mouse = order_of(api, "CUST001", "PROD002")
    both = order_of(api, "CUST003", "PROD002", "978-1492056355")
    book = order_of(api, "CUST004", "978-1492056355")
    drain()  # the orders' products come from the orders stream
    dynamodb_calls.calls.clear()
    assert ids_of(found(api, "q=mouse")) == [both, mouse]
    assert ids_of(found(api, "q=prod002")) == [both, mouse]
    assert ids_of(found(api, "q=978-1492056355")) == [book, both]
    assert ids_of(found(api, "q=fluent%20py")) == [book, both]
    assert found(api, "q=mouse")["pagination"]["total"] == 2  # the page reached the end
    assert dynamodb_calls.count("Scan") == 0


def test_a_product_search_follows_the_orders_status_and_customer(api, drain):
    first, second = order_of(api, "CUST001", "PROD003"), order_of(api, "CUST002", "PROD003")
    api.put(f"/orders/{first}", {"status": "processing"})
    drain()
    assert ids_of(found(api, "q=keyboard&status=processing")) == [first]
    assert ids_of(found(api, "q=keyboard&status=pending")) == [second]
    assert ids_of(found(api, "q=keyboard&customer_id=CUST002")) == [second]
    api.put(f"/orders/{first}", {"items": [{"product_id": "PROD003", "quantity": 0}, {"product_id": "PROD004", "quantity": 1}]})
    drain()
    assert ids_of(found(api, "q=keyboard")) == [second] and ids_of(found(api, "q=monitor")) == [first]


def test_a_status_change_writes_no_search_entry_and_the_status_filter_reads_the_orders_found(api, drain, capacity):
    order_id = order_of(api, "CUST001", "PROD003")
    drain()
    capacity.reset()
    for status in ("processing", "shipped", "delivered"):
        assert api.put(f"/orders/{order_id}", {"status": status}).status_code == 200
    drain()
    assert [key for key in capacity.per_key if key.startswith(f"{get_settings().search_table}|")] == []
    assert ids_of(found(api, "q=keyboard&status=delivered")) == [order_id]
    capacity.reset()
    found(api, "q=keyboard&status=delivered")
    filtered = capacity.read_units
    capacity.reset()
    found(api, "q=keyboard")
    assert filtered - capacity.read_units == 0.5  # the one order found, read for its status


def test_an_order_is_found_by_its_tracking_number(api):
    order_id = order_of(api, "CUST001", "PROD002")
    for body in ({"status": "processing"}, {"status": "shipped", "tracking_number": "1Z999AA10123456784", "carrier": "UPS"}):
        assert api.put(f"/orders/{order_id}", body).status_code == 200
    assert ids_of(found(api, "q=1Z999AA10123456784")) == [order_id]
    assert found(api, "q=1Z999AA1012345678")["orders"] == []  # the whole number, not a part of it


def test_an_order_two_matches_find_is_listed_once(api, drain):
    both = order_of(api, "CUST005", "PROD004")  # Fatima Zahra, a Monitor
    api.put("/products/PROD004", {"product_name": "Monitor Zahra edition"})
    drain()
    page = found(api, "q=zahra")
    assert ids_of(page).count(both) == 1


def test_the_search_indexes_hold_keys_only_and_filters_read_the_few_orders_found(api, capacity):
    order_id = order_of(api, "CUST001", "PROD002")
    number = api.get(f"/orders/{order_id}").data["order_number"]
    capacity.reset()
    for body in ({"status": "processing"}, {"status": "shipped", "tracking_number": "1Z999AA10123456785", "carrier": "UPS"},
                 {"status": "delivered"}):
        assert api.put(f"/orders/{order_id}", body).status_code == 200
    # Status changes write no entry of by_number or by_id_prefix; by_tracking's once, when shipped.
    written = {key.split("|")[0].rsplit("/", 1)[-1] for key in capacity.per_key if "/" in key.split("|")[0]}
    assert written & {"by_number", "by_id_prefix"} == set()
    assert sum(units for key, units in capacity.per_key.items() if "/by_tracking|" in key) == 1
    for query in (number, order_id[:8], "1Z999AA10123456785"):
        assert ids_of(found(api, f"q={query}&status=delivered")) == [order_id], query
        assert found(api, f"q={query}&status=pending")["orders"] == [], query
        assert ids_of(found(api, f"q={query}&customer_id=CUST001")) == [order_id], query
        assert found(api, f"q={query}&customer_id=CUST002")["orders"] == [], query
    capacity.reset()
    found(api, f"q={number}&status=delivered")
    filtered = capacity.read_units
    capacity.reset()
    found(api, f"q={number}")
    # The filter's price: one order read (eventually consistent, under 4 KB) beside the unfiltered search.
    assert filtered - capacity.read_units == 0.5
