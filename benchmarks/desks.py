"""Many desks walking at once on one PostgreSQL server: the cost of saving one answer.

Each desk is a separate process with its own connection and its own assessment; it saves answers
one after another through `Store.save_answer` (one transaction each, with the summary), as the
walk does. The figure is the 95th percentile of one answer's save with ``--desks`` desks at once,
also as a ratio to one desk alone on the same server in the same run.

    python benchmarks/desks.py [--desks 20] [--answers 60] [--server postgresql://postgres@127.0.0.1:5432]

A database of its own is created for the run and dropped afterwards.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import time
import uuid


def desk(url: str, answers: int, start: float, out: mp.Queue) -> None:  # type: ignore[type-arg]
    from pmi_ready.checklists import load_catalog
    from pmi_ready.core import Answer, AnswerValue, assess
    from pmi_ready.store import open_store

    catalog = load_catalog()
    items = [it.id for it in catalog.items()]
    profile = {"destination": "TW", "job": "housekeeper", "route": "agency", "consent": "yes"}
    samples: list[float] = []
    errors = 0
    with open_store(url) as store:
        aid = store.create(lang="id", versions=catalog.versions(), profile=profile)
        store.get(aid)
        while time.time() < start:
            time.sleep(0.001)
        given = {}
        for i in range(answers):
            item = items[i % len(items)]
            value = AnswerValue.YES if i % 3 else AnswerValue.NO
            given[item] = Answer(item, value)
            summary = assess(catalog, profile, given)  # scored before, as the walk does
            t0 = time.perf_counter()
            try:
                store.save_answer(aid, item, value, summary=summary)
            except Exception:
                errors += 1
            samples.append(time.perf_counter() - t0)
    out.put((samples, errors))


def run(url: str, desks: int, answers: int) -> tuple[list[float], int]:
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    start = time.time() + 3.0 + desks * 0.2
    procs = [ctx.Process(target=desk, args=(url, answers, start, out)) for _ in range(desks)]
    for p in procs:
        p.start()
    samples: list[float] = []
    errors = 0
    for _ in procs:
        s, e = out.get(timeout=600)
        samples += s
        errors += e
    for p in procs:
        p.join()
    return samples, errors


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--desks", type=int, default=20)
    ap.add_argument("--answers", type=int, default=60)
    ap.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432")
    args = ap.parse_args()
    import psycopg

    name = f"pmi_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(f"{args.server}/postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"{args.server}/{name}"
        from pmi_ready.store import open_store

        open_store(url).close()  # the schema, made once
        one, e1 = run(url, 1, args.answers)
        many, en = run(url, args.desks, args.answers)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
    print(f"one desk:        p95 {p95(one):6.2f} ms per answer saved ({len(one)} answers)")
    print(
        f"{args.desks} desks at once: p95 {p95(many):6.2f} ms per answer saved "
        f"({len(many)} answers, {en + e1} errors)"
    )
    print(f"ratio {args.desks} desks / one desk (p95): {p95(many) / p95(one):.2f}")
    m1, mn = statistics.median(one) * 1000, statistics.median(many) * 1000
    print(f"median: one {m1:.2f} ms, many {mn:.2f} ms")


if __name__ == "__main__":
    main()
