"""The orders list: filters, tabs, search, paging, the live list and narrow screens."""
import re
import time
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser_support import ORDER_URL, create_order, customer_body, named_customer, settled_order, stocked_product


def test_cancel_with_a_reason_shows_the_reason_in_the_list(console, http):
    customer = customer_body("Alan Turing")
    kept = settled_order(http, customer, [("PROD002", 1)])
    doomed = settled_order(http, customer, [("PROD003", 1)])
    console.connect()
    page = console.open(f"#/orders/{doomed['order_id']}")
    expect(console.header_status()).to_have_text("Processing")

    page.get_by_role("button", name="Cancel order…").click()
    page.get_by_label("Why is the order cancelled?").fill("Customer changed their mind")
    page.get_by_role("button", name="Cancel order", exact=True).click()
    expect(console.header_status()).to_have_text("Cancelled")
    expect(page.locator(".banner")).to_contain_text("Customer changed their mind")
    expect(page.get_by_text("A cancelled order has no further steps.")).to_be_visible()

    console.open(f"#/orders?customer={doomed['customer_id']}")
    expect(console.rows()).to_have_count(2)
    expect(console.row(doomed["order_id"]).locator(".badge")).to_have_text("Cancelled")
    expect(console.row(doomed["order_id"]).locator(".status-reason")).to_have_text("Customer changed their mind")
    expect(console.row(kept["order_id"]).locator(".badge")).to_have_text("Processing")


def test_filter_by_status_and_page_through(console, http):
    customer = customer_body("Page Turner")
    created = [settled_order(http, customer, [("PROD002", n)]) for n in range(1, 8)]
    customer_id = created[0]["customer_id"]
    for order in created[1:3]:
        assert http.delete(f"/orders/{order['order_id']}", {"reason": "paging test"}).status_code == 200
    newest_first = [order["order_id"] for order in reversed(created)]

    console.connect()
    page = console.open(f"#/orders?customer={customer_id}&limit=5")
    summary, page_label = page.locator(".list-summary"), page.locator(".page-label")
    previous, following = page.get_by_role("button", name="← Previous"), page.get_by_role("button", name="Next →")
    expect(summary).to_contain_text("7 orders matching the filters")
    expect(page_label).to_have_text("Page 1 of 2")
    expect(console.rows()).to_have_count(5)
    expect(previous).to_be_disabled()
    first_page = [console.rows().nth(i).get_attribute("data-order-id") for i in range(5)]

    following.click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page_label).to_have_text("Page 2 of 2")
    expect(console.rows()).to_have_count(2)
    expect(following).to_be_disabled()
    second_page = [console.rows().nth(i).get_attribute("data-order-id") for i in range(2)]
    assert first_page + second_page == newest_first

    previous.click()
    expect(page_label).to_have_text("Page 1 of 2")
    expect(console.rows()).to_have_count(5)

    # Status filter (applies on change, back to page 1), with the customer filter.
    page.get_by_label("Status").select_option("cancelled")
    expect(page).to_have_url(re.compile(r"status=cancelled"))
    expect(summary).to_contain_text("2 orders matching the filters")
    expect(console.rows()).to_have_count(2)
    expect(page.locator("tbody tr[data-order-id] .badge")).to_have_text(["Cancelled", "Cancelled"])
    expect(page.locator("tbody .status-reason")).to_have_text(["paging test", "paging test"])

    # ... and without it: every order listed is cancelled.
    page.get_by_label("Customer").fill("")
    page.get_by_role("button", name="Apply").click()
    expect(page).not_to_have_url(re.compile(r"customer="))
    expect(console.rows().first).to_be_visible()
    statuses = page.locator("tbody tr[data-order-id]").evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert statuses and set(statuses) == {"cancelled"}

    page.get_by_role("button", name="Clear").click()  # clears the filters, keeps the page size
    expect(page).to_have_url(re.compile(r"#/orders\?limit=5$"))
    expect(page.get_by_label("Status")).to_have_value("")


