"""One webhook POST, to an address checked just before connecting.

http.client, not urllib: redirects are never followed (a 3xx is a failed
delivery, not a way to reach another host), and the connection goes to the
address `webhook_targets` approved, while TLS still verifies the certificate
for the URL's host name (SNI)."""
import http.client
import socket
import ssl
import time
from typing import Dict, NamedTuple, Optional

from ..domain import webhook_targets

MAX_RESPONSE_BYTES = 64 * 1024  # what is read of an answer before it is dropped


class Outcome(NamedTuple):
    status_code: Optional[int]  # None: no HTTP answer
    latency_ms: int
    error: Optional[str]  # why it failed, in words safe to show (never the body we sent)

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, address: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, address: str, *args, **kwargs):
        super().__init__(*args, context=ssl.create_default_context(), **kwargs)
        self.address = address

    def connect(self):
        raw = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def post(url: str, body: str, headers: Dict[str, str], timeout: float, allow_private: bool) -> Outcome:
    started = time.perf_counter()

    def outcome(status_code: Optional[int], error: Optional[str]) -> Outcome:
        return Outcome(status_code, round((time.perf_counter() - started) * 1000), error)

    try:
        scheme, host, port, path = webhook_targets.parse(url, allow_private)
        address = webhook_targets.addresses(host, port, allow_private)[0]
    except webhook_targets.RefusedTarget as refused:
        return outcome(None, f"refused: {refused}")
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(address, host, port, timeout=timeout)
    try:
        connection.request("POST", path, body=body.encode(), headers={
            **headers, "Content-Type": "application/json", "User-Agent": "oms-webhooks/1"})
        response = connection.getresponse()
        response.read(MAX_RESPONSE_BYTES)
        return outcome(response.status, None if 200 <= response.status < 300 else f"HTTP {response.status}")
    except socket.timeout:
        return outcome(None, f"no answer within {timeout:g} s")
    except ssl.SSLError as error:
        return outcome(None, f"TLS: {error.reason or type(error).__name__}")
    except (OSError, http.client.HTTPException) as error:
        return outcome(None, type(error).__name__)
    finally:
        connection.close()
