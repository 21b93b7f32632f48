"""What pmi-ready leaves on disk (#15 item 7): a deleted assessment leaves no name or note in the
database, its write-ahead log or its shared-memory file; a refused consent creates no database
file; the files and folders it creates are its owner's only, whatever the umask."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.core import AnswerValue
from pmi_ready.records import purge
from pmi_ready.store import Store
from tests.conftest import MINI

NAME = "Sulastri Wibisono Tigaenam"
NOTE = "catatan-rahasia-paspor-dititipkan"
OFFICER = "Petugas Kelimabelas"


def traces(db: Path) -> dict[str, list[str]]:
    """Which of the secrets each of the database's files still holds, in its raw bytes."""
    found: dict[str, list[str]] = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        f = Path(str(db) + suffix)
        if f.exists():
            data = f.read_bytes()
            found[f.name] = [s for s in (NAME, NOTE) if s.encode() in data]
    return found


def stored(store: Store) -> str:
    aid = store.create(lang="id", versions={}, profile={"consent": "yes", "name": NAME})
    store.set_profile(aid, "officer", OFFICER)
    store.save_answer(aid, "passport", AnswerValue.NO, note=NOTE)
    return aid


def assert_clean(db: Path) -> None:
    assert traces(db) == {f: [] for f in traces(db)}, traces(db)


@pytest.fixture(params=["library default", "secure_delete off by default"])
def sqlite_build(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Debian's SQLite overwrites deleted rows by default; Python's own builds for Windows and
    macOS do not. The second case gives every new connection the other default."""
    if request.param == "library default":
        return
    real = sqlite3.connect

    def connect(*args: Any, **kw: Any) -> sqlite3.Connection:
        conn = real(*args, **kw)
        conn.execute("PRAGMA secure_delete=OFF")
        return conn

    monkeypatch.setattr("pmi_ready.store.connection.sqlite3.connect", connect)


@pytest.mark.usefixtures("sqlite_build")
def test_a_deleted_assessment_leaves_no_name_or_note_in_any_file(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    with Store.open(db) as store:
        keep = store.create(lang="id", versions={}, profile={"consent": "yes", "name": "Lain"})
        aid = stored(store)
        assert any(traces(db).values())  # the test can see them before
        store.delete(aid)
        assert_clean(db)  # while the program still has the file open
        assert [r.id for r in store.list()] == [keep]
    assert_clean(db)


@pytest.mark.usefixtures("sqlite_build")
def test_a_purge_leaves_no_name_or_note_in_any_file(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    with Store.open(db) as store:
        stored(store)
        assert purge(store, dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)) == 1
        assert_clean(db)
    assert_clean(db)


def test_records_delete_leaves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    with Store.open(db) as store:
        aid = stored(store)
    r = CliRunner().invoke(app, ["records", "delete", aid, "--yes", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert_clean(db)


def test_consent_withdrawn_in_the_walk_leaves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "walk.db"
    # consent, name, officer, destination, job, route, sex, marital, age, funding; passport
    # answered, then back to the review, consent changed to no there
    profile = ["y", NAME, "Sri", "1", "1", "1", "", "1", "30", "1"]
    replies = [*profile, "y", "r", "p1", "n", "q"]
    r = CliRunner().invoke(
        app,
        ["assess", "--db", str(db), "--checklists", str(MINI), "--lang", "en"],
        input="".join(f"{x}\n" for x in replies),
    )
    assert r.exit_code == 0, r.output
    assert "withdrawn" in r.output.lower() or "nothing" in r.output.lower()
    with Store.open(db) as store:
        assert store.list() == []
    assert all(NAME not in found for found in traces(db).values()), traces(db)


def walk(db: Path, consent: str) -> str:
    """A walk that answers the profile (the given consent) and one question, then stops."""
    profile = [consent, NAME, "Sri", "1", "1", "1", "", "1", "30", "1"]
    r = CliRunner().invoke(
        app,
        ["assess", "--db", str(db), "--checklists", str(MINI), "--lang", "en"],
        input="".join(f"{x}\n" for x in [*profile, "y", "q"]),
    )
    assert r.exit_code == 0, r.output
    return r.output


def test_consent_no_creates_no_database_file(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "never.db"
    assert "nothing is saved" in walk(db, "n").lower()
    assert not db.parent.exists(), list(db.parent.iterdir())


def test_consent_yes_creates_it_then(tmp_path: Path) -> None:
    db = tmp_path / "later.db"
    walk(db, "y")
    with Store.open(db) as store:
        [record] = store.list()
    assert record.profile["name"] == NAME


@pytest.fixture(params=[0o022, 0o277, 0o000])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_folders_and_database_are_owner_only_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    db = tmp_path / "a" / "b" / "x.db"
    with Store.open(db) as store:
        store.create(lang="id", versions={})
        for f in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
            assert stat.S_IMODE(f.stat().st_mode) == 0o600, (f, oct(f.stat().st_mode))
    for folder in (db.parent, db.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, (folder, oct(folder.stat().st_mode))
