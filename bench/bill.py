"""Dollars per million orders of the metered life (bench/order_life.py),
every service counted, at the list prices in metering/prices.py; and beside
it the floor: what the same life costs an implementation that writes and
reads only what it must.

Lambda duration of an API request: the app's own CPU time measured here (the
in-process emulator's taken out), scaled to the CPU Lambda gives the
function's memory (a full vCPU at 1,769 MB, proportionally less below), plus
AWS_CALL_MS for each AWS call it makes, counted as if none overlapped (an
upper bound: list shards are read in parallel). Billed at the memory
.chalice/config.json gives the function."""
import json
import math
import re

from bench.harness import ROOT
from metering import prices
from ops.package import LAMBDA_LOGGING
from ops.provision import STATE_MACHINE_FILE

TARGET = 80.0
AWS_CALL_MS = 6.0  # a DynamoDB or Step Functions call from Lambda in the same region
PLATFORM_LOG_BYTES = 330  # START, END and REPORT lines of an invocation, when Lambda writes them
FULL_VCPU_MB = 1769  # Lambda's memory at which a function has one full vCPU
STREAM_MEMORY_GB = 0.25
STREAMED_TABLES = 3  # orders, products, customers: one backup object per table per batch
SMALL_SHOP_ORDERS_PER_MINUTE = 1e6 / (30 * 24 * 60)  # a million orders a month


def stream_batching_window() -> int:
    """Seconds the stream functions' mappings gather records before a batch (app.py)."""
    windows = set(re.findall(r"maximum_batching_window_in_seconds=(\d+)", (ROOT / "app.py").read_text()))
    assert len(windows) == 1, windows
    return int(windows.pop())


def small_shop_orders_per_batch() -> float:
    """Orders whose changes a small shop's batching window gathers (at least one)."""
    return max(1.0, stream_batching_window() * SMALL_SHOP_ORDERS_PER_MINUTE / 60)


def platform_log_bytes() -> int:
    """Bytes of platform lines per invocation as the app template configures
    its functions (ops/package.py): none at a system log level above INFO."""
    return PLATFORM_LOG_BYTES if LAMBDA_LOGGING.get("SystemLogLevel", "INFO") in ("DEBUG", "INFO") else 0


def memory_mb(function: str = "api_handler") -> int:
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    stage = config["stages"]["dev"]
    return stage.get("lambda_functions", {}).get(function, {}).get("lambda_memory_size") \
        or stage.get("lambda_memory_size") or config["lambda_memory_size"]


def cpu_share(memory: int) -> float:
    """The fraction of a vCPU a function of `memory` MB runs on (one thread)."""
    return min(1.0, memory / FULL_VCPU_MB)


def workflow_transitions() -> int:
    """State transitions of a successful run, walked from the definition."""
    definition = json.loads(STATE_MACHINE_FILE.read_text())
    state, transitions = definition["StartAt"], 0
    while state:
        transitions += 1
        body = definition["States"][state]
        state = None if body.get("End") or body["Type"] in ("Succeed", "Fail") else body.get("Next")
    return transitions


def fixed_platform(life: dict) -> dict:
    """What the architecture costs before any of our work: API Gateway REST per
    request and the Standard workflow's transitions (kept, issue 26)."""
    return {"API Gateway (REST)": life["per_order"]["api_requests"] * prices.API_GATEWAY_REST_PER_MILLION,
            "Step Functions (Standard)": workflow_transitions() * prices.STEP_FUNCTIONS_TRANSITION_PER_THOUSAND * 1e3}


def dollars(life: dict) -> dict:
    """The life measured at one order per stream batch is the small shop's
    worst case; its backup objects and stream invocations are shared by the
    orders its batching window gathers (its counter writes are not: the
    measured ones stand)."""
    per_order = life["per_order"]
    memory = memory_mb()
    sharing = small_shop_orders_per_batch() if life["per_batch"] == 1 else 1.0
    api_seconds = (per_order["api_own_ms"] / cpu_share(memory) + AWS_CALL_MS * per_order["api_aws_calls"]) / 1000
    stream_seconds = per_order["stream_ms"] / cpu_share(STREAM_MEMORY_GB * 1024) / 1000
    invocations = per_order["api_requests"] + per_order["stream_invocations"] / sharing
    log_bytes = per_order["log_bytes"] + invocations * platform_log_bytes()
    return {
        **fixed_platform(life),
        "Lambda requests": invocations * prices.LAMBDA_REQUESTS_PER_MILLION,
        "Lambda duration": (api_seconds * memory / 1024 + stream_seconds * STREAM_MEMORY_GB) * prices.LAMBDA_GB_SECOND * 1e6,
        "DynamoDB writes": per_order["write_units"] * prices.DYNAMODB_WRITE_REQUEST_UNIT_PER_MILLION,
        "DynamoDB reads": per_order["read_units"] * prices.DYNAMODB_READ_REQUEST_UNIT_PER_MILLION,
        "S3 PUTs (backups)": per_order["s3_puts"] / sharing * prices.S3_PUT_PER_THOUSAND * 1e3,
        "CloudWatch Logs": log_bytes / 1e9 * prices.CLOUDWATCH_LOGS_INGEST_PER_GB * 1e6,
    }


