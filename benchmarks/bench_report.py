"""How long one readiness report takes to render, per format, with the built-in checklists.

    python benchmarks/bench_report.py

Prints the median of several runs for each format (the program's start-up is not included:
compare with `python -m timeit -s pass` and `pmi-ready --help`). Target: every format but PDF
close to nothing next to start-up; a PDF under half a second.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from pmi_ready.checklists import load_catalog
from pmi_ready.core import Answer, AnswerValue, applicable, assess
from pmi_ready.render import Format, build_context, render

PROFILE = {
    "destination": "TW",
    "job": "housekeeper",
    "route": "agency",
    "marital": "married",
    "age": "24",
    "funding": "loan",
    "name": "Contoh",
}


def main() -> None:
    catalog = load_catalog(())
    items = [it for _c, it in applicable(catalog.checklists, PROFILE)]
    answers = {
        it.id: Answer(it.id, AnswerValue.UNSURE if i % 4 == 0 else it.ready_when)
        for i, it in enumerate(items)
    }
    readiness = assess(catalog, PROFILE, answers)
    ctx = build_context(readiness, catalog, assessment_id="0" * 32, created=dt.date(2026, 11, 28))
    print(f"{len(items)} applicable items, status {readiness.status.value}")
    for fmt in Format:
        render(fmt, ctx)  # warm up: imports, fonts, translations
        times = []
        for _ in range(7):
            start = time.perf_counter()
            out = render(fmt, ctx)
            times.append(time.perf_counter() - start)
        size = len(out)
        print(f"{fmt.value:9} {statistics.median(times) * 1000:7.1f} ms  {size:8d} bytes")


if __name__ == "__main__":
    main()
