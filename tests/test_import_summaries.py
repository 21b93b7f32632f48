"""`records import` stores the summary it computes from the answers, never the file's ``status``;
a record and its summary are one transaction; a re-import repairs a wrong summary; a line that
cannot be scored is a ``FILE:LINE`` problem and nothing of it is stored. The kill battery kills
the import at varied moments and checks every stored summary row by row."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.assessment import evaluate
from pmi_ready.cli import app
from pmi_ready.records import merge, read_jsonl
from pmi_ready.records.interchange import ImportResult
from pmi_ready.store import Store, StoredAssessment
from pmi_ready.store.record import SUMMARY_COLUMNS, summary_values
from tests.records_helpers import catalog, synth


def write_file(path: Path, recs: list[StoredAssessment], **override: object) -> Path:
    path.write_text(
        "".join(json.dumps({**r.to_dict(), **override}) + "\n" for r in recs), encoding="utf-8"
    )
    return path


def with_red_flag(rec: StoredAssessment) -> StoredAssessment:
    """The record with every red-flag question that applies answered as a warning sign."""
    from dataclasses import replace

    from pmi_ready.core import Answer, AnswerValue

    answers = dict(rec.answers)
    for item in catalog().items():
        if item.red_flag and item.from_profile is None:
            bad = AnswerValue.NO if item.ready_when is AnswerValue.YES else AnswerValue.YES
            answers[item.id] = Answer(item.id, bad, "", rec.created_at.isoformat())
    return replace(rec, answers=answers)


def wrong_summaries(db: Path) -> list[tuple[str, tuple[object, ...], tuple[object, ...]]]:
    """Every stored record whose summary columns differ from a fresh evaluation of its answers
    (id, stored, fresh): the invariant the import keeps, checked row by row."""
    cols = ", ".join(SUMMARY_COLUMNS)
    out = []
    with Store.open(db) as store:
        rows = store.conn.execute(f"SELECT id, {cols} FROM assessments").fetchall()
        stored = {r[0]: tuple(r[1:]) for r in rows}
        for rec in store.list():
            fresh = summary_values(
                evaluate(catalog(), rec.profile, rec.answers, rec.data).readiness
            )
            if stored[rec.id] != fresh:
                out.append((rec.id, stored[rec.id], fresh))
    return out


def test_the_files_status_is_never_stored(tmp_path: Path) -> None:
    rec = with_red_flag(synth(1)[0])
    path = write_file(tmp_path / "a.jsonl", [rec], status="ready")
    db = tmp_path / "a.db"
    got = CliRunner().invoke(app, ["records", "import", str(path), "--db", str(db), "--lang", "en"])
    assert got.exit_code == 0, got.output
    with Store.open(db) as store:
        assert store.get(rec.id).status == "stop"
    assert wrong_summaries(db) == []


def test_a_reimport_repairs_a_wrong_summary(tmp_path: Path) -> None:
    recs = [with_red_flag(r) for r in synth(3)]
    path = write_file(tmp_path / "a.jsonl", recs)
    db = tmp_path / "a.db"
    args = ["records", "import", str(path), "--db", str(db), "--lang", "en"]
    assert CliRunner().invoke(app, args).exit_code == 0
    with closing(sqlite3.connect(db)) as conn, conn:  # a summary gone wrong
        conn.execute("UPDATE assessments SET status='ready', red_flags=0, n_ready=NULL")
    assert len(wrong_summaries(db)) == 3
    got = CliRunner().invoke(app, args)
    assert got.exit_code == 0, got.output
    assert "0 added, 0 updated, 0 unchanged." in got.output
    assert "3 stored summaries were wrong" in got.output
    assert wrong_summaries(db) == []
    again = CliRunner().invoke(app, args)
    assert "0 added, 0 updated, 3 unchanged." in again.output and "wrong" not in again.output


def test_a_line_that_cannot_be_scored_is_reported_and_nothing_of_it_is_stored(
    tmp_path: Path,
) -> None:
    recs = synth(3)
    path = write_file(tmp_path / "a.jsonl", recs)
    broken = recs[1].id

    def summarise(r: StoredAssessment):  # type: ignore[no-untyped-def]
        if r.id == broken:
            raise OverflowError("cannot convert float infinity to integer")
        return evaluate(catalog(), r.profile, r.answers, r.data).readiness

    with Store.open(tmp_path / "a.db") as store:
        res = merge(store, read_jsonl(path), summarise, ImportResult())
        assert (res.added, [p.line for p in res.problems]) == (2, [2])
        assert str(res.problems[0]).startswith(f"{path}:2: assessment {broken}: cannot be scored")
        assert {r.id for r in store.list()} == {recs[0].id, recs[2].id}
    assert wrong_summaries(tmp_path / "a.db") == []


# --------------------------------------------------------------------------- the kill battery
N = 90
MOMENTS = [  # (file, kill once this many records of it are stored); seeds 0..4 in order
    ("first", -1),  # as soon as the database file exists: opening, migrating, the first record
    ("first", 1),
    ("first", N // 2),
    ("second", 3),  # the second file changes every record: killed while replacing them
    ("second", N - 5),
]


def _stored(db: Path, since: str) -> int:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)) as conn:
            row = conn.execute(
                "SELECT count(*) FROM assessments WHERE updated_at >= ?", (since,)
            ).fetchone()
            return int(row[0])
    except sqlite3.Error:
        return -1 if not db.exists() else 0


def _import(path: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PMI_READY_LANG": "en"}
    return subprocess.Popen(
        [sys.executable, "-m", "pmi_ready", "records", "import", str(path), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX only")
def test_killed_imports_never_leave_a_wrong_summary(tmp_path: Path) -> None:
    from dataclasses import replace

    first = [with_red_flag(r) if i % 3 == 0 else r for i, r in enumerate(synth(N, seed=7))]
    later = max(r.updated_at for r in first).replace(year=2027)
    second = [  # every record changed later: the red flags move to other records
        replace(with_red_flag(r) if i % 3 == 1 else r, updated_at=later)
        for i, r in enumerate(synth(N, seed=7))
    ]
    laptop = {"status": "ready", "origin": "0b5e7c1e-laptop"}  # both files from one laptop
    files = {
        "first": (write_file(tmp_path / "1.jsonl", first, **laptop), "0"),
        "second": (write_file(tmp_path / "2.jsonl", second, **laptop), later.isoformat()),
    }
    db = tmp_path / "office.db"
    kills = 0
    for which, at in MOMENTS:
        path, since = files[which]
        proc = _import(path, db)
        deadline = time.monotonic() + 60
        while proc.poll() is None and _stored(db, since) < at and time.monotonic() < deadline:
            time.sleep(0.002)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        assert proc.returncode in (0, -signal.SIGKILL)
        assert wrong_summaries(db) == [], (which, at)
        if which == "first" and at == N // 2:  # the first file completes before the second
            assert _import(path, db).wait() == 0
            assert _stored(db, since) == N and wrong_summaries(db) == []
    assert kills >= 3  # most moments were really interrupted
    assert _import(files["second"][0], db).wait() == 0
    with Store.open(db) as store:
        # the second file's answers win; an answer it does not have is kept (a file never
        # empties a field)
        expected = {a.id: {**a.answers, **b.answers} for a, b in zip(first, second, strict=True)}
        got = {r.id: {k: a.value for k, a in r.answers.items()} for r in store.list()}
        assert got == {i: {k: a.value for k, a in ans.items()} for i, ans in expected.items()}
    assert wrong_summaries(db) == []
