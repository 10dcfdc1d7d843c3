"""One cold start, run in a fresh process by bench/cold_start.py.

    python -m bench.fresh_process app     import the Lambda entry module, answer one GET /orders/{id}
    python -m bench.fresh_process bearer  the same, signed in as staff (a Bearer token, not an API key)
    python -m bench.fresh_process floor   what any implementation must do: a botocore session, a DynamoDB
                                          client, the two GetItems the request needs (API key, order)
    python -m bench.fresh_process boto3   the older comparison: import boto3, a client, one GetItem

Prints {"ms": ..., "status": ...}. The clock starts before any import."""
import time

STARTED = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402


def _get_item(client, table: str, key: dict) -> bool:
    return "Item" in client.get_item(TableName=table, Key=key, ConsistentRead=True)


def main(kind: str) -> None:
    order_key = {"order_id": {"S": os.environ["BENCH_ORDER_ID"]}}
    if kind in ("app", "bearer"):
        import app
        from bench.lambda_event import LambdaContext

        event = os.environ["BENCH_BEARER_EVENT" if kind == "bearer" else "BENCH_EVENT"]
        status = app.app(json.loads(event), LambdaContext())["statusCode"]
    elif kind == "floor":
        import botocore.session

        client = botocore.session.get_session().create_client("dynamodb")
        key_found = _get_item(client, os.environ["BENCH_KEYS_TABLE"], {"key_hash": {"S": os.environ["BENCH_KEY_HASH"]}})
        status = 200 if key_found and _get_item(client, os.environ["BENCH_TABLE"], order_key) else 404
    else:
        import boto3

        status = 200 if _get_item(boto3.client("dynamodb"), os.environ["BENCH_TABLE"], order_key) else 404
    print(json.dumps({"ms": (time.perf_counter() - STARTED) * 1000, "status": status}))


if __name__ == "__main__":
    main(sys.argv[1])
