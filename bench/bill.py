"""Dollars per million orders of the metered life (bench/order_life.py),
every service counted, at the list prices in metering/prices.py.

Lambda duration of an API request: the app's own time measured here (the
in-process emulator's time taken out) plus AWS_CALL_MS for each AWS call it
makes, counted as if none overlapped (an upper bound: list shards are read
in parallel). Billed at the memory .chalice/config.json gives the function."""
import json
import math

from bench.harness import ROOT
from metering import prices
from ops.provision import STATE_MACHINE_FILE

TARGET = 80.0
AWS_CALL_MS = 6.0  # a DynamoDB or Step Functions call from Lambda in the same region
LAMBDA_LOG_BYTES = 330  # START, END and REPORT lines Lambda writes per invocation


def _memory_gb(function: str) -> float:
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    stage = config["stages"]["dev"]
    memory = stage.get("lambda_functions", {}).get(function, {}).get("lambda_memory_size") \
        or stage.get("lambda_memory_size") or config["lambda_memory_size"]
    return memory / 1024


def workflow_transitions() -> int:
    """State transitions of a successful run, walked from the definition."""
    definition = json.loads(STATE_MACHINE_FILE.read_text())
    state, transitions = definition["StartAt"], 0
    while state:
        transitions += 1
        body = definition["States"][state]
        state = None if body.get("End") or body["Type"] in ("Succeed", "Fail") else body.get("Next")
    return transitions


def measure(report, life: dict) -> dict:
    per_order = life["per_order"]
    requests = per_order["api_requests"]
    api_seconds = (per_order["api_own_ms"] + AWS_CALL_MS * per_order["api_aws_calls"]) / 1000
    stream_seconds = per_order["stream_ms"] / 1000
    invocations = requests + per_order["stream_invocations"]
    transitions = workflow_transitions()
    log_bytes = per_order["log_bytes"] + invocations * LAMBDA_LOG_BYTES
    usd = {
        "API Gateway (REST)": requests * prices.API_GATEWAY_REST_PER_MILLION,
        "Lambda requests": invocations * prices.LAMBDA_REQUESTS_PER_MILLION,
        "Lambda duration": (api_seconds * _memory_gb("api_handler") + stream_seconds * 0.25) * prices.LAMBDA_GB_SECOND * 1e6,
        "DynamoDB writes": per_order["write_units"] * prices.DYNAMODB_WRITE_REQUEST_UNIT_PER_MILLION,
        "DynamoDB reads": per_order["read_units"] * prices.DYNAMODB_READ_REQUEST_UNIT_PER_MILLION,
        "S3 PUTs (backups)": per_order["s3_puts"] * prices.S3_PUT_PER_THOUSAND * 1e3,
        "Step Functions (Standard)": transitions * prices.STEP_FUNCTIONS_TRANSITION_PER_THOUSAND * 1e3,
        "CloudWatch Logs": log_bytes / 1e9 * prices.CLOUDWATCH_LOGS_INGEST_PER_GB * 1e6,
    }
    for service, dollars in usd.items():
        report.figure(service, round(dollars, 2), "USD")
    total = sum(usd.values())
    report.figure("total per million orders", round(total, 2), "USD", f"<= {TARGET:.0f}", total <= TARGET,
                  note=f"prices {prices.PRICES_DATE[:10]}, {prices.REGION}")
    return {"usd_per_million_orders": {k: round(v, 2) for k, v in usd.items()}, "total": round(total, 2),
            "assumptions": {"api_seconds_per_order": round(api_seconds, 4), "aws_call_ms": AWS_CALL_MS,
                            "workflow_transitions": transitions, "log_bytes_per_order": math.ceil(log_bytes)},
            "prices_date": prices.PRICES_DATE, "not_counted": "data transfer out, DynamoDB and S3 storage, PITR, CloudFront"}
