"""The website's Content-Security-Policy is written twice: in the headers the
local server sends (ops.site_headers) and in index.html's <meta>, which is all
a plain S3 website serves. They must say the same thing."""
import html.parser

from ops.site_headers import CONTENT_SECURITY_POLICY, SECURITY_HEADERS
from tests.support import ROOT


class _Head(html.parser.HTMLParser):
    """The CSP <meta> contents and the tags (in order) of the page."""

    def __init__(self):
        super().__init__()
        self.policies, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(attrs.get("content"))
            tag = "csp-meta"
        self.tags.append(tag)


def _index():
    head = _Head()
    head.feed((ROOT / "frontend" / "index.html").read_text())
    return head


def _directives(policy):
    return [" ".join(part.split()) for part in policy.split(";") if part.strip()]


def test_index_html_carries_the_same_policy_as_the_headers():
    head = _index()
    assert head.policies == [CONTENT_SECURITY_POLICY]
    # The header adds only what a <meta> policy cannot carry.
    assert _directives(SECURITY_HEADERS["Content-Security-Policy"]) == (
        _directives(CONTENT_SECURITY_POLICY) + ["frame-ancestors 'none'"])


def test_the_policy_comes_before_what_it_governs():
    # A <meta> policy applies only to what the parser meets after it.
    tags = _index().tags
    assert tags.index("csp-meta") < min(tags.index("script"), tags.index("link"))


def test_the_policy_allows_only_the_sites_own_code():
    directives = dict(d.split(" ", 1) for d in _directives(CONTENT_SECURITY_POLICY))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["default-src"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert set(directives["connect-src"].split()) >= {"http:", "https:"}  # the operator picks the API address
    assert {d: directives[d] for d in ("base-uri", "form-action", "object-src")} == {
        "base-uri": "'none'", "form-action": "'none'", "object-src": "'none'"}
    assert set(SECURITY_HEADERS) == {"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                                     "Referrer-Policy"}
