"""pmi-ready's benchmark suite: medians of repeated whole-process runs, side by side with baselines.

    python benchmarks/run.py [--repeat 15] [--quick] [--json FILE] [--markdown]
    python benchmarks/run.py --scale [--sizes 100000,1000000] [--data DIR] [--before TREE]

Targets are ratios against B = `python -c "import typer"`, measured in the same run, because
absolute times on shared machines drift. The table and the JSON give, for each case, the median,
min, max, ratio to B and whether the target is met. Nothing here is a pass/fail test in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
EXE = [PY, "-m", "pmi_ready"]


@dataclass
class Case:
    name: str
    samples: list[float] = field(default_factory=list)
    target: str = ""
    limit_ratio: float | None = None  # target as a multiple of B
    limit_seconds: float | None = None  # target in seconds
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def run_process(
    cmd: list[str], repeat: int, env: dict[str, str] | None = None, stdin: bytes | None = None
) -> list[float]:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, input=stdin, capture_output=True, env=env, check=True)
        samples.append(time.perf_counter() - t0)
    return samples


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return samples


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--quick", action="store_true", help="fewer repeats, 10,000 records only")
    ap.add_argument(
        "--markdown", action="store_true", help="print the table as docs/performance.md shows it"
    )
    ap.add_argument("--json", type=Path, default=None, help="where the JSON goes")
    scale = ap.add_argument_group("--scale: a national archive (benchmarks/scale.py)")
    scale.add_argument(
        "--scale", action="store_true", help="storage and records commands at 100,000 and 1,000,000"
    )
    scale.add_argument("--sizes", default="100000,1000000", help="assessments per database")
    scale.add_argument("--data", type=Path, default=None, help="folder for the databases")
    scale.add_argument("--before", type=Path, default=None, help="a checkout of the code before")
    scale.add_argument("--pg", default=None, help="also on this PostgreSQL server (a URL)")
    scale.add_argument("--label", default="after", help="names this code's databases")
    scale.add_argument(
        "--others-up-to", type=int, default=100_000, help="the largest size --before and --pg run"
    )
    args = ap.parse_args()
    if args.scale:
        from benchmarks import scale as scale_bench

        return scale_bench.run(
            [int(x) for x in args.sizes.split(",")],
            args.data,
            3 if args.repeat == 15 else args.repeat,
            args.before,
            args.pg,
            args.json or ROOT / "benchmarks" / "results" / "scale.json",
            args.label,
            args.others_up_to,
        )
    args.json = args.json or ROOT / "benchmarks" / "results" / "latest.json"
    repeat = 5 if args.quick else args.repeat
    work = Path(tempfile.mkdtemp(prefix="pmi-bench-"))
    env = {
        **os.environ,
        "PMI_READY_DB": str(work / "bench.db"),
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "PMI_READY_LANG": "id",
    }
    cases: list[Case] = []

    def add(case: Case) -> None:
        cases.append(case)
        print(f"  {case.name}: {case.median * 1000:.1f} ms", file=sys.stderr)

    print("measuring…", file=sys.stderr)
    add(Case("python -c pass", run_process([PY, "-c", "pass"], repeat)))
    base = Case('B = python -c "import typer"', run_process([PY, "-c", "import typer"], repeat))
    add(base)
    add(
        Case(
            "pmi-ready --help",
            run_process([*EXE, "--help"], repeat, env),
            "≤ 1.5 × B",
            limit_ratio=1.5,
        )
    )
    add(
        Case(
            "pmi-ready --version",
            run_process([*EXE, "--version"], repeat, env),
            "≤ 1.5 × B",
            limit_ratio=1.5,
        )
    )
    add(Case("pmi-ready checklists list", run_process([*EXE, "checklists", "list"], repeat, env)))

    from pmi_ready.checklists import load_catalog

    load_catalog()
    add(
        Case(
            "load every shipped checklist (in-process, cached)",
            timed(load_catalog, repeat * 4),
            "≤ 20 ms",
            limit_seconds=0.020,
            note="every run after the first on a machine",
        )
    )
    saved = os.environ.get("PMI_READY_CACHE")
    os.environ["PMI_READY_CACHE"] = "off"
    try:
        add(
            Case(
                "load every shipped checklist (in-process, no cache: parse and validate)",
                timed(load_catalog, repeat * 4),
                "≤ 20 ms",
                limit_seconds=0.020,
                note="the first run, or after a checklist file changed",
            )
        )
    finally:
        if saved is None:
            del os.environ["PMI_READY_CACHE"]
        else:
            os.environ["PMI_READY_CACHE"] = saved

    for extra in _optional_cases(work, env, repeat, args.quick):
        add(extra)

    b = base.median
    rows = []
    for c in cases:
        ratio = c.median / b
        ok = None
        if c.limit_ratio is not None:
            ok = ratio <= c.limit_ratio
        elif c.limit_seconds is not None:
            ok = c.median <= c.limit_seconds
        rows.append(
            {
                "case": c.name,
                "median_ms": round(c.median * 1000, 2),
                "min_ms": round(min(c.samples) * 1000, 2),
                "max_ms": round(max(c.samples) * 1000, 2),
                "ratio_to_B": round(ratio, 2),
                "target": c.target,
                "met": ok,
                "note": c.note,
                "runs": len(c.samples),
            }
        )
    if args.markdown:
        _print_markdown(rows)
    else:
        _print_table(rows)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "when": time.strftime("%Y-%m-%d %H:%M:%S"),
                "python": platform.python_version(),
                "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
                "repeat": repeat,
                "rows": rows,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"\nJSON written to {args.json}", file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _optional_cases(work: Path, env: dict[str, str], repeat: int, quick: bool) -> list[Case]:
    """Cases for the commands that build on the store, the report and the exports."""
    from benchmarks import cases

    return cases.all_cases(work, env, repeat, quick)


def _print_table(rows: list[dict[str, object]]) -> None:
    head = f"{'case':<52} {'median':>9} {'min':>9} {'max':>9} {'×B':>6}  target"
    print(head)
    print("-" * len(head))
    for r in rows:
        met = {True: "met", False: "MISSED", None: ""}[r["met"]]  # type: ignore[index]
        target = f"{r['target']} {met}".strip()
        print(
            f"{r['case']!s:<52} {r['median_ms']:>7}ms {r['min_ms']:>7}ms {r['max_ms']:>7}ms "
            f"{r['ratio_to_B']:>6}  {target}"
        )
    for r in rows:
        if r["note"]:
            print(f"note, {r['case']}: {r['note']}")


def _print_markdown(rows: list[dict[str, object]]) -> None:
    print("| case | median | min | max | × B | target |")
    print("|---|---:|---:|---:|---:|---|")
    for r in rows:
        met = {True: " — met", False: " — **missed**", None: ""}[r["met"]]  # type: ignore[index]
        target = f"{r['target']}{met}" if r["target"] else ""
        if r["note"]:
            target = f"{target} ({r['note']})" if target else str(r["note"])
        print(
            f"| {r['case']} | {r['median_ms']:.1f} ms | {r['min_ms']:.1f} | {r['max_ms']:.1f} "
            f"| {r['ratio_to_B']:.2f} | {target} |"
        )


if __name__ == "__main__":
    raise SystemExit(main())
