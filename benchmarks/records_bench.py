"""Time the records commands end to end, as a field officer runs them.

    python benchmarks/records_bench.py [--dir benchmarks/results] [--repeat 5]

Makes (once) databases of 10,000 and 100,000 synthetic assessments with gen_records.py, then runs
`pmi-ready records export` (CSV and JSONL) over 10,000 and `records stats` (plain and --by month)
over 10,000 and 100,000 in fresh processes, and prints the median of each with the 100k/10k
ratios. Targets (issue 8): export of 10,000 under 2 s, stats over 100,000 under 1 s, and 100,000
costing at most 12 times 10,000. Results go to DIR/records.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_records import generate  # noqa: E402


def db_with(folder: Path, n: int) -> Path:
    path = folder / f"records-{n}.db"
    if not path.exists():
        print(f"generating {n} assessments into {path} …", file=sys.stderr)
        generate(path, n, seed=1)
    return path


def timed(args: list[str], db: Path, repeat: int) -> float:
    """Median wall time of ``pmi-ready ARGS`` in a fresh process; one warm-up run first."""
    env = {**os.environ, "PMI_READY_DB": str(db), "NO_COLOR": "1", "COLUMNS": "100"}
    cmd = [sys.executable, "-m", "pmi_ready", *args]
    times = []
    for i in range(repeat + 1):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=HERE / "results")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    small, large = db_with(args.dir, 10_000), db_with(args.dir, 100_000)
    out = args.dir / "export.out"
    results: dict[str, float] = {}
    for fmt in ("csv", "jsonl"):
        export = ["records", "export", "--format", fmt, "-o", str(out), "--force"]
        results[f"export_{fmt}_10k"] = timed(export, small, args.repeat)
    out.unlink(missing_ok=True)
    for label, extra in (("stats", []), ("stats_by_month", ["--by", "month"])):
        for size, db in (("10k", small), ("100k", large)):
            results[f"{label}_{size}"] = timed(["records", "stats", *extra], db, args.repeat)
    results["list_100k"] = timed(["records", "list"], large, args.repeat)
    ratios = {
        f"{label}_100k_over_10k": results[f"{label}_100k"] / results[f"{label}_10k"]
        for label in ("stats", "stats_by_month")
    }
    targets = {
        "export_csv_10k < 2 s": results["export_csv_10k"] < 2,
        "export_jsonl_10k < 2 s": results["export_jsonl_10k"] < 2,
        "stats_100k < 1 s": results["stats_100k"] < 1,
        "stats_by_month_100k < 1 s": results["stats_by_month_100k"] < 1,
        "100k <= 12 x 10k": all(r <= 12 for r in ratios.values()),
    }
    for key, value in results.items():
        print(f"{key:26} {value * 1000:8.0f} ms")
    for key, value in ratios.items():
        print(f"{key:26} {value:8.2f} x")
    for key, ok in targets.items():
        print(f"{key:26} {'met' if ok else 'MISSED'}")
    report = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "system": platform.platform()},
        "median_seconds": results,
        "ratios": ratios,
        "targets_met": targets,
    }  # fmt: skip
    (args.dir / "records.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
