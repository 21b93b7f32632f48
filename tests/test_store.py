from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pmi_ready.checklists import load_catalog
from pmi_ready.core import Answer, AnswerValue, NotFoundError, StorageError, assess
from pmi_ready.store import schema as store_schema
from pmi_ready.store.sql import SQLITE, Db
from pmi_ready.store.sqlite_store import (
    SCHEMA_VERSION,
    STATS_INDEX,
    MemoryStore,
    Store,
    StoredAssessment,
    default_db_path,
)
from tests.unprivileged import run_scenario

MINI = Path(__file__).parent / "data" / "mini"

VERSIONS = {"docs": {"version": "1", "sha256": "abc"}}


def test_default_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("PMI_READY_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("PMI_READY_DB")
    p = default_db_path()
    assert p.name == "pmi-ready.db" and "pmi-ready" in str(p.parent)


def test_create_save_get(tmp_path: Path):
    with Store.open(tmp_path / "a.db") as s:
        aid = s.create(lang="id", versions=VERSIONS, profile={"destination": "TW"})
        assert uuid.UUID(aid).version == 4
        s.set_profile(aid, "marital", "married")
        s.save_answer(aid, "passport", AnswerValue.YES, "ada")
        s.save_answer(aid, "work-visa", AnswerValue.NO)
        s.save_answer(aid, "work-visa", None)
        s.save_answer(aid, "copies", None, "remember to ask")
        s.set_data(aid, "funds", {"loan": "1000000"})
        got = s.get(aid[:8])
    assert got.id == aid
    assert got.profile == {"destination": "TW", "marital": "married"}
    assert set(got.answers) == {"passport"}
    assert got.answers["passport"].note == "ada"
    assert got.notes == {"copies": "remember to ask"}
    assert got.data == {"funds": {"loan": "1000000"}}
    assert got.versions == VERSIONS
    assert not got.finished
    assert got.updated_at >= got.created_at


def test_file_is_private_and_wal(tmp_path: Path):
    path = tmp_path / "sub" / "p.db"
    with Store.open(path) as s:
        s.create(lang="id", versions=VERSIONS)
        mode = s.conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_prefix_rules(tmp_path: Path):
    with Store.open(tmp_path / "a.db") as s:
        a = s.create(lang="id", versions={}, assessment_id="aaaaaaaa-0000-4000-8000-000000000001")
        s.create(lang="id", versions={}, assessment_id="aaaaaaaa-0000-4000-8000-000000000002")
        assert s.get(a).id == a
        with pytest.raises(NotFoundError, match="more than one"):
            s.get("aaaaaaaa")
        with pytest.raises(NotFoundError, match="at least 6"):
            s.get("aaa")
        with pytest.raises(NotFoundError, match="no assessment"):
            s.get("bbbbbbbb")
        with pytest.raises(NotFoundError):
            s.get("'; drop")


def test_list_newest_first_and_filters(tmp_path: Path):
    with Store.open(tmp_path / "a.db") as s:
        a = s.create(lang="id", versions={})
        b = s.create(lang="en", versions={})
        s.finish(a)  # a changed last
        assert [x.id for x in s.list()] == [a, b]
        assert [x.id for x in s.list(unfinished=True)] == [b]
        assert [x.id for x in s.list(unfinished=False)] == [a]
        assert len(s.list(limit=1)) == 1
        s.delete(a)
        assert [x.id for x in s.list()] == [b]
        with pytest.raises(NotFoundError):
            s.delete(a)


def test_summary_columns(tmp_path: Path):
    catalog = load_catalog([MINI], builtin=False)
    profile = {"destination": "TW", "marital": "single", "age": "30", "officer": "Sri"}
    answers = {"passport": Answer("passport", AnswerValue.YES)}
    with Store.open(tmp_path / "a.db") as s:
        aid = s.create(lang="id", versions=catalog.versions(), profile=profile)
        s.update_summary(aid, assess(catalog, profile, answers))
        row = s.conn.execute(
            "SELECT status, destination, officer, n_applicable, n_ready, critical_missing, "
            "red_flags, missing_critical FROM assessments WHERE id=?",
            (aid,),
        ).fetchone()
        # 6 with the under-18 rule, answered from the profile (age 30: ready)
        assert row == ("not-ready", "TW", "Sri", 6, 2, 2, 0, '["work-visa", "passport-held"]')
        assert s.get(aid).status == "not-ready"


def test_memory_store_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    s = MemoryStore()
    aid = s.create(lang="id", versions={})
    s.save_answer(aid, "passport", AnswerValue.YES)
    assert s.get(aid).answers["passport"].value is AnswerValue.YES
    assert not s.persistent
    s.close()
    assert list(tmp_path.iterdir()) == []
    assert not Path(os.environ["PMI_READY_DB"]).exists()


def test_unknown_assessment_writes_fail(tmp_path: Path):
    with Store.open(tmp_path / "a.db") as s, pytest.raises(NotFoundError):
        s.save_answer(str(uuid.uuid4()), "x", AnswerValue.YES)


# ------------------------------------------------------------------------- round trip (property)
_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
_ids = st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    profile=st.dictionaries(_ids, _text, max_size=5),
    answers=st.dictionaries(_ids, st.tuples(st.sampled_from(list(AnswerValue)), _text), max_size=8),
    data=st.dictionaries(_ids, st.one_of(st.integers(), _text, st.lists(_text, max_size=3))),
    lang=st.sampled_from(["id", "en"]),
)
def test_round_trip(tmp_path: Path, profile, answers, data, lang) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "rt.db") as s:
        aid = s.create(lang=lang, versions=VERSIONS, profile=profile)
        for item_id, (value, note) in answers.items():
            s.save_answer(aid, item_id, value, note)
        for k, v in data.items():
            s.set_data(aid, k, v)
        got = s.get(aid)
        assert got.profile == profile
        assert got.lang == lang
        assert {k: (a.value, a.note) for k, a in got.answers.items()} == answers
        assert got.data == data
        # JSON round trip and merging into another database give the same record
        again = StoredAssessment.from_dict(got.to_dict())
        assert again == got
        with Store.open(tmp_path / f"other-{aid}.db") as other:
            assert other.put(again) == "added"
            assert other.put(again) == "unchanged"
            assert other.get(aid) == got


