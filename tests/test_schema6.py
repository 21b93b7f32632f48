"""Schema 6 (issue #22): a schema 5 database, built with schema 5's code (`tests.schema5`), keeps
every record and answer through the migration, and statistics and filters give the same results
before and after, on both back ends. The packed answers read back exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from pmi_ready.core import Answer, AnswerValue, assess
from pmi_ready.records.queries import Filters, count, rows, start_of_day, stats
from pmi_ready.store import StoredAssessment, open_store, summary_values
from pmi_ready.store.base import Store
from pmi_ready.store.packed import VALUE_CODES, pack, unpack
from pmi_ready.store.record import SUMMARY_COLUMNS, search_words
from tests.records_helpers import NOW, catalog, synth
from tests.schema5 import make_v5_file, make_v5_pg, stats_v5

ODD_TIMES = ("2026-01-02T03:04:05+00:00", "2026-01-02 03:04:05Z", "kemarin")


def _records() -> list[tuple[StoredAssessment, Sequence[object] | None]]:
    """A generated set, and records with what a generator never makes: times in another form,
    notes alone and beside answers, an item no checklist knows, data, no summary."""
    cat = catalog()
    recs = synth(120, seed=11)
    out: list[tuple[StoredAssessment, Sequence[object] | None]] = [
        (r, summary_values(assess(cat, r.profile, r.answers))) for r in recs
    ]
    base = recs[0]
    odd = {
        f"x-{i}": Answer(f"x-{i}", v, "catatan ✓" if i % 2 else "", at)
        for i, (v, at) in enumerate(zip(AnswerValue, (*ODD_TIMES, ODD_TIMES[0]), strict=True))
    }
    out.append(
        (
            dataclasses.replace(
                base,
                id="00000000-0000-4000-8000-000000000001",
                answers={**base.answers, **odd},
                notes={"passport": "hilang", "unknown-item": "tanya"},
                data={"funds": {"fee": 1}},
                versions={},
                profile={**base.profile, "name": "Siti  Nur\u200bAini"},
            ),
            None,
        )
    )
    return out


def _expected(record: StoredAssessment, summary: Sequence[object] | None) -> dict[str, Any]:
    """What the store gives back for a record schema 5 held: its summary's status, notes only
    on unanswered items."""
    d = record.to_dict()
    d["status"] = None if summary is None else summary[0]
    d["notes"] = {k: n for k, n in record.notes.items() if k not in record.answers and n}
    return d


@contextmanager
def _v5(
    db_target: str, recs: list[tuple[StoredAssessment, Sequence[object] | None]]
) -> Iterator[Store]:
    """The schema 5 database, not migrated, under a store that only reads its summary columns
    (what statistics and lists read)."""
    if db_target.startswith("postgresql"):
        from pmi_ready.store.pg_connection import connect
        from pmi_ready.store.pg_store import PgStore

        make_v5_pg(db_target, recs)
        pg = PgStore(connect(db_target), db_target)
        try:
            yield pg
        finally:
            pg.close()
        return
    import sqlite3

    from pmi_ready.store.sqlite_store import SqliteStore

    make_v5_file(Path(db_target), recs)
    lite = SqliteStore(sqlite3.connect(db_target, isolation_level=None), Path(db_target))
    try:
        yield lite
    finally:
        lite.close()


FILTERS = (
    Filters(),
    Filters(status="ready"),
    Filters(status="stop"),
    Filters(unfinished=True),
    Filters(destination="tw"),
    Filters(officer="BU RATNA"),
    Filters(since=start_of_day(dt.date(2026, 3, 1))),
    Filters(status="not-ready", destination="MY", unfinished=True),
)


def test_a_v5_database_keeps_every_record_answer_statistic_and_filter(db_target: str) -> None:
    recs = _records()
    since = start_of_day(dt.date(2026, 6, 1))
    forms: list[dict[str, Any]] = [
        {},
        {"by": "destination"},
        {"by": "job"},
        {"by": "officer", "since": since},
        {"by": "month"},
    ]
    with _v5(db_target, recs) as old:
        stats_before = [stats_v5(old, **f) for f in forms]
        lists_before = [[r for r in rows(old, f)] for f in FILTERS]
        summaries_before = sorted(
            old._read(f"SELECT id, {', '.join(SUMMARY_COLUMNS)} FROM assessments")
        )
    assert stats_before[0].total.total == len(recs)
    with open_store(db_target) as s:
        version = s._read(
            "SELECT max(version) FROM pmi_ready_schema"
            if s.dialect.name == "postgresql"
            else "PRAGMA user_version"
        )[0][0]
        assert version == 6
        got = {r.id: r for r in s.many([r.id for r, _ in recs])}
        assert len(got) == len(recs)
        for record, summary in recs:
            assert got[record.id].to_dict() == _expected(record, summary), record.id
        assert [stats(s, **f) for f in forms] == stats_before
        assert [[r for r in rows(s, f)] for f in FILTERS] == lists_before
        assert (
            sorted(s._read(f"SELECT id, {', '.join(SUMMARY_COLUMNS)} FROM assessments"))
            == summaries_before
        )
        # nothing stored twice: the versions once per set, no answer table of rows
        assert s._read("SELECT count(*) FROM version_sets")[0][0] == 2
        # --search: every word of the text begins a word of the name or the officer
        for text in ("siti", "SITI nur", "aini", "ratna", "pak d", "iti", "00000000-0000"):
            words = text.lower().split()
            want = {
                r.id
                for r, _ in recs
                if r.id.startswith(text.lower())
                or all(
                    any(
                        w.startswith(q)
                        for w in search_words(r.profile.get("name"), r.profile.get("officer"))
                    )
                    for q in words
                )
            }
            assert {r.id for r in rows(s, Filters(search=text))} == want, text
            assert count(s, Filters(search=text)) == len(want)
        # and the migrated database takes writes as a new one does
        odd = recs[-1][0].id
        s.save_answer(odd, "x-0", AnswerValue.NO, "ganti")
        s.set_profile(odd, "name", "Dewi Lestari")
        assert s.get(odd).answers["x-0"].note == "ganti"
        assert {r.id for r in rows(s, Filters(search="dewi les"))} >= {odd}
        assert odd not in {r.id for r in rows(s, Filters(search="aini"))}
        s.delete(odd)
        assert not s._read(
            "SELECT 1 FROM search_words WHERE word = 'dewi' AND num NOT IN "
            "(SELECT num FROM assessments)"
        )


@pytest.mark.parametrize(
    "entries",
    [
        [],
        [(1, "yes", "", "2026-01-02T03:04:05.000001+00:00")],
        [
            (3000, None, "catatan saja", "2026-01-02T03:04:05.000000+00:00"),
            (1, "na", "ü", "1969-12-31T23:59:59.999999+00:00"),
            (2, "unsure", "", "2026-01-02T03:04:05+00:00"),
            (7, "no", "", "kemarin"),
        ],
    ],
)
def test_packed_answers_read_back_exactly(entries: list[Any]) -> None:
    assert unpack(pack(entries)) == sorted(entries, key=lambda e: e[3])
    assert set(VALUE_CODES) == {None, *(v.value for v in AnswerValue)}


def test_every_generated_answer_packs_small_and_reads_back() -> None:
    total = n = 0
    for r in synth(50, seed=3, now=NOW):
        entries = [
            (i, a.value.value, a.note, a.answered_at) for i, a in enumerate(r.answers.values())
        ]
        blob = pack(entries)
        assert unpack(blob) == sorted(entries, key=lambda e: e[3])
        total, n = total + len(blob), n + len(entries)
    assert total / n < 8  # bytes per answer
