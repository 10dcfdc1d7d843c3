"""Accessibility and network checks for browser tests: axe-core (vendored in
tests/e2e/browser/vendor/) run in the page, and a record of every request
that failed or was answered with an error, so a test can assert none did."""
import pathlib

AXE = pathlib.Path(__file__).resolve().parent / "e2e" / "browser" / "vendor" / "axe.min.js"


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
