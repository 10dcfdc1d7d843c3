"""The catalog as an operator uses it: find products, add one, change its
price (confirmed), restock it with a reason (a retried request moves the
stock once), see its stock movements; a failed order's shortage links to
restocking; the product picker of a new order and of an order's items; a
money edit of an order confirmed with a reason kept in its history."""
import re

from playwright.sync_api import expect

from tests.browser_support import create_order, customer_body, docs_screenshot, settled_order, unique, wait_for_status


def new_product(http, stock, price="20.00", name=None):
    product_id = unique("CAT-").upper()
    name = name or f"Lantern {product_id[-6:]}"
    assert http.post("/products", {"product_id": product_id, "product_name": name, "price": price,
                                   "stock_quantity": stock, "category": "ui-test"}).status_code == 201
    return product_id, name


def test_an_operator_adds_a_product_changes_its_price_and_restocks_it_once_through_a_retry(console, http, local_stack):
    page = console.connect()
    page.get_by_role("link", name="Catalog", exact=True).click()
    expect(page.get_by_role("heading", name="Catalog", exact=True)).to_be_visible()
    expect(page.locator("tr[data-product-id='PROD001']")).to_contain_text("Laptop")
    console.assert_accessible()

    # Add a product: it opens on its own page, low on stock (3 is at or below the default 5).
    product_id = unique("LAMP-").upper()
    word = f"Glowlamp{product_id[-4:]}"
    page.get_by_role("button", name="New product").click()
    form = page.get_by_role("form", name="New product")
    form.get_by_label("Product id or ISBN").fill(product_id)
    form.get_by_label("Name").fill(f"{word} desk lamp")
    form.get_by_label("Price").fill("18.00")
    form.get_by_label("Units in stock").fill("3")
    form.get_by_label("Category").fill("lighting")
    form.get_by_role("button", name="Add product").click()
    expect(page).to_have_url(re.compile(rf"#/catalog/{product_id}$"))
    expect(console.message()).to_contain_text(f"{word} desk lamp ({product_id}) added")
    expect(page.locator(".stock-line")).to_contain_text("3 in stock")
    expect(page.locator(".stock-line")).to_contain_text("Low stock")

    # A new price is asked about first, with both prices in words.
    details = page.get_by_role("form", name="Product details")
    details.get_by_label("Price").fill("21.50")
    details.get_by_role("button", name="Save details").click()
    confirm = page.get_by_role("group", name="Confirm the new price")
    expect(confirm).to_contain_text("from $18.00 to $21.50")
    assert http.get(f"/products/{product_id}").data["price"] == "18.00"  # nothing sent yet
    confirm.get_by_role("button", name="Change the price").click()
    expect(console.message()).to_contain_text(f"Saved {word} desk lamp")
    expect(page.locator(".stock-line")).to_contain_text("$21.50")
    assert http.get(f"/products/{product_id}").data["price"] == "21.50"

    # The restock's first answer is lost on the way back (the API did move the stock); the operator
    # presses Restock again, and the same Idempotency-Key makes the retry a replay.
    restock = page.get_by_role("form", name="Restock")
    restock.get_by_role("button", name="Restock").click()
    expect(restock.get_by_label("Units to add")).to_be_focused()
    expect(restock).to_contain_text("Enter how many units to add")
    restock.get_by_label("Units to add").fill("10")
    restock.get_by_label("Reason").fill("Delivery from the supplier")
    keys = []
    lost = []

    def lose_first_answer(route):
        keys.append(route.request.headers.get("idempotency-key"))
        if not lost:
            lost.append(route.fetch())  # the API applies the restock ...
            route.abort()  # ... and the console never hears back
        else:
            route.continue_()

    product_url = f"{local_stack.api_url}/products/{product_id}"
    console.expect_failure(product_url, "network")  # the answer lost on purpose
    page.route(product_url, lambda route: lose_first_answer(route) if route.request.method == "PUT" else route.continue_())
    restock.get_by_role("button", name="Restock").click()
    expect(restock.locator(".form-error")).to_contain_text("Press Restock again")
    assert lost[0].status == 200 and http.get(f"/products/{product_id}").data["stock_quantity"] == 13
    restock.get_by_role("button", name="Restock").click()
    expect(console.message()).to_contain_text(f"Added 10 to the stock of {word} desk lamp: 13 in stock now")
    assert len(keys) == 2 and keys[0] == keys[1]
    assert http.get(f"/products/{product_id}").data["stock_quantity"] == 13  # moved once
    page.unroute(product_url)
    console.assert_clean()
    expect(page.locator(".stock-line")).not_to_contain_text("Low stock")

    # The movements: the initial stock and the restock with its reason and who made it.
    moves = page.locator(".movements-table tbody tr")
    expect(moves.first).to_contain_text("Delivery from the supplier", timeout=20_000)
    expect(moves.first).to_contain_text("Put in stock")
    expect(moves.first).to_contain_text("+10")
    expect(moves.nth(1)).to_contain_text("+3")
    expect(moves.nth(1)).to_contain_text("Initial stock")
    expect(moves.locator("td[data-label='By']").first).to_have_text("local development")  # the key's name, not its id
    console.assert_accessible()

    # The catalog finds it by a word of its name; a higher threshold marks it low.
    page.get_by_role("link", name="← Catalog").click()
    page.get_by_label("Find a product").fill(word.lower())
    page.get_by_label("Find a product").press("Enter")
    expect(page).to_have_url(re.compile(rf"#/catalog\?q={word.lower()}$"))
    rows = page.locator(".catalog-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("13")
    expect(rows.first).not_to_have_class(re.compile("stock-low"))
    page.get_by_label("Low stock at or below").fill("20")
    page.get_by_label("Low stock at or below").press("Tab")
    expect(rows.first).to_have_class(re.compile("stock-low"))
    expect(rows.first).to_contain_text("Low stock")
    page.get_by_label("Find a product").fill(product_id[:8].lower())
    page.get_by_label("Find a product").press("Enter")
    expect(rows.first).to_contain_text(product_id)
    console.screenshot("catalog", full_page=True)

    new_product(http, 2, price="34.00", name="Reading lamp")  # a low-stock row for the picture
    page.get_by_label("Low stock at or below").fill("5")
    page.get_by_label("Low stock at or below").press("Tab")
    page.get_by_label("Find a product").fill("")
    page.get_by_label("Find a product").press("Enter")
    expect(page).to_have_url(re.compile(r"#/catalog$"))
    expect(page.get_by_role("button", name="Search")).to_be_enabled()
    expect(page.locator("tr[data-product-id='PROD001']")).to_be_visible()
    docs_screenshot(page, "catalog")
    console.assert_clean()


def test_the_catalog_and_a_product_read_well_on_a_phone(console_at, http):
    product_id, name = new_product(http, 2)
    phone = console_at(390, 844)
    page = phone.connect()
    for route in ("#/catalog", f"#/catalog/{product_id}"):
        phone.open(route)
        expect(page.locator("main h1")).not_to_have_text("")
        expect(page.locator("main .loading")).to_have_count(0)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"{route} scrolls sideways ({width}px)"
        phone.assert_accessible()
    expect(page.get_by_role("form", name="Restock")).to_be_visible()
    expect(page.locator(".stock-line")).to_contain_text("Low stock")
    phone.screenshot("product-phone", full_page=True)
    # The product picker of a new order, typed into at a phone's width.
    phone.open("#/new")
    line = page.locator(".line").first
    line.get_by_label("Find by name, id or ISBN").fill(product_id.lower())
    expect(line.get_by_label("Product")).to_have_value(product_id)
    expect(line.get_by_label("Product")).to_contain_text("2 in stock")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    phone.screenshot("new-order-picker-phone", full_page=True)


def test_a_failed_orders_shortage_links_to_restocking_the_short_product(console, http):
    product_id, name = new_product(http, 1)
    order = create_order(http, customer_body("Short Stock"), [(product_id, 4)])
    wait_for_status(http, order["order_id"], ("failed",))
    page = console.connect()
    console.open(f"#/orders/{order['order_id']}")
    link = page.get_by_role("link", name=f"Restock {name}")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(rf"#/catalog/{product_id}\?restock=3$"))
    units = page.get_by_role("form", name="Restock").get_by_label("Units to add")
    expect(units).to_have_value("3")
    expect(units).to_be_focused()