def floor_write_units(life: dict) -> float:
    """The order item and the stock it reserves as this life writes them
    (base items, transactions at twice the price), its Idempotency-Key
    record, and one keys-only list entry per status the order takes (created,
    processing, shipped, delivered): no other index, counter or search entry."""
    tables = life["write_units_by_table_or_index"]
    statuses = 4
    return tables.get("orders", 0) + tables.get("products", 0) + tables.get("idempotency", 0) + statuses


def floor(life: dict) -> dict:
    """The least this life can cost on this architecture, service by service."""
    per_order = life["per_order"]
    requests = per_order["api_requests"]
    # Reads: each of the 5 order reads one eventually consistent GetItem (<= 4 KB),
    # the list page one Query of 10 projected orders (<= 8 KB), the create one
    # read of its 2 products.
    read_units = 5 * 0.5 + 1 + 2 * 0.5
    # One AWS call per API request, nothing but waiting for it.
    seconds = requests * AWS_CALL_MS / 1000
    # Backups: one object per streamed table per batch; a small shop's batch is
    # a minute of orders (a batching window), a large shop's 100 records.
    if life["per_batch"] == 1:
        puts = STREAMED_TABLES / SMALL_SHOP_ORDERS_PER_MINUTE
    else:
        puts = per_order["s3_puts"]  # batches of 100 records already
    stream_invocations = puts
    return {
        **fixed_platform(life),
        "Lambda requests": (requests + stream_invocations) * prices.LAMBDA_REQUESTS_PER_MILLION,
        "Lambda duration": seconds * memory_mb() / 1024 * prices.LAMBDA_GB_SECOND * 1e6,
        "DynamoDB writes": floor_write_units(life) * prices.DYNAMODB_WRITE_REQUEST_UNIT_PER_MILLION,
        "DynamoDB reads": read_units * prices.DYNAMODB_READ_REQUEST_UNIT_PER_MILLION,
        "S3 PUTs (backups)": puts * prices.S3_PUT_PER_THOUSAND * 1e3,
        "CloudWatch Logs": 0.0,  # platform lines off, nothing logged on success
    }


def measure(report, life: dict, shop: str) -> dict:
    """Reports the bill of `life` (one shop) beside its floor."""
    usd, least = dollars(life), floor(life)
    for service, value in usd.items():
        report.figure(f"{shop}: {service}", round(value, 2), "USD", floor=round(least[service], 2))
    total, least_total = sum(usd.values()), sum(least.values())
    fixed = sum(fixed_platform(life).values())
    report.figure(f"{shop}: total per million orders", round(total, 2), "USD", f"<= {TARGET:.0f}", total <= TARGET,
                  floor=round(least_total, 2), key=f"bill.{life['per_batch']}_per_batch.total",
                  note=f"fixed platform {fixed:.2f}; backups lag up to {stream_batching_window()} s (the batching window)"
                       f"{'' if life['per_batch'] != 1 else f', which gathers {small_shop_orders_per_batch():.2f} orders'}; "
                       f"prices {prices.PRICES_DATE[:10]}, {prices.REGION}")
    return {"usd_per_million_orders": {k: round(v, 2) for k, v in usd.items()}, "total": round(total, 2),
            "floor": {k: round(v, 2) for k, v in least.items()}, "floor_total": round(least_total, 2),
            "floor_write_units": floor_write_units(life), "fixed_platform": round(fixed, 2),
            "assumptions": {"aws_call_ms": AWS_CALL_MS, "memory_mb": memory_mb(),
                            "stream_batching_window_seconds": stream_batching_window(),
                            "cpu_share": round(cpu_share(memory_mb()), 3),
                            "workflow_transitions": workflow_transitions(),
                            "log_bytes_per_order": math.ceil(life["per_order"]["log_bytes"]),
                            "platform_log_bytes_per_invocation": platform_log_bytes()},
            "prices_date": prices.PRICES_DATE, "not_counted": "data transfer out, DynamoDB and S3 storage, PITR, CloudFront"}
