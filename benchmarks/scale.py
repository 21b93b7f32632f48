"""A national archive: storage and the records commands at 100,000 and 1,000,000 assessments.

    python benchmarks/run.py --scale [--sizes 100000,1000000] [--data DIR] [--before TREE]
                                     [--label after] [--pg postgresql://…] [--repeat 3]

Builds (or reuses) a database of each size with `gen_records.py` in DIR (default
``$PMI_READY_SCALE_DATA``, else a folder in the temporary directory; never the repository: a million
takes some gigabytes), then reports its size (bytes per assessment, and per table and index from
SQLite's ``dbstat`` or PostgreSQL's relation sizes), and the median wall time of the records
commands in fresh processes (``records stats`` with every ``--by``, ``records list`` with each
filter, ``--search`` included), with the growth from the smallest size as ratios.

``--before`` and ``--pg`` run up to ``--others-up-to`` assessments (100,000: a million at
schema 5 takes 16 GB and half an hour to build). The databases of this code are LABEL-N.db
(``--label``, default ``after``). ``--before TREE`` runs the same cases with the code of another
checkout (``git worktree add TREE COMMIT``), on databases that checkout's own generator built
(``before-N.db``): the before and after of one change, measured in one run on one machine. A
database is reused when it holds the right number of assessments; one of an older schema is
migrated when the code opens it. Nothing here is a pass/fail test.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("records stats", ("records", "stats")),
    ("records stats --by destination", ("records", "stats", "--by", "destination")),
    ("records stats --by job", ("records", "stats", "--by", "job")),
    ("records stats --by officer", ("records", "stats", "--by", "officer")),
    ("records stats --by month", ("records", "stats", "--by", "month")),
    ("records stats --since (90 days)", ("records", "stats", "--since", "{since}")),
    ("records list (first page)", ("records", "list")),
    ("records list --status ready", ("records", "list", "--status", "ready")),
    ("records list --status stop", ("records", "list", "--status", "stop")),
    ("records list --unfinished", ("records", "list", "--unfinished")),
    ("records list --destination KR", ("records", "list", "--destination", "KR")),
    ("records list --officer 'Bu Ratna'", ("records", "list", "--officer", "Bu Ratna")),
    ("records list --since (90 days)", ("records", "list", "--since", "{since}")),
    ("records list --search siti", ("records", "list", "--search", "siti")),
    ("records list --search rahayu", ("records", "list", "--search", "rahayu")),
    ("records list --search 'siti rah'", ("records", "list", "--search", "siti rah")),
    ("records list --search zzz (nothing)", ("records", "list", "--search", "zzz")),
    ("records list --search ratna (officer)", ("records", "list", "--search", "ratna")),
)


@dataclass
class Measured:
    """One database: its build, size and the median time of each case."""

    label: str
    n: int
    target: str
    built_s: float | None = None
    opened_s: float = 0.0
    total_bytes: int = 0
    parts: dict[str, int] = field(default_factory=dict)
    times: dict[str, float] = field(default_factory=dict)


def data_dir(given: Path | None) -> Path:
    path = given or Path(
        os.environ.get("PMI_READY_SCALE_DATA") or Path(tempfile.gettempdir()) / "pmi-ready-scale"
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def _env(tree: Path, target: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(tree),
        "PMI_READY_DB": target,
        "NO_COLOR": "1",
        "COLUMNS": "120",
        "PMI_READY_LANG": "en",
    }


def _count(tree: Path, target: str) -> int | None:
    """How many assessments ``target`` holds (opened by the code of ``tree``: an older schema is
    migrated here), or None when it does not exist."""
    if not target.startswith("postgresql") and not Path(target).exists():
        return None
    code = (
        "import sys; from pmi_ready.store import open_store\n"
        "with open_store(sys.argv[1]) as s:\n"
        "    print(s._read('SELECT count(*) FROM assessments')[0][0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, target],
        env=_env(tree, target),
        cwd=tree,  # python -c and -m put the current folder first: the tree's own code
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else None


def _pg_drop(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def ensure(tree: Path, target: str, n: int) -> tuple[float | None, float]:
    """Build ``target`` with ``n`` assessments unless it holds them already; returns the build's
    seconds (None: reused) and the seconds of the first open (a migration, if any)."""
    t0 = time.perf_counter()
    have = _count(tree, target)
    opened = time.perf_counter() - t0
    if have == n:
        return None, opened
    if target.startswith("postgresql"):
        _pg_drop(target)
    else:
        Path(target).unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(target + suffix).unlink(missing_ok=True)
    print(f"  building {n:,} assessments in {target} …", file=sys.stderr)
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, str(tree / "benchmarks" / "gen_records.py"), "--db", target, "-n", str(n)],
        env=_env(tree, target),
        cwd=tree,
        check=True,
    )
    return time.perf_counter() - t0, 0.0


def sizes_of(target: str) -> tuple[int, dict[str, int]]:
    """The database's bytes (an SQLite file's; on PostgreSQL its tables' and indexes', TOAST
    included), and per table and index."""
    if target.startswith("postgresql"):
        import psycopg

        with psycopg.connect(target) as conn:
            parts = conn.execute(
                "SELECT c.relname, pg_relation_size(c.oid) + coalesce(("
                "SELECT pg_relation_size(t.oid) FROM pg_class t WHERE t.oid = c.reltoastrelid), 0)"
                " FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace "
                "WHERE ns.nspname = current_schema() AND c.relkind IN ('r', 'i')"
            ).fetchall()
        sizes = {str(k): int(v) for k, v in parts}
        return sum(sizes.values()), sizes  # this schema's tables and indexes
    conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        parts = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    finally:
        conn.close()
    return Path(target).stat().st_size, {str(k): int(v) for k, v in parts}


def time_cases(tree: Path, target: str, repeat: int) -> dict[str, float]:
    since = time.strftime("%Y-%m-%d", time.localtime(time.time() - 90 * 86400))
    env = _env(tree, target)
    out: dict[str, float] = {}
    for name, args in CASES:
        cmd = [sys.executable, "-m", "pmi_ready", *(a.replace("{since}", since) for a in args)]
        samples = []
        for i in range(repeat + 1):  # the first run warms the page cache
            t0 = time.perf_counter()
            subprocess.run(cmd, env=env, cwd=tree, check=True, capture_output=True)
            if i:
                samples.append(time.perf_counter() - t0)
        out[name] = statistics.median(samples)
        print(f"    {name}: {out[name]:.2f} s", file=sys.stderr)
    return out


def measure(label: str, tree: Path, target: str, n: int, repeat: int) -> Measured:
    print(f"{label}, {n:,}:", file=sys.stderr)
    m = Measured(label, n, target)
    m.built_s, m.opened_s = ensure(tree, target, n)
    m.total_bytes, m.parts = sizes_of(target)
    m.times = time_cases(tree, target, repeat)
    return m


def _bytes(b: float) -> str:
    return f"{b:,.0f} B"


def markdown(results: list[Measured]) -> str:
    """The table docs/performance.md shows: per code (before/after) and size."""
    labels = list(dict.fromkeys(m.label for m in results))
    lines: list[str] = []
    for label in labels:
        ms = sorted((m for m in results if m.label == label), key=lambda m: m.n)
        small = ms[0]
        head = " | ".join(f"{m.n:,}" for m in ms)
        growth = " | ".join(f"{m.n:,} / {small.n:,}" for m in ms[1:])
        lines += [f"**{label}**", "", f"| case | {head} | {growth} |"]
        lines.append("|---|" + "---:|" * (2 * len(ms) - 1))

        def row(name: str, cells: list[str], ratios: list[str], out: list[str] = lines) -> None:
            out.append(f"| {name} | {' | '.join(cells)} | {' | '.join(ratios)} |")

        row(
            "database size",
            [f"{m.total_bytes / 2**20:,.0f} MB" for m in ms],
            [f"{m.total_bytes / small.total_bytes:.1f} ×" for m in ms[1:]],
        )
        row(
            "bytes per assessment",
            [f"{m.total_bytes / m.n:,.0f}" for m in ms],
            [f"{(m.total_bytes / m.n) / (small.total_bytes / small.n):.2f} ×" for m in ms[1:]],
        )
        big = ms[-1]
        for part in sorted(big.parts, key=lambda k: -big.parts[k])[:8]:
            row(
                f"… `{part}` per assessment",
                [_bytes(m.parts.get(part, 0) / m.n) for m in ms],
                ["" for _ in ms[1:]],
            )
        built = [f"{m.built_s:,.0f} s" if m.built_s is not None else "reused" for m in ms]
        row("building it (gen_records.py)", built, ["" for _ in ms[1:]])
        for name, _ in CASES:
            row(
                f"`{name}`",
                [f"{m.times[name]:.2f} s" for m in ms],
                [f"{m.times[name] / small.times[name]:.1f} ×" for m in ms[1:]],
            )
        lines.append("")
    return "\n".join(lines)


def run(
    sizes: list[int],
    data: Path | None,
    repeat: int,
    before: Path | None,
    pg: str | None,
    out_json: Path,
    label: str = "after",
    others_up_to: int = 100_000,
) -> int:
    folder = data_dir(data)
    results: list[Measured] = []
    plans: list[tuple[str, Path, str, int]] = []
    for n in sizes:
        if before is not None and n <= others_up_to:
            plans.append(("before", before, str(folder / f"before-{n}.db"), n))
        plans.append((label, ROOT, str(folder / f"{label}-{n}.db"), n))
        if pg and n <= others_up_to:
            base, _, name = pg.rpartition("/")
            plans.append((f"{label}, PostgreSQL", ROOT, f"{base}/{name or 'pmi_scale'}_{n}", n))
    for label, tree, target, n in plans:
        results.append(measure(label, tree, target, n, repeat))
    table = markdown(results)
    print(table)
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(
        json.dumps(
            {
                "when": time.strftime("%Y-%m-%d %H:%M:%S"),
                "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
                f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
                "results": [m.__dict__ for m in results],
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"\nJSON written to {out_json}", file=sys.stderr)
    return 0
