"""The operator website (`frontend/`) in a real browser: Playwright drives
Debian's Chromium, headless, against the real local stack (`local_stack`:
emulator, chalice local, Step Functions executing, the static site).

The stack is shared with the other end-to-end tests, so every test makes its
own data (a customer with a unique e-mail, a product with a unique id) and
looks at it through filters. Nothing here asserts timings: Playwright's
`expect` waits, up to EXPECT_TIMEOUT, for what the page must end up showing.

Screenshots of the main views go to test-artifacts/screenshots/ (git-ignored);
the README's picture of the orders view (docs/orders-view.png) is rewritten
when OMS_UPDATE_README_SCREENSHOT=1.
"""
import json
import os
import pathlib
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from playwright.sync_api import expect, sync_playwright

from ops.run_local import free_port
from ops.site_headers import SECURITY_HEADERS
from tests.support import ROOT

pytestmark = pytest.mark.e2e

SHOTS = ROOT / "test-artifacts" / "screenshots"
DOCS_SHOT = ROOT / "docs" / "orders-view.png"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
EXPECT_TIMEOUT = 15_000
XSS_NAME = "<img src=x onerror=alert(1)>"
ORDER_URL = re.compile(r"#/orders/([0-9a-f-]{36})$")

expect.set_options(timeout=EXPECT_TIMEOUT)


# ---------------------------------------------------------------- fixtures and helpers

@pytest.fixture(scope="module")
def chromium_browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Console:
    """One browser context (its own localStorage) on the website, recording
    JavaScript dialogs, uncaught page errors and Content-Security-Policy
    violations (all must stay empty), and console errors."""

    def __init__(self, browser, stack, viewport):
        self.stack = stack
        self.context = browser.new_context(viewport=viewport, locale="en-US")  # numbers read "10,000"
        self.context.set_default_timeout(EXPECT_TIMEOUT)
        self.dialogs, self.errors, self.csp_violations, self.console_errors = [], [], [], []
        # A binding outlives navigations, so a violation on any page of the context is kept.
        self.context.expose_binding("omsTestCspViolation", lambda source, text: self.csp_violations.append(text))
        self.context.add_init_script("""document.addEventListener('securitypolicyviolation',
            (e) => window.omsTestCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`));""")
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    @property
    def connect_link(self):
        return f"{self.stack.web_url}/#api={self.stack.api_url}&key={self.stack.api_key}"

    def connect(self):
        self.page.goto(self.connect_link)
        expect(self.page.locator("#connection-label")).to_have_text(f"API: {self.stack.api_url}")
        return self.page

    def remember_key(self):
        """Keeps the connected key on this device (every tab), through the connect screen."""
        self.open("#/connect")
        self.page.get_by_label("Remember the key on this device").check()
        self.page.get_by_role("button", name="Connect", exact=True).click()
        expect(self.page).to_have_url(re.compile(r"#/orders$"))

    def open(self, route):
        self.page.goto(f"{self.stack.web_url}/{route}")
        return self.page

    def row(self, order_id):
        return self.page.locator(f'tr[data-order-id="{order_id}"]')

    def rows(self):
        return self.page.locator("tbody tr[data-order-id]")

    def message(self):
        return self.page.locator("#messages .message")

    def header_status(self):
        return self.page.locator(".header-badge .badge")

    def workflow_status(self):
        return self.page.locator(".workflow-status .badge")

    def screenshot(self, name, **options):
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), **options)

    def close(self):
        self.context.close()


@pytest.fixture
def console(chromium_browser, local_stack):
    console = Console(chromium_browser, local_stack, {"width": 1280, "height": 900})
    yield console
    console.close()
    assert console.errors == [], f"uncaught errors in the page: {console.errors}"
    assert console.dialogs == [], f"unexpected dialogs: {console.dialogs}"
    assert console.csp_violations == [], f"Content-Security-Policy violations: {console.csp_violations}"


