"""The local AWS emulator: moto_server, with each request handled atomically
and DynamoDB transactions idempotent by their ClientRequestToken.

moto's backends are not thread-safe (a DynamoDB transaction deep-copies
tables other request threads are changing), while real AWS services execute
every request atomically. Serialising requests makes the emulator behave like
the services it stands for; our own code stays exactly as concurrent as it
is (its races are between requests). Step Functions executions still run in
their own threads and reach the emulator over HTTP like any client.

botocore sends a ClientRequestToken with every TransactWriteItems (it
generates one when the caller gives none) and keeps it across its retries;
DynamoDB answers a repeat of a call that succeeded with that success for 10
minutes. moto ignores the token, so a retry after a timed-out call that did
land would fail its own conditions ("order does not exist yet"). The
`transaction_tokens` layer gives the emulator DynamoDB's behaviour.

    python -m ops.emulator --host 127.0.0.1 --port 5000
"""
import argparse
import hashlib
import io
import json
import os
import threading
import time

from werkzeug.serving import run_simple

TRANSACT_WRITE = "DynamoDB_20120810.TransactWriteItems"
TOKEN_SECONDS = 600  # how long DynamoDB honours a ClientRequestToken


def serialized(app):
    lock = threading.RLock()

    def application(environ, start_response):
        with lock:
            # Consume the body inside the lock: moto builds it lazily.
            return list(app(environ, start_response))

    return application


def serialize_in_process_moto() -> None:
    """The same rule for moto's in-process mock (tests, the benchmark): one
    emulated request at a time."""
    from moto.core.botocore_stubber import BotocoreStubber

    lock = threading.RLock()
    process_request = BotocoreStubber.process_request

    def one_at_a_time(self, request):
        with lock:
            return process_request(self, request)

    BotocoreStubber.process_request = one_at_a_time


def transaction_tokens(app, clock=time.monotonic):
    """Replays the first successful answer to a TransactWriteItems for a
    repeat with the same ClientRequestToken; the same token with other
    parameters is DynamoDB's IdempotentParameterMismatchException. Runs
    inside `serialized`, so a retry waits for the call it repeats."""
    answered = {}  # token -> (expires, request digest, status, headers, body)

    def application(environ, start_response):
        if environ.get("HTTP_X_AMZ_TARGET") != TRANSACT_WRITE:
            return app(environ, start_response)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        try:
            request = json.loads(body)
            token = request.pop("ClientRequestToken", None)
        except (ValueError, AttributeError):
            token = None
        if not token:
            return app(environ, start_response)
        now = clock()
        for expired in [t for t, entry in answered.items() if entry[0] <= now]:
            del answered[expired]
        digest = hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()
        if token in answered:
            _, first_digest, status, headers, content = answered[token]
            if first_digest != digest:
                status, content = "400 Bad Request", json.dumps({
                    "__type": "com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException",
                    "message": "ClientRequestToken was used with different parameters"}).encode()
                headers = [("Content-Type", "application/x-amz-json-1.0")]
            start_response(status, headers)
            return [content]
        captured = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        content = b"".join(app(environ, capture))
        if captured["status"].startswith("200"):
            answered[token] = (now + TOKEN_SECONDS, digest, captured["status"], captured["headers"], content)
        return [content]

    return application


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m ops.emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args(argv)
    # moto's Step Functions interpreter calls back to this port.
    os.environ["MOTO_PORT"] = str(args.port)
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app

    moto_app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, serialized(transaction_tokens(moto_app)),
               threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
