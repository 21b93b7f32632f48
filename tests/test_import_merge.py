"""`records import` merges field by field (#15 item 4), through CliRunner: names fill in from a
later export with names, conflicts are reported and resolvable with --prefer, future times are
clamped, records without consent and deleted records are refused, re-running is a no-op."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.core import Answer, AnswerValue
from pmi_ready.store import Store, StoredAssessment
from tests.records_helpers import fill, synth
from tests.schema5 import make_v5_file


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("PMI_READY_LANG", "en")
    return CliRunner()


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    res = runner.invoke(app, ["records", *args])
    return res.exit_code, res.stdout, res.stderr


def laptop(tmp_path: Path, recs: list[StoredAssessment], name: str = "laptop.db") -> Path:
    db = tmp_path / name
    with Store.open(db) as s:
        fill(s, recs)
    return db


def export(runner: CliRunner, db: Path, out: Path, *extra: str) -> Path:
    code, _, err = run(runner, "export", "-o", str(out), "--db", str(db), "--force", *extra)
    assert code == 0, err
    return out


def write_lines(path: Path, recs: list[StoredAssessment], **extra: object) -> Path:
    path.write_text(
        "".join(json.dumps({**r.to_dict(), **extra}) + "\n" for r in recs), encoding="utf-8"
    )
    return path


def test_a_nameless_export_then_one_with_names_fills_the_names(
    runner: CliRunner, tmp_path: Path
) -> None:
    recs = synth(4, seed=3)
    src = laptop(tmp_path, recs)
    office = tmp_path / "office.db"
    bare = export(runner, src, tmp_path / "bare.jsonl")
    named = export(runner, src, tmp_path / "named.jsonl", "--include-names")
    code, out, err = run(runner, "import", str(bare), "--db", str(office))
    assert code == 0, err
    assert "4 added, 0 updated, 0 unchanged." in out
    code, out, err = run(runner, "import", str(named), "--db", str(office))
    assert code == 0, err
    assert "0 added, 4 updated, 0 unchanged." in out  # was "0 updated": names left empty
    with Store.open(office) as s:
        assert {r.id: r.profile.get("name") for r in s.list()} == {
            r.id: r.profile["name"] for r in recs
        }
    # the name-less file again never empties them; and nothing changes
    code, out, _ = run(runner, "import", str(bare), str(named), "--db", str(office))
    assert code == 0 and "0 added, 0 updated, 8 unchanged." in out
    with Store.open(office) as s:
        assert all(r.profile.get("name") for r in s.list())


def _changed(rec: StoredAssessment, item: str, value: AnswerValue) -> StoredAssessment:
    answers = {**rec.answers, item: Answer(item, value, "", rec.updated_at.isoformat())}
    return replace(rec, answers=answers, updated_at=rec.updated_at + dt.timedelta(hours=1))


def test_the_same_answer_changed_on_two_laptops_is_a_conflict_resolved_with_prefer(
    runner: CliRunner, tmp_path: Path
) -> None:
    rec = synth(1, seed=5)[0]
    item = next(iter(rec.answers))
    old = rec.answers[item].value
    here, there = [v for v in AnswerValue if v is not old][:2]
    office = laptop(tmp_path, [_changed(rec, item, here)], "office.db")
    other = write_lines(tmp_path / "b.jsonl", [_changed(rec, item, there)])
    code, out, err = run(runner, "import", str(other), "--db", str(office))
    assert code == 1
    assert "0 added, 0 updated, 1 unchanged." in out  # the office's value stays
    assert f"Conflict in assessment {rec.id[:8]}, answer to '{item}'" in err
    assert f"here '{here.value}', in the file '{there.value}'" in err
    assert "--prefer" in err and "Traceback" not in err
    with Store.open(office) as s:
        assert s.get(rec.id).answers[item].value is here
    code, _, err = run(runner, "import", str(other), "--db", str(office))  # reported again
    assert code == 1 and "Conflict in assessment" in err
    code, out, err = run(
        runner, "import", str(other), "--db", str(office), "--prefer", f"theirs={rec.id[:8]}"
    )
    assert code == 0, err
    assert "0 added, 1 updated, 0 unchanged." in out and "kept: in the file" in err
    with Store.open(office) as s:
        assert s.get(rec.id).answers[item].value is there
    code, out, err = run(runner, "import", str(other), "--db", str(office))
    assert code == 0 and "0 added, 0 updated, 1 unchanged." in out and err == ""


def test_prefer_mine_keeps_this_side_and_a_bad_prefer_is_a_usage_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    rec = synth(1, seed=5)[0]
    item = next(iter(rec.answers))
    values = [v for v in AnswerValue if v is not rec.answers[item].value]
    office = laptop(tmp_path, [_changed(rec, item, values[0])], "office.db")
    other = write_lines(tmp_path / "b.jsonl", [_changed(rec, item, values[1])])
    code, _, err = run(runner, "import", str(other), "--db", str(office), "--prefer", "mine")
    assert code == 0 and "kept: here" in err
    code, _, err = run(runner, "import", str(other), "--db", str(office), "--prefer", "both")
    assert code == 2 and "--prefer: 'both' is not mine, theirs" in err
    code, _, err = run(
        runner, "import", str(other), "--db", str(office), "--prefer", "theirs=ffffffff"
    )
    assert code == 1 and "no assessment 'ffffffff'" in err


def test_changes_from_the_same_laptop_since_its_last_export_win_without_a_conflict(
    runner: CliRunner, tmp_path: Path
) -> None:
    rec = synth(1, seed=5)[0]
    item = next(iter(rec.answers))
    new = next(v for v in AnswerValue if v is not rec.answers[item].value)
    src = laptop(tmp_path, [rec])
    office = tmp_path / "office.db"
    first = export(runner, src, tmp_path / "1.jsonl", "--include-names")
    assert run(runner, "import", str(first), "--db", str(office))[0] == 0
    with Store.open(src) as s:
        s.save_answer(rec.id, item, new)
    second = export(runner, src, tmp_path / "2.jsonl", "--include-names")
    code, out, err = run(runner, "import", str(second), "--db", str(office))
    assert code == 0, err
    assert "0 added, 1 updated, 0 unchanged." in out and "Conflict" not in err
    with Store.open(office) as s:
        assert s.get(rec.id).answers[item].value is new


def test_times_in_the_future_are_set_to_now_with_a_message(
    runner: CliRunner, tmp_path: Path
) -> None:
    rec = synth(1, seed=8)[0]
    future = replace(rec, updated_at=dt.datetime(2999, 1, 1, tzinfo=dt.UTC))
    path = write_lines(tmp_path / "f.jsonl", [future])
    office = tmp_path / "office.db"
    before = dt.datetime.now(dt.UTC)
    code, out, err = run(runner, "import", str(path), "--db", str(office))
    assert code == 0, err
    assert "1 assessment had times in the future" in out
    assert "times in the future (a wrong clock?) were set to now" in err
    with Store.open(office) as s:
        got = s.get(rec.id).updated_at
    assert before <= got <= dt.datetime.now(dt.UTC)


def test_records_without_consent_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    recs = synth(3, seed=9)
    no = replace(recs[0], profile={**recs[0].profile, "consent": "no"})
    missing = replace(recs[1], profile={k: v for k, v in recs[1].profile.items() if k != "consent"})
    path = write_lines(tmp_path / "c.jsonl", [no, missing, recs[2]])
    office = tmp_path / "office.db"
    code, out, err = run(runner, "import", str(path), "--db", str(office))
    assert code == 0, err
    assert "1 added, 0 updated, 0 unchanged." in out
    assert "2 assessments without the applicant's consent were not stored." in out
    assert f"c.jsonl:1: assessment {no.id[:8]}: no consent to keep it; not stored" in err
    with Store.open(office) as s:
        assert [r.id for r in s.list()] == [recs[2].id]


def test_a_deleted_or_purged_record_is_not_brought_back(runner: CliRunner, tmp_path: Path) -> None:
    recs = synth(3, seed=10)
    office = laptop(tmp_path, recs, "office.db")
    path = export(runner, office, tmp_path / "all.jsonl", "--include-names")
    with Store.open(office) as s:
        s.delete(recs[0].id)
        with s.conn:
            s.conn.execute(
                "UPDATE assessments SET updated_at='2000-01-01' WHERE id=?", (recs[1].id,)
            )
    assert run(runner, "purge", "--older-than", "3650", "--yes", "--db", str(office))[0] == 0
    code, out, err = run(runner, "import", str(path), "--db", str(office))
    assert code == 0, err
    assert "0 added, 0 updated, 1 unchanged." in out
    assert "2 assessments deleted on this computer were not brought back." in out
    assert f"assessment {recs[0].id[:8]} was deleted here; it is not brought back" in err
    with Store.open(office) as s:
        assert [r.id for r in s.list()] == [recs[2].id]
        # the tombstone holds the id and the time, nothing else
        cols = [r[1] for r in s.conn.execute("PRAGMA table_info(tombstones)")]
        assert cols == ["id", "deleted_at"]


def test_the_migration_brings_far_future_times_back_to_now(tmp_path: Path) -> None:
    rec = synth(1, seed=12)[0]
    db = tmp_path / "laptop.db"
    make_v5_file(db, [(rec, None)])  # as schema 4 left it
    conn = sqlite3.connect(db)
    conn.execute("UPDATE assessments SET updated_at='9999-12-31T00:00:00+00:00'")
    conn.execute("PRAGMA user_version=4")
    conn.commit()
    conn.close()
    with Store.open(db) as s:
        assert s.get(rec.id).updated_at <= dt.datetime.now(dt.UTC)
