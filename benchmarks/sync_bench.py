"""`records sync` and `records import` at office scale, end to end, as a field officer runs them.

    python benchmarks/sync_bench.py [--sizes 10000 100000] [--dir benchmarks/results]
        [--server postgresql://postgres@127.0.0.1:5432]

For each size N: a laptop file of N synthetic assessments (gen_records.py, made once), then, each
in a fresh process (``python -m pmi_ready``), on a PostgreSQL database of its own made for the run
and dropped afterwards:

- ``sync up``: the laptop's N assessments to an empty office database (every record written);
- ``sync again``: the same command at once (a no-op: nothing is read but the times);
- ``sync 1%``: after 1% of the assessments had one answer changed on the laptop;
- ``sync down``: an empty laptop brings the office's N back;
- ``import``: the laptop's JSONL export imported into an empty SQLite file.

It prints seconds, the cost per assessment, and the 100k/10k ratios (targets, issue #20 item 5:
a sync of 10,000 in at most 10 s; 100,000 costing at most 12 times 10,000, for sync and import).
Results go to DIR/sync.json. Run it alone on the machine (under the suite lock where several
people share one): the figures are wall times.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_records import generate  # noqa: E402


def laptop(folder: Path, n: int) -> Path:
    path = folder / f"records-{n}.db"
    if not path.exists():
        print(f"generating {n} assessments into {path} …", file=sys.stderr)
        generate(path, n, seed=1)
    return path


def timed(*args: str) -> float:
    """Wall time of ``pmi-ready ARGS`` in a fresh process (exit code 0 or 1: 1 is a conflict)."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "PMI_READY_LANG": "en"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pmi_ready", *args], env=env, capture_output=True, text=True
    )
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"pmi-ready {' '.join(args)} failed:\n{done.stderr}")
    return took


def change_some(db: Path, share: float, seed: int = 7) -> int:
    """One answer changed in ``share`` of the assessments, as a desk would (one transaction
    each, with its summary)."""
    from pmi_ready.checklists import load_catalog
    from pmi_ready.core import Answer, AnswerValue, assess
    from pmi_ready.store import open_store

    rng = random.Random(seed)
    catalog = load_catalog(())
    n = 0
    with open_store(db) as store:
        ids = [str(r[0]) for r in store._read("SELECT id FROM assessments ORDER BY id")]
        for aid in rng.sample(ids, max(1, int(len(ids) * share))):
            rec = store.get(aid)
            if not rec.answers:
                continue
            item = rng.choice(sorted(rec.answers))
            value = next(v for v in AnswerValue if v != rec.answers[item].value)
            answers = {**rec.answers, item: Answer(item, value)}
            store.save_answer(aid, item, value, summary=assess(catalog, rec.profile, answers))
            n += 1
    return n


def one_size(n: int, folder: Path, server: str, work: Path) -> dict[str, float]:
    import psycopg

    source = laptop(folder, n)
    mine = work / f"laptop-{n}.db"
    shutil.copy(source, mine)
    name = f"pmi_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(f"{server}/postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    out: dict[str, float] = {}
    try:
        url = f"{server}/{name}"
        timed("records", "stats", "--db", url)  # the schema, made once
        out["sync_up"] = timed("records", "sync", "--db", str(mine), "--to", url)
        out["sync_again"] = timed("records", "sync", "--db", str(mine), "--to", url)
        changed = change_some(mine, 0.01)
        out["sync_1pct"] = timed("records", "sync", "--db", str(mine), "--to", url)
        out["sync_1pct_changed"] = changed
        empty = work / f"empty-{n}.db"
        out["sync_down"] = timed("records", "sync", "--db", str(empty), "--to", url)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
    export = work / f"export-{n}.jsonl"
    timed("records", "export", "--db", str(source), "-o", str(export), "--force")
    target = work / f"import-{n}.db"
    out["import"] = timed("records", "import", str(export), "--db", str(target))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--dir", type=Path, default=HERE / "results")
    ap.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432")
    args = ap.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    work = args.dir / "sync-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    results: dict[str, dict[str, float]] = {}
    for n in args.sizes:
        results[str(n)] = r = one_size(n, args.dir, args.server, work)
        print(f"{n:>7} assessments:")
        for key, secs in r.items():
            if key.endswith("_changed"):
                continue
            per = secs / n * 1000
            print(f"  {key:<11} {secs:7.2f} s   {per:6.3f} ms per assessment")
    if len(args.sizes) == 2:
        small, large = (results[str(n)] for n in args.sizes)
        scale = args.sizes[1] / args.sizes[0]
        for key in ("sync_up", "sync_again", "sync_down", "import"):
            ratio = large[key] / small[key]
            print(f"  {key}: {args.sizes[1]} / {args.sizes[0]} = {ratio:.2f} (linear: {scale:.0f})")
    meta = {"python": platform.python_version(), "machine": platform.machine()}
    (args.dir / "sync.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
