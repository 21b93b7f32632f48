"""Storage faults a field laptop meets: a full disk, and two walks writing to one database."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.core import AnswerValue, StorageError
from pmi_ready.store import Store
from tests.conftest import MINI

runner = CliRunner()


def fill_the_disk(store: Store) -> None:
    """SQLite's max_page_count: the file may not grow beyond what it has now."""
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def test_full_disk_keeps_every_committed_answer(tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    saved: list[str] = []
    with Store.open(db) as store:
        aid = store.create(lang="en", versions={}, profile={"consent": "yes"})
        fill_the_disk(store)
        with pytest.raises(StorageError) as info:
            for n in range(10_000):
                item = f"item-{n}"
                store.save_answer(aid, item, AnswerValue.YES, note="catatan " * 60)
                saved.append(item)
    assert "the disk is full" in info.value.message
    assert "was not saved" in info.value.message
    assert saved, "some answers fit before the disk was full"
    with Store.open(db) as store:
        record = store.get(aid)
    assert sorted(record.answers) == sorted(saved)  # everything committed is there, once


def test_full_disk_during_a_walk_is_one_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up while an applicant is being assessed: one clear message, exit 1."""
    db = tmp_path / "w.db"
    real_connect = sqlite3.connect

    def connect_full(*args: object, **kw: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kw)  # type: ignore[arg-type]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")  # the file may not grow
        return conn

    with Store.open(db) as store:  # a real database, already filled to its last page
        store.conn.execute("CREATE TABLE filler (x)")
        fill_the_disk(store)
        with contextlib.suppress(sqlite3.OperationalError):
            while True:
                store.conn.execute("INSERT INTO filler VALUES (?)", ("f" * 100,))
    monkeypatch.setattr("pmi_ready.store.sqlite_store.sqlite3.connect", connect_full)
    answers = ["y", "Ani", "", "1", "1", "1", "1", "2", "30", "1", "y", "y", "q"]
    result = runner.invoke(
        app,
        ["assess", "--lang", "en", "--db", str(db), "--checklists", str(MINI)],
        input="\n".join(answers) + "\n",
    )
    assert result.exit_code == 1, result.output
    assert "the disk is full" in result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")
def test_two_walks_at_once_on_one_database(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    from tests.test_pty import PROFILE, answer, spawn

    db = tmp_path / "shared.db"
    a = spawn(["assess", "--lang", "en"], db)
    b = spawn(["assess", "--lang", "en"], db)
    for (q, reply_a), (_, reply_b) in zip(PROFILE, PROFILE, strict=True):
        answer(a, q, reply_a)
        answer(b, q, reply_b if q != "Your name" else "Budi")
    answer(a, "Do you have a passport?", "y")
    answer(b, "Do you have a passport?", "n")
    answer(a, "Do you have a work visa?", "q")
    answer(b, "Do you have a work visa?", "y")
    answer(b, "marriage book", "q")
    for child in (a, b):
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
    with Store.open(db) as store:
        records = {r.profile["name"]: r for r in store.list()}
    assert set(records) == {"Ani", "Budi"}
    assert {k: v.value.value for k, v in records["Ani"].answers.items()} == {"passport": "yes"}
    assert {k: v.value.value for k, v in records["Budi"].answers.items()} == {
        "passport": "no",
        "work-visa": "yes",
    }
    assert not Path(str(db) + "-journal").exists()


def test_a_database_busy_while_opening_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six programs opening one new file at once found it busy about once in a hundred under
    load (#15 item 6): opening is tried again within the busy timeout."""
    from pmi_ready.store import sqlite_store

    real = sqlite_store.prepare
    calls: list[int] = []

    def busy_once(*args: object, **kw: object) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.OperationalError("database is locked")
        real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite_store, "prepare", busy_once)
    with Store.open(tmp_path / "new.db") as store:
        store.create(lang="id", versions={})
    assert len(calls) == 2
