"""A webhook receiver that verifies every delivery with the Standard
Webhooks reference library and prints the events it accepts:

    WEBHOOK_SECRET=whsec_... make webhook-receiver    (port: WEBHOOK_PORT, 9000)

then subscribe http://127.0.0.1:9000/hooks (POST /webhooks, or the console's
Integrations page). The secret comes from the environment, never the command
line (other users can read command lines). The tests use the same class, and
can make it answer 500 or too slowly, or stop listening."""
import http.server
import json
import os
import sys
import threading
import time
from typing import List, Optional, Tuple

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


class Receiver:
    """Verified deliveries in arrival order as (webhook-id, event); `mode`:
    "ok" (204), "error" (500) or "slow" (answers after `slow_seconds`)."""

    def __init__(self, secret: str, port: int = 0, host: str = "127.0.0.1", echo: bool = False):
        self.verifier = Webhook(secret)
        self.host, self.port, self.echo = host, port, echo
        self.mode, self.slow_seconds = "ok", 30.0
        self.received: List[Tuple[str, dict]] = []
        self.rejected = 0
        self.lock = threading.Lock()
        self.server: Optional[http.server.ThreadingHTTPServer] = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/hooks"

    def start(self) -> "Receiver":
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if receiver.mode == "slow":
                    time.sleep(receiver.slow_seconds)
                if receiver.mode == "error":
                    self.send_response(500)
                    self.end_headers()
                    return
                try:
                    event = receiver.verifier.verify(body, dict(self.headers))
                except WebhookVerificationError:
                    with receiver.lock:
                        receiver.rejected += 1
                    self.send_response(400)
                    self.end_headers()
                    return
                with receiver.lock:
                    receiver.received.append((self.headers["webhook-id"], event))
                if receiver.echo:
                    print(json.dumps({"webhook-id": self.headers["webhook-id"], **event}), flush=True)
                self.send_response(204)
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer((self.host, self.port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True, name="webhook-receiver").start()
        return self

    def stop(self) -> None:
        """Stops listening: deliveries meet a refused connection."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def events(self) -> List[Tuple[str, dict]]:
        with self.lock:
            return list(self.received)


def main() -> int:
    secret = os.environ.get("WEBHOOK_SECRET", "")
    if not secret.startswith("whsec_"):
        print("Set WEBHOOK_SECRET to the endpoint's secret (whsec_..., shown when it was created)", file=sys.stderr)
        return 2
    receiver = Receiver(secret, int(os.environ.get("WEBHOOK_PORT", "9000")), echo=True).start()
    print(f"Receiving verified webhooks at {receiver.url} (Ctrl-C stops)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        receiver.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
