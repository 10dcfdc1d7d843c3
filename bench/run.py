"""`make bench`: every figure measured in this run, beside its target and its
floor, then bench/results.json (stamped with the commit, date and machine)
and the performance table of docs/performance.md generated from it.

    make bench                      everything (about 10 minutes on 2 cores)
    python -m bench.run lists       one section: quick, cold_start, lists, throughput (needs quick)

Progress goes to stderr as it runs; the table to stdout. Only a full run
writes bench/results.json and the docs. A benchmark, not a test: it asserts
nothing about time, it reports (the budgets are `make bench-quick`'s)."""
import sys

import bench.in_process  # noqa: F401  (the in-process AWS environment, before the app is imported)
from bench import cold_start, docs_table, lists, quick, throughput
from bench.harness import RESULTS, ROOT, Report, stamp

LARGE_SHOP = f"Order life ({quick.order_life.LIFE}), {quick.SHOPS[100]}"


def _throughput(report: Report) -> None:
    life = report.details[LARGE_SHOP]
    report.run("Throughput ceilings of the default deployment (AWS quotas, dated)", lambda r: throughput.measure(r, life))


SECTIONS = {
    "quick": quick.run,
    "cold_start": lambda r: r.run("Cold start (fresh processes, GET /orders/{id}, an instant AWS stub)", cold_start.measure),
    "lists": lambda r: r.run("Lists and totals", lists.measure),
    "throughput": _throughput,
}


def main(argv) -> int:
    chosen = argv or list(SECTIONS)
    stamped = stamp()
    report = Report()
    for name in chosen:
        SECTIONS[name](report)
    print(report.table())
    if "Lists and totals" in report.details:
        print("\nFirst page (all orders, limit 10) against the number of list shards, "
              f"{lists.SHARD_TABLE_ORDERS:,} orders:\n" + lists.shard_table(report.details["Lists and totals"]))
    if not argv:
        report.write(stamped)
        docs_table.write()
        print(f"\nwritten to {RESULTS.relative_to(ROOT)} and {docs_table.DOCS.relative_to(ROOT)}")
    missed = [f for f in report.figures if f.met is False]
    print(f"{len(missed)} target(s) missed" if missed else "every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
