"""Acting on many orders at once, and the CSV export."""
import pathlib
import uuid

from playwright.sync_api import expect

from tests.browser_support import create_order, named_customer, settled_order, stocked_product


def test_bulk_ship_with_tracking_and_cancel_with_a_reason_show_each_orders_result(console, http):
    product = stocked_product(http)
    customer, name = named_customer("Parcel")
    ready = [settled_order(http, customer, [(product, 1)]) for _ in range(2)]
    cancelled = settled_order(http, customer, [(product, 1)])
    assert http.delete(f"/orders/{cancelled['order_id']}", {"reason": "bulk test"}).status_code == 200
    console.connect()
    page = console.open(f"#/orders?q={name}")
    expect(console.rows()).to_have_count(3)
    for order in ready + [cancelled]:
        console.row(order["order_id"]).get_by_role("checkbox").check()
    expect(page.locator(".bulk-count")).to_have_text("3 orders")
    page.get_by_role("button", name="Ship…").click()
    page.get_by_label("Carrier for the orders without one").fill("UPS")
    page.get_by_role("button", name="Use this carrier").click()
    for order in ready + [cancelled]:
        page.get_by_label(f"Tracking number for #{order['order_number']}").fill("1Z999AA10123456784")
    page.get_by_role("button", name="Mark 3 orders shipped").click()
    expect(page.locator(".bulk-results li.ok")).to_have_count(2)
    expect(page.locator(".bulk-results li.refused")).to_contain_text(f"#{cancelled['order_number']}")
    expect(console.row(ready[0]["order_id"]).locator(".badge")).to_have_text("shipped")
    shipped = http.get(f"/orders/{ready[0]['order_id']}").data
    assert (shipped["tracking_number"], shipped["carrier"]) == ("1Z999AA10123456784", "UPS")
    assert shipped["history"][-1]["tracking_number"] == "1Z999AA10123456784"

    # Cancelling asks for the reason first.
    other = settled_order(http, customer, [(product, 1)])
    page.get_by_role("button", name="Refresh").click()
    console.row(other["order_id"]).get_by_role("checkbox").check()
    page.get_by_role("button", name="Cancel orders…").click()
    expect(page.get_by_label("Cancellation reason")).to_be_focused()
    page.get_by_role("button", name="Cancel 1 order", exact=True).click()  # a reason is asked for first
    expect(page.get_by_label("Cancellation reason")).to_be_focused()
    page.get_by_label("Cancellation reason").fill("Customer asked by phone")
    page.get_by_role("button", name="Cancel 1 order", exact=True).click()
    expect(console.row(other["order_id"]).locator(".badge")).to_have_text("cancelled")
    assert http.get(f"/orders/{other['order_id']}").data["history"][-1]["reason"] == "Customer asked by phone"


def test_csv_export_reads_every_page_with_exact_money_and_inert_formulas(console, http):
    product = stocked_product(http)
    tag = uuid.uuid4().hex[:8]
    customer = {"customer_name": f"=HYPERLINK(\"x\") {tag}", "customer_email": f"formula.{tag}@example.com"}
    orders = [create_order(http, customer, [(product, 2)]) for _ in range(3)]
    console.connect()
    page = console.open(f"#/orders?q=formula.{tag}%40example.com&limit=1")
    expect(console.rows()).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    raw = pathlib.Path(download.value.path()).read_bytes()
    assert raw.startswith("\ufeff".encode())  # the BOM: spreadsheets read it as UTF-8
    lines = raw.decode("utf-8-sig").strip().split("\r\n")  # as written: CRLF lines, one an order line
    assert len(lines) == 4 and lines[0].startswith('"Order number","Order id"')
    assert all(f'"\'=HYPERLINK(""x"") {tag}"' in line for line in lines[1:])
    assert all(f'"{orders[0]["total_amount"]}"' in line for line in lines[1:]) and orders[0]["total_amount"] == "59.98"
    expect(page.get_by_text("3 orders exported")).to_be_visible()
