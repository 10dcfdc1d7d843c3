"""Accessibility and network checks for browser tests: axe-core (vendored in
tests/e2e/browser/vendor/) run in the page, a record of every request that
failed or was answered with an error, so a test can assert none did, and the
docs' pictures."""
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
AXE = ROOT / "tests" / "e2e" / "browser" / "vendor" / "axe.min.js"
SHOTS = ROOT / "test-artifacts" / "screenshots"


def docs_screenshot(page, name):
    """A picture for docs/: it replaces the committed docs/<name>.png only
    with OMS_UPDATE_DOCS_SCREENSHOTS=1 (else it goes with the test artifacts)."""
    target = ROOT / "docs" / f"{name}.png" if os.environ.get("OMS_UPDATE_DOCS_SCREENSHOTS") == "1" else SHOTS / f"docs-{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.mouse.move(1, 1)  # no hover highlight
    page.screenshot(path=str(target))


def axe_violations(page, context="main"):
    """axe-core's violations in `context` (WCAG 2.x A and AA rules), as
    "rule: target" lines. The script is evaluated through the DevTools
    protocol, which the page's Content-Security-Policy does not govern (an
    added <script> would be refused, and reported as a violation)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text() + "\n;0")
    found = page.evaluate("""async (context) => {
        const result = await axe.run(context, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }""", context)
    return found


class FailedRequests:
    """Requests the page made that got no answer or an answer of 400 or more,
    except those a test provokes on purpose (`expect(url_part)`)."""

    def __init__(self, page):
        self.failures, self.expected = [], []
        page.on("requestfailed", lambda request: self._add(request.url, request.failure))
        page.on("response", lambda response: response.status >= 400 and self._add(
            response.url, f"{response.status} {response.request.method}"))

    def expect(self, url_part):
        self.expected.append(url_part)

    def _add(self, url, why):
        if not any(part in url for part in self.expected):
            self.failures.append(f"{why}: {url}")
