"""One order's page: its workflow, edits, transitions, cancel, failures and their repair."""
import re
import uuid

from playwright.sync_api import expect

from tests.browser_support import (
    ORDER_URL,
    XSS_NAME,
    customer_body,
    description,
    field_schema,
    range_words,
    restock,
    settled_order,
    unique,
    unlabelled_controls,
)


def test_create_an_order_follow_its_workflow_edit_it_and_ship_it(console, http):
    product_id, product_name = unique("UI-"), f"Desk lamp {uuid.uuid4().hex[:4]}"
    assert http.post("/products", {"product_id": product_id, "product_name": product_name, "price": "12.34",
                                   "stock_quantity": 100, "category": "ui-test"}).status_code == 201
    name, email = f"Ada Lovelace {uuid.uuid4().hex[:4]}", f"{unique('ada')}@example.com"
    restock(http, [("PROD002", 1)])
    console.connect()
    page = console.open("#/new")

    page.get_by_label("New customer").check()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("E-mail", exact=True).fill(email)
    first = page.locator(".line").nth(0)
    first.get_by_label("Product").select_option(product_id)
    expect(first.get_by_label("Product")).to_contain_text("100 in stock")
    first.get_by_label("Quantity").fill("3")
    expect(first.locator(".line-total")).to_have_text("$37.02")
    page.get_by_role("button", name="+ Add line").click()
    second = page.locator(".line").nth(1)
    second.get_by_label("Product").select_option("PROD002")
    second.get_by_label("Quantity").fill("1")
    expect(page.locator(".order-total .total-amount")).to_have_text("$67.01")
    # Three lines and back to two: the total follows exactly.
    page.get_by_role("button", name="+ Add line").click()
    page.locator(".line").nth(2).get_by_label("Quantity").fill("7")
    expect(page.locator(".order-total .total-amount")).not_to_have_text("$67.01")
    page.get_by_role("button", name="Remove line 3").click()
    expect(page.locator(".order-total .total-amount")).to_have_text("$67.01")
    assert unlabelled_controls(page) == []
    console.screenshot("create-order", full_page=True)

    page.get_by_role("button", name="Create order").click()
    expect(page).to_have_url(ORDER_URL)
    order_id = ORDER_URL.search(page.url).group(1)
    expect(console.message()).to_contain_text(re.compile(rf"Order #\d+ created for {name}, total \$67\.01"))

    # The workflow runs for real: its execution ends SUCCEEDED and the order is processing.
    expect(console.workflow_status()).to_have_text("SUCCEEDED")
    expect(page.locator(".steps")).to_contain_text("ReserveStock")
    expect(console.header_status()).to_have_text("processing")
    expect(page.locator(".timeline")).to_contain_text("Workflow: pending → processing")

    # In the list, through the customer link of the summary (filters the list by customer).
    customer_id = http.get(f"/orders/{order_id}").data["customer_id"]
    page.get_by_role("link", name=customer_id).click()
    expect(page).to_have_url(re.compile(rf"#/orders\?customer={customer_id}$"))
    row = console.row(order_id)
    expect(row).to_contain_text(name)
    expect(row).to_contain_text("$67.01")
    expect(row.locator(".badge")).to_have_text("processing")
    row.get_by_role("link").click()

    # Edit a quantity and a unit price; the total updates live, then from the API.
    quantity = page.get_by_label(f"Quantity of {product_name}")
    quantity.fill("5")
    expect(page.locator(".items-table tfoot .total-amount")).to_have_text("$91.69")
    page.get_by_label("Unit price of Mouse").fill("25")
    expect(page.locator(".items-table tfoot .total-amount")).to_have_text("$86.70")
    expect(page.get_by_role("button", name="Mark shipped")).to_be_disabled()  # save or discard first
    page.get_by_role("button", name="Save changes").click()
    expect(console.message()).to_contain_text("Saved. The order total is now $86.70.")
    expect(page.locator(".order-total-value")).to_have_text("$86.70")
    expect(page.locator(".timeline")).to_contain_text(f"{product_name} ({product_id}) quantity: 3 → 5")
    expect(page.locator(".timeline")).to_contain_text("(PROD002) price: 29.99 → 25.00")
    expect(page.get_by_role("button", name="Save changes")).to_be_disabled()  # nothing left to save
    console.screenshot("order-detail", full_page=True)

    page.get_by_role("button", name="Mark shipped").click()  # asks for tracking and carrier, then confirms
    page.get_by_role("button", name="Confirm: mark shipped").click()
    expect(console.header_status()).to_have_text("shipped")
    expect(page.get_by_role("button", name="Mark delivered")).to_be_visible()
    expect(page.get_by_role("button", name="Cancel order…")).to_have_count(0)
    expect(page.get_by_label(f"Quantity of {product_name}")).to_have_count(0)  # items are final now
    stored = http.get(f"/orders/{order_id}").data
    assert (stored["status"], stored["total_amount"]) == ("shipped", "86.70")


