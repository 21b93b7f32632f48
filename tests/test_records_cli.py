"""`pmi-ready records …` through CliRunner: every command and filter."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.core import assess
from pmi_ready.records import rows
from pmi_ready.store import STATS_INDEX, Store, StoredAssessment, summary_values
from tests.records_helpers import catalog, fill, synth
from tests.schema5 import make_v5_file

POSIX = sys.platform != "win32"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages are checked in English here (tests/test_language_everywhere.py checks that
    each one is Indonesian under --lang id)."""
    monkeypatch.setenv("PMI_READY_LANG", "en")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db() -> Path:
    return Path(os.environ["PMI_READY_DB"])


@pytest.fixture
def recs(db: Path) -> list[StoredAssessment]:
    got = synth(60, seed=11)
    got[0] = StoredAssessment(
        **{**got[0].__dict__, "profile": {**got[0].profile, "officer": "=HYPERLINK(1)"}}
    )
    with Store.open(db) as s:
        fill(s, got)
    return got


def run(runner: CliRunner, *args: str, input: str | None = None) -> tuple[int, str, str]:
    res = runner.invoke(app, ["records", *args], input=input)
    return res.exit_code, res.stdout, res.stderr


def listed(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    code, out, err = run(runner, "list", "--json", "--limit", "0", *args)
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_help_lists_every_command(runner: CliRunner) -> None:
    code, out, _ = run(runner, "--help")
    assert code == 0
    for cmd in ("list", "show", "export", "import", "stats", "delete", "purge"):
        assert cmd in out


def test_list_table_pages_and_hides_names(runner: CliRunner, recs: list) -> None:  # type: ignore[type-arg]
    code, out, err = run(runner, "list", "--lang", "en")
    assert code == 0
    newest = min(recs, key=lambda r: (-r.updated_at.timestamp(), r.id))
    first = next(line for line in out.splitlines() if re.match(r"^[0-9a-f]{8}  ", line))
    assert first.startswith(newest.id[:8])
    assert "Showing 1–50 of 60" in err and "--offset 50" in err
    assert all(r.profile["name"] not in out for r in recs if " " in r.profile["name"])
    code, out, err = run(runner, "list", "--offset", "50", "--include-names", "--lang", "en")
    assert "Showing 51–60 of 60" in err and "--offset" not in err.split("newest first.")[1]
    assert any(r.profile["name"].split()[0] in out for r in recs)


def test_list_json_with_each_filter(runner: CliRunner, recs: list) -> None:  # type: ignore[type-arg]
    everything = listed(runner)
    assert len(everything) == 60 and "name" not in everything[0]
    assert [e["updated_at"] for e in everything] == sorted(
        (e["updated_at"] for e in everything), reverse=True
    )
    for args, pred in [
        (("--status", "not-ready"), lambda e: e["status"] == "not-ready"),
        (("--unfinished",), lambda e: not e["finished"]),
        (("--officer", "BU RATNA"), lambda e: e["officer"] == "Bu Ratna"),
        (("--destination", "my"), lambda e: e["destination"] == "MY"),
        (("--since", "2026-10-01"), lambda e: e["updated_at"] >= "2026-09-30"),
    ]:
        got = listed(runner, *args)
        expected = [e for e in everything if pred(e)]
        assert got and len(got) <= len(expected) + 1, args
        assert {e["id"] for e in got} <= {e["id"] for e in expected}, args
        if args[0] != "--since":
            assert len(got) == len(expected), args
    name = recs[3].profile["name"]
    found = listed(runner, "--search", name, "--include-names")
    assert found and all(name.lower() in str(e["name"]).lower() for e in found)
    assert listed(runner, "--search", recs[5].id[:8])[0]["id"] == recs[5].id


def test_list_empty_and_bad_date(runner: CliRunner) -> None:
    code, _out, err = run(runner, "list", "--lang", "en")
    assert code == 0 and "No assessments found" in err
    code, _, err = run(runner, "list", "--since", "1 May")
    assert code == 2 and "YYYY-MM-DD" in err
    code, _, err = run(runner, "list", "--status", "maybe")
    assert code == 2


def test_show_text_and_json(runner: CliRunner, recs: list) -> None:  # type: ignore[type-arg]
    rec = next(r for r in recs if r.finished and r.notes == {})
    code, out, err = run(runner, "show", rec.id[:8], "--lang", "en")
    assert code == 0, err
    assert rec.id in out and "Profile" in out and "Readiness" in out
    assert "Which country are you going to work in?" in out
    assert rec.profile["name"] in out
    assert "Complete documents" in out or "Documents" in out
    code, out, _ = run(runner, "show", rec.id, "--json")
    data = json.loads(out)
    assert data["id"] == rec.id and data["answers"] == rec.to_dict()["answers"]
    assert data["summary"]["status"] in ("stop", "ready", "nearly-ready", "not-ready")
    code, _, err = run(runner, "show", "ffffffff")
    assert code == 1 and "no assessment" in err


def test_export_csv(runner: CliRunner, recs: list, tmp_path: Path) -> None:  # type: ignore[type-arg]
    out_file = tmp_path / "laporan.csv"
    code, out, err = run(runner, "export", "--output", str(out_file), "--lang", "en")
    assert code == 0, err
    assert out == ""
    assert "Wrote 60 assessments" in err and "personal data" in err
    with out_file.open(encoding="utf-8-sig", newline="") as f:
        got = list(csv.DictReader(f))
    assert len(got) == 60 and "name" not in got[0]
    assert all(r.profile["name"] not in out_file.read_text(encoding="utf-8-sig") for r in recs)
    assert {g["officer"] for g in got if g["id"] == recs[0].id} == {"'=HYPERLINK(1)"}
    if POSIX:
        assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    code, _, err = run(runner, "export", "--output", str(out_file))
    assert code == 1 and "already exists" in err and "--force" in err
    code, _, err = run(
        runner, "export", "-o", str(out_file), "--force", "--include-names", "--status", "ready"
    )
    assert code == 0, err
    with out_file.open(encoding="utf-8-sig", newline="") as f:
        got = list(csv.DictReader(f))
    assert got and all(g["status"] == "ready" and g["name"] for g in got)


def test_export_jsonl_inferred_from_the_name(runner: CliRunner, recs: list, tmp_path: Path) -> None:  # type: ignore[type-arg]
    path = tmp_path / "laptop-2.jsonl"
    code, _, err = run(runner, "export", "-o", str(path), "--since", "2026-01-01")
    assert code == 0, err
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert lines and all("name" not in x["profile"] for x in lines)
    assert all(x["updated_at"] >= "2025-12-31" for x in lines)
    code, out, _ = run(runner, "export", "--format", "jsonl", "-o", "-", "--include-names")
    assert code == 0
    assert all("name" in json.loads(x)["profile"] for x in out.splitlines())
    assert len(out.splitlines()) == 60


def test_import_merges_and_is_idempotent(
    runner: CliRunner,
    recs: list,
    tmp_path: Path,
    db: Path,  # type: ignore[type-arg]
) -> None:
    path = tmp_path / "all.jsonl"
    assert run(runner, "export", "-o", str(path), "--include-names")[0] == 0
    other = tmp_path / "other.db"
    code, out, err = run(runner, "import", str(path), "--db", str(other), "--lang", "en")
    assert code == 0, err
    assert "60 added, 0 updated, 0 unchanged" in out
    code, out, _ = run(runner, "import", str(path), str(path), "--db", str(other), "--lang", "en")
    assert "0 added, 0 updated, 120 unchanged" in out
    with Store.open(db) as a, Store.open(other) as b:
        assert [r.id for r in rows(a)] == [r.id for r in rows(b)]
        assert all(a.get(r.id).to_dict() == b.get(r.id).to_dict() for r in rows(a))
    if POSIX:
        assert stat.S_IMODE(other.stat().st_mode) == 0o600


def test_import_reports_bad_lines_and_keeps_the_good(runner: CliRunner, tmp_path: Path) -> None:
    good = [json.dumps(r.to_dict()) for r in synth(2, seed=3)]
    path = tmp_path / "broken.jsonl"
    path.write_text(f"{good[0]}\n{{oops\n{good[1]}\n", encoding="utf-8")
    code, out, err = run(runner, "import", str(path), "--lang", "en")
    assert code == 1
    assert "2 added" in out
    assert f"{path}:2: not valid JSON" in err
    assert "1 line could not be read" in err
    code, _, err = run(runner, "import", str(tmp_path / "nothing.jsonl"))
    assert code == 1 and "not found" in err


def test_stats_every_form(runner: CliRunner, recs: list) -> None:  # type: ignore[type-arg]
    code, out, err = run(runner, "stats", "--lang", "en")
    assert code == 0, err
    assert "Assessments by readiness" in out and "Most often missing critical items" in out
    for by, label in (
        ("destination", "Taiwan"),
        ("job", "Housekeeper"),
        ("officer", "Bu"),
        ("month", "2026"),
    ):
        code, out, err = run(runner, "stats", "--by", by, "--lang", "en")
        assert code == 0 and label in out, (by, err)
    code, out, _ = run(runner, "stats", "--json", "--by", "destination", "--top", "3")
    data = json.loads(out)
    assert data["total"]["total"] == 60 and len(data["missing_critical"]) == 3
    assert sum(g["total"] for g in data["groups"]) == 60
    assert set(data["missing_critical"][0]) == {"id", "text", "count", "share"}
    code, out, _ = run(runner, "stats", "--csv", "--by", "job")
    table, _, missing = out.partition("\n\n")
    got = list(csv.reader(io.StringIO(table)))
    assert got[0][:3] == ["job", "label", "total"] and got[-1][0] == "total"
    assert next(iter(csv.reader(io.StringIO(missing)))) == [
        "missing_item",
        "text",
        "count",
        "share",
    ]
    code, out, _ = run(runner, "stats", "--json", "--since", "2099-01-01")
    assert json.loads(out)["total"]["total"] == 0


def test_stats_give_the_same_numbers_after_the_v3_migration(
    runner: CliRunner,
    recs: list,  # type: ignore[type-arg]
    db: Path,
) -> None:
    forms = [["--json"], ["--json", "--by", "job", "--top", "5"], ["--csv", "--by", "month"]]
    before = [run(runner, "stats", *f) for f in forms]
    assert all(code == 0 for code, _, _ in before)
    for f in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        f.unlink(missing_ok=True)
    cat = catalog()  # the same records as schema version 2 wrote them: no covering index
    make_v5_file(db, [(r, summary_values(assess(cat, r.profile, r.answers))) for r in recs])
    conn = sqlite3.connect(db)
    conn.execute(f"DROP INDEX {STATS_INDEX}")
    conn.execute("PRAGMA user_version=2")
    conn.commit()
    conn.close()
    assert [run(runner, "stats", *f) for f in forms] == before
    with Store.open(db) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == 6
        assert s.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (STATS_INDEX,)
        ).fetchone()


