"""What does not depend on the machine's speed, against bench/budgets.json:
AWS calls, write and read units per route and per order life at one and 100
orders per stream batch, each index's write cost, the bills priced from
those counts, the webhook cost model, the package's size.

    make bench-quick                        everything, under 90 s; exit 1 on an overrun
    python -m bench.quick --no-package      without building the package (the tests' run)
    python -m bench.quick --json PATH       the results (figures, details) written to PATH

`make bench` runs the same sections among its own (bench/run.py); the tests
run it against the budgets (tests/test_bench_budgets.py)."""
import argparse
import pathlib
import sys

import bench.in_process  # noqa: F401  (the in-process AWS environment, before the app is imported)
from bench import bill, order_life, package_size
from bench.harness import Report, budgets, stamp
from metering.webhook_costs import webhook_rows

SHOPS = {1: "small shop, 1 order per stream batch", 100: "large shop, 100 records per stream batch"}
LIVES = {1: 10, 100: 50}  # 50 lives fill two batches of 100 records
ROUTES = {"create": "POST /orders", "read": "GET /orders/{id}", "list": "GET /orders (first page)",
          "status": "GET /status/{id}", "ship": "PUT /orders/{id} shipped", "deliver": "PUT /orders/{id} delivered",
          "workflow": "the workflow's reservation"}


def life_section(per_batch: int):
    def measure(report: Report) -> dict:
        life = order_life.measure_life(per_batch, LIVES[per_batch], report.progress)
        per_order = life["per_order"]
        report.figure("write units per order life", round(per_order["write_units"], 1), "WCU",
                      key=f"life.{per_batch}_per_batch.write_units", floor=bill.floor_write_units(life),
                      note=f"API+workflow {per_order['write_units_api_and_workflow']:.1f}, "
                           f"streams {per_order['write_units_stream']:.1f}")
        report.figure("read units per order life", round(per_order["read_units"], 1), "RCU",
                      key=f"life.{per_batch}_per_batch.read_units")
        report.figure("AWS calls per order life (API)", round(per_order["api_aws_calls"], 1), "",
                      note=f"streams {life['steps']['streams']['aws_calls']:.1f} more")
        report.figure("S3 PUTs per order life (backups)", round(per_order["s3_puts"], 2), "",
                      note=f"{per_order['stream_invocations']:.2f} stream invocations an order")
        life["bill"] = bill.measure(report, life, "bill")
        return life
    return measure


def routes(report: Report, life: dict) -> dict:
    """Per request: AWS calls (listed by name) and units; budgets on calls."""
    budgeted = set(budgets())
    for step, route in ROUTES.items():
        cost = life["steps"][step]
        times = cost["times_per_life"]
        listed = ", ".join(f"{name}{'' if n == 1 else f' x{n:g}'}" for name, n in cost["calls_each"].items())
        calls = f"route.{step}.aws_calls"
        report.figure(f"{route}: AWS calls", round(cost["aws_calls"] / times, 2), key=calls if calls in budgeted else "",
                      note=listed)
        report.figure(f"{route}: write units", round(cost["write_units"] / times, 2), "WCU")
        report.figure(f"{route}: read units", round(cost["read_units"] / times, 2), "RCU",
                      key="route.list.read_units" if step == "list" else "")
    return {step: life["steps"][step] for step in ROUTES}


def indexes(report: Report, small: dict, large: dict) -> dict:
    """Each table's and index's write units per order life, at both batch sizes."""
    names = sorted(set(small["write_units_by_table_or_index"]) | set(large["write_units_by_table_or_index"]),
                   key=lambda name: (-large["write_units_by_table_or_index"].get(name, 0), name))
    for name in names:
        report.figure(f"{name}: write units per order life", large["write_units_by_table_or_index"].get(name, 0), "WCU",
                      note=f"{small['write_units_by_table_or_index'].get(name, 0)} at 1 order per batch"
                           + ("" if "/" in name else " (the table's own items)"))
    return {"1_per_batch": small["write_units_by_table_or_index"], "100_per_batch": large["write_units_by_table_or_index"]}


def webhooks(report: Report) -> dict:
    rows = {name: (value, notes) for name, value, notes in webhook_rows()}
    total, notes = rows["webhooks $/1M orders: total"]
    report.figure("webhook delivery per million orders", total, "USD", key="webhooks.total", note=notes)
    ceiling, notes = rows["webhook deliveries/s: orders stream fan-out, per shard"]
    report.figure("webhook deliveries/s per orders-stream shard", ceiling, "", key="webhooks.ceiling_per_shard", note=notes)
    return {name: {"value": value, "notes": notes} for name, (value, notes) in rows.items()}


def run(report: Report, package: bool = True) -> None:
    for per_batch in SHOPS:
        report.run(f"Order life ({order_life.LIFE}), {SHOPS[per_batch]}", life_section(per_batch))
    small, large = (report.details[f"Order life ({order_life.LIFE}), {SHOPS[n]}"] for n in SHOPS)
    report.run("Per request (the large shop's lives; AWS calls listed by name)", lambda r: routes(r, large))
    report.run("Write units per order life by table and index (100 records per batch)", lambda r: indexes(r, small, large))
    report.run("Webhook delivery, one endpoint subscribed to every event (cost model)", webhooks)
    if package:
        report.run("Package", package_size.measure)


def main(argv) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-package", action="store_true")
    parser.add_argument("--json", type=pathlib.Path)
    options = parser.parse_args(argv)
    stamped = stamp()
    report = Report()
    run(report, package=not options.no_package)
    print(report.table())
    if options.json:
        report.write(stamped, options.json)
    over = report.overruns()
    for figure in over:
        print(f"OVER BUDGET: {figure.key} = {figure.value} (budget {figure.target})", file=sys.stderr)
    print(f"{len(over)} budget(s) overrun" if over else "every budget kept")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

