"""The customers pages as an operator uses them: find a customer by any
word of the name or an e-mail, open their page (details, default address,
orders newest first a page at a time), edit them (an e-mail another
customer has is refused at its field), start a new order for them."""
import re

from playwright.sync_api import expect

from tests.browser_support import create_order, docs_screenshot, unique


def new_customer(http, first_word):
    tag = unique()[-8:]
    name = f"{first_word} Okonkwo-{tag}"
    response = http.post("/customers", {"customer_name": name, "email": f"{first_word.lower()}.{tag}@example.com",
                                        "phone": "+1-555-0111"})
    assert response.status_code == 201, response.data
    return response.data["customer"]


def test_an_operator_finds_a_customer_edits_them_and_pages_their_orders(console, http):
    customer = new_customer(http, "Adaeze")
    other = new_customer(http, "Chidi")
    orders = [create_order(http, {"customer_id": customer["customer_id"]}, [("PROD002", 1)]) for _ in range(12)]
    page = console.connect()
    page.get_by_role("link", name="Customers", exact=True).click()
    expect(page.get_by_role("heading", name="Customers", exact=True)).to_be_visible()

    # Any word of the name (here the second), then an e-mail in any case.
    search = page.get_by_label("Find a customer")
    search.fill(customer["customer_name"].split()[1][:12].lower())
    search.press("Enter")
    rows = page.locator(".customers-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(customer["email"])
    search.fill(customer["email"].upper())
    search.press("Enter")
    expect(rows).to_have_count(1)
    console.assert_accessible()
    rows.first.get_by_role("link", name=customer["customer_name"]).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(customer["customer_name"])
    details = page.locator("section[aria-labelledby='customer-details-heading']")
    expect(details).to_contain_text("+1-555-0111")
    orders_table = page.locator(".customer-orders tbody tr")
    expect(orders_table).to_have_count(10)
    newest_first = [o["order_number"] for o in reversed(orders)]
    expect(orders_table.first).to_contain_text(f"#{newest_first[0]}")
    page.get_by_role("button", name="Older orders").click()
    expect(orders_table).to_have_count(2)
    expect(orders_table.last).to_contain_text(f"#{newest_first[-1]}")
    page.get_by_role("button", name="Newer orders").click()
    expect(orders_table.first).to_contain_text(f"#{newest_first[0]}")

    # An e-mail another customer has is refused next to the field; the form keeps what was typed.
    details.get_by_role("button", name="Edit").click()
    form = page.locator("form.customer-form")
    form.get_by_label("E-mail").fill(other["email"])
    form.get_by_label("Phone (optional)", exact=True).fill("+1-555-0199")
    console.expect_failure(f"/customers/{customer['customer_id']}", 409)  # the taken e-mail, refused on purpose
    form.get_by_role("button", name="Save customer").click()
    expect(form.get_by_label("E-mail")).to_have_attribute("aria-invalid", "true")
    expect(form).to_contain_text("Another customer has this e-mail address")
    expect(form.get_by_label("E-mail")).to_be_focused()
    console.assert_clean()

    new_email = f"ada.{unique()[-6:]}@example.org"
    form.get_by_label("E-mail").fill(new_email)
    address = form.get_by_role("group", name="Default shipping address")
    address.get_by_label("Recipient").fill(customer["customer_name"])
    address.get_by_label("Address line 1").fill("12 Marina Rd")
    address.get_by_label("City").fill("Lagos")
    address.get_by_label("Country").select_option("NG")
    console.assert_accessible()
    form.get_by_role("button", name="Save customer").click()
    expect(console.message()).to_contain_text(f"Saved {customer['customer_name']}")
    expect(details).to_contain_text(new_email)
    expect(details).to_contain_text("12 Marina Rd")
    expect(details).to_contain_text("+1-555-0199")
    saved = http.get(f"/customers/{customer['customer_id']}").data
    assert (saved["email"], saved["phone"], saved["default_address"]["city"]) == (new_email, "+1-555-0199", "Lagos")
    console.screenshot("customer", full_page=True)
    page.get_by_role("button", name="Dismiss message").click()
    docs_screenshot(page, "customer")

    # A new order for this customer starts with them chosen.
    page.get_by_role("link", name="New order for this customer").click()
    expect(page).to_have_url(re.compile(r"#/new\?customer="))
    expect(page.locator("select[name='customer_id']")).to_have_value(customer["customer_id"])
    console.assert_clean()


def test_the_customer_pages_read_well_on_a_phone(console_at, http):
    customer = new_customer(http, "Bisi")
    create_order(http, {"customer_id": customer["customer_id"]}, [("PROD002", 1)])
    phone = console_at(390, 844)
    page = phone.connect()
    for route in ("#/customers", f"#/customers/{customer['customer_id']}"):
        phone.open(route)
        expect(page.locator("main .loading")).to_have_count(0)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"{route} scrolls sideways ({width}px)"
        phone.assert_accessible()
    expect(page.locator(".customer-orders tbody tr")).to_have_count(1)
    phone.screenshot("customer-phone", full_page=True)
