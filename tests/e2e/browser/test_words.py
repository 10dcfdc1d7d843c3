"""One vocabulary for operators: the connect screen without a developer's
words in its main text, orders named by #number in messages, a cancel
reason asked for on the order page as in the list's bulk cancel, statuses
named as the list names them."""
import re

from playwright.sync_api import expect

from tests.browser_support import customer_body, settled_order


def test_the_connect_screen_keeps_developer_words_behind_a_toggle(console):
    page = console.open("#/connect")
    form = page.locator("main form")
    expect(form).to_be_visible()
    for jargon in ("base URL", "x-api-key", "make keys"):
        expect(form).not_to_contain_text(jargon)
    toggle = page.locator("details.for-support")
    expect(toggle).not_to_have_attribute("open", "")
    toggle.locator("summary").click()
    expect(toggle).to_contain_text("x-api-key header")
    console.assert_accessible()


def test_a_cancel_on_the_order_page_needs_a_reason_and_the_message_names_the_order_by_number(console, http):
    order = settled_order(http, customer_body("Reason Giver"), [("PROD002", 1)])
    page = console.connect()
    console.open(f"#/orders/{order['order_id']}")
    page.get_by_role("button", name="Cancel order…").click()
    reason = page.get_by_label("Why is the order cancelled?")
    expect(page.locator(".reason-form")).to_contain_text("Required")
    page.get_by_role("button", name="Cancel order", exact=True).click()
    expect(reason).to_be_focused()
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".reason-form")).to_contain_text("Say why the order is cancelled")
    assert http.get(f"/orders/{order['order_id']}").data["status"] == "processing"  # nothing sent
    reason.fill("Customer asked")
    page.get_by_role("button", name="Cancel order", exact=True).click()
    expect(console.message()).to_have_text(re.compile(rf"Order #{order['order_number']} is now cancelled\."))
    expect(page.locator(".timeline")).to_contain_text("Customer asked")


def test_the_dashboard_names_statuses_as_the_list_does(console):
    page = console.connect()
    console.open("#/dashboard")
    link = page.locator(".chart-links a").first
    expect(link).to_have_text(re.compile(r"^Unfulfilled: \d+$"))
    link.click()
    expect(page).to_have_url(re.compile(r"#/orders\?status=pending"))
    expect(page.locator(".status-tabs .tab.current")).to_contain_text("Unfulfilled")
