"""The figures of docs/performance.md, generated from bench/results.json
(`make bench` runs this after writing it). tests/test_performance_docs.py
fails when the two differ.

    python -m bench.docs_table            regenerate the block in docs/performance.md
    python -m bench.docs_table --check    exit 1 when it differs from bench/results.json"""
import json
import sys

from bench.harness import RESULTS, ROOT

DOCS = ROOT / "docs" / "performance.md"
BEGIN = "<!-- generated from bench/results.json by `python -m bench.docs_table`: do not edit by hand -->"
END = "<!-- end of the generated figures -->"


def _cell(value) -> str:
    return "" if value is None else str(value).replace("|", "\\|")


def render(document: dict) -> str:
    machine = document["machine"]
    lines = [
        f"Measured at commit `{document['commit'][:12]}`"
        f"{' (with uncommitted changes)' if document['uncommitted_changes'] else ''} on {document['date']}, "
        f"on {machine['cpu']} ({machine['cores']} cores, Python {machine['python']}), **a machine shared with other "
        f"work**: load average {machine['load_average_at_start'][0]} at the start, "
        f"{machine['load_average_at_end'][0]} at the end. Timed figures (cold start, the Lambda-duration line of "
        "the bills) depend on that machine and its load; counted ones (AWS calls, units, bytes, the rest of the "
        "bills) do not. A budget is a limit `make test` holds (bench/budgets.json); a target without one is "
        "reported, not enforced.",
    ]
    section = None
    for figure in document["figures"]:
        if figure["section"] != section:
            section = figure["section"]
            lines += ["", f"#### {section}", "", "| figure | measured | target | | floor | note |",
                      "| --- | ---: | --- | --- | ---: | --- |"]
        value = f"{figure['value']}{(' ' + figure['unit']) if figure['unit'] else ''}"
        verdict = "" if figure["met"] is None else ("met" if figure["met"] else "**missed**")
        target = f"{figure['target']}{' (budget)' if figure.get('key') else ''}" if figure["target"] else ""
        lines.append(f"| {_cell(figure['name'])} | {_cell(value)} | {_cell(target)} | {verdict} | "
                     f"{_cell(figure.get('floor'))} | {_cell(figure['note'])} |")
    shards = document["details"].get("Lists and totals", {}).get("shards")
    if shards:
        lines += ["", "#### First page (all orders, limit 10) against the number of list shards (2,000 orders)", "",
                  "| list shards | calls | read units | round trips | entries read |", "| ---: | ---: | ---: | ---: | ---: |"]
        lines += [f"| {count} | {cost['calls']} | {cost['read_units']} | {cost['round_trips']} | {cost['entries_read']} |"
                  for count, cost in shards.items()]
    return "\n".join(lines)


def block(text: str) -> str:
    """What stands between the markers of `text`."""
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[start:end].strip("\n")


def write() -> None:
    text = DOCS.read_text()
    generated = render(json.loads(RESULTS.read_text()))
    DOCS.write_text(text[:text.index(BEGIN) + len(BEGIN)] + "\n" + generated + "\n" + text[text.index(END):])


def main(argv) -> int:
    if "--check" in argv:
        same = block(DOCS.read_text()) == render(json.loads(RESULTS.read_text()))
        print("docs/performance.md matches bench/results.json" if same else
              "docs/performance.md differs from bench/results.json: python -m bench.docs_table")
        return 0 if same else 1
    write()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