def test_put_newer_wins(tmp_path: Path):
    with Store.open(tmp_path / "a.db") as s:
        aid = s.create(lang="id", versions={})
        rec = s.get(aid)
    older = StoredAssessment.from_dict(
        {**rec.to_dict(), "updated_at": "2000-01-01T00:00:00+00:00", "lang": "en"}
    )
    newer = StoredAssessment.from_dict(
        {**rec.to_dict(), "updated_at": (rec.updated_at + dt.timedelta(seconds=1)).isoformat()}
        | {"profile": {"destination": "HK"}}
    )
    with Store.open(tmp_path / "a.db") as s:
        assert s.put(older) == "unchanged"
        assert s.put(newer) == "updated"
        assert s.get(aid).profile == {"destination": "HK"}


# ------------------------------------------------------------------------------ schema versions
def _make_v1(path: Path) -> str:
    """A database as the first version of pmi-ready wrote it (schema version 1)."""
    aid = str(uuid.uuid4())
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE assessments (id TEXT PRIMARY KEY, created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL, lang TEXT NOT NULL, profile TEXT NOT NULL DEFAULT '{}',
          versions TEXT NOT NULL DEFAULT '{}', data TEXT NOT NULL DEFAULT '{}',
          finished INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE answers (assessment_id TEXT NOT NULL REFERENCES assessments(id)
          ON DELETE CASCADE, item_id TEXT NOT NULL, value TEXT, note TEXT NOT NULL DEFAULT '',
          answered_at TEXT NOT NULL, PRIMARY KEY (assessment_id, item_id));
        PRAGMA user_version=1;
        """
    )
    conn.execute(
        "INSERT INTO assessments VALUES (?, '2026-01-02T03:04:05+00:00', "
        "'2026-01-02T03:04:05+00:00', 'id', ?, '{}', '{}', 0)",
        (aid, '{"destination": "MY", "officer": "Budi"}'),
    )
    conn.execute(
        "INSERT INTO answers VALUES (?, 'passport', 'yes', 'ok', '2026-01-02T03:04:05+00:00')",
        (aid,),
    )
    conn.commit()
    conn.close()
    return aid


def test_migrates_v1(tmp_path: Path):
    path = tmp_path / "old.db"
    aid = _make_v1(path)
    with Store.open(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        got = s.get(aid)
        assert got.answers["passport"].note == "ok"
        assert got.profile["destination"] == "MY"
        row = s.conn.execute(
            "SELECT destination, officer, status FROM assessments WHERE id=?", (aid,)
        ).fetchone()
        assert row == ("MY", "Budi", None)
        indexes = {
            r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")
        }
        assert {STATS_INDEX, "idx_assessments_status", "idx_search_words"} <= indexes
        s.save_answer(aid, "work-visa", AnswerValue.NO)
    with Store.open(path) as s:  # opening again does not migrate twice
        assert set(s.get(aid).answers) == {"passport", "work-visa"}


def test_newer_schema_is_refused(tmp_path: Path):
    path = tmp_path / "new.db"
    with Store.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer pmi-ready"):
        Store.open(path)
    assert path.read_bytes() == before


def _make_v2(path: Path, *, stats_index: bool = False) -> str:
    """A database as pmi-ready wrote it with schema version 2; with ``stats_index``, after a
    ``records stats`` of that version had made its covering index."""
    aid = str(uuid.uuid4())
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE assessments (id TEXT PRIMARY KEY, created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL, lang TEXT NOT NULL, profile TEXT NOT NULL DEFAULT '{}',
          versions TEXT NOT NULL DEFAULT '{}', data TEXT NOT NULL DEFAULT '{}',
          finished INTEGER NOT NULL DEFAULT 0, status TEXT, destination TEXT, job TEXT,
          route TEXT, officer TEXT, n_applicable INTEGER, n_ready INTEGER,
          critical_missing INTEGER, important_missing INTEGER, advice_missing INTEGER,
          red_flags INTEGER, missing_critical TEXT);
        CREATE TABLE answers (assessment_id TEXT NOT NULL REFERENCES assessments(id)
          ON DELETE CASCADE, item_id TEXT NOT NULL, value TEXT, note TEXT NOT NULL DEFAULT '',
          answered_at TEXT NOT NULL, PRIMARY KEY (assessment_id, item_id));
        CREATE INDEX idx_assessments_updated_at ON assessments(updated_at);
        CREATE INDEX idx_assessments_status ON assessments(status);
        CREATE INDEX idx_assessments_destination ON assessments(destination);
        PRAGMA user_version=2;
        """
    )
    if stats_index:
        conn.execute(
            "CREATE INDEX idx_records_stats ON assessments (updated_at, status, finished, "
            "red_flags, destination, job, officer, missing_critical)"
        )
    conn.execute(
        "INSERT INTO assessments VALUES (?, '2026-01-02T03:04:05+00:00', "
        "'2026-01-03T03:04:05+00:00', 'id', ?, '{}', '{}', 1, 'not-ready', 'MY', "
        "'housekeeper', NULL, 'Budi', 12, 7, 2, 1, 0, 1, '[\"passport\", \"work-visa\"]')",
        (aid, '{"destination": "MY", "job": "housekeeper", "officer": "Budi"}'),
    )
    conn.execute(
        "INSERT INTO answers VALUES (?, 'passport', 'no', 'lost', '2026-01-02T03:04:05+00:00')",
        (aid,),
    )
    conn.execute(
        "INSERT INTO answers VALUES (?, 'copies', NULL, 'ask', '2026-01-02T03:04:06+00:00')",
        (aid,),
    )
    conn.commit()
    conn.close()
    return aid