def test_delete_asks_first(runner: CliRunner, recs: list, db: Path) -> None:  # type: ignore[type-arg]
    target = recs[1].id
    code, _, err = run(runner, "delete", target[:8], "--lang", "en", input="t\n")
    assert code == 1 and "Nothing was deleted" in err
    code, out, err = run(runner, "delete", target[:8], "--lang", "en", input="maybe\ny\n")
    assert code == 0, err
    assert "Answer y" in err and "Deleted 1 assessment" in out
    code, _, _ = run(runner, "delete", recs[2].id, "--yes")
    assert code == 0
    code, _, err = run(runner, "delete", target)
    assert code == 1 and "no assessment" in err
    with Store.open(db) as s:
        assert len(list(rows(s))) == 58


def test_delete_accepts_indonesian_ya(runner: CliRunner, recs: list) -> None:  # type: ignore[type-arg]
    code, _out, _ = run(runner, "delete", recs[4].id, input="ya\n")
    assert code == 0


def test_purge(runner: CliRunner, recs: list, db: Path) -> None:  # type: ignore[type-arg]
    code, out, _ = run(runner, "purge", "--older-than", "100000", "--lang", "en")
    assert code == 0 and "nothing to delete" in out
    code, _, err = run(runner, "purge", "--older-than", "200", "--lang", "en", input="n\n")
    assert code == 1 and "Nothing was deleted" in err
    with Store.open(db) as s:
        before = len(list(rows(s)))
    code, out, err = run(runner, "purge", "--older-than", "200", "--yes", "--lang", "en")
    assert code == 0, err
    with Store.open(db) as s:
        after = len(list(rows(s)))
    assert before > after and f"Deleted {before - after} assessments" in out


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_csv(runner: CliRunner, recs: list, tmp_path: Path) -> None:  # type: ignore[type-arg]
    src = tmp_path / "in.csv"
    assert run(runner, "export", "-o", str(src), "--include-names")[0] == 0
    res = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "xlsx",
            "--infilter=CSV:44,34,76",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "in.xlsx").active
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    assert cells[0][:3] == ["id", "name", "created_local"]
    assert len(cells) == 61
    by_id = {r[0]: r for r in cells[1:]}
    first = by_id[recs[0].id]
    assert first[1] == recs[0].profile["name"]
    assert first[5] == "=HYPERLINK(1)" or first[5] == "'=HYPERLINK(1)"
    assert not str(first[5]).startswith("=") or ws.cell(2, 6).data_type == "s"
