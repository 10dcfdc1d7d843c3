"""One cold start, run in a fresh process by bench/run.py.

    python -m bench.coldstart app     import the Lambda entry module, answer one GET /orders/{id}
    python -m bench.coldstart floor   import boto3, make a client, one DynamoDB GetItem

Prints {"ms": ..., "status": ...}. The clock starts before any import."""
import time

STARTED = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402


class LambdaContext:
    aws_request_id = "bench"
    function_name = "oms-bench-APIHandler"
    memory_limit_in_mb = 256

    @staticmethod
    def get_remaining_time_in_millis():
        return 30000


def main(kind: str) -> None:
    if kind == "app":
        import app

        response = app.app(json.loads(os.environ["BENCH_EVENT"]), LambdaContext())
        status = response["statusCode"]
    else:
        import boto3

        client = boto3.client("dynamodb")
        response = client.get_item(TableName=os.environ["BENCH_TABLE"], Key={"order_id": {"S": os.environ["BENCH_ORDER_ID"]}},
                                   ConsistentRead=True)
        status = 200 if "Item" in response else 404
    print(json.dumps({"ms": (time.perf_counter() - STARTED) * 1000, "status": status}))


if __name__ == "__main__":
    main(sys.argv[1])
