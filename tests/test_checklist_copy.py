"""An assessment keeps what it needs to be reported (#15 item 5): answered with a ``--checklists``
folder, a later `report` or `records show` without that folder shows that folder's items and
warning signs from the copy kept with the assessment, and says so; without a copy it says what is
missing, never silently showing fewer warning signs than the record holds. Every report names the
checklist set when it is not the built-in one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.store import Store
from tests.conftest import MINI

ANSWERS = """\
profile:
  consent: yes
  destination: TW
  job: housekeeper
  route: agency
  marital: single
  age: 16
  funding: own
answers:
  passport: yes
  work-visa: yes
  copies: yes
  passport-held: yes
  tw-only: yes
"""
# two from the folder, one from the built-in warning signs the folder's own set keeps
FLAGS = ("Is someone else holding your passport?", "Under 18 years old", "Under 18: too young")


def invoke(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(app, [*args, "--lang", "en"])
    return res.exit_code, " ".join(res.stdout.split()), res.stderr  # lines wrapped as one


@pytest.fixture
def assessed(tmp_path: Path) -> str:
    """An assessment answered with the mini folder: three warning signs, two from the folder."""
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    code, _, err = invoke("assess", "--answers", str(answers), "--checklists", str(MINI))
    assert code == 0, err
    res = CliRunner().invoke(app, ["records", "list", "--json"])
    [row] = json.loads(res.stdout)
    assert row["red_flags"] == 3
    return str(row["id"])[:8]


def store() -> Store:
    return Store.open(Path(os.environ["PMI_READY_DB"]))


@pytest.mark.parametrize("fmt", ["terminal", "summary", "md", "html", "json"])
def test_a_report_without_the_folder_shows_every_warning_sign(assessed: str, fmt: str) -> None:
    code, out, err = invoke("report", assessed, "--format", fmt, "--report-lang", "en")
    assert code == 0, err
    if fmt == "summary":
        assert "Is someone else holding your passport?" in out and "Under 18" in out
    else:
        for title in FLAGS:
            assert title in out, title
    assert "Checklist set: mini" in out or "mini: a set of its own" in out
    assert "changed after the assessment" not in err  # the copy is what it was answered with
    if fmt not in ("summary",):
        assert "shown from the copy kept with the assessment" in out


def test_the_json_report_names_the_set(assessed: str) -> None:
    code, out, _ = invoke("report", assessed, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data["red_flags"]) == 3
    [section] = [e for e in data["extras"] if e["key"] == "checklists"]
    assert section["data"]["name"] == "mini" and section["data"]["own_profile"] is True
    assert section["data"]["from_copy"] == ["docs", "flags"]


def test_a_pdf_report_without_the_folder_names_the_set(assessed: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "r.pdf"
    code, _, err = invoke("report", assessed, "--format", "pdf", "-o", str(out))
    assert code == 0, err
    text = " ".join((p.extract_text() or "") for p in PdfReader(out).pages)
    text = " ".join(text.split())
    assert "Checklists used" in text and "mini" in text
    assert "Is someone else holding your passport?" in text


def test_records_show_without_the_folder_shows_every_warning_sign(assessed: str) -> None:
    code, out, err = invoke("records", "show", assessed)
    assert code == 0, err
    for title in FLAGS:
        assert title in out
    assert "Checklist set: mini" in out
    code, out, _ = invoke("records", "show", assessed, "--json")
    data = json.loads(out)
    assert len(data["summary"]["red_flags"]) == 3
    assert data["summary"]["checklists"]["name"] == "mini"


def test_with_the_folder_the_report_names_the_set_too(assessed: str) -> None:
    code, out, _ = invoke("report", assessed, "--checklists", str(MINI), "--report-lang", "en")
    assert code == 0
    assert "Checklist set: mini" in out
    assert "copy kept" not in out
    for title in FLAGS:
        assert title in out


def test_a_builtin_report_has_no_checklists_section(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "profile:\n  consent: yes\n  destination: TW\n  job: housekeeper\n  route: agency\n"
        "  marital: single\n  age: 30\n  funding: own\n",
        encoding="utf-8",
    )
    assert invoke("assess", "--answers", str(answers))[0] == 0
    _, out, _ = invoke("records", "list", "--json")
    aid = json.loads(out)[0]["id"][:8]
    code, out, _ = invoke("report", aid, "--format", "json")
    assert code == 0
    assert [e for e in json.loads(out)["extras"] if e["key"] == "checklists"] == []
    with store() as s:
        [rec] = s.list()
    assert "checklist_set" not in rec.data  # nothing kept for the built-in set


def _without_copy(aid: str, value: object = None) -> None:
    with store() as s:
        full = s.get(aid).id
        s.set_data(full, "checklist_set", value)


def test_without_a_copy_the_report_says_what_is_missing(assessed: str) -> None:
    _without_copy(assessed)  # a record made before copies were kept
    code, out, err = invoke("report", assessed, "--report-lang", "en")
    assert code == 0, err
    assert "are not loaded and no copy was kept" in out
    assert "docs, flags" in out
    code, out, _ = invoke("report", assessed, "--format", "summary", "--report-lang", "en")
    assert "are not loaded and no copy was kept" in out


def test_a_damaged_copy_is_said_not_used(assessed: str) -> None:
    _without_copy(assessed, {"name": "mini", "checklists": [{"@": "Evil", "x": 1}]})
    code, out, err = invoke("report", assessed, "--report-lang", "en")
    assert code == 0, err
    assert "cannot be read" in out
    assert "are not loaded and no copy was kept" in out


def test_the_copy_travels_with_an_export(assessed: str, tmp_path: Path) -> None:
    dump = tmp_path / "out.jsonl"
    code, _, err = invoke("records", "export", "--format", "jsonl", "-o", str(dump))
    assert code == 0, err
    other = tmp_path / "other.db"
    code, _, err = invoke("records", "import", str(dump), "--db", str(other))
    assert code == 0, err
    code, out, err = invoke("report", assessed, "--db", str(other), "--report-lang", "en")
    assert code == 0, err
    for title in FLAGS:
        assert title in out