class Recorder:
    """A stand-in for someone else's API on this machine: records every request's
    headers and lets the browser send anything (CORS open), so a key sent would arrive."""

    def __init__(self):
        self.requests = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body=b""):
                recorder.requests.append({"method": self.command, "path": self.path,
                                          "headers": {k.lower(): v for k, v in self.headers.items()}})
                self.send_response(status)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
                self.send_header("Access-Control-Allow-Headers", self.headers.get("Access-Control-Request-Headers", "*"))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_OPTIONS(self):
                self._answer(204)

            def do_GET(self):
                self._answer(403, json.dumps({"message": "Forbidden"}).encode())

            do_POST = do_PUT = do_DELETE = do_GET

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def keys(self):
        return [r["headers"]["x-api-key"] for r in self.requests if "x-api-key" in r["headers"]]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder():
    recorder = Recorder()
    yield recorder
    recorder.close()


@pytest.fixture(scope="module")
def document(local_stack):
    """The OpenAPI document the stack serves: what the website must read its rules from."""
    response = requests.get(f"{local_stack.api_url}/openapi.json", timeout=10)
    assert response.status_code == 200
    return response.json()


def field_schema(document, schema, field):
    """A property of a component, also when the component is composed (allOf)."""
    component = document["components"]["schemas"][schema]
    for part in [component, *component.get("allOf", [])]:
        if field in part.get("properties", {}):
            return part["properties"][field]
    raise KeyError(f"{schema}.{field}")


def description(words):
    """An accessible description of exactly these words (the stylesheet may put a warning sign before them)."""
    return re.compile(rf"^(⚠ )?{re.escape(words)}$")


def range_words(document, schema, field="quantity"):
    """The operator's words for an out-of-range quantity, from the document's limits (en-US)."""
    limits = field_schema(document, schema, field)
    return f"Quantity must be between {limits['minimum']:,} and {limits['maximum']:,}"


def unique(prefix="ui"):
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def customer_body(name, tag=None):
    return {"customer_name": name, "customer_email": f"{tag or unique()}@example.com"}


def create_order(http, customer, items):
    response = http.post("/orders", {**customer, "items": [{"product_id": pid, "quantity": qty} for pid, qty in items]})
    assert response.status_code == 201, response.data
    return response.data["order"]


def wait_for_status(http, order_id, statuses, timeout=30):
    """The workflow moves a new order on its own; wait until it has (no timing is asserted)."""
    deadline = time.time() + timeout
    while True:
        order = http.get(f"/orders/{order_id}").data
        if order["status"] in statuses:
            return order
        assert time.time() < deadline, f"order {order_id} still {order['status']}"
        time.sleep(0.1)


def settled_order(http, customer, items, statuses=("processing",)):
    return wait_for_status(http, create_order(http, customer, items)["order_id"], statuses)


def unlabelled_controls(page):
    """Form controls in <main> without an accessible label."""
    return page.evaluate("""() => [...document.querySelectorAll('main input, main select, main textarea')]
        .filter((el) => el.type !== 'hidden' && !el.labels.length && !el.getAttribute('aria-label'))
        .map((el) => el.outerHTML)""")


# ---------------------------------------------------------------- the picture for the README

def test_orders_view_screenshot_for_the_readme(chromium_browser, local_stack, http):
    """Realistic orders in every state, then the orders view as an operator sees it."""
    run = uuid.uuid4().hex[:6]
    maria = customer_body("Maria Garcia", f"maria.garcia+{run}")
    liam = customer_body("Liam O'Brien", f"liam.obrien+{run}")
    sofia = customer_body("Sofia Rossi", f"sofia.rossi+{run}")
    noah = customer_body("Noah Williams", f"noah.williams+{run}")

    delivered = settled_order(http, maria, [("PROD001", 1), ("PROD002", 1)])
    for status in ("shipped", "delivered"):
        assert http.put(f"/orders/{delivered['order_id']}", {"status": status}).status_code == 200
    shipped = settled_order(http, liam, [("PROD003", 2)])
    assert http.put(f"/orders/{shipped['order_id']}", {"status": "shipped"}).status_code == 200
    cancelled = settled_order(http, sofia, [("978-1492056355", 1)])
    assert http.delete(f"/orders/{cancelled['order_id']}", {"reason": "Customer ordered the wrong edition"}).status_code == 200
    settled_order(http, noah, [("PROD004", 999)], statuses=("failed",))
    settled_order(http, maria, [("PROD004", 2), ("PROD003", 1)])
    settled_order(http, sofia, [("978-0134685991", 1), ("978-0262046305", 1)])
    newest = settled_order(http, liam, [("PROD002", 3)])

    console = Console(chromium_browser, local_stack, {"width": 1280, "height": 820})
    try:
        console.connect()
        # Orders are listed newest first and this session creates them one at a
        # time, so the first 7 are the ones above, whatever else the stack holds.
        page = console.open("#/orders?limit=7")
        expect(console.rows()).to_have_count(7)
        expect(console.rows().first).to_have_attribute("data-order-id", newest["order_id"])
        expect(console.row(cancelled["order_id"])).to_contain_text("Customer ordered the wrong edition")
        page.get_by_role("button", name="Dismiss message").click()
        expect(console.message()).to_have_count(0)
        page.mouse.move(1, 1)  # no hover highlight where the dismiss button was
        # The committed picture changes only when asked (OMS_UPDATE_README_SCREENSHOT=1).
        target = DOCS_SHOT if os.environ.get("OMS_UPDATE_README_SCREENSHOT") == "1" else SHOTS / "readme-orders-view.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target))
        console.screenshot("orders-list", full_page=True)
    finally:
        console.close()
    assert console.errors == [] and console.dialogs == [] and console.csp_violations == []


