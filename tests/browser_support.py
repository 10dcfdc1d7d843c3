"""Helpers of the browser tests (tests/e2e/browser/): where Chromium is, a
console page that records every error, a stand-in for someone else's API,
and the data each test makes for itself on the shared local stack.

Nothing here asserts timings: Playwright's `expect` waits, up to
EXPECT_TIMEOUT, for what the page must end up showing."""
import json
import os
import re
import shutil
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

from playwright.sync_api import expect

from ops.run_local import free_port
from tests.support import ROOT

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# Without the background-networking flags Chromium keeps dialling Google's
# hosts, which this machine's closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def find_chromium() -> Optional[str]:
    """OMS_CHROMIUM, else the first of CHROMIUM_NAMES on the PATH."""
    if os.environ.get("OMS_CHROMIUM"):
        return os.environ["OMS_CHROMIUM"]
    return next((path for path in map(shutil.which, CHROMIUM_NAMES) if path), None)


SHOTS = ROOT / "test-artifacts" / "screenshots"


# axe-core as published on npm (tests/e2e/browser/axe-core/README.md), never from a CDN.
AXE = ROOT / "tests" / "e2e" / "browser" / "axe-core" / "axe.min.js"


DOCS_SHOT = ROOT / "docs" / "orders-view.png"


EXPECT_TIMEOUT = 15_000


XSS_NAME = "<img src=x onerror=alert(1)>"


ORDER_URL = re.compile(r"#/orders/([0-9a-f-]{36})$")


class Console:
    """One browser context (its own localStorage) on the website, recording
    JavaScript dialogs, uncaught page errors and Content-Security-Policy
    violations (all must stay empty), and console errors."""

    def __init__(self, browser, stack, viewport):
        self.stack = stack
        self.context = browser.new_context(viewport=viewport, locale="en-US")  # numbers read "10,000"
        self.context.set_default_timeout(EXPECT_TIMEOUT)
        self.dialogs, self.errors, self.csp_violations, self.console_errors = [], [], [], []
        self.failed_requests = []  # (url, status or network error)
        self.expected_failures = []  # [url part, status, times seen]
        # A binding outlives navigations, so a violation on any page of the context is kept.
        self.context.expose_binding("omsTestCspViolation", lambda source, text: self.csp_violations.append(text))
        self.context.add_init_script("""document.addEventListener('securitypolicyviolation',
            (e) => window.omsTestCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`));""")
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console_message)
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", lambda response: response.status >= 400
                     and self.failed_requests.append((response.url, response.status)))

    def _request_failed(self, request):
        # net::ERR_ABORTED is a request the page itself dropped (a reload or navigation cut it
        # short), not one that failed: Chromium logs no console error for it either.
        if request.failure != "net::ERR_ABORTED":
            self.failed_requests.append((request.url, request.failure))

    def _console_message(self, message):
        if message.type == "error":
            self.console_errors.append((message.text, message.location.get("url", "")))

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    @property
    def connect_link(self):
        return f"{self.stack.web_url}/#api={self.stack.api_url}&key={self.stack.api_key}"

    def connect(self):
        """Opens the link `make run` prints and confirms it on the connect screen."""
        self.page.goto(self.connect_link)
        self.page.get_by_role("button", name="Connect", exact=True).click()
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

    def axe_violations(self):
        """axe-core's violations on the page as it is now: [(rule, [selectors])]. Evaluated over
        the DevTools protocol, so the page's Content-Security-Policy is kept as it is."""
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            self.page.evaluate(AXE.read_text())
        found = self.page.evaluate("""async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
            .map((v) => [v.id, v.nodes.map((n) => n.target.join(' '))])""")
        return [tuple(violation) for violation in found]

    def assert_accessible(self):
        # A list being reloaded is dimmed (aria-busy) for a moment: judge the page once it has settled.
        self.page.wait_for_function("() => !document.querySelector('[aria-busy=\"true\"]')")
        violations = self.axe_violations()
        assert violations == [], f"axe-core violations on {self.page.url}: {violations}"

    def expect_failure(self, url_part, status, times=1):
        """Declares a failed request this test provokes on purpose: `times` answers with `status`
        (a 4xx/5xx, or "network" for a request that never got an answer) from a URL containing
        `url_part`; Chromium's console line for each is allowed with it. The end of the test
        fails if it happened any other number of times, so the allowance hides nothing else."""
        self.expected_failures.append({"url_part": url_part, "status": status, "times": times})

    def _declared(self, url, status):
        wanted = status if isinstance(status, int) else "network"
        return next((e for e in self.expected_failures if e["url_part"] in url and e["status"] == wanted), None)

    def _sorted_failures(self):
        """(failed requests nobody declared, how often each declaration was seen)."""
        seen = [0] * len(self.expected_failures)
        unexpected = []
        for url, status in self.failed_requests:
            declared = self._declared(url, status)
            if declared is None:
                unexpected.append(f"{url}: {status}")
            else:
                seen[self.expected_failures.index(declared)] += 1
        return unexpected, seen

    def assert_clean(self):
        """No console error and no failed request (a network failure or a 4xx/5xx answer) so far,
        but those declared with expect_failure."""
        unexpected, _ = self._sorted_failures()
        declared = [e["url_part"] for e in self.expected_failures]
        unexpected += [f"console error: {text} ({url})" for text, url in self.console_errors
                       if not (text.startswith("Failed to load resource") and any(part in url for part in declared))]
        assert unexpected == [], unexpected

    def assert_finished_clean(self):
        """At the end of a test: clean, and every declared failure seen exactly as often as declared."""
        self.assert_clean()
        _, seen = self._sorted_failures()
        missed = [f"{e['url_part']} {e['status']}: declared {e['times']}, seen {count}"
                  for e, count in zip(self.expected_failures, seen, strict=True) if count != e["times"]]
        assert missed == [], f"declared failures that did not happen as declared: {missed}"

    def assert_no_page_trouble(self):
        """No uncaught error, JavaScript dialog or Content-Security-Policy violation."""
        assert self.errors == [], f"uncaught errors in the page: {self.errors}"
        assert self.dialogs == [], f"unexpected dialogs: {self.dialogs}"
        assert self.csp_violations == [], f"Content-Security-Policy violations: {self.csp_violations}"

    def close(self):
        self.context.close()


