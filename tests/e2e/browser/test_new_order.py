"""The new-order form: field errors from the API, every problem at once, choosing or creating a customer."""
import re

from playwright.sync_api import expect

from tests.browser_support import (
    ORDER_URL,
    create_order,
    described_by,
    description,
    field_schema,
    named_customer,
    range_words,
    stocked_product,
    unique,
)


def test_the_create_form_shows_the_apis_field_errors_and_recovers(console, local_stack, document):
    console.connect()
    page = console.open("#/new")
    create = page.get_by_role("button", name="Create order")
    page.get_by_label("New customer").check()
    page.get_by_label("Name", exact=True).fill("Field Errors")
    email = page.get_by_label("E-mail", exact=True)
    email.fill("not-an-email")
    orders_url = f"{local_stack.api_url}/orders"
    console.expect_failure(orders_url, 400, times=2)  # the bad e-mail, then the quantity of 0
    console.expect_failure(orders_url, "network")  # the API out of reach

    create.click()
    email_error = page.locator(f"#{email.get_attribute('id')}-error")
    expect(email_error).to_have_text("Enter a valid e-mail address")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_be_focused()
    expect(page.locator(".order-form .form-error")).to_contain_text("The order was not created")
    expect(create).to_be_enabled()
    expect(create).to_have_text("Create order")
    expect(page).to_have_url(re.compile(r"#/new$"))
    expect(page.get_by_label("Name", exact=True)).to_have_value("Field Errors")  # the form is kept

    email.fill(f"{unique('fields')}@example.com")
    line = page.locator(".line").first
    line.get_by_label("Quantity").fill("0")
    create.click()
    expect(line.locator(".field-error")).to_have_text(range_words(document, "OrderItem"))
    expect(line.get_by_label("Quantity")).to_have_attribute("aria-invalid", "true")
    expect(email_error).to_be_hidden()

    # A network failure is said in words and leaves the form usable.
    line.get_by_label("Quantity").fill("1")
    page.route(orders_url, lambda route: route.abort())
    create.click()
    expect(page.locator(".order-form .form-error")).to_contain_text(f"Cannot reach the API at {local_stack.api_url}")
    expect(create).to_be_enabled()
    page.unroute(orders_url)

    create.click()
    expect(page).to_have_url(ORDER_URL)
    expect(console.header_status()).to_have_text(re.compile("Unfulfilled|Processing"))


def test_every_problem_of_a_create_is_shown_at_once_next_to_its_field(console, document):
    """Four bad fields in one request: each is marked and worded for people, built from the
    document's limits, not the API's developer messages."""
    quantity = field_schema(document, "OrderItem", "quantity")
    console.connect()
    page = console.open("#/new")
    page.get_by_label("New customer").check()
    name, email = page.get_by_label("Name", exact=True), page.get_by_label("E-mail", exact=True)
    name.fill("   ")
    email.fill("not-an-email")
    page.get_by_role("button", name="+ Add line").click()
    first, second = (page.locator(".line").nth(i).get_by_label("Quantity") for i in (0, 1))
    first.fill("0")
    second.fill(str(quantity["maximum"] + 1))
    console.expect_failure("/orders", 400, times=2)  # four bad fields, then the two left
    page.get_by_role("button", name="Create order").click()

    expect(page.locator(".order-form .form-error")).to_have_text(
        "The order was not created: 4 problems, each shown next to its field.")
    out_of_range = range_words(document, "OrderItem")
    for control, words in ((name, "Enter the customer’s name"), (email, "Enter a valid e-mail address"),
                           (first, out_of_range), (second, out_of_range)):
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(control).to_have_accessible_description(description(words))
        assert words in described_by(control)
    expect(name).to_be_focused()  # the first problem, in the form's order
    shown = " ".join(page.locator(".order-form .field-error, .order-form .form-error").all_text_contents())
    assert "customer_" not in shown and "items[" not in shown  # the API's field paths are not words for people
    assert page.get_by_label("Product").first.get_attribute("aria-invalid") is None

    # Fixing a field clears its mark only; the others stay until the next try.
    email.fill(f"{unique('every')}@example.com")
    second.fill("2")
    expect(second).not_to_have_attribute("aria-invalid", "true")
    expect(first).to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Create order").click()
    expect(first).to_have_accessible_description(description(out_of_range))
    expect(email).not_to_have_attribute("aria-invalid", "true")
    expect(second).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(".order-form .form-error")).to_contain_text("2 problems")


def test_a_new_order_starts_without_a_customer_and_asks_about_a_taken_email(console, http):
    product = stocked_product(http)
    customer, name = named_customer("Taken")
    customer_id = create_order(http, customer, [(product, 1)])["customer_id"]
    console.connect()
    page = console.open("#/new")
    picker = page.get_by_label("Customer", exact=True)
    expect(picker).to_have_value("")
    page.get_by_label("Find customer").fill(name.lower())
    expect(picker.locator("option")).to_have_count(2)  # "Choose a customer…" and the match
    page.get_by_label("New customer").check()
    page.get_by_label("Name", exact=True).fill("Someone Else")
    page.get_by_label("E-mail", exact=True).fill(customer["customer_email"].upper())
    page.get_by_role("button", name="Create order").click()
    expect(page.get_by_text(f"already belongs to {name} ({customer_id})")).to_be_visible()
    expect(page).to_have_url(re.compile(r"#/new$"))  # nothing was created
    page.get_by_role("button", name=f"Use {name}").click()
    expect(picker).to_have_value(customer_id)