# ---------------------------------------------------------------- connect

def test_connect_link_saves_the_connection_and_clears_the_fragment(console, local_stack):
    page = console.page
    page.goto(console.connect_link)
    expect(page).to_have_url(re.compile(r"#/orders$"))
    assert local_stack.api_key not in page.url
    expect(page.locator("#connection-label")).to_have_text(f"API: {local_stack.api_url}")
    expect(page.get_by_role("heading", name="Orders", exact=True)).to_be_visible()
    expect(console.message()).to_contain_text("Connection saved")
    # The address stays on this device; the key only for this tab.
    kept = ("() => [localStorage.getItem('oms.apiBaseUrl'), sessionStorage.getItem('oms.apiKey'), "
            "localStorage.getItem('oms.apiKey')]")
    assert page.evaluate(kept) == [local_stack.api_url, local_stack.api_key, None]
    # The key left the history entry too, not only the address bar.
    assert local_stack.api_key not in page.evaluate("() => location.href")

    page.reload()
    expect(page.locator(".list-summary")).to_contain_text("newest first")
    expect(page.locator("#connection-label")).to_have_text(f"API: {local_stack.api_url}")

    # Change connection: the form says what is wrong and saves nothing until it works.
    page.get_by_role("link", name="Change connection").click()
    url_input, key_input = page.get_by_label("API base URL"), page.get_by_label("API key", exact=True)
    expect(url_input).to_have_value(local_stack.api_url)
    key_input.fill("not-a-key")
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.locator(".form-error")).to_contain_text("The API refused this key (403 Forbidden)")
    unreachable = f"http://127.0.0.1:{free_port()}"
    url_input.fill(unreachable)
    key_input.fill(local_stack.api_key)
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.locator(".form-error")).to_contain_text(f"Cannot reach the API at {unreachable}")
    expect(page.get_by_role("button", name="Connect", exact=True)).to_be_enabled()
    assert page.evaluate("() => sessionStorage.getItem('oms.apiKey')") == local_stack.api_key

    url_input.fill(local_stack.api_url + "/")
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/orders$"))
    expect(console.message()).to_contain_text(f"Connected to {local_stack.api_url}")

    # Another tab has the address but not the key; remembering the key on this device gives it to every tab.
    tab = console.context.new_page()
    tab.goto(f"{local_stack.web_url}/#/orders")
    expect(tab.locator("#connection-label")).to_have_text("Not connected")
    console.remember_key()
    assert page.evaluate(kept) == [local_stack.api_url, None, local_stack.api_key]
    tab.reload()
    expect(tab.locator("#connection-label")).to_have_text(f"API: {local_stack.api_url}")
    tab.close()

    # Disconnect forgets the key; every screen then asks to connect.
    page.get_by_role("link", name="Change connection").click()
    page.get_by_role("button", name="Disconnect (forget key)").click()
    expect(page.locator("#connection-label")).to_have_text("Not connected")
    assert page.evaluate(kept) == [local_stack.api_url, None, None]
    console.open("#/dashboard")
    expect(page).to_have_url(re.compile(r"#/connect\?next="))
    expect(page.get_by_role("heading", name="Connect to the Order API")).to_be_visible()