def test_the_product_pickers_find_by_name_word_or_id_and_mark_out_of_stock(console, http):
    stocked, stocked_name = new_product(http, 7, name=f"Quokka mug {unique()[-5:]}")
    empty, empty_name = new_product(http, 0, name=f"Quokka plate {unique()[-5:]}")
    page = console.connect()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="New order").click()
    line = page.locator(".line").first
    line.get_by_label("Find by name, id or ISBN").fill("quokka")
    product = line.get_by_label("Product")
    expect(product.locator(f"option[value='{stocked}']")).to_have_text(re.compile(r"7 in stock$"))
    expect(product.locator(f"option[value='{empty}']")).to_have_text(re.compile(r"out of stock$"))
    line.get_by_label("Find by name, id or ISBN").fill(empty.lower())
    expect(product.locator("option")).to_have_count(1)
    expect(product).to_have_value(empty)  # typing chose the match
    line.get_by_label("Find by name, id or ISBN").fill("")
    product.select_option(stocked)
    line.get_by_label("Quantity").fill("2")
    expect(page.locator(".total-amount").first).to_have_text("$40.00")
    console.assert_accessible()

    # The same picker adds a line to an order.
    order = create_order(http, customer_body("Picker Person"), [("PROD002", 1)])
    wait_for_status(http, order["order_id"], ("processing",))  # the page rebuilds its lines when the workflow moves it
    console.open(f"#/orders/{order['order_id']}")
    adding = page.locator(".add-line")
    adding.get_by_label("Find by name, id or ISBN").fill(stocked_name.split()[-1])
    expect(adding.get_by_label("Add a product")).to_have_value(stocked)
    adding.get_by_role("button", name="Add line").click()
    expect(page.locator(f"tr[data-product-id='{stocked}']")).to_contain_text(stocked_name)
    console.assert_clean()


