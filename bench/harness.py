"""The bench's frame: progress while it runs, every figure beside its
target, bench/results.json at the end. Measurements live one per module
(bench/cold_start.py, bench/lists.py, ...) and report through `Report`."""
import json
import pathlib
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Callable, List, Optional

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"


@dataclass
class Figure:
    section: str
    name: str
    value: object
    unit: str = ""
    target: str = ""
    met: Optional[bool] = None  # None: a figure with no target of its own
    note: str = ""


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

    def figure(self, name: str, value, unit: str = "", target: str = "", met: Optional[bool] = None, note: str = "") -> None:
        self.figures.append(Figure(self._section, name, value, unit, target, met, note))
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
            lines.append(f"  {f.name:<{width}}{value:>18}   {f.target:<22}{verdict:<7}{f.note}")
        return "\n".join(lines)

    def write(self) -> None:
        RESULTS.write_text(json.dumps({"figures": [asdict(f) for f in self.figures], "details": self.details,
                                       "seconds": round(time.perf_counter() - self._started, 1)}, indent=2, default=str) + "\n")