def test_search_by_name_number_and_email_with_tabs_and_dates_kept_in_the_url(console, http):
    product = stocked_product(http)
    customer, name = named_customer("Quill")
    orders = [settled_order(http, customer, [(product, n)]) for n in (1, 2)]
    assert http.delete(f"/orders/{orders[0]['order_id']}", {"reason": "search test"}).status_code == 200
    console.connect()
    page = console.open("#/orders")
    page.get_by_label("Search").fill(name.upper())
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"q=QUILL"))
    expect(console.rows()).to_have_count(2)
    expect(console.row(orders[1]["order_id"]).locator(".order-link")).to_have_text(f"#{orders[1]['order_number']}")
    expect(page.locator(".list-summary")).to_contain_text("2 orders matching the filters")

    # A tab keeps the search; its count is there; coming back from an order keeps both.
    page.locator('.status-tabs a[data-status="cancelled"]').click()
    expect(page).to_have_url(re.compile(r"status=cancelled"))
    expect(page).to_have_url(re.compile(r"q=QUILL"))
    expect(page.locator('.status-tabs a[data-status="cancelled"] .tab-count')).to_have_text(re.compile(r"^[1-9][0-9]*$"))
    expect(console.rows()).to_have_count(1)
    console.row(orders[0]["order_id"]).locator(".order-link").click()
    expect(page).to_have_url(ORDER_URL)
    page.go_back()
    expect(page.get_by_label("Search")).to_have_value(name.upper())
    expect(console.rows()).to_have_count(1)

    for query in (f"%23{orders[1]['order_number']}", customer["customer_email"].upper(), orders[1]["order_id"][:9]):
        console.open(f"#/orders?q={query}")
        expect(console.rows()).to_have_count(1)
        expect(console.rows().first).to_have_attribute("data-order-id", orders[1]["order_id"])

    # A date range with nothing in it says what to do.
    console.open(f"#/orders?q={name}&from=2001-01-01&to=2001-01-31")
    expect(page.get_by_label("Created from")).to_have_value("2001-01-01")
    expect(page.locator("tbody tr.empty")).to_contain_text("Search finds #1001, an order id, a tracking number")


def test_the_live_list_announces_new_orders_without_moving_the_rows(console, http):
    product = stocked_product(http)
    customer, name = named_customer("Lively")
    first = create_order(http, customer, [(product, 1)])
    console.connect()
    page = console.open(f"#/orders?q={name}")
    expect(console.rows()).to_have_count(1)
    newer = create_order(http, customer, [(product, 2)])
    bar = page.locator(".new-orders")
    expect(bar).to_have_text("1 new order · show", timeout=20_000)
    expect(console.rows()).to_have_count(1)  # the operator's place is kept until asked
    expect(console.row(first["order_id"]).locator(".badge")).to_have_text("Processing", timeout=20_000)  # changed in place
    bar.click()
    expect(console.rows().first).to_have_attribute("data-order-id", newer["order_id"])
    # Hidden tab: no list requests at all.
    page.evaluate("""() => { Object.defineProperty(document, 'hidden', { value: true, configurable: true });
                             document.dispatchEvent(new Event('visibilitychange')); }""")
    asked = []
    page.on("request", lambda request: "/orders" in request.url and asked.append(request.url))
    page.wait_for_timeout(6_000)
    assert asked == []


