"""Generate N realistic synthetic assessments into a pmi-ready database.

    python benchmarks/gen_records.py --db /tmp/bench.db -n 10000 [--seed 1] [--slow]

Profiles are drawn over the real catalog's profile choices with plausible weights (Taiwan, Malaysia
and Hong Kong most common; domestic work mostly by women; Korea mostly through the G to G
programme); every applicable item is answered, each item with its own chance of being ready, so
some gaps are much more common than others; one in five assessments is unfinished. Names are made
up. Summaries come from `scoring.assess`. The default bulk path draws the records in chunks in
worker processes and writes each chunk in one transaction with `Store.add_many`: exactly the rows
that `Store.put` + `Store.update_summary` write (``--slow`` uses those; a test checks that both give
the same rows). A new SQLite file is built without a journal or syncing (deleted if the build
fails), then set back to WAL and full syncing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import random
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from pmi_ready.checklists import load_catalog
from pmi_ready.core import Answer, AnswerValue, Catalog, Item, Level, applicable, assess
from pmi_ready.store.bulk import Layout, Rows
from pmi_ready.store.sqlite_store import Store, StoredAssessment, summary_values

HERE = Path(__file__).resolve().parent
DESTINATIONS = {
    "TW": 30, "MY": 22, "HK": 18, "KR": 8, "JP": 6, "SG": 5, "SA": 4,
    "middle-east": 2, "other": 2, "KH": 1, "MM": 1, "TH": 1,
}  # fmt: skip
DOMESTIC = {"housekeeper": 40, "baby-carer": 15, "elderly-carer": 30, "cook": 5, "family-driver": 5,
            "gardener": 2, "childminder": 3}  # fmt: skip
JOBS = {
    "TW": {**DOMESTIC, "factory-worker": 25, "fishing-crew": 8, "care-worker": 10},
    "HK": DOMESTIC,
    "SG": DOMESTIC,
    "SA": DOMESTIC,
    "middle-east": {**DOMESTIC, "cleaner": 10, "hospitality": 8},
    "MY": {"plantation-worker": 30, "factory-worker": 25, "housekeeper": 20,
           "construction-worker": 15, "cleaner": 5, "hospitality": 5},
    "KR": {"factory-worker": 60, "fishing-crew": 20, "construction-worker": 10,
           "plantation-worker": 10},
    "JP": {"care-worker": 35, "factory-worker": 25, "hospitality": 15, "construction-worker": 15,
           "plantation-worker": 10},
}  # fmt: skip
OTHER_JOBS = {"factory-worker": 20, "hospitality": 20, "cleaner": 20, "other": 20,
              "fishing-crew": 10, "construction-worker": 10}  # fmt: skip
GIVEN = ("Siti", "Sri", "Dewi", "Nur", "Rina", "Wati", "Yuli", "Ani", "Eka", "Fitri", "Agus",
         "Budi", "Dedi", "Eko", "Hendra", "Joko", "Rudi", "Slamet", "Wahyu", "Yanti", "Lestari",
         "Putri", "Ayu", "Indah", "Tuti")  # fmt: skip
FAMILY = ("Rahayu", "Wulandari", "Susanti", "Handayani", "Kurniawan", "Setiawan", "Hidayat",
          "Saputra", "Lestari", "Pratama", "Santoso", "Wijaya", "Nugroho", "Suryani",
          "")  # fmt: skip
OFFICERS = ("Bu Ratna", "Pak Darto", "Bu Yuni", "Pak Asep", "Bu Maria", "Pak Made", "Bu Lina",
            "Pak Heru", "Bu Ningsih", "Pak Tono", "Bu Endah", "Pak Yosef")  # fmt: skip
NOTES = ("Fotokopi KTP belum ada", "Akan tanya ke Disnaker minggu depan",
         "Kontrak belum dibaca bersama keluarga", "Perlu cek izin P3MI di SISKOP2MI",
         "Pinjaman dari sponsor, jumlah belum jelas")  # fmt: skip


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def profile(rng: random.Random, catalog: Catalog) -> dict[str, str]:
    spec = catalog.profile
    dest = _pick(rng, DESTINATIONS)
    job = _pick(rng, JOBS.get(dest, OTHER_JOBS))
    if dest == "KR":
        route = "g2g" if rng.random() < 0.7 else "agency"
    else:
        route = _pick(rng, {"agency": 80, "independent": 15, "g2g": 5})
    female = rng.random() < (0.95 if job in DOMESTIC else 0.3)
    age = rng.randint(16, 17) if rng.random() < 0.01 else int(rng.triangular(18, 45, 26))
    p = {
        "name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}".strip(),
        "officer": rng.choice(OFFICERS),
        "destination": dest,
        "job": job,
        "route": route,
        "sex": "female" if female else "male",
        "marital": _pick(rng, {"single": 45, "married": 40, "divorced": 10, "widowed": 5}),
        "age": str(age),
        "funding": _pick(rng, {"own": 25, "loan": 30, "mixed": 20, "employer": 15, "unsure": 10}),
        "consent": "yes",
    }
    for key, value in p.items():  # the real catalog must know every value drawn here
        f = spec.field(key)
        assert f is not None, key
        assert not f.choices or f.choice(value), (key, value)
    return p


def item_chances(catalog: Catalog, seed: int) -> dict[str, float]:
    """How likely each item is answered the ready way: some gaps are common, most are rare."""
    rng = random.Random(seed * 7919 + 1)
    base = {Level.CRITICAL: 0.9, Level.IMPORTANT: 0.8, Level.ADVICE: 0.7}
    return {it.id: min(0.995, base[it.level] + rng.uniform(-0.35, 0.09)) for it in catalog.items()}


def answer_for(rng: random.Random, item: Item, chance: float, prepared: float) -> AnswerValue:
    """``prepared`` scales down the chance of a gap: 0.05 for someone nearly done, 1 for
    someone just starting."""
    if item.red_flag:  # warning signs are rare, and sometimes answered "not sure"
        r = rng.random() / prepared**0.5
        return AnswerValue.YES if r < 0.006 else AnswerValue.UNSURE if r < 0.012 else AnswerValue.NO
    if rng.random() < 0.04 * prepared:
        return AnswerValue.UNSURE
    if item.allow_na and rng.random() < 0.05:
        return AnswerValue.NA
    ready = rng.random() >= (1 - chance) * prepared
    other = AnswerValue.NO if item.ready_when is AnswerValue.YES else AnswerValue.YES
    return item.ready_when if ready else other


def synth(
    catalog: Catalog, n: int, *, seed: int = 1, now: dt.datetime | None = None
) -> Iterator[StoredAssessment]:
    """N assessments over the last two years, deterministic for a seed."""
    rng = random.Random(seed)
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    chances = item_chances(catalog, seed)
    versions = catalog.versions()
    for _ in range(n):
        prof = profile(rng, catalog)
        items = [it for _, it in applicable(catalog.checklists, prof)]
        prepared = rng.choices((0.03, 0.3, 1.0), weights=(30, 35, 35))[0]
        finished = rng.random() < 0.8
        k = len(items) if finished else rng.randrange(0, len(items))
        created = now - dt.timedelta(seconds=rng.randrange(0, 730 * 86400))
        t = created
        answers: dict[str, Answer] = {}
        notes: dict[str, str] = {}
        for it in items[:k]:
            t += dt.timedelta(seconds=rng.randrange(5, 60))
            note = rng.choice(NOTES) if rng.random() < 0.01 else ""
            answers[it.id] = Answer(
                it.id, answer_for(rng, it, chances[it.id], prepared), note, _iso(t)
            )
        if not finished and k < len(items) and rng.random() < 0.2:
            notes[items[k].id] = rng.choice(NOTES)
        if rng.random() < 0.15:  # resumed on a later day
            t += dt.timedelta(days=rng.randrange(1, 30))
        updated = min(t + dt.timedelta(seconds=1), now)
        yield StoredAssessment(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            created_at=created,
            updated_at=updated,
            lang="id" if rng.random() < 0.9 else "en",
            profile=prof,
            answers=answers,
            versions=versions,
            data={},
            finished=finished,
            status=None,
            notes=notes,
        )


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="microseconds")


def slow_insert(store: Store, catalog: Catalog, recs: Sequence[StoredAssessment]) -> None:
    """The reference path: the store's own put + update_summary for every record."""
    for r in recs:
        store.put(r)
        store.update_summary(r.id, assess(catalog, r.profile, r.answers))


