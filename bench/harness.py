"""The bench's frame: progress while it runs, every figure beside its
target (from bench/budgets.json when it has a key there) and its floor, and
the results file at the end, stamped with the commit, date and machine.
Measurements live one per module (bench/cold_start.py, bench/lists.py, ...)
and report through `Report`."""
import datetime
import json
import os
import pathlib
import platform
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Callable, List, Optional

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
BUDGETS = ROOT / "bench" / "budgets.json"


def budgets() -> dict:
    """key -> {"max" or "min": bound, "why": ...}: the machine-independent figures' limits."""
    return {key: bound for key, bound in json.loads(BUDGETS.read_text()).items() if not key.startswith("_")}


def within(bound: dict, value) -> bool:
    return ("max" not in bound or value <= bound["max"]) and ("min" not in bound or value >= bound["min"])


def bound_text(bound: dict) -> str:
    return " and ".join(f"{'<=' if side == 'max' else '>='} {bound[side]:g}" for side in ("max", "min") if side in bound)


def overruns(document: dict, limits: Optional[dict] = None) -> List[str]:
    """The budgeted figures of a results document beyond their budget, judged
    afresh from bench/budgets.json (or `limits`)."""
    limits = budgets() if limits is None else limits
    measured = {figure["key"]: figure["value"] for figure in document["figures"] if figure.get("key")}
    return [key for key, bound in limits.items() if key in measured and not within(bound, measured[key])]


def stamp() -> dict:
    """Which code, when and on what this run measured."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    cpuinfo = pathlib.Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), platform.processor())
    return {"commit": git("rev-parse", "HEAD"), "uncommitted_changes": bool(git("status", "--porcelain", "--untracked-files=no")),
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "machine": {"cpu": cpu, "cores": os.cpu_count(), "system": platform.platform(),
                        "python": platform.python_version(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}}


@dataclass
class Figure:
    section: str
    name: str
    value: object
    unit: str = ""
    target: str = ""
    met: Optional[bool] = None  # None: a figure with no target of its own
    note: str = ""
    floor: object = None  # the least a competent implementation costs, where the bench computes one
    key: str = ""  # its name in bench/budgets.json, for a figure with a budget


@dataclass
class Report:
    figures: List[Figure] = field(default_factory=list)
    details: dict = field(default_factory=dict)
    _section: str = ""
    _started: float = field(default_factory=time.perf_counter)

    def progress(self, text: str) -> None:
        print(f"  [{time.perf_counter() - self._started:6.0f} s] {self._section}: {text}", file=sys.stderr, flush=True)

    def run(self, section: str, measure: Callable[["Report"], dict]) -> None:
        self._section = section
        print(f"== {section}", file=sys.stderr, flush=True)
        began = time.perf_counter()
        self.details[section] = measure(self)
        self.progress(f"done in {time.perf_counter() - began:.0f} s")

    def figure(self, name: str, value, unit: str = "", target: str = "", met: Optional[bool] = None, note: str = "",
               floor=None, key: str = "") -> None:
        """A figure with a `key` takes its target from bench/budgets.json."""
        if key:
            bound = budgets()[key]
            target, met = bound_text(bound), within(bound, value)
        self.figures.append(Figure(self._section, name, value, unit, target, met, note, floor, key))
        mark = "" if met is None else ("  ok" if met else "  MISSED")
        self.progress(f"{name}: {value}{(' ' + unit) if unit else ''}{('  target ' + target) if target else ''}{mark}")

    def table(self) -> str:
        lines, section = [], None
        width = max(len(f.name) for f in self.figures) + 2
        for f in self.figures:
            if f.section != section:
                section = f.section
                lines += ["", section]
            value = f"{f.value}{(' ' + f.unit) if f.unit else ''}"
            verdict = "" if f.met is None else ("met" if f.met else "MISSED")
            least = "" if f.floor is None else f"floor {f.floor}  "
            lines.append(f"  {f.name:<{width}}{value:>18}   {f.target:<22}{verdict:<7}{least}{f.note}")
        return "\n".join(lines)

    def overruns(self) -> List[Figure]:
        """The budgeted figures beyond their budget."""
        return [f for f in self.figures if f.key and not f.met]

    def document(self, stamped: dict) -> dict:
        stamped = dict(stamped)
        stamped["machine"] = {**stamped["machine"], "load_average_at_end": [round(x, 2) for x in os.getloadavg()]}
        return {**stamped, "seconds": round(time.perf_counter() - self._started, 1),
                "figures": [asdict(f) for f in self.figures], "details": self.details}

    def write(self, stamped: dict, path: pathlib.Path = RESULTS) -> None:
        path.write_text(json.dumps(self.document(stamped), indent=2, default=str) + "\n")
