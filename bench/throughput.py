"""The sustained ceiling of the default deployment in orders/s, from every
AWS quota an order's metered life touches (bench/order_life.py, the large
shop's), each with its source, the date it was recorded and what raises it.
The smallest is the bound; then again with the documented increases.

An order here is its whole metered life: 9 API requests, its Lambda time,
its write units, its Step Functions calls (a StartExecution; the status polls
read the order item, so DescribeExecution and GetExecutionHistory are listed
but not used) and its state transitions."""
from dataclasses import dataclass

from bench import bill
from ops import api_edge

RECORDED = "2026-12-04"  # the quotas below, as the AWS documentation states them for us-east-1
# The Step Functions figures were read on RECORDED from the page's own source
# (service-quotas.md of the Step Functions developer guide, "Quotas related to
# state throttling" and "Quotas related to API action throttling", Standard
# workflows, US East (N. Virginia), US West (Oregon) and Europe (Ireland)); the
# page itself could not be fetched from the machine that recorded them. The
# other services' figures were not re-read then.
APIGW = "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html"
LAMBDA = "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html"
SFN = "https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html"
DDB = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Limits.html"
DDB_THROTTLING = "https://repost.aws/knowledge-center/on-demand-table-throttling-dynamodb"


@dataclass(frozen=True)
class Quota:
    name: str
    per_second: float  # the sustained rate (a token bucket's refill rate)
    source: str
    raised: float  # with the documented increase; == per_second when it cannot be raised
    how: str


def stage_throttle() -> int:
    """The deployed stage's rate limit, as a new stack gets it (a deploy parameter)."""
    return api_edge.THROTTLE_DEFAULTS["ApiRateLimit"]


# The write routes the life's steps call (bench/order_life.py): each write
# route has its own, lower method throttle (WriteRateLimit).
WRITE_ROUTE_OF_STEP = {"create": "POST /orders", "ship": "PUT /orders/{order_id}", "deliver": "PUT /orders/{order_id}"}


def _busiest_write_route(steps: dict) -> float:
    per_route = {}
    for step, route in WRITE_ROUTE_OF_STEP.items():
        per_route[route] = per_route.get(route, 0) + steps[step]["times_per_life"]
    return max(per_route.values())


def quotas() -> dict:
    throttle = stage_throttle()
    return {q.name: q for q in (
        Quota("API Gateway stage throttle", throttle, "ops/api_edge.py (ours: the ApiRateLimit parameter's default)",
              10_000, "the ApiRateLimit deploy parameter, up to the account's limit"),
        Quota("API Gateway write-route throttle", api_edge.THROTTLE_DEFAULTS["WriteRateLimit"],
              "ops/api_edge.py (ours: the WriteRateLimit parameter's default, per write route)", 10_000,
              "the WriteRateLimit deploy parameter"),
        Quota("API Gateway account throttle", 10_000, f"{APIGW} (burst 5,000)", 20_000,
              "Service Quotas L-8A5B8E43 (x2 assumed)"),
        Quota("Lambda concurrency", 1_000, f"{LAMBDA} (scaling 1,000 environments per 10 s per function)", 10_000,
              "Service Quotas (x10 assumed)"),
        Quota("Step Functions StartExecution", 300, f"{SFN} (Standard, us-east-1: bucket 1,300, refill 300/s)", 3_000,
              "Service Quotas, a soft quota (x10 assumed)"),
        Quota("Step Functions state transitions", 5_000, f"{SFN} (Standard, us-east-1: bucket 5,000, refill 5,000/s; "
              "new accounts start lower and are raised with use)", 50_000, "Service Quotas, a soft quota (x10 assumed)"),
        Quota("Step Functions DescribeExecution", 15, f"{SFN} (us-east-1: bucket 300, refill 15/s)", 15,
              "not raised here: status polls read the order item; only ?history=true and a pending order's "
              "POST /orders/{id}/workflow call it"),
        Quota("Step Functions GetExecutionHistory", 20, f"{SFN} (us-east-1: bucket 400, refill 20/s)", 20,
              "not raised here: history only on request (?history=true)"),
        Quota("DynamoDB table or index (on-demand)", 40_000, f"{DDB} (write request units/s per table)", 400_000,
              "Service Quotas (x10 assumed)"),
        Quota("DynamoDB new on-demand table", 4_000, f"{DDB_THROTTLING} (write units/s a new table serves at once, "
              "doubling with the traffic it has seen)", 40_000, "warm throughput (pre-warm the table)"),
        Quota("DynamoDB partition key", 1_000, f"{DDB_THROTTLING} (write units/s per partition)", 1_000,
              "a hard limit: more list shards (OMS_LIST_SHARDS)"),
    )}


