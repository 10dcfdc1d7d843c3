"""`make bench`: every figure measured in this run, beside its target.

    make bench                      everything (about 10 minutes on 2 cores)
    python -m bench.run lists       one section: cold_start, lists, order_life (with bill and throughput), package

Progress goes to stderr as it runs; the table to stdout; all figures and
their details to bench/results.json. A benchmark, not a test: it asserts
nothing about time, it reports."""
import sys

import bench.in_process  # noqa: F401  (the in-process AWS environment, before the app is imported)
from bench import bill, cold_start, lists, order_life, package_size, throughput
from bench.harness import RESULTS, ROOT, Report
from metering.webhook_costs import webhook_rows


def _life_bill_throughput(report: Report) -> None:
    report.run("Order life (create, workflow, 3 reads, 1 list page, 2 status polls, ship, deliver)", order_life.measure)
    life = report.details[report.figures[-1].section]
    report.run("Dollars per million orders (that life)", lambda r: bill.measure(r, life))
    dollars = report.details[report.figures[-1].section]
    report.run("Throughput ceiling of the default deployment", lambda r: throughput.measure(r, life, dollars))
    report.run("Webhook delivery, one endpoint subscribed to every event (priced from a metered life)", _webhooks)


def _webhooks(report: Report) -> dict:
    rows = webhook_rows()
    for name, value, notes in rows:
        report.figure(name, value, note=notes)
    return {name: {"value": value, "notes": notes} for name, value, notes in rows}


SECTIONS = {
    "cold_start": lambda r: r.run("Cold start (fresh processes, GET /orders/{id})", cold_start.measure),
    "lists": lambda r: r.run("Lists and totals", lists.measure),
    "order_life": _life_bill_throughput,
    "package": lambda r: r.run("Package", package_size.measure),
}


def main(argv) -> int:
    chosen = argv or list(SECTIONS)
    report = Report()
    for name in chosen:
        SECTIONS[name](report)
    print(report.table())
    if "Lists and totals" in report.details:
        print("\nFirst page (all orders, limit 10) against the number of list shards, "
              f"{lists.SHARD_TABLE_ORDERS:,} orders:\n" + lists.shard_table(report.details["Lists and totals"]))
    if not argv:
        report.write()
        print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    missed = [f for f in report.figures if f.met is False]
    print(f"{len(missed)} target(s) missed" if missed else "every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