def docs_screenshot(page, name):
    """A picture for docs/: it replaces the committed docs/<name>.png only
    with OMS_UPDATE_DOCS_SCREENSHOTS=1 (else it goes with the test artifacts)."""
    target = ROOT / "docs" / f"{name}.png" if os.environ.get("OMS_UPDATE_DOCS_SCREENSHOTS") == "1" else SHOTS / f"docs-{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.mouse.move(1, 1)  # no hover highlight
    page.screenshot(path=str(target))


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


def restock(http, items):
    """Tops stock up to what a test is about to order, where it is short: the
    stack and its demo stock are shared with every test of this worker."""
    for product_id, quantity in items:
        short = quantity - http.get(f"/products/{product_id}").data["stock_quantity"]
        if short > 0:
            assert http.put(f"/products/{product_id}", {"add_stock": short}).status_code == 200


def settled_order(http, customer, items, statuses=("processing",)):
    """An order the workflow has moved on; one expected to be reserved gets its stock first."""
    if "processing" in statuses:
        restock(http, items)
    return wait_for_status(http, create_order(http, customer, items)["order_id"], statuses)


def unlabelled_controls(page):
    """Form controls in <main> without an accessible label."""
    return page.evaluate("""() => [...document.querySelectorAll('main input, main select, main textarea')]
        .filter((el) => el.type !== 'hidden' && !el.labels.length && !el.getAttribute('aria-label'))
        .map((el) => el.outerHTML)""")


def described_by(control):
    """The visible text of the elements a control's aria-describedby names (its field error among them)."""
    return control.evaluate("""(el) => (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
        .map((id) => document.getElementById(id)).filter((e) => e && !e.hidden).map((e) => e.textContent)""")


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

expect.set_options(timeout=EXPECT_TIMEOUT)