def _stats_index_columns(conn: sqlite3.Connection) -> list[str]:
    return [r[2] for r in conn.execute(f"PRAGMA index_info({STATS_INDEX})")]


STATS_COLUMNS = [
    "updated_at",
    "status",
    "finished",
    "red_flags",
    "destination",
    "job",
    "officer",
]


@pytest.mark.parametrize("stats_index", [False, True], ids=["before-stats", "after-stats"])
def test_migrates_v2_to_the_latest_with_the_stats_index(tmp_path: Path, stats_index: bool):
    path = tmp_path / "v2.db"
    aid = _make_v2(path, stats_index=stats_index)
    kept = (
        "id, created_at, updated_at, lang, profile, data, finished, status, destination, job, "
        "route, officer, n_applicable, n_ready, critical_missing, important_missing, "
        "advice_missing, red_flags, missing_critical"
    )
    before = sqlite3.connect(path)
    rows_before = before.execute(f"SELECT {kept} FROM assessments").fetchall()
    before.close()
    with Store.open(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == 6 == SCHEMA_VERSION
        assert _stats_index_columns(s.conn) == STATS_COLUMNS
        # schema 4: the stored record has one red flag, so its status is "stop" now
        stopped = [(*r[:7], "stop", *r[8:]) for r in rows_before]
        assert s.conn.execute(f"SELECT {kept} FROM assessments").fetchall() == stopped
        got = s.get(aid)
        assert got.answers["passport"].answered_at == "2026-01-02T03:04:05+00:00"  # as it was
        assert got.versions == {}
        assert got.status == "stop" and got.finished
        assert got.answers["passport"].note == "lost" and got.notes == {"copies": "ask"}
        s.save_answer(aid, "passport", AnswerValue.YES)
    with Store.open(path) as s:  # opening again changes nothing
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.get(aid).answers["passport"].value is AnswerValue.YES
        names = [r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")]
        assert names.count(STATS_INDEX) == 1


def test_a_new_database_has_the_latest_schema_and_the_stats_index(tmp_path: Path):
    with Store.open(tmp_path / "new.db") as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
        assert _stats_index_columns(s.conn) == STATS_COLUMNS
    with MemoryStore() as m:
        assert _stats_index_columns(m.conn) == STATS_COLUMNS


def test_a_failed_migration_leaves_the_old_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "v2.db"
    _make_v2(path)
    real = store_schema.MIGRATIONS[2]

    def broken(db: Db) -> None:
        real(db)  # the index is made, then the disk fails
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store_schema, "MIGRATIONS", (*store_schema.MIGRATIONS[:2], broken))
    with pytest.raises(StorageError, match="could not read or write"):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert _stats_index_columns(conn) == []  # rolled back with the version
    conn.close()


def test_a_read_only_v2_file_is_read_as_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "v2.db"
    aid = _make_v2(path)
    _no_write_access(monkeypatch)
    with Store.open(path) as s:
        assert s.read_only
        assert s.get(aid).answers["passport"].note == "lost"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2  # not migrated
    conn.close()
    old = tmp_path / "v1.db"
    _make_v1(old)
    with pytest.raises(StorageError, match="read-only and needs an upgrade"):
        Store.open(old)


def test_a_v7_database_is_refused_and_left_untouched(tmp_path: Path):
    path = tmp_path / "v7.db"
    with Store.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=7")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError) as e:
        Store.open(path)
    assert "written by a newer pmi-ready (schema version 7; this program knows up to 6)" in str(
        e.value
    )
    assert e.value.hint and "Update pmi-ready" in e.value.hint
    assert path.read_bytes() == before


def test_a_migration_never_lowers_the_version_a_newer_program_set_meanwhile(tmp_path: Path):
    path = tmp_path / "race.db"
    with Store.open(path):
        pass
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")  # as if migrated by a newer one
    with pytest.raises(StorageError, match="newer pmi-ready"):
        store_schema.migrate(Db(conn, SQLITE), "race.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert not conn.in_transaction
    conn.close()


def test_foreign_and_corrupted_files(tmp_path: Path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="another program"):
        Store.open(other)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StorageError, match="damaged"):
        Store.open(bad)
    folder = tmp_path / "dir.db"
    folder.mkdir()
    with pytest.raises(StorageError, match="folder"):
        Store.open(folder)


def test_locked_database(tmp_path: Path):
    path = tmp_path / "l.db"
    with Store.open(path) as s:
        aid = s.create(lang="id", versions={})
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        with Store.open(path, timeout=0.05) as s:
            assert s.get(aid).id == aid  # reading still works (WAL)
            with pytest.raises(StorageError, match="busy") as e:
                s.save_answer(aid, "passport", AnswerValue.YES)
            assert e.value.hint and "--db" in e.value.hint
    finally:
        other.execute("ROLLBACK")
        other.close()


def _no_write_access(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.access

    def access(path: object, mode: int, **kw: object) -> bool:
        return False if mode == os.W_OK else real(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


def test_read_only_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A file this user may not write opens read-only (made to look so: as root a chmod does
    not stop writing; the real chmod is `test_read_only_database_by_its_permissions`)."""
    path = tmp_path / "ro.db"
    with Store.open(path) as s:
        aid = s.create(lang="id", versions={})
        s.save_answer(aid, "passport", AnswerValue.YES)
    _no_write_access(monkeypatch)
    with Store.open(path) as s:
        assert s.read_only
        assert s.get(aid).answers["passport"].value is AnswerValue.YES
        with pytest.raises(StorageError, match="read-only"):
            s.save_answer(aid, "work-visa", AnswerValue.NO)


READ_ONLY_BY_PERMISSIONS = """
import sys
from pathlib import Path
import pytest
from pmi_ready.core import AnswerValue, StorageError
from pmi_ready.store import Store

path = Path(sys.argv[1])
with Store.open(path) as s:
    aid = s.create(lang="id", versions={})
    s.save_answer(aid, "passport", AnswerValue.YES)
path.chmod(0o400)
with Store.open(path) as s:
    assert s.read_only
    assert s.get(aid).answers["passport"].value is AnswerValue.YES
    with pytest.raises(StorageError, match="read-only"):
        s.save_answer(aid, "work-visa", AnswerValue.NO)
print("read-only")
"""


def test_read_only_database_by_its_permissions(tmp_path: Path):
    out = run_scenario(READ_ONLY_BY_PERMISSIONS, tmp_path, str(tmp_path / "ro.db"))
    assert out.strip() == "read-only"


UNWRITABLE_FOLDER = """
import sys
from pathlib import Path
import pytest
from pmi_ready.core import StorageError
from pmi_ready.store import Store

folder = Path(sys.argv[1])
folder.mkdir()
folder.chmod(0o500)
with pytest.raises(StorageError, match="cannot create"):
    Store.open(folder / "x.db")
print("refused")
"""


def test_unwritable_folder(tmp_path: Path):
    out = run_scenario(UNWRITABLE_FOLDER, tmp_path, str(tmp_path / "locked"))
    assert out.strip() == "refused"


def test_the_v4_migration_stops_every_record_with_a_red_flag(tmp_path: Path):
    """Schema 4: any red flag makes the stored status ``stop`` (the count was already stored)."""
    path = tmp_path / "v2.db"
    aid = _make_v2(path, stats_index=True)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO assessments SELECT 'flagged', created_at, updated_at, lang, profile, "
        "versions, data, finished, 'ready', destination, job, route, officer, n_applicable, "
        "n_ready, critical_missing, important_missing, advice_missing, 2, missing_critical "
        "FROM assessments WHERE id = ?",
        (aid,),
    )
    conn.commit()
    conn.close()
    with Store.open(path) as s:
        rows = dict(s.conn.execute("SELECT id, status FROM assessments").fetchall())
    assert rows == {aid: "stop", "flagged": "stop"}
    path.unlink()
    aid = _make_v2(path, stats_index=True)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE assessments SET red_flags = 0, status = 'not-ready'")
    conn.execute(
        "INSERT INTO assessments SELECT 'flagged', created_at, updated_at, lang, profile, "
        "versions, data, finished, status, destination, job, route, officer, n_applicable, "
        "n_ready, critical_missing, important_missing, advice_missing, 0, missing_critical "
        "FROM assessments WHERE id = ?",
        (aid,),
    )
    conn.execute("PRAGMA user_version=3")
    conn.commit()
    conn.close()
    with Store.open(path) as s:  # no red flag: the status stays
        rows = dict(s.conn.execute("SELECT id, status FROM assessments").fetchall())
    assert rows == {aid: "not-ready", "flagged": "not-ready"}
