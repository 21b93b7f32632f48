"""A class from the phones to the printer: importing 200 ODK Central submissions and saving their
200 PDF reports with one command, next to baselines measured in the same run.

    python benchmarks/class_reports.py [--n 200] [--runs 1]

Baselines: B = `python -c "import typer"`, and R1 = one `pmi-ready report ID --format pdf` in a
fresh process (what a trainer would run 200 times without `records report`). Prints medians and
the ratios `records report` / (n x R1) and each case / B. Needs the test extras (pyxform builds
the form's fields, as in the tests). Figures only, no pass/fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DESTINATIONS = ("TW", "HK", "MY", "SG", "KR", "JP", "SA")
JOBS = ("housekeeper", "cook", "factory-worker", "elderly-carer", "fishing-crew")


def _process(args: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def submissions(n: int) -> bytes:
    from pmi_ready.checklists import load_catalog
    from tests import submission_files as sf

    catalog = load_catalog([])
    shape = sf.form_shape(catalog)
    items = [p for p in shape.paths if p.split("/", 1)[0] not in ("profile",) and "/" in p]
    answers = ("yes", "no", "unsure")
    subs = []
    for i in range(n):
        values = {
            "consent": "yes",
            "profile/destination": DESTINATIONS[i % len(DESTINATIONS)],
            "profile/job": JOBS[i % len(JOBS)],
            "profile/route": "agency",
            "profile/marital": "single",
            "profile/age": str(19 + i % 20),
            "profile/funding": "own",
        }
        for k, path in enumerate(items):
            if not path.endswith("_intro"):
                values[path] = answers[(i + k) % 3]
        subs.append(sf.Sub(f"{i:08x}-0000-4000-8000-000000000000", "2026-11-20T10:00:00", values))
    return sf.odk_csv(shape, subs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    py = sys.executable
    exe = [py, "-m", "pmi_ready"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "pmi_ready.csv"
        data.write_bytes(submissions(args.n))
        env = {**os.environ, "PMI_READY_DB": str(folder / "class.db"), "PMI_READY_LANG": "en"}
        base = _process([py, "-c", "import typer"], max(3, args.runs), env)
        first = _process([*exe, "records", "import", str(data)], 1, env)
        again = _process([*exe, "records", "import", str(data)], max(3, args.runs), env)
        from pmi_ready.store import Store

        with Store.open(folder / "class.db") as store:
            one_id = store.list(limit=1)[0].id
        single = _process(
            [*exe, "report", one_id, "--format", "pdf", "-o", str(folder / "one.pdf")],
            max(3, args.runs),
            env,
        )
        batch_cmd = [*exe, "records", "report", "--since", "2026-11-01", "--force"]
        batch = _process([*batch_cmd, "-o", str(folder / "class")], args.runs, env)
        made = len(list((folder / "class").glob("*.pdf")))
    rows = [
        ('B: python -c "import typer"', base),
        (f"records import, {args.n} ODK submissions (new database)", first),
        (f"records import, the same {args.n} again (no change)", again),
        ("R1: report ID --format pdf (one applicant)", single),
        (f"records report --format pdf, {made} reports", batch),
    ]
    width = max(len(r[0]) for r in rows)
    for name, secs in rows:
        print(f"{name:<{width}}  {secs:8.2f} s  {secs / base:7.1f} x B")
    print(f"records report / ({args.n} x R1): {batch / (args.n * single):.3f}")
    print(f"per report in the batch: {batch / max(made, 1) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
