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

`check_then_apply_transactions` keeps transactions as fast at 10,000 items as
at 10; `fault_injection` lets tests stall chosen requests (see its docstring);
`cognito_for_browsers` lets the console sign in against the emulator.

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


def check_then_apply_transactions() -> None:
    """moto commits a TransactWriteItems by deep-copying every table it
    touches (items and stream records included) to roll back on failure, so
    each transaction gets slower as the tables grow: seconds per order after
    a few thousand. DynamoDB checks every condition, then applies all or
    nothing; with requests serialised the emulator can do the same without a
    copy: check each item's condition first, apply only if all hold."""
    from moto.dynamodb.comparisons import get_filter_expression
    from moto.dynamodb.exceptions import (
        MultipleTransactionsException,
        TooManyTransactionsException,
        TransactionCanceledException,
        TransactWriteSingleOpException,
    )
    from moto.dynamodb.models import DynamoDBBackend

    def transact_write_items(self, transact_items):
        if len(transact_items) > 100:
            raise TooManyTransactionsException()
        targets, reasons, checked = set(), [], []
        for item in transact_items:
            if len(item) > 1:
                raise TransactWriteSingleOpException
            (kind, op), = item.items()
            table = self.get_table(op["TableName"])
            if kind == "Put":
                key = {name: op["Item"][name] for name in (table.hash_key_attr, table.range_key_attr) if name}
            else:
                key = op["Key"]
            target = (op["TableName"], str(sorted(key.items())))
            if target in targets:
                raise MultipleTransactionsException()
            targets.add(target)
            current = self.get_item(op["TableName"], key)
            reason = (None, None, None)
            if op.get("ConditionExpression") is not None:
                condition = get_filter_expression(op["ConditionExpression"], op.get("ExpressionAttributeNames"),
                                                  op.get("ExpressionAttributeValues"))
                if not condition.expr(current):
                    old = current.to_json()["Attributes"] if current and \
                        op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" else None
                    reason = ("ConditionalCheckFailed", "The conditional request failed", old)
            reasons.append(reason)
            checked.append((kind, op, key))
        if any(code is not None for code, _, _ in reasons):
            raise TransactionCanceledException(reasons)
        for kind, op, key in checked:
            names, values = op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
            if kind == "Put":
                self.put_item(op["TableName"], op["Item"], expression_attribute_names=names,
                              expression_attribute_values=values)
            elif kind == "Delete":
                self.delete_item(op["TableName"], key, expression_attribute_names=names, expression_attribute_values=values)
            elif kind == "Update":
                self.update_item(op["TableName"], key, update_expression=op["UpdateExpression"],
                                 expression_attribute_names=names, expression_attribute_values=values)

    DynamoDBBackend.transact_write_items = transact_write_items


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


COGNITO = "AWSCognitoIdentityProviderService."
CORS_HEADERS = [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "POST, GET, OPTIONS"),
                ("Access-Control-Allow-Headers", "Content-Type, X-Amz-Target, X-Amz-User-Agent"),
                ("Access-Control-Max-Age", "600")]


def cognito_for_browsers(app):
    """The console signs in by calling Cognito from the browser (never
    through our API), so the emulator's Cognito answers a browser: CORS
    preflights and headers, and RevokeToken (Sign out), which moto lacks:
    the refresh token stops working, as Cognito's does."""
    def application(environ, start_response):
        if environ.get("REQUEST_METHOD") == "OPTIONS":
            start_response("200 OK", CORS_HEADERS + [("Content-Length", "0")])
            return [b""]
        target = environ.get("HTTP_X_AMZ_TARGET") or ""
        if not target.startswith(COGNITO):
            return app(environ, start_response)
        if target == COGNITO + "RevokeToken":
            body = json.loads(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)) or b"{}")
            _revoke_refresh_token(body.get("Token", ""))
            start_response("200 OK", [("Content-Type", "application/x-amz-json-1.1")] + CORS_HEADERS)
            return [b"{}"]

        def with_cors(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            return start_response(status, headers + [(name, value) for name, value in CORS_HEADERS
                                                     if name.lower() not in present], exc_info)

        return app(environ, with_cors)

    return application


def _revoke_refresh_token(token: str) -> None:
    from moto.cognitoidp.models import cognitoidp_backends

    for account in cognitoidp_backends.values():
        for backend in account.values():
            for pool in backend.user_pools.values():
                if token in pool.refresh_tokens:
                    pool.refresh_tokens[token] = None


FAULTS_PATH = "/_oms/faults"


def fault_injection(app, sleep=time.sleep):
    """Test hook: `POST /_oms/faults {"target", "contains"?, "stall_seconds",
    "when": "before" | "after", "times"?}` makes the next `times` requests
    whose X-Amz-Target is `target` (and whose body contains `contains`) stall
    `stall_seconds` before or after they are handled; with `"error": <code>`
    instead, they are refused with that (non-retryable, 400) error and not
    applied; `{"clear": true}` removes every rule. Runs inside
    `serialized`, so a stall freezes the whole emulator like a stalled
    service. "after" is the fault that is hardest to produce otherwise: the
    request is applied, but its answer comes too late for the caller."""
    rules = []
    lock = threading.Lock()

    def take_rule(target, body):
        with lock:
            for rule in rules:
                if rule["target"] == target and rule.get("contains", "") in body and rule["times"] > 0:
                    rule["times"] -= 1
                    return rule
        return None

    def application(environ, start_response):
        if environ.get("PATH_INFO") == FAULTS_PATH:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            rule = json.loads(environ["wsgi.input"].read(length) or b"{}")
            with lock:
                if rule.get("clear"):
                    rules.clear()
                else:
                    rules.append({"times": 1, "when": "before", **rule})
            start_response("200 OK", [("Content-Type", "application/json")])
            return [b"{}"]
        target = environ.get("HTTP_X_AMZ_TARGET")
        if not target:
            return app(environ, start_response)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        rule = take_rule(target, body.decode("utf-8", "replace"))
        if rule and rule.get("error"):
            start_response("400 Bad Request", [("Content-Type", "application/x-amz-json-1.0")])
            return [json.dumps({"__type": f"com.amazonaws.dynamodb.v20120810#{rule['error']}",
                                "message": "refused by a test fault"}).encode()]
        if rule and rule["when"] == "before":
            sleep(rule["stall_seconds"])
        content = b"".join(app(environ, start_response))
        if rule and rule["when"] == "after":
            sleep(rule["stall_seconds"])
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

    check_then_apply_transactions()

    moto_app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, serialized(cognito_for_browsers(fault_injection(transaction_tokens(moto_app)))),
               threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
