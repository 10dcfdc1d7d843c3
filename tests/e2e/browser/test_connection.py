"""Connecting the console to an API: links, the saved key, where a key may go, security headers and the CSP."""
import json
import re
import time

import requests
from playwright.sync_api import expect

from ops.run_local import free_port
from ops.site_headers import SECURITY_HEADERS
from tests.browser_support import customer_body, settled_order


def test_a_connect_link_fills_the_connect_screen_and_saves_only_on_connect(console, local_stack):
    page = console.page
    page.goto(console.connect_link)
    expect(page).to_have_url(re.compile(r"#/connect\?api="))
    assert local_stack.api_key not in page.url
    expect(page.get_by_role("status").filter(has_text="A link filled in this connection")).to_contain_text(local_stack.api_url)
    expect(page.get_by_label("API address")).to_have_value(local_stack.api_url)
    expect(page.get_by_label("API key", exact=True)).to_have_value(local_stack.api_key)
    expect(page.locator("#connection-label")).to_have_text("Not connected")
    assert page.evaluate("() => [sessionStorage.getItem('oms.apiKey'), localStorage.getItem('oms.apiKey')]") == [None, None]
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/orders$"))
    expect(page.locator("#connection-label")).to_have_text(f"API: {local_stack.api_url}")
    expect(page.get_by_role("heading", name="Orders", exact=True)).to_be_visible()
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
    url_input, key_input = page.get_by_label("API address"), page.get_by_label("API key", exact=True)
    expect(url_input).to_have_value(local_stack.api_url)
    key_input.fill("not-a-key")
    console.expect_failure(f"{local_stack.api_url}/stats", 403)  # the wrong key, refused
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.locator(".form-error")).to_contain_text("The API refused this key (403 Forbidden)")
    unreachable = f"http://127.0.0.1:{free_port()}"
    console.expect_failure(unreachable, "network")  # nothing listens there
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

    # Disconnect forgets the key; every screen then asks to sign in (the key's screen behind its link).
    page.get_by_role("link", name="Change connection").click()
    page.get_by_role("button", name="Disconnect (forget key)").click()
    expect(page.locator("#connection-label")).to_have_text("Not connected")
    assert page.evaluate(kept) == [local_stack.api_url, None, None]
    console.open("#/dashboard")
    expect(page).to_have_url(re.compile(r"#/sign-in\?next="))
    page.get_by_role("link", name="Developer connection").click()
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
        expect(page.get_by_label("API address")).to_have_value(recorder.url)
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
    expect(page).to_have_url(re.compile(r"#/sign-in\?next="))
    page.get_by_role("link", name="Developer connection").click()
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


def test_a_crafted_console_link_never_switches_the_connection(console, local_stack, recorder):
    """#api=<elsewhere>&key=<theirs> and #key=<theirs> only fill in the connect screen: the saved
    connection (address and key) stays until the operator confirms a new one, seeing its address."""
    console.connect()
    console.remember_key()
    page = console.page
    stored = ("() => [localStorage.getItem('oms.apiBaseUrl'), localStorage.getItem('oms.apiKey'), "
              "sessionStorage.getItem('oms.apiKey')]")
    for link in (f"#api={recorder.url}&key=the-links-own-key", "#key=the-links-own-key"):
        page.goto(f"{local_stack.web_url}/{link}")
        expect(page).to_have_url(re.compile(r"#/connect\?api="))
        assert "the-links-own-key" not in page.evaluate("() => location.href")
        expect(page.get_by_label("API key", exact=True)).to_have_value("the-links-own-key")
        expect(page.get_by_role("status").filter(has_text="A link filled in this connection")).to_contain_text(
            "Your saved connection stays as it is unless you press Connect")
        expect(page.locator("#connection-label")).to_have_text(f"API: {local_stack.api_url}")
        assert page.evaluate(stored) == [local_stack.api_url, local_stack.api_key, None]
    assert recorder.requests == []
    # Confirmed on the screen that shows the address: only the link's own key goes to the link's address.
    page.goto(f"{local_stack.web_url}/#api={recorder.url}&key=the-links-own-key")
    expect(page.locator(".hint", has_text="Your key will be sent to")).to_have_text(f"Your key will be sent to {recorder.url}")
    console.expect_failure(recorder.url, 403)  # the other API refuses the link's key
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.locator(".form-error")).to_contain_text("403 Forbidden")
    assert set(recorder.keys()) == {"the-links-own-key"}
    assert page.evaluate(stored) == [local_stack.api_url, local_stack.api_key, None]


def test_the_connect_screen_shows_where_the_key_will_be_sent(console, local_stack):
    page = console.open("#/connect")
    destination = page.locator(".hint", has_text=re.compile("key will be sent"))
    # The local website answers config.json as a deploy does: the address starts as this API's.
    expect(destination).to_have_text(f"Your key will be sent to {local_stack.api_url}")
    url_input = page.get_by_label("API address")
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
    expect(console.header_status()).to_have_text("Processing")
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
    expect(page.get_by_label("API address")).to_have_value(local_stack.api_url)
    expect(page.get_by_label("API key", exact=True)).to_have_value("")
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.get_by_label("API key", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Enter the API key")).to_be_visible()
    page.get_by_label("API key", exact=True).fill(local_stack.api_key)
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/orders$"))
    expect(page.locator(".list-summary")).to_contain_text("newest first")
