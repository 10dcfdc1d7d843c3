"""An instant AWS for the cold-start bench: a local HTTP server that first
records what a real (emulated) AWS answers to each request, then replays
those answers in microseconds. Both sides of the comparison (the app and
the floor) talk to it, so the ratio measures the code, not the emulator.

Requests are matched by the JSON protocol's X-Amz-Target and the request's
JSON (keys sorted); a request never recorded is answered 400, so a side
making a different call than recorded fails loudly instead of measuring
something else."""
import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, List, Optional, Tuple

PASSED_HEADERS = ("content-type", "x-amz-crc32", "x-amzn-requestid")


def _key(target: str, body: bytes) -> Tuple[str, str]:
    return target, json.dumps(json.loads(body or b"{}"), sort_keys=True)


class AwsStub:
    """`upstream` set: records (proxying there); `replay()`: answers from the recording."""

    def __init__(self, upstream: Optional[str] = None):
        self.upstream = upstream
        self.answers: Dict[Tuple[str, str], Tuple[int, List[Tuple[str, str]], bytes]] = {}
        self.requests: List[Tuple[str, dict]] = []  # (target, params) in the order recorded
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # One write per answer, sent at once: headers and body apart would
            # meet the client's delayed ACK (40 ms a call).
            wbufsize = 1 << 16
            disable_nagle_algorithm = True

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                target = self.headers.get("X-Amz-Target", "")
                status, headers, answer = stub._answer(target, body, dict(self.headers))
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *_):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _answer(self, target: str, body: bytes, headers: dict):
        key = _key(target, body)
        if self.upstream is None:
            return self.answers.get(key) or (400, [("content-type", "application/x-amz-json-1.0")],
                                             json.dumps({"__type": "NotRecorded", "message": target}).encode())
        request = urllib.request.Request(self.upstream, data=body, method="POST",
                                         headers={k: v for k, v in headers.items() if k.lower() != "host"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, received, answer = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, received, answer = error.code, error.headers, error.read()
        recorded = (status, [(name, received[name]) for name in PASSED_HEADERS if received.get(name)], answer)
        if key not in self.answers:
            self.requests.append((target, json.loads(body or b"{}")))
        self.answers[key] = recorded
        return recorded

    def replay(self) -> None:
        self.upstream = None

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
