"""The records core: filters, listing, statistics, purging, privacy of exports, the generator."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmi_ready.core import assess
from pmi_ready.records.queries import (
    Filters,
    count,
    count_before,
    has_stats_index,
    older_than,
    parse_day,
    purge,
    rows,
    shared_fields,
    start_of_day,
    stats,
)
from pmi_ready.store import STATS_INDEX, Store, StoredAssessment, summary_values
from tests.records_helpers import NOW, catalog, fill, gen, synth, table_rows
from tests.schema5 import make_v5_file


@pytest.fixture(scope="module")
def recs() -> list:  # type: ignore[type-arg]
    return synth(300, seed=5)


@pytest.fixture
def store(tmp_path: Path, recs: list) -> Iterator[Store]:  # type: ignore[type-arg]
    with Store.open(tmp_path / "r.db") as s:
        fill(s, recs)
        yield s


def ids(found: object) -> set[str]:
    return {r.id for r in found}  # type: ignore[attr-defined]


def test_rows_newest_first_with_limit_and_offset(store: Store, recs: list) -> None:  # type: ignore[type-arg]
    got = list(rows(store))
    assert len(got) == count(store) == len(recs)
    keys = [(r.updated_at, r.id) for r in got]
    assert [k[0] for k in keys] == sorted((k[0] for k in keys), reverse=True)
    page = list(rows(store, limit=10, offset=5))
    assert [r.id for r in page] == [r.id for r in got[5:15]]


@pytest.mark.parametrize(
    ("filters", "pred"),
    [
        (Filters(status="ready"), lambda r, s: s.status == "ready"),
        (Filters(status="not-ready"), lambda r, s: s.status == "not-ready"),
        (Filters(unfinished=True), lambda r, s: not r.finished),
        (Filters(officer="bu ratna"), lambda r, s: r.profile["officer"] == "Bu Ratna"),
        # typed as people type: extra spaces, a zero-width space, decomposed accents
        (Filters(officer="  bu\u200b  ratna "), lambda r, s: r.profile["officer"] == "Bu Ratna"),
        (Filters(destination="tw"), lambda r, s: r.profile["destination"] == "TW"),
        (Filters(search="SITI"), lambda r, s: "siti" in r.profile["name"].lower()),
        (Filters(search="pak "), lambda r, s: "pak " in r.profile["officer"].lower()),
        (
            Filters(since=NOW - dt.timedelta(days=100)),
            lambda r, s: r.updated_at >= NOW - dt.timedelta(days=100),
        ),
        (
            Filters(status="not-ready", destination="MY", unfinished=True),
            lambda r, s: (
                s.status == "not-ready" and r.profile["destination"] == "MY" and not r.finished
            ),
        ),
    ],
)
def test_each_filter(store: Store, recs: list, filters: Filters, pred: object) -> None:  # type: ignore[type-arg]
    expected = {r.id for r in recs if pred(r, store.get(r.id))}  # type: ignore[operator]
    assert expected, "the fixture must have matching records"
    assert ids(rows(store, filters)) == expected
    assert count(store, filters) == len(expected)


def test_search_by_id_prefix(store: Store, recs: list) -> None:  # type: ignore[type-arg]
    target = recs[7].id
    assert target in ids(rows(store, Filters(search=target[:8].upper())))


def test_stats_match_a_count_in_python(store: Store, recs: list) -> None:  # type: ignore[type-arg]
    st = stats(store, by="destination", top=500)
    stored = [store.get(r.id) for r in recs]
    summaries = {r.id: r for r in rows(store)}
    assert st.total.total == len(recs)
    assert {k: v for k, v in st.total.by_status.items() if v} == dict(
        Counter(s.status for s in stored)
    )
    assert st.total.unfinished == sum(not r.finished for r in recs)
    assert st.total.red_flags == sum(s.red_flags for s in summaries.values())
    assert st.total.with_red_flags == sum(s.red_flags > 0 for s in summaries.values())
    by_dest = Counter(r.profile["destination"] for r in recs)
    assert {g.key: g.total for g in st.groups} == dict(by_dest)
    missing = Counter(i for s in summaries.values() for i in s.missing_critical)
    assert {m.item_id: m.count for m in st.missing} == dict(missing)
    top = st.missing[0]
    assert top.share == pytest.approx(top.count / len(recs))
    assert [m.count for m in st.missing] == sorted((m.count for m in st.missing), reverse=True)


def test_stats_since_and_month(store: Store, recs: list) -> None:  # type: ignore[type-arg]
    since = NOW - dt.timedelta(days=60)
    st = stats(store, by="month", since=since)
    recent = [r for r in recs if r.updated_at >= since]
    assert st.total.total == len(recent)
    months = Counter(r.updated_at.astimezone().strftime("%Y-%m") for r in recent)
    assert {g.key: g.total for g in st.groups} == dict(months)


def test_stats_by_job_and_officer_sum_to_total(store: Store) -> None:
    for by in ("job", "officer"):
        st = stats(store, by=by)  # type: ignore[arg-type]
        assert sum(g.total for g in st.groups) == st.total.total


def test_stats_read_the_covering_index(store: Store) -> None:
    assert has_stats_index(store)
    plan = store.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT job, count(*) FROM assessments INDEXED BY {STATS_INDEX} "
        "GROUP BY job"
    ).fetchall()
    assert "COVERING INDEX" in str(plan)


def _as_v2(path: Path, recs: list[StoredAssessment]) -> None:
    """``recs`` in a database as schema version 2 left it before its first ``records stats``:
    the tables of schema 5 (which only adds tables), without the covering index."""
    cat = catalog()
    make_v5_file(path, [(r, summary_values(assess(cat, r.profile, r.answers))) for r in recs])
    conn = sqlite3.connect(path)
    conn.execute(f"DROP INDEX {STATS_INDEX}")
    conn.execute("PRAGMA user_version=2")
    conn.commit()
    conn.close()


def test_stats_are_the_same_on_a_v2_file_read_only_and_after_its_migration(
    store: Store, recs: list[StoredAssessment], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    since = start_of_day(dt.date(2026, 6, 1))
    forms: list[dict[str, object]] = [{}, {"by": "month"}, {"by": "officer", "since": since}]
    expected = [stats(store, **f) for f in forms]  # type: ignore[arg-type]
    assert expected[0].total.total == 300 and 0 < expected[2].total.total < 300
    store.close()
    path = tmp_path / "v2.db"
    _as_v2(path, recs)
    with monkeypatch.context() as m:  # a read-only file is read through a migrated copy
        m.setattr(os, "access", lambda p, mode, **kw: mode != os.W_OK)
        with Store.open(path) as ro:
            assert ro.read_only
            assert [stats(ro, **f) for f in forms] == expected  # type: ignore[arg-type]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2  # the file untouched
    conn.close()
    with Store.open(path) as s:  # writable: migrated to the latest version when opened
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == 6
        assert has_stats_index(s)
        assert [stats(s, **f) for f in forms] == expected  # type: ignore[arg-type]


def test_empty_database_stats(tmp_path: Path) -> None:
    with Store.open(tmp_path / "e.db") as s:
        st = stats(s, by="officer")
        assert st.total.total == 0 and st.groups == () and st.missing == ()


def test_purge_before_cutoff(store: Store, recs: list) -> None:  # type: ignore[type-arg]
    cutoff = older_than(365, now=NOW)
    old = {r.id for r in recs if r.updated_at < cutoff}
    assert old and count_before(store, cutoff) == len(old)
    assert purge(store, cutoff) == len(old)
    assert not old & ids(rows(store))
    assert store.conn.execute(
        "SELECT count(*) FROM answers WHERE num NOT IN (SELECT num FROM assessments)"
    ).fetchone() == (0,)
    assert store.conn.execute(
        "SELECT count(*) FROM search_words WHERE num NOT IN (SELECT num FROM assessments)"
    ).fetchone() == (0,)


def test_dates() -> None:
    assert parse_day("2026-3-1") == dt.date(2026, 3, 1)
    for bad in ("2026/03/01", "yesterday", "26-03-01", "2026-13-01"):
        with pytest.raises(ValueError):
            parse_day(bad)
    t = start_of_day(dt.date(2026, 3, 1))
    assert t.tzinfo is not None and t.astimezone().hour == 0


def test_shared_fields_leave_out_names_and_free_text() -> None:
    keep = shared_fields(catalog().profile)
    assert "name" not in keep and "officer" in keep and "destination" in keep
    assert "consent" in keep and "age" in keep


def test_bulk_generator_writes_the_same_rows_as_put(tmp_path: Path) -> None:
    g = gen()
    recs = synth(40, seed=9)
    with Store.open(tmp_path / "a.db") as a, Store.open(tmp_path / "b.db") as b:
        g.slow_insert(a, catalog(), recs)
        g.bulk_insert(b, catalog(), recs)
        assert table_rows(a, "assessments") == table_rows(b, "assessments")

        def strip(rows_: list) -> list:  # type: ignore[type-arg]
            # a note on an unanswered item gets the time of saving from put: not comparable
            return [r if r[2] is not None else r[:4] for r in rows_]

        assert strip(table_rows(a, "answers")) == strip(table_rows(b, "answers"))
    assert any(r.notes for r in synth(300, seed=9)), "some records carry notes"


def test_generator_is_realistic() -> None:
    recs = synth(400, seed=2)
    spec = catalog().profile
    for r in recs:
        for key, value in r.profile.items():
            f = spec.field(key)
            assert f is not None and (not f.choices or f.choice(value))
    dests = Counter(r.profile["destination"] for r in recs)
    assert dests.most_common(1)[0][0] == "TW"
    assert 0.6 < sum(r.finished for r in recs) / len(recs) < 0.95
    statuses = Counter(gen().assess(catalog(), r.profile, r.answers).status.value for r in recs)
    assert all(statuses[s] > 0 for s in ("ready", "nearly-ready", "not-ready"))


def test_generator_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "g.db"
    assert gen().main(["--db", str(db), "-n", "25", "--seed", "3"]) == 0
    with Store.open(db) as s:
        assert count(s) == 25
        assert all(r.status for r in rows(s))
    assert "25 assessments" in capsys.readouterr().err
    if sys.platform != "win32":
        assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_generator_data_do_not_depend_on_the_number_of_workers(tmp_path: Path) -> None:
    g = gen()
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    g.generate(one, 30, seed=4, batch=10, workers=1, now=NOW)
    g.generate(two, 30, seed=4, batch=10, workers=2, now=NOW)
    with Store.open(one) as a, Store.open(two) as b:
        assert count(a) == 30
        assert table_rows(a, "assessments") == table_rows(b, "assessments")
        # a note on an unanswered item gets the time of writing
        untimed = [r[:4] for r in table_rows(a, "answers")]
        assert untimed == [r[:4] for r in table_rows(b, "answers")]


def test_scale_table_gives_sizes_per_assessment_and_growth() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "scale_bench", Path(__file__).parent.parent / "benchmarks" / "scale.py"
    )
    assert spec is not None and spec.loader is not None
    scale = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = scale
    spec.loader.exec_module(scale)
    times = {name: 0.1 for name, _ in scale.CASES}
    small = scale.Measured("x", 100, "a", 1.0, 0.0, 10_000, {"answers": 8000}, times)
    big = scale.Measured("x", 1000, "b", None, 0.0, 90_000, {"answers": 70_000}, {**times})
    big.times["records stats"] = 0.5
    text = scale.markdown([big, small])
    assert "| bytes per assessment | 100 | 90 | 0.90 × |" in text
    assert "| `records stats` | 0.10 s | 0.50 s | 5.0 × |" in text
    assert "| building it (gen_records.py) | 1 s | reused |" in text
