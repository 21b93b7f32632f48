"""`records export --format xlsx` and the CSV's local times and delimiter: the workbook read
back with openpyxl (and converted by LibreOffice where it is installed)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.core import STATUS_TEXT, Status, Text, assess
from pmi_ready.i18n import translator
from pmi_ready.records import Column, Sheet, rows, write_xlsx, zone_label
from pmi_ready.records.sheets import age_group, local_naive
from pmi_ready.records.xlsx import clean, header_lines, header_text, sheet_title
from pmi_ready.store import Store, StoredAssessment
from tests.records_helpers import catalog, fill, synth

POSIX = sys.platform != "win32"


@pytest.fixture
def makassar(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Central Indonesian time (WITA, UTC+08:00, no summer time) for the whole test."""
    if not POSIX:
        pytest.skip("time.tzset is POSIX only")
    monkeypatch.setenv("TZ", "Asia/Makassar")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def recs() -> list[StoredAssessment]:
    got = synth(12, seed=5)
    got[0] = StoredAssessment(
        **{**got[0].__dict__, "profile": {**got[0].profile, "officer": "=HYPERLINK(1)\x07"}}
    )
    with Store.open(os.environ["PMI_READY_DB"]) as s:
        fill(s, got)
    return got


def run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(app, ["records", "export", *args])
    return res.exit_code, res.stderr


def cells(ws: object) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows()]  # type: ignore[attr-defined]


def test_workbook_in_words_with_local_times(
    makassar: None, recs: list[StoredAssessment], tmp_path: Path
) -> None:
    path = tmp_path / "laporan.xlsx"
    code, err = run("-o", str(path), "--lang", "en")
    assert code == 0, err
    assert "Wrote 12 assessments" in err
    wb = load_workbook(path)
    assert wb.sheetnames == ["Assessments", "Items"]
    ws = wb["Assessments"]
    table = cells(ws)
    head = table[0]
    assert head[0] == "Assessment\nPenilaian"  # the run's language first
    assert head[1] == "Created (UTC+08:00)\nDibuat (UTC+08:00)"
    assert "Status" in head and "Destination\nNegara tujuan" in head
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:R{len(recs) + 1}"
    assert ws.column_dimensions["A"].width == 38
    # the header row is as tall as its most wrapped header: nothing hidden when the file opens
    assert ws.row_dimensions[1].height >= 45
    by_id = {r[0]: dict(zip(head, r, strict=True)) for r in table[1:]}
    assert set(by_id) == {r.id for r in recs}
    with Store.open(os.environ["PMI_READY_DB"]) as store:
        summaries = {r.id: r for r in rows(store)}
    for rec in recs:
        got, s = by_id[rec.id], summaries[rec.id]
        # the wall clock in Makassar, to the minute, as a real date-time cell
        want = (rec.created_at + dt.timedelta(hours=8)).replace(tzinfo=None, second=0)
        assert got["Created (UTC+08:00)\nDibuat (UTC+08:00)"] == want.replace(microsecond=0)
        assert got["Status"] == (STATUS_TEXT[Status(s.status)].en if s.status else None)
        dest = catalog().profile.field("destination")
        assert dest
        assert got["Destination\nNegara tujuan"] == dest.label_of(rec.profile["destination"], "en")
        assert got["Sex\nJenis kelamin"] in ("Female", "Male")
        age = age_group(int(rec.profile["age"]), translator("en"))
        assert got["Age group\nKelompok umur"] == age
        assert got["Critical items missing\nButir wajib yang belum"] == s.critical_missing
        assert got["Finished\nSelesai"] in ("Yes", "No")
    assert "Stop for now: warning signs" in {r["Status"] for r in by_id.values()} or all(
        s.status != "stop" for s in summaries.values()
    )
    first = ws.cell(row=[r[0] for r in table].index(recs[0].id) + 1, column=5)
    assert first.value == "=HYPERLINK(1)" and first.data_type == "s"  # text, never a formula
    names = {r.profile["name"] for r in recs}
    for sheet in wb.worksheets:
        assert not names & {str(v) for row in cells(sheet) for v in row}