def bulk_insert(store: Store, catalog: Catalog, recs: Sequence[StoredAssessment]) -> None:
    """The same rows as `slow_insert`, in one transaction (`Store.add_many`)."""
    store.add_many((r, summary_values(assess(catalog, r.profile, r.answers))) for r in recs)


_CATALOG: list[Catalog] = []


def _chunk(task: tuple[Layout, int, int, int, dt.datetime]) -> Rows:
    """One chunk of a build (in a worker process): its records' rows. Chunk ``index`` draws
    from its own seed, so the data do not depend on the number of workers."""
    layout, seed, index, size, now = task
    if not _CATALOG:
        _CATALOG.append(load_catalog(()))
    catalog = _CATALOG[0]
    recs = synth(catalog, size, seed=seed * 1_000_003 + index, now=now)
    return layout.rows((r, summary_values(assess(catalog, r.profile, r.answers))) for r in recs)


@contextmanager
def _build_pragmas(store: Store, fresh: bool) -> Iterator[None]:
    """For a new file only: no journal and no syncing while it is built (a build that fails
    deletes the file), a large page cache; WAL and full syncing again afterwards."""
    if not fresh or store.dialect.name != "sqlite":
        with store.bulk():
            yield
        return
    conn = store.conn
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-262144")
    try:
        yield
    finally:
        conn.execute("PRAGMA cache_size=-2000")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")


