"""`pmi-ready report ID` on assessments saved in the store, with the built-in checklists."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.checklists import load_catalog
from pmi_ready.cli import app
from pmi_ready.cli.report import default_filename, report_for
from pmi_ready.core import AnswerValue, Catalog, applicable
from pmi_ready.render import Format
from pmi_ready.store.sqlite_store import Store, default_db_path

PROFILE = {
    "name": "Dewi <b>[bold]</b>",
    "destination": "TW",
    "job": "housekeeper",
    "route": "agency",
    "sex": "female",
    "marital": "single",
    "age": "24",
    "funding": "own",
}


def catalog() -> Catalog:
    return load_catalog(())


def saved(*, risky: bool) -> str:
    """An assessment with every applicable item answered the ready way (one red flag if risky)."""
    cat = catalog()
    with Store.open(default_db_path()) as store:
        aid = store.create(lang="id", versions=cat.versions(), profile=PROFILE)
        flagged = False
        for _c, item in applicable(cat.checklists, PROFILE):
            if item.from_profile is not None:
                continue  # a rule: answered from the profile, never asked
            value = item.ready_when
            if risky and item.red_flag and not flagged:
                value, flagged = AnswerValue.YES, True
            store.save_answer(aid, item.id, value, "catatan <i>x</i>" if flagged else "")
    return aid


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["report", *args])
    return result.exit_code, result.stdout, result.stderr


def test_terminal_report_by_id_prefix() -> None:
    aid = saved(risky=False)
    code, out, err = run(aid[:8])
    assert code == 0, err
    assert "SIAP / READY" in out
    assert "Dewi <b>[bold]</b>" in out
    assert "0800-1000" in out  # the official contacts, from checklists/contacts.yaml


def test_red_flags_open_the_report() -> None:
    aid = saved(risky=True)
    code, out, _err = run(aid, "--format", "md")
    assert code == 0
    assert out.index("Tanda bahaya / Warning signs") < out.index("Kemajuan per bagian")
    assert "0800-1000" in out[: out.index("Kemajuan per bagian")]
    assert r"Dewi \<b\>\[bold\]\</b\>" in out


@pytest.mark.parametrize("fmt", ["md", "html", "json", "terminal"])
def test_output_file_is_private_and_complete(fmt: str, tmp_path: Path) -> None:
    aid = saved(risky=False)
    target = tmp_path / f"r.{fmt}"
    code, out, err = run(aid, "-f", fmt, "-o", str(target), "--lang", "en")
    assert code == 0, err
    assert out == ""
    assert "r." in err
    text = target.read_text(encoding="utf-8")
    assert any(w in text for w in ("Ready", "READY", '"code": "ready"'))
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_json_report_reproduces_from_its_inputs() -> None:
    aid = saved(risky=True)
    code, out, _ = run(aid, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema_version"] == 2 and data["assessment"]["id"] == aid
    assert data["status"]["code"] == "stop" and data["red_flags"]
    assert data["inputs"]["profile"]["destination"] == "TW"


def test_pdf_without_output_uses_the_default_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pypdf = pytest.importorskip("pypdf")
    aid = saved(risky=True)
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(aid, "--format", "pdf")
    assert code == 0, err
    files = list(tmp_path.glob("*.pdf"))
    assert len(files) == 1 and files[0].name.startswith(f"pmi-ready-{aid[:8]}-20")
    reader = pypdf.PdfReader(io.BytesIO(files[0].read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Laporan kesiapan" in text and "Readiness report" in text
    assert "0800-1000" in text
    n = len(reader.pages)
    assert n >= 3 and f"Halaman {n} dari {n} / Page {n} of {n}" in text


def test_unknown_id_and_bad_options() -> None:
    saved(risky=False)
    code, _, err = run("ffffffff")
    assert code == 1 and "Kesalahan:" in err and "ffffffff" in err
    code, _, err = run("ffffffff", "--report-lang", "fr")
    assert code == 2 and "both, id atau en" in err
    code, _, err = run("ffffffff", "--lang", "both")
    assert code == 2 and "--report-lang both" in err
    code, _, err = run("ffffffff", "--format", "docx")
    assert code == 2 and "terminal, md, html, pdf, json" in err


def test_changed_checklists_are_noted(tmp_path: Path) -> None:
    cat = catalog()
    versions = {k: dict(v) for k, v in cat.versions().items()}
    versions["documents"]["sha256"] = "0" * 64
    with Store.open(default_db_path()) as store:
        aid = store.create(lang="id", versions=versions, profile=PROFILE)
    code, _out, err = run(aid, "-f", "md")
    assert code == 0 and "documents" in err


def test_report_for_and_default_filename() -> None:
    import datetime as dt

    aid = saved(risky=False)
    with Store.open(default_db_path()) as store:
        stored = store.get(aid)
    out = report_for(stored, catalog(), "en", Format.MD)
    assert isinstance(out, str) and "Readiness report" in out and "Laporan kesiapan" not in out
    assert isinstance(report_for(stored, catalog(), "both", Format.PDF), bytes)
    name = default_filename("../../ETC/passwd;rm", dt.date(2026, 11, 28), Format.HTML)
    assert name == "pmi-ready-ecad-2026-11-28.html"
    assert default_filename(aid, dt.date(2026, 1, 2), Format.TERMINAL).endswith("-2026-01-02.txt")
    assert os.sep not in default_filename(aid, dt.date(2026, 1, 2), Format.PDF)


def saved_with_threat() -> str:
    """Every item answered the ready way, except the (sensitive) threats question: yes."""
    cat = catalog()
    with Store.open(default_db_path()) as store:
        aid = store.create(lang="id", versions=cat.versions(), profile=PROFILE)
        for _c, item in applicable(cat.checklists, PROFILE):
            if item.id == "threats-or-pressure":
                store.save_answer(aid, item.id, AnswerValue.YES, "suami mengancam")
            else:
                store.save_answer(aid, item.id, item.ready_when, "")
    return aid


@pytest.mark.parametrize("fmt", ["md", "html", "json", "terminal"])
def test_private_copy_leaves_the_sensitive_questions_out(fmt: str) -> None:
    cat = catalog()
    sensitive = [it for it in cat.items() if it.sensitive]
    assert sensitive
    aid = saved_with_threat()
    code, full, err = run(aid, "-f", fmt, "--lang", "id")
    assert code == 0, err
    code, private, err = run(aid, "-f", fmt, "--lang", "id", "--private")
    assert code == 0, err
    threat = cat.item("threats-or-pressure")
    assert threat is not None
    marker = threat.ask.id[:40]
    assert marker in full and "suami mengancam" in full
    assert marker not in private and "suami mengancam" not in private
    for it in sensitive:
        assert it.ask.id[:40] not in private, it.id
    assert "Pertanyaan pribadi tidak dicantumkan" in private
    assert "Pertanyaan pribadi tidak dicantumkan" not in full


def test_private_copy_keeps_the_status() -> None:
    aid = saved_with_threat()
    _, full, _ = run(aid, "-f", "json")
    _, private, _ = run(aid, "-f", "json", "--private")
    a, b = json.loads(full), json.loads(private)
    assert a["status"]["code"] == b["status"]["code"] != "ready"
    assert "threats-or-pressure" in a["inputs"]["answers"]
    assert "threats-or-pressure" not in b["inputs"]["answers"]
    assert any(f["code"] == "threats-or-pressure" for f in a["red_flags"])
    assert not any(f["code"] == "threats-or-pressure" for f in b["red_flags"])
    (extra,) = [e for e in b["extras"] if e["key"] == "private"]
    assert extra["data"]["left_out"] == 3
    assert not [e for e in a["extras"] if e["key"] == "private"]


def test_class_reports_can_be_take_home_copies(tmp_path: Path) -> None:
    aid = saved_with_threat()
    folder = tmp_path / "kelas"
    args = ["records", "report", "-o", str(folder), "-f", "md", "--lang", "id"]
    res = CliRunner().invoke(app, [*args, "--private"])
    assert res.exit_code == 0, res.output
    (md,) = folder.glob(f"pmi-ready-{aid[:8]}-*.md")
    text = md.read_text(encoding="utf-8")
    assert "suami mengancam" not in text and "Pertanyaan pribadi tidak dicantumkan" in text
    assert CliRunner().invoke(app, [*args, "--force"]).exit_code == 0
    assert "suami mengancam" in md.read_text(encoding="utf-8")