def test_a_link_to_another_api_never_receives_the_saved_key(console, local_stack, recorder):
    """After connecting, a crafted #api=<elsewhere> link (no key) changes nothing and sends nothing:
    it lands on the connect screen with that address, an empty key and a warning."""
    console.connect()
    console.remember_key()  # so a new tab holds the key too
    stored = "() => [localStorage.getItem('oms.apiBaseUrl'), localStorage.getItem('oms.apiKey')]"
    link = f"{local_stack.web_url}/#api={recorder.url}"
    # Opened in a new tab (a fresh page load) and in the open one (a hash change).
    tab = console.context.new_page()
    for page in (tab, console.page):
        page.goto(link)
        expect(page).to_have_url(re.compile(r"#/connect\?api="))
        expect(page.get_by_role("alert")).to_contain_text(
            f"This link points to a different API ({recorder.url}); your saved key was not sent")
        expect(page.get_by_label("API base URL")).to_have_value(recorder.url)
        expect(page.get_by_label("API key", exact=True)).to_have_value("")
        expect(page.locator(".hint", has_text="Your key will be sent to")).to_have_text(
            f"Your key will be sent to {recorder.url}")
        assert page.evaluate(stored) == [local_stack.api_url, local_stack.api_key]
    tab.close()

    # The way back: the saved connection is untouched and still works.
    page = console.page
    page.get_by_role("link", name=f"Keep using {local_stack.api_url}").click()
    expect(page).to_have_url(re.compile(r"#/orders$"))
    expect(page.locator(".list-summary")).to_contain_text("newest first")
    expect(page.locator("#connection-label")).to_have_text(f"API: {local_stack.api_url}")

    # Storage pointing elsewhere (however it got there) still does not take the key along.
    page.evaluate(f"() => localStorage.setItem('oms.apiBaseUrl', {json.dumps(recorder.url)})")
    page.reload()
    expect(page).to_have_url(re.compile(r"#/connect\?next="))
    expect(page.get_by_label("API key", exact=True)).to_have_value("")

    # And the request path refuses on its own: a key saved for one address is never attached for another.
    refused = page.evaluate("""async ([elsewhere, key, keyFor]) => {
        const { request } = await import('./js/api.js');
        try {
            await request('GET', '/orders', { connection: { apiBaseUrl: elsewhere, apiKey: key, keyFor } });
            return 'sent';
        } catch (error) {
            return error.message;
        }
    }""", [recorder.url, local_stack.api_key, local_stack.api_url])
    assert refused.startswith("Nothing was sent: the saved key belongs to"), refused
    assert recorder.keys() == [] and recorder.requests == []


def test_a_connect_link_with_its_own_key_replaces_both(console, local_stack, recorder):
    # The make run link carries address and key; only the link's own key goes to the link's address.
    console.connect()
    page = console.page
    page.goto(f"{local_stack.web_url}/#api={recorder.url}&key=the-links-own-key")
    expect(page.locator("#connection-label")).to_have_text(f"API: {recorder.url}")
    expect(page.locator(".panel-error")).to_contain_text("Forbidden")
    assert page.evaluate("() => sessionStorage.getItem('oms.apiKey')") == "the-links-own-key"
    assert recorder.keys() and set(recorder.keys()) == {"the-links-own-key"}


def test_the_connect_screen_shows_where_the_key_will_be_sent(console, local_stack):
    page = console.open("#/connect")
    destination = page.locator(".hint", has_text=re.compile("key will be sent"))
    # The local website answers config.json as a deploy does: the address starts as this API's.
    expect(destination).to_have_text(f"Your key will be sent to {local_stack.api_url}")
    url_input = page.get_by_label("API base URL")
    url_input.fill("")
    expect(destination).to_have_text("Enter the API address to see where your key will be sent.")
    url_input.fill("https://abc123.execute-api.eu-west-1.amazonaws.com/api/")
    expect(destination).to_have_text("Your key will be sent to https://abc123.execute-api.eu-west-1.amazonaws.com")
    url_input.fill(local_stack.api_url + "/")
    expect(destination).to_have_text(f"Your key will be sent to {local_stack.api_url}")
    page.get_by_label("API key", exact=True).fill(local_stack.api_key)
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/orders$"))

    # Back on the screen, the saved key is shown with the address it goes to.
    page.get_by_role("link", name="Change connection").click()
    expect(page.get_by_label("API key", exact=True)).to_have_value(local_stack.api_key)
    expect(destination).to_have_text(f"Your key will be sent to {local_stack.api_url}")