def test_a_stale_edit_is_refused_with_words_and_a_way_out(console, http):
    order = settled_order(http, customer_body("Grace Hopper"), [("PROD003", 1)])
    console.connect()
    page = console.open(f"#/orders/{order['order_id']}")
    expect(console.header_status()).to_have_text("processing")
    # Someone else changes the order after the page loaded it.
    assert http.put(f"/orders/{order['order_id']}", {"items": [{"product_id": "PROD003", "quantity": 2}]}).status_code == 200
    page.get_by_label("Quantity of Keyboard").fill("4")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".items-form .form-error")).to_contain_text("reload it and retry")
    expect(page.get_by_label("Quantity of Keyboard")).to_have_value("4")  # the edit is kept
    expect(page.get_by_role("button", name="Save changes")).to_be_enabled()
    page.get_by_role("button", name="Reload the order (drops your changes)").click()
    expect(page.get_by_label("Quantity of Keyboard")).to_have_value("2")


def test_an_out_of_stock_order_ends_failed_and_says_why(console):
    name = f"Monitor Hoarder {uuid.uuid4().hex[:4]}"
    console.connect()
    page = console.open("#/new")
    page.get_by_label("New customer").check()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("E-mail", exact=True).fill(f"{unique('hoarder')}@example.com")
    line = page.locator(".line").first
    line.get_by_label("Product").select_option("PROD004")
    line.get_by_label("Quantity").fill("999")
    expect(line.locator(".hint.warning")).to_contain_text("in stock: the workflow will mark this order failed")
    expect(page.locator(".order-total .total-amount")).to_have_text("$299,690.01")
    page.get_by_role("button", name="Create order").click()
    expect(page).to_have_url(ORDER_URL)
    order_id = ORDER_URL.search(page.url).group(1)

    expect(console.workflow_status()).to_have_text("FAILED")
    expect(console.header_status()).to_have_text("failed")
    expect(page.locator(".banner")).to_contain_text("Insufficient stock for PROD004")
    expect(page.locator(".steps")).to_contain_text("MarkFailed")
    expect(page.locator(".timeline")).to_contain_text("Insufficient stock for PROD004")

    # While stock is short the banner names the product and its stock, and re-run is disabled with the reason.
    expect(page.locator(".stock-shortages")).to_contain_text("(PROD004): needs 999, ")
    expect(page.get_by_role("button", name="Re-run workflow")).to_be_disabled()
    expect(page.locator("#rerun-blocked")).to_contain_text("Re-run waits for stock: ")
    expect(console.message()).not_to_contain_text("Workflow started")

    page.get_by_role("link", name="← All orders").click()
    page.get_by_label("Status").select_option("failed")
    row = console.row(order_id)
    expect(row.locator(".status-reason")).to_have_text("Insufficient stock for PROD004")
    expect(row).to_contain_text(name)


def test_a_line_of_an_edit_is_marked_by_the_apis_param(console, http, document):
    """The API names items[0] of the change it was sent, which is the second line of the order;
    the words come from the document's maximum. A change beyond the stock is shown on its line too."""
    product_id, product_name = unique("UI-"), f"Scarce lamp {uuid.uuid4().hex[:4]}"
    assert http.post("/products", {"product_id": product_id, "product_name": product_name, "price": "5.00",
                                   "stock_quantity": 3, "category": "ui-test"}).status_code == 201
    order = settled_order(http, customer_body("Edit Marker"), [(product_id, 1), ("PROD003", 1)])
    maximum = field_schema(document, "OrderLineEdit", "quantity")["maximum"]
    console.connect()
    page = console.open(f"#/orders/{order['order_id']}")
    expect(console.header_status()).to_have_text("processing")
    scarce, keyboard = page.get_by_label(f"Quantity of {product_name}"), page.get_by_label("Quantity of Keyboard")

    keyboard.fill(str(maximum + 1))
    page.get_by_role("button", name="Save changes").click()
    words = range_words(document, "OrderLineEdit")
    expect(keyboard).to_have_attribute("aria-invalid", "true")
    expect(keyboard).to_have_accessible_description(description(words))
    expect(keyboard).to_be_focused()
    expect(scarce).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(".items-form .form-error")).to_have_text(f"Not saved: {words}.")
    assert f"{maximum:,}" in words

    # Stock: 3 added, 1 reserved by this order; 5 needs 4 more than it holds.
    keyboard.fill("1")
    scarce.fill("5")
    page.get_by_role("button", name="Save changes").click()
    expect(scarce).to_have_attribute("aria-invalid", "true")
    expect(scarce).to_have_accessible_description(description(f"Only 2 in stock for {product_name}"))
    expect(keyboard).not_to_have_attribute("aria-invalid", "true")
    assert http.get(f"/orders/{order['order_id']}").data["items"][0]["quantity"] == 1


