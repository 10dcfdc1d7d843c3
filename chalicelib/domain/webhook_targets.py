"""Where a webhook may be sent. On deployed stages: https only, and never to
a private, loopback, link-local (the instance metadata service), multicast
or otherwise reserved address, however the host is written (a name, an IP
literal in any notation, an IPv4-mapped IPv6 address): a webhook URL must
not let an API key holder make our servers call inside a network
(server-side request forgery). The host is checked when the endpoint is
saved and again at every delivery, on the very addresses connected to, so a
name that later resolves elsewhere (DNS rebinding) is refused too. Locally
(`make run`) http and private addresses are allowed: receivers run on this
machine."""
import ipaddress
import socket
from typing import List, Tuple
from urllib.parse import urlsplit

from ..core.errors import Unprocessable

MAX_URL = 2048


class RefusedTarget(ValueError):
    """A URL or address webhooks may not be sent to; the message says why."""


def parse(url: str, allow_private: bool) -> Tuple[str, str, int, str]:
    """(scheme, host, port, path with query) of an acceptable URL, or RefusedTarget."""
    if not isinstance(url, str) or len(url) > MAX_URL:
        raise RefusedTarget(f"url must be a string of at most {MAX_URL} characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise RefusedTarget("url is not a valid URL") from None
    allowed_schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in allowed_schemes:
        raise RefusedTarget("url must use https" if not allow_private else "url must use http or https")
    if not parts.hostname:
        raise RefusedTarget("url must name a host")
    if parts.username is not None or parts.password is not None:
        raise RefusedTarget("url must not carry credentials")
    if parts.fragment:
        raise RefusedTarget("url must not have a fragment")
    if any(ord(character) <= 32 or ord(character) == 127 for character in url):
        raise RefusedTarget("url must not contain spaces or control characters")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_loopback
                                 or ip.is_private or ip.is_unspecified)


def addresses(host: str, port: int, allow_private: bool) -> List[str]:
    """Every address `host` resolves to, all of them acceptable, or RefusedTarget."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise RefusedTarget(f"the host {host[:255]} does not resolve") from None
    resolved = list(dict.fromkeys(info[4][0] for info in found))
    if not allow_private and not all(is_public(address) for address in resolved):
        raise RefusedTarget("url must not point at a private, loopback, link-local or reserved address")
    return resolved


def check_subscription_url(url: str, allow_private: bool) -> str:
    """The URL as given, if webhooks may be sent there; 422 naming `url` otherwise
    (any text the document accepts, refused for where it points)."""
    try:
        _, host, port, _ = parse(url, allow_private)
        if not allow_private:
            addresses(host, port, allow_private)
    except RefusedTarget as refused:
        raise Unprocessable(str(refused), param="url") from None
    return url