def test_the_site_is_served_with_security_headers(local_stack):
    for path in ("/", "/js/app.js", "/styles.css", "/no-such-file"):
        response = requests.get(local_stack.web_url + path, timeout=10)
        assert {name: response.headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS, path
    assert requests.get(local_stack.web_url + "/js/app.js", timeout=10).headers["Content-Type"].endswith("javascript")


def test_every_screen_runs_under_the_content_security_policy(console, http):
    order = settled_order(http, customer_body("Policy Checker"), [("PROD002", 1)])
    page = console.connect()
    # The policy is in force: an injected inline script does not run, and the violation is seen.
    ran = page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.inlineRan = true';
        document.body.append(script);
        return Boolean(window.inlineRan);
    }""")
    assert ran is False
    deadline = time.time() + 5
    while not console.csp_violations and time.time() < deadline:
        page.wait_for_timeout(50)
    assert console.csp_violations and "script-src" in console.csp_violations[0]
    console.csp_violations.clear()
    console.console_errors.clear()

    console.open("#/orders")
    expect(page.locator(".list-summary")).to_contain_text("newest first")
    console.open(f"#/orders/{order['order_id']}")
    expect(console.header_status()).to_have_text("processing")
    console.open("#/new")
    expect(page.locator(".line").first.get_by_label("Product")).to_contain_text("in stock")
    console.open("#/dashboard")
    expect(page.locator("svg.status-chart g.bar")).to_have_count(6)
    console.open("#/connect")
    expect(page.get_by_role("heading", name="Connect to the Order API")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Connect to the Order API")).to_be_visible()
    assert console.csp_violations == []
    assert [text for text in console.console_errors if "Content Security Policy" in text] == []


def test_the_deployed_config_json_supplies_the_default_address(console, local_stack):
    # The deploy writes config.json next to index.html; locally there is none, so serve one here.
    page = console.page
    page.route("**/config.json", lambda route: route.fulfill(json={"apiBaseUrl": local_stack.api_url}))
    console.open("#/orders")
    expect(page).to_have_url(re.compile(r"#/connect\?next="))
    expect(page.get_by_label("API base URL")).to_have_value(local_stack.api_url)
    expect(page.get_by_label("API key", exact=True)).to_have_value("")
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.get_by_label("API key", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Enter the API key")).to_be_visible()
    page.get_by_label("API key", exact=True).fill(local_stack.api_key)
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/orders$"))
    expect(page.locator(".list-summary")).to_contain_text("newest first")


# ---------------------------------------------------------------- the main flow

def test_create_an_order_follow_its_workflow_edit_it_and_ship_it(console, http):
    product_id, product_name = unique("UI-"), f"Desk lamp {uuid.uuid4().hex[:4]}"
    assert http.post("/products", {"product_id": product_id, "product_name": product_name, "price": "12.34",
                                   "stock_quantity": 100, "category": "ui-test"}).status_code == 201
    name, email = f"Ada Lovelace {uuid.uuid4().hex[:4]}", f"{unique('ada')}@example.com"
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

    page.get_by_role("button", name="Mark shipped").click()
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


def test_cancel_with_a_reason_shows_the_reason_in_the_list(console, http):
    customer = customer_body("Alan Turing")
    kept = settled_order(http, customer, [("PROD002", 1)])
    doomed = settled_order(http, customer, [("PROD003", 1)])
    console.connect()
    page = console.open(f"#/orders/{doomed['order_id']}")
    expect(console.header_status()).to_have_text("processing")

    page.get_by_role("button", name="Cancel order…").click()
    page.get_by_label("Why is the order cancelled?").fill("Customer changed their mind")
    page.get_by_role("button", name="Cancel order", exact=True).click()
    expect(console.header_status()).to_have_text("cancelled")
    expect(page.locator(".banner")).to_contain_text("Customer changed their mind")
    expect(page.get_by_text("A cancelled order has no further steps.")).to_be_visible()

    console.open(f"#/orders?customer={doomed['customer_id']}")
    expect(console.rows()).to_have_count(2)
    expect(console.row(doomed["order_id"]).locator(".badge")).to_have_text("cancelled")
    expect(console.row(doomed["order_id"]).locator(".status-reason")).to_have_text("Customer changed their mind")
    expect(console.row(kept["order_id"]).locator(".badge")).to_have_text("processing")


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
    expect(page.locator("tbody tr[data-order-id] .badge")).to_have_text(["cancelled", "cancelled"])
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


def test_the_create_form_shows_the_apis_field_errors_and_recovers(console, local_stack, document):
    console.connect()
    page = console.open("#/new")
    create = page.get_by_role("button", name="Create order")
    page.get_by_label("New customer").check()
    page.get_by_label("Name", exact=True).fill("Field Errors")
    email = page.get_by_label("E-mail", exact=True)
    email.fill("not-an-email")

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
    page.route(f"{local_stack.api_url}/orders", lambda route: route.abort())
    create.click()
    expect(page.locator(".order-form .form-error")).to_contain_text(f"Cannot reach the API at {local_stack.api_url}")
    expect(create).to_be_enabled()
    page.unroute(f"{local_stack.api_url}/orders")

    create.click()
    expect(page).to_have_url(ORDER_URL)
    expect(console.header_status()).to_have_text(re.compile("pending|processing"))


def described_by(control):
    """The visible text of the elements a control's aria-describedby names (its field error among them)."""
    return control.evaluate("""(el) => (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
        .map((id) => document.getElementById(id)).filter((e) => e && !e.hidden).map((e) => e.textContent)""")


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