def test_the_order_page_offers_exactly_the_documented_transitions(console, http, document):
    """The buttons come from the served document's x-transitions, whatever it says."""
    transitions = document["x-transitions"]
    assert set(transitions) >= {"processing", "shipped", "delivered", "failed", "cancelled"}
    shipped = settled_order(http, customer_body("Lifecycle Walker"), [("PROD002", 1)])
    product_id = unique("UI-")
    assert http.post("/products", {"product_id": product_id, "product_name": "Never in stock", "price": "1.00",
                                   "stock_quantity": 0, "category": "ui-test"}).status_code == 201
    failed = settled_order(http, customer_body("Lifecycle Walker"), [(product_id, 1)], statuses=("failed",))
    console.connect()
    page = console.page

    def offered():
        return page.locator(".action-buttons [data-action]").evaluate_all(
            "buttons => buttons.map(b => b.dataset.action).filter(a => a !== 'workflow')")

    steps = [(shipped, "processing"), (shipped, "shipped"), (shipped, "delivered"), (failed, "failed"), (failed, "cancelled")]
    for order, status in steps:
        stored = http.get(f"/orders/{order['order_id']}").data
        if stored["status"] != status:
            assert http.put(f"/orders/{order['order_id']}", {"status": status}).status_code == 200
        console.open("#/orders")  # a fresh page each time
        expect(page.locator(".list-summary")).to_contain_text("newest first")
        console.open(f"#/orders/{order['order_id']}")
        expect(console.header_status()).to_have_text(status)
        expect(page.get_by_role("heading", name="Actions")).to_be_visible()
        if transitions[status]:
            expect(page.locator(".action-buttons [data-action]").first).to_be_visible()
        else:
            expect(page.get_by_text(f"A {status} order has no further steps.")).to_be_visible()
        assert offered() == transitions[status], status
    expect(page.get_by_label("Quantity of Never in stock")).to_have_count(0)  # cancelled: items are final


def test_customer_supplied_text_is_shown_as_text(console, http):
    order = settled_order(http, customer_body(XSS_NAME), [("PROD002", 1)])
    reason = "<b>bold</b><script>alert(2)</script>"
    assert http.delete(f"/orders/{order['order_id']}", {"reason": reason}).status_code == 200
    console.connect()
    page = console.open(f"#/orders?customer={order['customer_id']}")
    row = console.row(order["order_id"])
    expect(row.locator(".customer-name")).to_have_text(XSS_NAME)
    expect(row.locator(".status-reason")).to_have_text(reason)

    row.get_by_role("link").click()
    expect(page.locator(".facts .customer-name")).to_have_text(XSS_NAME)
    expect(page.locator(".banner")).to_contain_text(reason)
    expect(page.locator(".timeline")).to_contain_text(reason)

    console.open("#/new")
    expect(page.locator("select[name=customer_id]")).to_contain_text(XSS_NAME)
    assert page.locator("main img, main b, main script").count() == 0
    assert console.dialogs == []  # also checked after every test


def test_a_failed_order_is_repaired_by_cutting_its_line_to_the_stock_then_re_run(console, http):
    product_id, product_name = unique("UI-"), f"Scarce lamp {uuid.uuid4().hex[:4]}"
    assert http.post("/products", {"product_id": product_id, "product_name": product_name, "price": "5.00",
                                   "stock_quantity": 3, "category": "ui-test"}).status_code == 201
    order = settled_order(http, customer_body("Repair Shop"), [(product_id, 5)], statuses=("failed",))
    console.connect()
    page = console.open(f"#/orders/{order['order_id']}")
    expect(page.locator(".stock-shortages")).to_have_text(f"{product_name} ({product_id}): needs 5, 3 in stock")
    rerun = page.get_by_role("button", name="Re-run workflow")
    expect(rerun).to_be_disabled()
    page.get_by_label(f"Quantity of {product_name}").fill("3")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".banner")).to_contain_text("Stock now covers every line")
    expect(rerun).to_be_enabled()
    rerun.click()
    expect(console.header_status()).to_have_text("processing")
    expect(page.locator(".timeline")).to_contain_text(f"{product_name} ({product_id}) quantity: 5 → 3")
