"""The operator website's security headers, in one place.

The local static server (`make run`) sends SECURITY_HEADERS with every file;
`frontend/index.html` carries CONTENT_SECURITY_POLICY in a <meta> so the
policy also holds where the files are served without headers (an S3
website). tests/test_site_headers.py keeps the two the same.

The site is plain ES modules and one stylesheet: no inline script or style.
connect-src allows any http(s) address because the operator chooses the API.
"""

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self' http: https:",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
])

SECURITY_HEADERS = {
    # frame-ancestors only works as a header (a <meta> policy ignores it).
    "Content-Security-Policy": f"{CONTENT_SECURITY_POLICY}; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
