"""The joined product through CliRunner: the funds step in `assess`, what `assess` prints at its
end (report, saved copy, id), and the funds section in every report format."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.checklists import load_catalog
from pmi_ready.cli import app, assess_end
from pmi_ready.i18n import translator
from pmi_ready.store import Store

# consent, name, officer, destination TW, job housekeeper, route agency, sex, marital, age, loan
PROFILE = ["y", "Ani", "", "1", "1", "1", "", "1", "30", "2"]
# agency fee 15jt, not in cash without a receipt; the profile says a loan (not asked again); no
# savings; a loan of 30jt at 24 % over 24 months from the agency, paid to
# the agency; no collateral, no deduction; wage NT$20,000 at 515; a 24-month contract
FUNDS = ["9", "15jt", "n", "", "30jt", "24", "24", "4", "2", "n", "n", "20000", "", "515", "24"]
ANSWERS = """\
profile:
  destination: TW
  job: housekeeper
  route: agency
  marital: single
  age: 30
  funding: loan
  consent: {consent}
funds:
  costs: {{agency-fee: 15jt}}
  loan: 30jt
  interest: 24
  months: 24
  lender: agency
  paid_to: agency
"""
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def run(args: list[str], text: str | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, args, input=text)
    assert not isinstance(r.exception, Exception) or isinstance(r.exception, SystemExit), r.output
    return r.exit_code, r.stdout, r.stderr


def lines(*replies: str) -> str:
    return "".join(f"{x}\n" for x in replies)


def db() -> Store:
    return Store.open(Path(os.environ["PMI_READY_DB"]))


def flat(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------------ the interactive walk
def test_the_walk_runs_the_funds_step_and_ends_with_the_report(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(assess_end, "stdin_is_terminal", lambda: True)
    # r at the first item jumps to the review; f opens the funds step from there
    replies = [*PROFILE, "r", "f", *FUNDS, "", "", "x", "h"]
    code, out, err = run(["assess", "--lang", "en"], lines(*replies))
    assert code == 0, err
    assert "Costs and loan check" in out and "Placement agency service fee: how much?" in out
    assert "f = costs and loan check" in flat(out)
    assert "answered; warning signs" in out  # the review after the funds step
    assert "STATUS: STOP FOR NOW: WARNING SIGNS / BERHENTI DULU: ADA TANDA BAHAYA" in out
    assert "The loan money goes to the agency" in out  # a funds red flag leads the report
    assert "Costs and loan check / Pemeriksaan biaya dan pinjaman" in flat(out)  # --lang first
    assert "Save a copy of this report?" in out
    assert "Type p for PDF, h for HTML" in out  # "x" is not a choice: asked again
    [copy] = list(tmp_path.glob("pmi-ready-*.html"))
    assert f"Saved a copy: {copy}" in flat(out)
    if sys.platform != "win32":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    html = copy.read_text(encoding="utf-8")
    assert "Uang pinjaman dibayar ke perusahaan penempatan" in html
    with db() as s:
        [rec] = s.list()
        assert rec.finished and rec.data["funds"]["paid_to"] == "agency"  # type: ignore[index]
        row = s.conn.execute("SELECT status, red_flags FROM assessments").fetchone()
        # forbidden charge, lender, paid to the agency (the interest is a caution)
        assert row[0] == "stop" and row[1] >= 3


def test_no_copy_is_offered_without_a_terminal_or_without_saving(tmp_path: Path) -> None:
    code, out, err = run(["assess", "--no-save", "--lang", "en"], lines(*PROFILE[1:], "r", "", ""))
    assert code == 0, err
    assert "STATUS" in out and "Save a copy" not in out
    assert "no copy is offered" in err


def test_offer_copy_choices(tmp_path: Path) -> None:
    from rich.console import Console

    catalog = load_catalog()
    text = ANSWERS.format(consent="yes")
    code, out, _ = run(["assess", "--answers", "-"], text)
    assert code == 0
    with db() as s:
        record = s.get(out.strip())
    tr = translator("id")

    def ask(*replies: str) -> tuple[list[Path], str]:
        given = list(replies)

        def reader(_prompt: str) -> str:
            if not given:
                raise EOFError
            return given.pop(0)

        console = Console(record=True, width=100)
        paths = assess_end.offer_copy(record, catalog, tr, console, reader=reader, folder=tmp_path)
        return paths, console.export_text()

    assert ask("")[0] == []
    assert ask()[0] == []  # input ended: no copy, no error
    [path], shown = ask("?", "p")
    assert path.suffix == ".pdf" and path.read_bytes()[:5] == b"%PDF-"
    assert path.name == f"pmi-ready-{record.id[:8]}-{record.created_at.astimezone().date()}.pdf"
    assert "Simpan salinan laporan ini?" in shown and "Ketik p untuk PDF" in shown
    assert "b = keduanya" in shown
    [path], shown = ask("HTML")
    assert path.suffix == ".html" and "Salinan disimpan" in shown
    paths, shown = ask("b")  # both copies
    assert sorted(p.suffix for p in paths) == [".html", ".pdf"]
    assert shown.count("Salinan disimpan") == 2


# --------------------------------------------------------------------------- answers files
def test_answers_saved_prints_only_the_id_on_stdout() -> None:
    code, out, err = run(
        ["assess", "--answers", "-", "--lang", "en"], ANSWERS.format(consent="yes")
    )
    assert code == 0, err
    assert UUID.match(out.strip()) and out.count("\n") == 1
    assert "Stop for now: warning signs / Berhenti dulu: ada tanda bahaya · 3 warning signs" in err
    assert f"See the report: pmi-ready report {out.strip()[:8]}" in err
    with db() as s:
        rec = s.get(out.strip())
        assert rec.data["funds"]["lender"] == "agency"  # type: ignore[index]
        # the loan's interest above the guidance rate is a caution, not a red flag
        assert s.conn.execute("SELECT status, red_flags FROM assessments").fetchone() == ("stop", 3)


def test_answers_unsaved_prints_the_report_instead_of_an_id() -> None:
    code, out, err = run(["assess", "--answers", "-", "--lang", "en"], ANSWERS.format(consent="no"))
    assert code == 0, err
    assert not any(UUID.match(line.strip()) for line in out.splitlines())
    assert "Nothing was saved (the profile does not say 'consent: yes')" in flat(err)
    assert "report follows on standard output" in flat(err)
    assert "STATUS: STOP FOR NOW: WARNING SIGNS / BERHENTI DULU: ADA TANDA BAHAYA" in out
    assert "Biaya jasa perusahaan penempatan" in out or "Placement agency service fee" in out
    with db() as s:
        assert s.list() == []


def test_answers_file_funds_problem_has_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(ANSWERS.format(consent="yes").replace("lender: agency", "lender: rentenir"))
    code, out, err = run(["assess", "--answers", str(path), "--lang", "en"])
    assert code == 1 and out == ""
    assert re.search(r"a\.yaml:14: funds: unknown lender type 'rentenir'", err), err
    code, out, err = run(["assess", "--answers", str(path)])
    assert re.search(r"a\.yaml:14: 'funds': jenis pemberi pinjaman 'rentenir' tidak dikenal", err)


def test_template_with_a_loan_has_a_funds_part_that_runs(tmp_path: Path) -> None:
    code, tpl, _ = run(
        ["checklists", "template", "--destination", "TW", "--funding", "loan", "--lang", "en"]
    )
    assert code == 0
    assert "\nfunds:" in tpl and "  currency: TWD" in tpl and "# agency-fee: 0" in tpl
    code, plain, _ = run(["checklists", "template", "--destination", "TW"])
    # the example funding is own savings: the costs check (for everyone), not the loan's keys
    assert "\nfunds:" in plain and "cash_no_receipt:" in plain and "  loan:" not in plain
    filled = tpl.replace("  loan:  ", "  loan: 30jt").replace("  interest:", "  interest: 6")
    filled = filled.replace("  months:", "  months: 24").replace("consent: no", "consent: yes")
    path = tmp_path / "t.yaml"
    path.write_text(filled, encoding="utf-8")
    code, out, err = run(["assess", "--answers", str(path)])
    assert code == 0, err
    with db() as s:
        assert s.get(out.strip()).data["funds"]["loan"] == "30000000"  # type: ignore[index]


# ------------------------------------------------------------------------------- the report
@pytest.fixture
def saved_id() -> str:
    code, out, err = run(["assess", "--answers", "-"], ANSWERS.format(consent="yes"))
    assert code == 0, err
    return out.strip()


def test_markdown_report_has_the_funds_section_in_both_languages(saved_id: str) -> None:
    code, md, _ = run(["report", saved_id, "--format", "md"])
    assert code == 0
    assert "## Pemeriksaan biaya dan pinjaman / Costs and loan check" in md
    assert "Uang pinjaman dibayar ke perusahaan penempatan" in md  # the flag, Indonesian
    assert "The loan money goes to the agency" in md  # and English
    assert "Rp1.586.133" in md and "Rp1,586,133" in md  # 30jt at 24 % over 24 months
    top = md.partition("Pemeriksaan biaya dan pinjaman")[0]
    assert "The loan money goes to the agency" in top  # the red flag box opens the report


def test_json_report_carries_the_funds_data(saved_id: str) -> None:
    code, out, _ = run(["report", saved_id, "--format", "json"])
    assert code == 0
    doc = json.loads(out)
    [extra] = [e for e in doc["extras"] if e["key"] == "funds"]
    assert extra["title"] == {"id": "Pemeriksaan biaya dan pinjaman", "en": "Costs and loan check"}
    codes = [f["code"] for f in extra["data"]["flags"] if f["red_flag"]]
    assert "funds:paid-to-agency" in codes
    assert {f["code"] for f in doc["red_flags"]} >= set(codes)
    assert extra["data"]["loan"]["instalment"] == "1586133"


def test_report_of_bad_stored_funds_says_so(saved_id: str) -> None:
    with db() as s:
        s.set_data(saved_id, "funds", {"costs": {"bribe": "1jt"}})
    code, md, err = run(["report", saved_id, "--format", "md", "--lang", "en"])
    assert code == 0, err
    assert "cannot be used: unknown cost 'bribe'" in md
    assert f"pmi-ready resume {saved_id[:8]}" in md