def test_a_money_edit_is_confirmed_with_a_reason_kept_in_the_history(console, http):
    order = settled_order(http, customer_body("Money Edit"), [("PROD002", 2)])
    page = console.connect()
    console.open(f"#/orders/{order['order_id']}")
    page.get_by_label("Unit price of Mouse").fill("0.00")
    page.get_by_role("button", name="Save changes").click()
    confirm = page.get_by_role("group", name="Confirm this change of money")
    expect(confirm).to_contain_text("Mouse: $29.99 → $0.00")
    confirm.get_by_role("button", name="Confirm and save").click()
    expect(confirm.get_by_label("Reason (kept in the order’s history)")).to_be_focused()
    expect(confirm).to_contain_text("Enter a reason")
    assert http.get(f"/orders/{order['order_id']}").data["version"] == order["version"]  # nothing sent
    confirm.get_by_label("Reason (kept in the order’s history)").fill("Replacement for a broken one")
    confirm.get_by_role("button", name="Confirm and save").click()
    expect(console.message()).to_contain_text("The order total is now $0.00")
    latest = page.locator(".timeline-item").first
    expect(latest).to_contain_text("Mouse (PROD002) unit price: $29.99 → $0.00")
    expect(latest).to_contain_text("Replacement for a broken one")
    assert http.get(f"/orders/{order['order_id']}").data["history"][-1]["reason"] == "Replacement for a broken one"
    console.assert_accessible()
    console.assert_clean()