def generate(
    db: Path | str,
    n: int,
    *,
    seed: int = 1,
    slow: bool = False,
    batch: int = 5000,
    workers: int | None = None,
    now: dt.datetime | None = None,
) -> float:
    """Write N records into ``db`` (a file or a ``postgresql://`` URL); returns the seconds it
    took. The bulk path draws the records in chunks of ``batch`` in ``workers`` processes (the
    scoring is most of the work) and writes each chunk with `Store.add_many`; ``--slow`` writes
    ``synth(n, seed)`` through `Store.put` + `Store.update_summary`."""
    catalog = load_catalog(())
    start = time.perf_counter()
    fresh = not str(db).startswith("postgresql") and not Path(db).exists()
    if slow:
        with Store.open(db) as store:
            slow_insert(store, catalog, list(synth(catalog, n, seed=seed)))
        return time.perf_counter() - start
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    chunks = range(-(-n // batch))
    workers = workers or min(len(chunks), os.cpu_count() or 1)
    try:
        with Store.open(db) as store, _build_pragmas(store, fresh):
            layout = store.bulk_layout([it.id for it in catalog.items()], [catalog.versions()])
            tasks = [
                (layout.at(layout.first_num + i * batch), seed, i, min(batch, n - i * batch), now)
                for i in chunks
            ]
            if workers <= 1:
                for task in tasks:
                    store.add_rows(_chunk(task))
            else:
                if str(HERE) not in sys.path:  # the workers import this module by its name
                    sys.path.insert(0, str(HERE))
                ctx = multiprocessing.get_context("spawn")
                with ctx.Pool(workers) as pool:
                    for rows in pool.imap(_chunk, tasks):
                        store.add_rows(rows)
    except BaseException:
        if fresh:
            Path(db).unlink(missing_ok=True)
        raise
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="the database file (or postgresql:// URL) to fill")
    ap.add_argument("-n", type=int, default=10_000, help="how many assessments (10000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--slow", action="store_true", help="use Store.put + update_summary")
    ap.add_argument("--workers", type=int, default=None, help="processes drawing records")
    args = ap.parse_args(argv)
    secs = generate(args.db, args.n, seed=args.seed, slow=args.slow, workers=args.workers)
    print(f"{args.n} assessments written to {args.db} in {secs:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