def test_a_narrow_screen_keeps_the_list_usable(console_at, http):
    customer = customer_body("Narrow Screen")
    orders = [settled_order(http, customer, [("PROD001", 1), ("PROD002", n)]) for n in (1, 2)]
    console = console_at(375, 740)
    console.connect()
    page = console.open(f"#/orders?customer={orders[0]['customer_id']}")
    expect(console.rows()).to_have_count(2)
    # Keyboard: navigation puts focus on the screen's heading, Tab goes on from there ...
    expect(page.get_by_role("heading", name="Orders", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Export CSV")).to_be_focused()
    for order in orders:
        link = console.row(order["order_id"]).get_by_role("link")
        expect(link).to_be_visible()
        expect(console.row(order["order_id"]).locator(".badge")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375  # no sideways scrolling
    # The filters beyond the search fold behind one button on a narrow screen.
    expect(page.get_by_label("Status", exact=True)).to_be_hidden()
    page.get_by_role("button", name="Filters").click()
    for control in ("Status", "Customer", "Per page"):
        expect(page.get_by_label(control, exact=True)).to_be_visible()
    console.screenshot("orders-list-narrow", full_page=True)

    # ... and an order opens from its link with Enter.
    link = console.row(orders[1]["order_id"]).get_by_role("link")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(ORDER_URL)
    expect(page.get_by_role("button", name="Mark shipped")).to_be_visible()
    expect(page.get_by_label("Quantity of Laptop")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    console.screenshot("order-detail-narrow", full_page=True)


@pytest.mark.parametrize("route", ["list", "order"])
def test_the_list_and_the_order_page_work_on_a_phone(console_at, http, route):
    product = stocked_product(http)
    customer, name = named_customer("Phone")
    order = create_order(http, customer, [(product, 1)])
    phone = console_at(390, 844)
    phone.connect()
    if route == "list":
        page = phone.open(f"#/orders?q={name}")
        expect(phone.rows()).to_have_count(1)
        expect(phone.row(order["order_id"]).locator(".order-link")).to_have_text(f"#{order['order_number']}")
        expect(page.get_by_label("Search")).to_be_visible()
        expect(page.locator(".status-tabs")).to_be_visible()
    else:
        page = phone.open(f"#/orders/{order['order_id']}")
        expect(page.locator("h1")).to_contain_text(f"#{order['order_number']}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_customer_filter_finds_a_customer_by_name_or_email(console, http):
    product = stocked_product(http)
    word = f"Wren{uuid.uuid4().hex[:6]}"
    alpha, beta = customer_body(f"{word} Alpha"), customer_body(f"Beta {word}")
    alpha_order, beta_order = (create_order(http, customer, [(product, 1)]) for customer in (alpha, beta))
    # The name words are indexed by the customers' stream: both findable before the operator types.
    deadline = time.time() + 20
    while len(http.get(f"/customers?q={word}").data["customers"]) < 2 and time.time() < deadline:
        time.sleep(0.25)
    console.connect()
    page = console.open("#/orders")
    customer_box = page.get_by_label("Customer", exact=True)

    # A word of the name finds both; picking one filters the list by that customer's id.
    customer_box.fill(word.lower())
    matches = page.get_by_role("list", name="Matches found").get_by_role("button")
    expect(matches).to_have_count(2)
    expect(page.get_by_role("button", name=f"{word} Alpha · {alpha['customer_email']}")).to_be_visible()
    page.get_by_role("button", name=f"Beta {word} · {beta['customer_email']}").click()
    expect(page).to_have_url(re.compile(rf"customer={beta_order['customer_id']}"))
    expect(console.rows()).to_have_count(1)
    expect(console.row(beta_order["order_id"])).to_be_visible()
    expect(customer_box).to_have_value(beta_order["customer_id"])
    console.assert_accessible()

    # An e-mail finds its one customer; Enter filters by them.
    customer_box.fill(alpha["customer_email"])
    expect(page.get_by_role("button", name=f"{word} Alpha · {alpha['customer_email']}")).to_be_visible()
    customer_box.press("Enter")
    expect(page).to_have_url(re.compile(rf"customer={alpha_order['customer_id']}"))
    expect(console.rows()).to_have_count(1)
    expect(console.row(alpha_order["order_id"])).to_be_visible()

    # A pasted id still works as it is.
    customer_box.fill(beta_order["customer_id"])
    customer_box.press("Enter")
    expect(page).to_have_url(re.compile(rf"customer={beta_order['customer_id']}"))
    expect(console.row(beta_order["order_id"])).to_be_visible()
    expect(console.rows()).to_have_count(1)
