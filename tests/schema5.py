"""A database as schema 5 left it, built with schema 5's own code: the first five migrations of
`pmi_ready.store.schema` (unchanged since) and the rows as the schema 5 store wrote them (its SQL,
kept here). The migration tests open it with today's store and compare."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pmi_ready.store.record import SUMMARY_COLUMNS, SUMMARY_FIELDS, StoredAssessment, dumps, opt
from pmi_ready.store.schema import MIGRATIONS
from pmi_ready.store.sql import POSTGRES, SQLITE, Db

_MARKS = ", ".join("?" * (8 + len(SUMMARY_COLUMNS)))
_V5_ASSESSMENT = (
    "INSERT INTO assessments (id, created_at, updated_at, lang, profile, versions, data, "
    f"finished, {', '.join(SUMMARY_COLUMNS)}) VALUES ({_MARKS})"
)
_V5_ANSWER = (
    "INSERT INTO answers (assessment_id, item_id, value, note, answered_at) VALUES (?, ?, ?, ?, ?)"
)


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="microseconds")


def v5_rows(
    records: Iterable[tuple[StoredAssessment, Sequence[object] | None]],
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The ``assessments`` and ``answers`` rows schema 5's `Store.put` + `update_summary` wrote
    (a note on an unanswered item with the record's ``updated_at``)."""
    main: list[tuple[object, ...]] = []
    answers: list[tuple[object, ...]] = []
    for r, summary in records:
        prof = r.profile
        empty = (None, *(opt(prof.get(f)) for f in SUMMARY_FIELDS), *([None] * 7))
        main.append(
            (
                r.id,
                _iso(r.created_at),
                _iso(r.updated_at),
                r.lang,
                dumps(prof),
                dumps(r.versions),
                dumps(r.data),
                int(r.finished),
                *(summary if summary is not None else empty),
            )
        )
        answers += [
            (r.id, a.item_id, a.value.value, a.note, a.answered_at) for a in r.answers.values()
        ]
        answers += [
            (r.id, k, None, n, _iso(r.updated_at))
            for k, n in r.notes.items()
            if k not in r.answers and n
        ]
    return main, answers


def fill_v5(db: Db, records: Iterable[tuple[StoredAssessment, Sequence[object] | None]]) -> None:
    """Schema 5's tables in the empty database ``db`` (then its version: 5), with ``records``."""
    db.execute(db.dialect.begin)
    for step in MIGRATIONS[:5]:
        step(db)
    main, answers = v5_rows(records)
    db.executemany(_V5_ASSESSMENT, main)
    db.executemany(_V5_ANSWER, answers)
    if db.dialect.name == "sqlite":
        db.execute("PRAGMA user_version=5")
    else:
        db.execute("CREATE TABLE pmi_ready_schema (version INTEGER NOT NULL)")
        db.execute("INSERT INTO pmi_ready_schema (version) VALUES (5)")
    db.execute("COMMIT")


def make_v5_file(
    path: Path, records: Iterable[tuple[StoredAssessment, Sequence[object] | None]]
) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        fill_v5(Db(conn, SQLITE), records)
    finally:
        conn.close()


def make_v5_pg(
    url: str, records: Iterable[tuple[StoredAssessment, Sequence[object] | None]]
) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        fill_v5(Db(conn, POSTGRES), records)


def stats_v5(store: Any, *, by: Any = None, since: dt.datetime | None = None, top: int = 10) -> Any:
    """`records stats` as schema 5 computed it: the same counts (today's query: the columns are
    the same), the missing items with ``json_each`` over each row's JSON list."""
    from pmi_ready.records import queries as q

    d = store.dialect
    where, params = q.Filters(since=since).where(d)
    status_sums = ", ".join(d.count_if(f"status = '{s}'") for s in q.STATUSES)
    order = "g" if by == "month" else "count(*) DESC, g"
    text = (
        f"SELECT {q._group_expr(by, d)} AS g, count(*), {status_sums}, "
        f"{d.count_if('status IS NULL')}, {d.count_if('finished = 0')}, "
        f"{d.count_if('red_flags > 0')}, coalesce(sum(red_flags), 0) "
        f"FROM assessments WHERE {where} GROUP BY g ORDER BY {order}"
    )
    groups = tuple(q._group(r) for r in store._read(text, tuple(params)))
    total = q._sum_groups(groups)
    scored = total.total - total.unscored
    missing_sql = (
        f"SELECT j.value, count(*) AS n FROM assessments, "
        f"{d.json_items('assessments.missing_critical')} "
        f"WHERE {where} GROUP BY j.value ORDER BY n DESC, j.value LIMIT ?"
    )
    missing = tuple(
        q.Missing(str(item), int(n), int(n) / scored if scored else 0.0)
        for item, n in store._read(missing_sql, (*params, top))
    )
    return q.Stats(by, total, groups if by else (), missing, scored)
