"""`make test` holds the budgets of bench/budgets.json: the quick bench
(bench/quick.py: AWS calls, write and read units per route and per order
life at 1 and 100 orders per stream batch, the bills priced from those
counts, the webhook cost model) runs once, in its own process, and each
budget is a test. A change that costs more fails here the day it lands.

The package's size is budgeted too; tests/test_package.py builds and checks it."""
import copy
import json
import os
import subprocess
import sys

import pytest

from bench.harness import budgets, overruns
from tests.support import ROOT

pytestmark = pytest.mark.slow

# Over budget until the cost cuts of issue 26 land (their branch changes the
# code, this one measures it). Strict: a budget that is kept while still
# listed here fails too, so the list only shrinks.
OVER_UNTIL_THE_COST_CUTS = {
    "life.1_per_batch.write_units", "life.100_per_batch.write_units", "bill.1_per_batch.total", "bill.100_per_batch.total",
}
MEASURED_ELSEWHERE = {"package.bytes"}  # tests/test_package.py


@pytest.fixture(scope="module")
def quick(tmp_path_factory):
    """The quick bench's results and its exit status."""
    path = tmp_path_factory.mktemp("bench") / "quick.json"
    clean = {name: value for name, value in os.environ.items() if not name.startswith(("AWS_", "OMS_"))}
    run = subprocess.run([sys.executable, "-m", "bench.quick", "--no-package", "--json", str(path)], cwd=ROOT,
                         env=clean, capture_output=True, text=True, timeout=600)
    assert path.exists(), run.stderr[-3000:]
    return json.loads(path.read_text()), run.returncode


def _budget_params():
    for key in sorted(set(budgets()) - MEASURED_ELSEWHERE):
        marks = [pytest.mark.xfail(strict=True, reason="over budget until issue 26's cost cuts land")] \
            if key in OVER_UNTIL_THE_COST_CUTS else []
        yield pytest.param(key, marks=marks, id=key)


@pytest.mark.parametrize("key", _budget_params())
def test_the_quick_bench_keeps_the_budget(quick, key):
    document, _ = quick
    measured = {figure["key"]: figure for figure in document["figures"] if figure["key"]}
    assert key in measured, f"no figure measures {key}"
    assert key not in overruns(document), (measured[key]["value"], budgets()[key])


def test_a_costlier_variant_overruns_and_the_quick_bench_exits_1_on_any_overrun(quick):
    document, status = quick
    assert status == (1 if overruns(document) else 0)
    costlier = copy.deepcopy(document)
    read = next(figure for figure in costlier["figures"] if figure["key"] == "route.read.aws_calls")
    read["value"] += 1  # GET /orders/{id} making one more AWS call
    life = next(figure for figure in costlier["figures"] if figure["key"] == "life.100_per_batch.read_units")
    life["value"] += budgets()["life.100_per_batch.read_units"]["max"]  # reads that doubled
    assert set(overruns(costlier)) - set(overruns(document)) == {"route.read.aws_calls", "life.100_per_batch.read_units"}
