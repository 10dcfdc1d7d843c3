"""Browser fixtures: one headless Chromium per test worker (Playwright driving
the system's Chromium: Playwright cannot download one here), a console page
per test that must end with no page error, dialog, CSP violation, console error or
failed request but those the test declares it provokes."""
import os
import pathlib

import pytest
import requests
from playwright.sync_api import sync_playwright

from tests.browser_support import CHROMIUM_ARGS, CHROMIUM_NAMES, Console, Recorder, find_chromium

BROWSER = pathlib.Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER in pathlib.Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_browser():
    executable = find_chromium()
    if executable is None:
        where = f"none of {', '.join(CHROMIUM_NAMES)} is on the PATH and OMS_CHROMIUM is not set"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs a Chromium for the browser tests: {where}")
        pytest.skip(f"no Chromium: {where} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def checked(console):
    """Closes a console page after its test: it must have had no console error or failed request
    but those the test declared (console.expect_failure), each seen as declared, and no page
    error, dialog or CSP violation. Checked before closing, as closing cuts requests still open."""
    try:
        console.assert_finished_clean()
    finally:
        console.close()
    console.assert_no_page_trouble()


@pytest.fixture
def console(chromium_browser, local_stack):
    console = Console(chromium_browser, local_stack, {"width": 1280, "height": 900})
    yield console
    checked(console)


@pytest.fixture
def console_at(chromium_browser, local_stack):
    """More console pages, at a viewport of their own (a phone): console_at(width, height)."""
    opened = []

    def open_console(width, height):
        opened.append(Console(chromium_browser, local_stack, {"width": width, "height": height}))
        return opened[-1]

    yield open_console
    for console in opened:
        checked(console)


@pytest.fixture
def recorder():
    recorder = Recorder()
    yield recorder
    recorder.close()


@pytest.fixture(scope="session")
def document(local_stack):
    """The OpenAPI document the stack serves: what the website must read its rules from."""
    response = requests.get(f"{local_stack.api_url}/openapi.json", timeout=10)
    assert response.status_code == 200
    return response.json()
