"""The console's Integrations page in Chromium against the real local stack:
add an endpoint, copy its secret (shown once), send a test event that a
receiver verifies with that secret, read the delivery log and retry a
delivery (it arrives again under the same webhook-id); rotate its secret,
disable, enable and delete it."""
import re

from playwright.sync_api import expect

from ops.run_local import free_port
from ops.webhook_receiver import Receiver


def test_add_an_endpoint_see_its_secret_once_test_it_and_retry_a_delivery(console, local_stack):
    port = free_port()
    url = f"http://127.0.0.1:{port}/hooks/{port}"
    page = console.connect()
    page.get_by_role("link", name="Integrations").click()
    expect(page.get_by_role("heading", name="Integrations", exact=True)).to_be_visible()
    page.get_by_label("Endpoint URL").fill(url)
    page.get_by_label("Description (optional)").fill("console test")
    page.get_by_role("button", name="Add endpoint").click()
    secret_field = page.get_by_label("Signing secret")
    expect(secret_field).to_have_value(re.compile(r"^whsec_"))
    secret = secret_field.input_value()
    receiver = Receiver(secret, port).start()
    try:
        card = page.locator("li.webhook", has=page.get_by_role("heading", name=url))
        expect(card).to_contain_text("Enabled")
        card.get_by_role("button", name="Send test event").click()
        expect(page.locator("#messages .message")).to_contain_text("Test event queued")
        expect(card.locator("tr[data-delivery]")).to_have_count(1)  # the log opens with the test event

        def delivered():
            card.get_by_role("button", name="Deliveries").click()
            return card.locator(".delivery-status").first.inner_text() == "delivered"
        for _ in range(60):
            if delivered():
                break
            page.wait_for_timeout(500)
        expect(card.locator(".delivery-status").first).to_have_text("delivered")
        assert [event["type"] for _, event in receiver.events()] == ["webhook.test"]
        card.get_by_role("button", name="Retry").click()
        expect(page.locator("#messages .message")).to_contain_text("queued again")
        for _ in range(60):
            if len(receiver.events()) == 2:
                break
            page.wait_for_timeout(500)
        first, again = receiver.events()
        assert first == again  # the same webhook-id and body: receivers drop it as a duplicate
        card.get_by_role("button", name="Deliveries").click()
        expect(card.locator("tr[data-delivery]").first).to_contain_text("2 ×")
        page.reload()  # the secret is never shown again
        expect(page.locator("li.webhook", has=page.get_by_role("heading", name=url))).to_be_visible()
        assert secret not in page.content()
    finally:
        receiver.stop()


def test_rotate_the_secret_disable_enable_and_delete_an_endpoint(console):
    url = f"https://hooks.example.com/console/{free_port()}"
    page = console.connect()
    page.get_by_role("link", name="Integrations").click()
    page.get_by_label("Endpoint URL").fill(url)
    page.get_by_role("button", name="Add endpoint").click()
    expect(page.get_by_label("Signing secret")).to_have_value(re.compile(r"^whsec_"))
    first = page.get_by_label("Signing secret").input_value()
    card = page.locator("li.webhook", has=page.get_by_role("heading", name=url))
    card.get_by_role("button", name="Rotate secret").click()
    rotated = card.get_by_label("Signing secret")
    expect(rotated).to_have_value(re.compile(r"^whsec_"))
    assert rotated.input_value() != first
    card.get_by_role("button", name="Disable").click()
    expect(card).to_contain_text("Disabled")
    card.get_by_role("button", name="Enable").click()
    expect(card).to_contain_text("Enabled")
    card.get_by_role("button", name="Delete").click()
    confirm = card.get_by_role("group", name="Confirm deleting this endpoint")
    confirm.get_by_role("button", name="Keep it").click()
    expect(confirm).to_have_count(0)
    expect(card).to_be_visible()  # nothing is deleted without the confirmation
    card.get_by_role("button", name="Delete").click()
    card.get_by_role("button", name="Delete endpoint").click()
    expect(console.message()).to_contain_text("gets no further deliveries")
    expect(card).to_have_count(0)
    page.reload()
    expect(page.locator("ul.webhooks > li").first).to_be_visible()
    expect(page.locator("li.webhook", has=page.get_by_role("heading", name=url))).to_have_count(0)


def test_an_open_delivery_log_refreshes_on_its_own_names_orders_by_number_and_passes_axe(console, http):
    from tests.browser_support import create_order, customer_body

    port = free_port()
    url = f"http://127.0.0.1:{port}/refreshing/{port}"
    page = console.connect()
    page.get_by_role("link", name="Integrations").click()
    page.get_by_label("Endpoint URL").fill(url)
    page.get_by_role("button", name="Add endpoint").click()
    card = page.locator("li.webhook", has=page.get_by_role("heading", name=url))
    card.get_by_role("button", name="Deliveries").click()
    expect(card).to_contain_text("No deliveries yet")
    order = create_order(http, customer_body("Hooked Customer"), [("PROD002", 1)])
    # No click: the open log asks again by itself and shows the order by its number.
    expect(card.get_by_role("link", name=f"#{order['order_number']}").first).to_be_visible(timeout=30_000)
    expect(card.locator(".deliveries-table thead th")).to_have_count(7)
    console.assert_accessible()
    card.get_by_role("button", name="Delete").click()
    card.get_by_role("button", name="Delete endpoint").click()
    expect(card).to_have_count(0)