def test_item_sheet_one_row_per_assessment_and_item(
    recs: list[StoredAssessment], tmp_path: Path
) -> None:
    path = tmp_path / "x.xlsx"
    code, err = run("--format", "xlsx", "-o", str(path), "--include-names", "--lang", "id")
    assert code == 0, err
    wb = load_workbook(path)
    assert wb.sheetnames == ["Penilaian", "Butir"]
    items = cells(wb["Butir"])
    head = items[0]
    assert head[:2] == ["Penilaian\nAssessment", "Nama\nName"] and head[-1] == "Catatan\nNote"
    body = [dict(zip(head, r, strict=True)) for r in items[1:]]
    for rec in recs:
        result = assess(catalog(), rec.profile, rec.answers)
        mine = [b for b in body if b["Penilaian\nAssessment"] == rec.id]
        assert [b["Butir\nItem"] for b in mine] == [r.item.id for r in result.results]
        assert {b["Nama\nName"] for b in mine} == {rec.profile["name"]}
        for b, r in zip(mine, result.results, strict=True):
            assert b["Tingkat\nLevel"] == {"critical": "Wajib", "important": "Penting"}.get(
                r.item.level.value, "Saran"
            )
            word = {"yes": "Ya", "no": "Tidak", "unsure": "Tidak yakin", "na": "Tidak berlaku"}
            assert b["Jawaban\nAnswer"] == (
                "belum dijawab" if r.answer is None else word[r.answer.value]
            )
            assert b["Siap\nReady"] == ("Ya" if r.ready else "Tidak")
    ws = wb["Butir"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:L{len(items)}"
    first = cells(wb["Penilaian"])
    assert first[0][1] == "Nama\nName"
    assert {r[1] for r in first[1:]} == {r.profile["name"] for r in recs}


def test_missing_openpyxl_names_the_extra(
    recs: list[StoredAssessment], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    path = tmp_path / "x.xlsx"
    code, err = run("-o", str(path), "--lang", "en")
    assert code == 1
    assert "openpyxl" in err and 'pip install "pmi-ready[xlsx]"' in err and "--format csv" in err
    assert "Traceback" not in err
    assert not path.exists() and not list(tmp_path.glob(".x.xlsx*"))


def test_usage_errors(recs: list[StoredAssessment], tmp_path: Path) -> None:
    code, err = run("--format", "xlsx", "-o", "-", "--lang", "en")
    assert code == 2 and "needs a file name" in err
    code, err = run("-o", str(tmp_path / "a.csv"), "--delimiter", "|", "--lang", "en")
    assert code == 2 and "--delimiter" in err
    code, err = run("-o", str(tmp_path / "a.jsonl"), "--delimiter", ";", "--lang", "en")
    assert code == 2 and "CSV files only" in err
    assert not list(tmp_path.glob("a.*"))


def test_csv_local_times_and_semicolons(
    makassar: None, recs: list[StoredAssessment], tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    code, err = run("-o", str(path), "--delimiter", ";")
    assert code == 0, err
    text = path.read_text(encoding="utf-8-sig")
    got = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(got) == len(recs) and "created_local" in got[0]
    by_id = {g["id"]: g for g in got}
    for rec in recs:
        local = rec.created_at + dt.timedelta(hours=8)
        assert by_id[rec.id]["created_local"] == local.strftime("%Y-%m-%d %H:%M:%S")
    code, _ = run("-o", str(tmp_path / "b.csv"), "--delimiter", "tab")
    assert code == 0
    first = (tmp_path / "b.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert first.startswith("id\tcreated_local\t")


def test_zone_label(makassar: None) -> None:
    assert zone_label() == "UTC+08:00"


def test_age_groups() -> None:
    en, id_ = translator("en"), translator("id")
    assert [age_group(a, en) for a in (None, 16, 17, 18, 24, 25, 44, 45, 90)] == [
        "",
        "under 18",
        "under 18",
        "18–24",
        "18–24",
        "25–34",
        "35–44",
        "45 and over",
        "45 and over",
    ]
    assert age_group(16, id_) == "di bawah 18 tahun" and age_group(50, id_) == "45 tahun ke atas"


def test_local_naive_drops_the_zone_and_seconds(makassar: None) -> None:
    t = dt.datetime(2026, 3, 1, 23, 30, 45, 12, tzinfo=dt.UTC)
    assert local_naive(t) == dt.datetime(2026, 3, 2, 7, 30)


@given(st.text(max_size=40), st.lists(st.text(max_size=40), max_size=5))
def test_sheet_titles_are_valid_and_unique(title: str, taken: list[str]) -> None:
    name = sheet_title(title, taken)
    assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\")
    assert name.lower() not in {t.lower() for t in taken}


@given(st.text(max_size=30), st.text(max_size=30))
def test_header_has_both_languages_the_run_first(a: str, b: str) -> None:
    head = Text(a, b)
    assert header_text(head, "id").split("\n")[0] == a.split("\n")[0]
    assert header_text(head, "en").startswith(b)
    assert (header_text(head, "id") == a) == (a == b) or "\n" in a


@given(st.lists(st.text(max_size=20), min_size=1, max_size=4))
@example(["line one\rline two", "a\r\nb"])  # a carriage return read back as a line feed
def test_any_text_reads_back_as_text(texts: list[str]) -> None:
    out = io.BytesIO()
    sheet = Sheet("T", [Column(Text("a", "a")) for _ in texts], [texts])
    write_xlsx(out, [sheet], "id")
    ws = load_workbook(io.BytesIO(out.getvalue())).active
    got = [c.value for c in next(ws.iter_rows(min_row=2))]
    assert got == [clean(t) or None for t in texts]
    assert all(c.data_type == "s" for c in next(ws.iter_rows(min_row=2)) if c.value is not None)


def test_counts_and_shares_are_numbers(tmp_path: Path) -> None:
    out = io.BytesIO()
    cols = [Column(Text("n", "n"), "int"), Column(Text("s", "s"), "percent")]
    write_xlsx(out, [Sheet("T", cols, [[1234, 0.26]])], "en")
    ws = load_workbook(io.BytesIO(out.getvalue())).active
    n, share = next(ws.iter_rows(min_row=2))
    assert n.value == 1234 and n.number_format == "#,##0"
    assert share.value == 0.26 and share.number_format == "0.0%"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_workbook(recs: list[StoredAssessment], tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    assert run("-o", str(path), "--lang", "en")[0] == 0
    res = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(tmp_path / "out"),
            str(path),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    sheets = sorted((tmp_path / "out").glob("*.csv"))
    assert len(sheets) == 2, sheets
    with sheets[0].open(encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    assert table[0][0] == "Assessment\nPenilaian" and len(table) == len(recs) + 1
    assert {r[0] for r in table[1:]} == {r.id for r in recs}


def test_header_lines_count_the_wrapping() -> None:
    assert header_lines(Column(Text("Status", "Status"), width=30), "id") == 1
    assert header_lines(Column(Text("Dibuat", "Created"), width=30), "en") == 2
    long = Column(Text("Butir wajib yang belum", "Critical items missing"), width=13)
    assert header_lines(long, "id") == 4