def _per_order(life: dict) -> dict:
    """What an order uses of each quota's resource."""
    steps = life["steps"]
    calls = {}
    for step in steps.values():
        for name, count in step["calls_each"].items():
            calls[name] = calls.get(name, 0) + count * step["times_per_life"]
    per_order = life["per_order"]
    memory = bill.memory_mb()
    lambda_seconds = ((per_order["api_own_ms"] / bill.cpu_share(memory) + bill.AWS_CALL_MS * per_order["api_aws_calls"])
                      + per_order["stream_ms"] / bill.cpu_share(bill.STREAM_MEMORY_GB * 1024)) / 1000
    units = life["write_units_by_table_or_index"]
    busiest_table = max(units, key=units.get)
    shards = 8
    hottest = max(life["list_shard_families_units_per_order"].values(), default=0) / shards
    return {
        "API Gateway stage throttle": per_order["api_requests"],
        "API Gateway write-route throttle": _busiest_write_route(steps),
        "API Gateway account throttle": per_order["api_requests"],
        "Lambda concurrency": lambda_seconds,
        "Step Functions StartExecution": calls.get("sfn.StartExecution", 0),
        "Step Functions state transitions": bill.workflow_transitions(),
        "Step Functions DescribeExecution": calls.get("sfn.DescribeExecution", 0),
        "Step Functions GetExecutionHistory": calls.get("sfn.GetExecutionHistory", 0),
        "DynamoDB table or index (on-demand)": units[busiest_table],
        "DynamoDB new on-demand table": units[busiest_table],
        "DynamoDB partition key": hottest,
    }, busiest_table


def measure(report, life: dict) -> dict:
    use, busiest = _per_order(life)
    limits = quotas()
    default, raised = {}, {}
    for name, quota in limits.items():
        if not use[name]:
            report.figure(f"{name}", "not used", note=quota.source)
            continue
        default[name] = quota.per_second / use[name]
        raised[name] = quota.raised / use[name]
        detail = {"DynamoDB table or index (on-demand)": f" (busiest: {busiest})",
                  "DynamoDB new on-demand table": f" (busiest: {busiest})",
                  "DynamoDB partition key": " (busiest list shard, 8 shards)"}.get(name, "")
        rate = f"{quota.per_second:g} concurrent over {use[name]:.3g} s" if name == "Lambda concurrency" \
            else f"{quota.per_second:g}/s over {use[name]:.3g}"
        report.figure(f"{name}{detail}", round(default[name], 1), "orders/s",
                      note=f"{rate} an order; {quota.source}; raised: {quota.how}")
    bound = min(default, key=default.get)
    report.figure("default deployment: the bound", round(default[bound], 1), "orders/s", note=f"bound by {bound}")
    bound_raised = min(raised, key=raised.get)
    report.figure("with the documented increases", round(raised[bound_raised], 1), "orders/s",
                  note=f"bound by {bound_raised}")
    return {"recorded": RECORDED, "per_order": {k: round(v, 4) for k, v in use.items()},
            "default": {k: round(v, 1) for k, v in default.items()}, "raised": {k: round(v, 1) for k, v in raised.items()},
            "quotas": {name: {"per_second": q.per_second, "source": q.source, "raised": q.raised, "how": q.how}
                       for name, q in limits.items()}}