def test_the_dashboard_draws_its_charts(console, http):
    settled_order(http, customer_body("Chart Filler"), [("PROD003", 2)])
    total = http.settled_stats()["orders"]["total"]
    console.connect()
    page = console.open("#/dashboard")
    status_bars = page.locator("svg.status-chart g.bar")
    expect(status_bars).to_have_count(6)
    assert status_bars.evaluate_all("bars => bars.map(b => b.dataset.label)") == [
        "pending", "processing", "shipped", "delivered", "cancelled", "failed"]
    today = time.strftime("%Y-%m-%d", time.gmtime())
    week = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 6 * 86400))
    figures = http.get(f"/dashboard?from={week}&to={today}").data  # the figures the page shows come from here
    assert total >= figures["orders"] >= 1
    expect(page.locator(".kpi-value").nth(1)).to_have_text(str(figures["orders"]))
    columns = page.locator("svg.revenue-chart g.column")
    expect(columns).to_have_count(7)
    assert int(columns.last.get_attribute("data-value")) >= 15998  # today holds at least the 2 keyboards above
    expect(page.locator(".chart-note")).to_contain_text("Kept by the server")
    expect(page.locator("svg.status-chart")).to_have_attribute("aria-label", re.compile(rf"^Orders by status, {week} to {today}"))
    console.screenshot("dashboard", full_page=True)

    page.get_by_role("link", name=re.compile(r"^failed: \d+$")).click()
    expect(page).to_have_url(re.compile(rf"#/orders\?status=failed&from={week}&to={today}$"))


def test_a_narrow_screen_keeps_the_list_usable(chromium_browser, local_stack, http):
    customer = customer_body("Narrow Screen")
    orders = [settled_order(http, customer, [("PROD001", 1), ("PROD002", n)]) for n in (1, 2)]
    console = Console(chromium_browser, local_stack, {"width": 375, "height": 740})
    try:
        console.connect()
        page = console.open(f"#/orders?customer={orders[0]['customer_id']}")
        expect(console.rows()).to_have_count(2)
        for order in orders:
            link = console.row(order["order_id"]).get_by_role("link")
            expect(link).to_be_visible()
            expect(console.row(order["order_id"]).locator(".badge")).to_be_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 375  # no sideways scrolling
        for control in ("Status", "Customer", "Per page"):
            expect(page.get_by_label(control)).to_be_visible()
        console.screenshot("orders-list-narrow", full_page=True)

        # Keyboard: navigation puts focus on the screen's heading, Tab goes on
        # from there, and an order opens from its link with Enter.
        expect(page.get_by_role("heading", name="Orders", exact=True)).to_be_focused()
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Export CSV")).to_be_focused()
        link = console.row(orders[1]["order_id"]).get_by_role("link")
        link.focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(ORDER_URL)
        expect(page.get_by_role("button", name="Mark shipped")).to_be_visible()
        expect(page.get_by_label("Quantity of Laptop")).to_be_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
        console.screenshot("order-detail-narrow", full_page=True)
    finally:
        console.close()
    assert console.errors == [] and console.dialogs == [] and console.csp_violations == []


