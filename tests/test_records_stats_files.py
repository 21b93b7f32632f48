"""`records stats --format xlsx|html|pdf|csv -o FILE`: the workbook read back with openpyxl, the
charts' text in the HTML and in the PDF (pdftotext, else pypdf), the old --json / --csv flags."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.render.stats_html import SCALE, _bar
from pmi_ready.store import Store, StoredAssessment
from tests.records_helpers import fill, synth

OFFICER = 'Bu Ṣāliḥ 李 <script>alert("x")</script> & co'


@pytest.fixture
def recs() -> list[StoredAssessment]:
    got = synth(40, seed=9)
    for i in range(0, 40, 3):
        got[i] = StoredAssessment(
            **{**got[i].__dict__, "profile": {**got[i].profile, "officer": OFFICER}}
        )
    with Store.open(os.environ["PMI_READY_DB"]) as s:
        fill(s, got)
    return got


def run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(app, ["records", "stats", *args])
    return res.exit_code, res.stdout, res.stderr


def numbers(*args: str) -> dict[str, object]:
    code, out, err = run("--json", *args)
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        res = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        return res.stdout.decode("utf-8")
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def test_workbook_one_table_per_sheet_with_real_numbers(
    recs: list[StoredAssessment], tmp_path: Path
) -> None:
    path = tmp_path / "s.xlsx"
    code, _, err = run("--by", "destination", "-o", str(path), "--lang", "en")
    assert code == 0, err
    assert "Wrote the statistics" in err
    data = numbers("--by", "destination", "--lang", "en")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Readiness", "Missing items"]
    ws = wb["Readiness"]
    head = [c.value for c in ws[1]]
    assert head[:3] == ["Destination\nNegara tujuan", "Assessments\nPenilaian", "Stop\nBerhenti"]
    body = list(ws.iter_rows(min_row=2))
    assert len(body) == len(data["groups"]) + 1  # type: ignore[arg-type]
    total = body[-1]
    assert total[0].value == "Total" and total[1].value == 40
    assert total[1].data_type == "n" and total[1].number_format == "#,##0"
    share = total[head.index("Share with red flags\nPersentase dengan tanda bahaya")]
    flagged = data["total"]["with_red_flags"]  # type: ignore[index]
    assert share.number_format == "0.0%" and share.value == pytest.approx(flagged / 40)
    miss = list(wb["Missing items"].iter_rows(min_row=2, values_only=True))
    want = data["missing_critical"]
    assert [(m[1], m[3]) for m in miss] == [(w["id"], w["count"]) for w in want]  # type: ignore[union-attr, index]
    assert all(isinstance(m[4], float) and 0 <= m[4] <= 1 for m in miss)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref


def test_html_charts_escaped_and_self_contained(
    recs: list[StoredAssessment], tmp_path: Path
) -> None:
    path = tmp_path / "s.html"
    code, _, err = run("--by", "officer", "--format", "html", "-o", str(path), "--lang", "id")
    assert code == 0, err
    page = path.read_text(encoding="utf-8")
    assert "<script" not in page and "alert(&quot;x&quot;)" in page
    assert "Bu Ṣāliḥ 李 &lt;script&gt;" in page and "&amp; co" in page
    assert not re.search(r"(src|href)=|url\(|@import|https?://", page)
    data = numbers("--by", "officer")
    for title in ("Penilaian menurut kesiapan", "Butir wajib yang paling sering kurang"):
        assert title in page
    assert "Penilaian dengan tanda bahaya · Petugas" in page
    total = data["total"]  # type: ignore[index]
    for status, word in (("stop", "Berhenti"), ("ready", "Siap")):
        n = total["status"][status]  # type: ignore[index]
        assert re.search(rf">{re.escape(word)}</span>.*?<span class=\"num\">{n}\b", page)
    first = data["missing_critical"][0]  # type: ignore[index]
    assert f"({first['id']})" in page and f">{first['count']} <small>" in page


def test_pdf_has_the_charts_and_every_name(recs: list[StoredAssessment], tmp_path: Path) -> None:
    path = tmp_path / "s.pdf"
    code, _, err = run("--by", "officer", "-o", str(path), "--lang", "en")
    assert code == 0, err
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    flat = " ".join(text.split())
    assert "Assessments by readiness" in flat and "Most often missing critical items" in flat
    assert "Ṣāliḥ" in text and "李" in text and "<script>" in text  # drawn as text, not run
    data = numbers("--by", "officer", "--lang", "en")
    n = data["total"]["status"]["not-ready"]  # type: ignore[index]
    share = round(100 * n / 40)
    assert f"{n} ({share}%)" in flat


def test_default_file_name_and_no_overwrite(
    recs: list[StoredAssessment], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("--format", "pdf", "--lang", "en")
    assert code == 0, err
    want = tmp_path / f"pmi-ready-stats-{dt.date.today().isoformat()}.pdf"
    assert want.is_file() and want.name in err
    code, _, err = run("--format", "pdf", "--lang", "en")
    assert code == 1 and "already exists" in err
    assert run("--format", "pdf", "--force")[0] == 0


def test_flags_and_usage_errors(recs: list[StoredAssessment], tmp_path: Path) -> None:
    assert run("--json", "--csv")[0] == 2
    assert run("--format", "html", "--json")[0] == 2
    code, _, err = run("--format", "json", "-o", str(tmp_path / "a.json"), "--lang", "en")
    assert code == 2 and "-o is for" in err
    code, out, _ = run("--format", "csv", "--by", "job")
    assert code == 0 and out.startswith("job,label,total")
    assert run("--csv", "--by", "job")[1] == out  # the old flag still works
    path = tmp_path / "a.csv"
    assert run("--by", "job", "-o", str(path))[0] == 0
    assert path.read_text(encoding="utf-8-sig") == out
    code, _, err = run("--format", "svg")
    assert code == 2


def test_missing_openpyxl(
    recs: list[StoredAssessment], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    code, _, err = run("-o", str(tmp_path / "a.xlsx"), "--lang", "en")
    assert code == 1 and 'pip install "pmi-ready[xlsx]"' in err
    assert not list(tmp_path.glob("*a.xlsx*"))
    assert run("-o", str(tmp_path / "a.html"))[0] == 0  # the charts need no extra


def test_nothing_to_count(tmp_path: Path) -> None:
    for ext in ("html", "pdf"):
        path = tmp_path / f"e.{ext}"
        code, _, err = run("-o", str(path), "--lang", "en")
        assert code == 0, err
        text = path.read_text(encoding="utf-8") if ext == "html" else pdf_text(path)
        assert "No assessments to count." in text


@given(st.integers(0, 10_000), st.integers(0, 10_000))
@example(1, 10_000)
def test_a_bar_never_outgrows_its_track(value: int, top: int) -> None:
    value = min(value, top)
    width = float(re.search(r"width:([\d.]+)%", _bar(value, top, "ready", "x"))[1])  # type: ignore[index]
    assert 0 <= width <= SCALE
    assert (width == 0) == (value == 0 or top == 0)


def test_months_come_in_calendar_order(recs: list[StoredAssessment], tmp_path: Path) -> None:
    keys = [g["key"] for g in numbers("--by", "month")["groups"]]  # type: ignore[union-attr, index]
    assert len(keys) > 3 and keys == sorted(keys)
    path = tmp_path / "m.html"
    assert run("--by", "month", "-o", str(path), "--lang", "en")[0] == 0
    page = path.read_text(encoding="utf-8")
    table = page[page.index('class="groups"') :]
    shown = re.findall(r'<td class="g">([A-Z][a-z]+ \d{4})</td>', table)
    as_dates = [dt.datetime.strptime(m, "%B %Y") for m in shown]
    assert len(shown) == len(keys) and as_dates == sorted(as_dates)
