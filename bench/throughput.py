"""The sustained ceiling of the default deployment, from every limit that
binds, with the knob that raises each. An order here is its whole metered
life (bench/order_life.py): its requests, write units and Lambda time.

Limits (AWS defaults per account and region unless said): the stage's
throttle (.chalice/merge-template.json), API Gateway's account limit of
10,000 requests/s, 1,000 concurrent Lambda executions, 40,000 write units/s
per table and per global secondary index (on-demand), 1,000 write units/s per
partition key (the list shards take an order's status moves)."""
import json

from bench.harness import ROOT

ACCOUNT_REQUESTS_PER_SECOND = 10_000
LAMBDA_CONCURRENCY = 1_000
TABLE_WRITE_UNITS_PER_SECOND = 40_000
KEY_WRITE_UNITS_PER_SECOND = 1_000
DEFAULT_TARGET, KNOBS_TARGET = 2_000, 10_000


def stage_throttle() -> int:
    template = json.loads((ROOT / ".chalice" / "merge-template.json").read_text())
    settings = template["Resources"]["RestAPI"]["Properties"]["MethodSettings"][0]
    return settings["ThrottlingRateLimit"]


WRITE_PATH = ("create", "ship", "deliver")  # an order placed and moved through its life


def _api_seconds(life: dict, names, aws_call_ms: float) -> float:
    return sum((r["own_ms"] + aws_call_ms * r["aws_calls"]) / 1000 for name, r in life["requests"].items() if name in names)


def ceilings(life: dict, names, aws_call_ms: float, list_shards: int, scale: int = 1) -> dict:
    """Orders/s each limit allows; `scale` is the factor quota increases buy."""
    requests = sum(r["count"] for name, r in life["requests"].items() if name in names)
    seconds = _api_seconds(life, names, aws_call_ms)
    hottest_units = max(life["list_shard_families_units_per_order"].values()) / list_shards
    busiest_table, busiest_units = max(life["write_units_by_table_or_index"].items(), key=lambda pair: pair[1])
    return {
        "stage throttle": stage_throttle() * scale / requests,
        "API Gateway account limit": ACCOUNT_REQUESTS_PER_SECOND * scale / requests,
        "Lambda concurrency": LAMBDA_CONCURRENCY * scale / seconds,
        f"table quota ({busiest_table.split('-')[-1]})": TABLE_WRITE_UNITS_PER_SECOND * scale / busiest_units,
        f"hottest key (list shards: {list_shards})": KEY_WRITE_UNITS_PER_SECOND / hottest_units,
    }


def measure(report, life: dict, bill: dict) -> dict:
    call_ms = bill["assumptions"]["aws_call_ms"]
    default = ceilings(life, WRITE_PATH, call_ms, list_shards=8)
    for limit, orders in default.items():
        report.figure(f"default: {limit}", round(orders), "orders/s")
    binding = min(default, key=default.get)
    report.figure("default ceiling (create, workflow, ship, deliver)", round(default[binding]), "orders/s",
                  f">= {DEFAULT_TARGET:,}", default[binding] >= DEFAULT_TARGET, note=f"bound by {binding}")
    raised = ceilings(life, WRITE_PATH, call_ms, list_shards=32, scale=10)
    binding_raised = min(raised, key=raised.get)
    report.figure("with the knobs", round(raised[binding_raised]), "orders/s", f">= {KNOBS_TARGET:,}",
                  raised[binding_raised] >= KNOBS_TARGET, note=f"bound by {binding_raised}")
    whole = ceilings(life, tuple(life["requests"]), call_ms, list_shards=8)
    binding_whole = min(whole, key=whole.get)
    report.figure("default, whole metered life (6 reads too)", round(whole[binding_whole]), "orders/s",
                  note=f"bound by {binding_whole}")
    return {"default": {k: round(v) for k, v in default.items()}, "with_knobs": {k: round(v) for k, v in raised.items()},
            "whole_life_default": {k: round(v) for k, v in whole.items()},
            "knobs": {"stage throttle": "ThrottlingRateLimit in .chalice/merge-template.json",
                      "API Gateway account limit": "a Service Quotas increase (x10 assumed)",
                      "Lambda concurrency": "a Service Quotas increase (x10 assumed)",
                      "table quota": "a Service Quotas increase of the per-table maximum (x10 assumed)",
                      "hottest key": "OMS_LIST_SHARDS=32 (a first page then costs more: see the shard table)"}}