# ---------------------------------------------------------------- daily shop work (search, tabs, bulk, live, export)

def stocked_product(http, price="29.99"):
    """A product only this test orders from, so the shared stack's demo stock is left to the other tests."""
    product_id = unique("SHOP-")
    assert http.post("/products", {"product_id": product_id, "product_name": f"Shop item {product_id[-4:]}", "price": price,
                                   "stock_quantity": 1000, "category": "ui-test"}).status_code == 201
    return product_id


def named_customer(word):
    """A customer only this test uses, findable by the start of its name."""
    tag = uuid.uuid4().hex[:8]
    return customer_body(f"{word} {tag}", tag=f"{word.lower()}.{tag}"), f"{word} {tag}"


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
    expect(page.locator("tbody tr.empty")).to_contain_text("Search by order number")


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
    page.get_by_label("Tracking number (optional)").fill("1Z999AA10123456784")
    page.get_by_label("Carrier (optional)").fill("UPS")
    page.get_by_role("button", name="Mark shipped").click()
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
    page.get_by_role("button", name="Cancel orders").click()
    expect(page.get_by_label("Cancellation reason")).to_be_focused()
    page.get_by_label("Cancellation reason").fill("Customer asked by phone")
    page.get_by_role("button", name="Cancel orders").click()
    expect(console.row(other["order_id"]).locator(".badge")).to_have_text("cancelled")
    assert http.get(f"/orders/{other['order_id']}").data["history"][-1]["reason"] == "Customer asked by phone"


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
    expect(console.row(first["order_id"]).locator(".badge")).to_have_text("processing", timeout=20_000)  # changed in place
    bar.click()
    expect(console.rows().first).to_have_attribute("data-order-id", newer["order_id"])
    # Hidden tab: no list requests at all.
    page.evaluate("""() => { Object.defineProperty(document, 'hidden', { value: true, configurable: true });
                             document.dispatchEvent(new Event('visibilitychange')); }""")
    asked = []
    page.on("request", lambda request: "/orders" in request.url and asked.append(request.url))
    page.wait_for_timeout(6_000)
    assert asked == []


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
    text = pathlib.Path(download.value.path()).read_bytes().decode("utf-8")  # as written: CRLF lines
    lines = text.strip().split("\r\n")
    assert len(lines) == 4 and lines[0].startswith('"Order number","Order id"')
    assert all(f'"\'=HYPERLINK(""x"") {tag}"' in line for line in lines[1:])
    assert all(f'"{orders[0]["total_amount"]}"' in line for line in lines[1:]) and orders[0]["total_amount"] == "59.98"
    expect(page.get_by_text("3 orders exported")).to_be_visible()


def test_the_dashboard_shows_the_servers_figures_for_a_chosen_range(console, http):
    product = stocked_product(http)
    create_order(http, customer_body("Dash Board"), [(product, 1)])
    console.connect()
    page = console.open("#/dashboard")
    expect(page.locator(".kpi-label")).to_have_text(["Revenue", "Orders", "Average order value", "Failed"])
    expect(page.locator("svg.status-chart g.bar")).to_have_count(6)
    page.get_by_label("From (UTC)").fill("2001-01-01")
    page.get_by_label("To (UTC)").fill("2001-01-03")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"from=2001-01-01&to=2001-01-03"))
    expect(page.locator(".kpi-value").first).to_have_text("$0.00")
    expect(page.locator(".chart-note")).to_contain_text("0 orders")


def test_pages_load_without_console_errors_or_a_hanging_request(console, http):
    product = stocked_product(http)
    order = create_order(http, customer_body("Quiet Page"), [(product, 1)])
    console.connect()
    for route in ("#/orders", f"#/orders/{order['order_id']}", "#/dashboard", "#/new"):
        page = console.open(route)
        page.wait_for_load_state("networkidle")
    assert console.console_errors == []


@pytest.mark.parametrize("route", ["list", "order"])
def test_the_list_and_the_order_page_work_on_a_phone(chromium_browser, local_stack, http, route):
    product = stocked_product(http)
    customer, name = named_customer("Phone")
    order = create_order(http, customer, [(product, 1)])
    phone = Console(chromium_browser, local_stack, {"width": 390, "height": 844})
    try:
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
    finally:
        phone.close()
    assert phone.errors == [] and phone.console_errors == []


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
