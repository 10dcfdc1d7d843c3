"""The operator website's security headers and its config.json, in one place.

The local static server (`make run`) sends SECURITY_HEADERS with every file;
`frontend/index.html` carries CONTENT_SECURITY_POLICY in a <meta> so the
policy also holds where the files are served without headers (an S3
website). tests/test_site_headers.py keeps the two the same.

The site is plain ES modules and one stylesheet: no inline script or style.
connect-src allows any http(s) address because the operator chooses the API.
"""
import json
import os
from typing import Optional

DEFAULT_SHOP_NAME = "Order Management System"

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


def site_config(api_url: Optional[str], sign_in: Optional[dict] = None) -> bytes:
    """The website's `config.json`: where the API is (never a key), the
    shop's name for packing slips (`OMS_SHOP_NAME` where the site is served
    or deployed from) and, when the stage has staff sign-in, where the
    console signs people in: `{"endpoint", "clientId"}` (Cognito's endpoint
    of the pool's region, or the emulator's; the app client, no secret)."""
    config = {"apiBaseUrl": api_url, "shopName": os.environ.get("OMS_SHOP_NAME") or DEFAULT_SHOP_NAME}
    if sign_in:
        config["signIn"] = sign_in
    return json.dumps(config).encode()
