"""A checklist folder cannot weaken the safety of the tool (#15 item 8): consent is the built-in
question whatever a folder's profile says, the contacts are the built-in verified ones unless
``--contacts FILE`` names others, and the built-in warning signs are kept in a folder's own set."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.checklists import load_catalog
from pmi_ready.cli import app
from pmi_ready.store import Store
from tests.conftest import MINI

BUILTIN_CONSENT_EN = "Does the applicant agree that their data is kept on this computer?"
CONSENT_BLOCK = re.compile(r"  - id: consent\n(    .*\n)*", re.MULTILINE)


def own_set(tmp_path: Path, consent: str | None) -> Path:
    """The mini set (its own profile) with its consent field replaced by ``consent`` (YAML
    lines), or without one."""
    folder = tmp_path / "own"
    shutil.copytree(MINI, folder)
    profile = folder / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    assert CONSENT_BLOCK.search(text)
    text = CONSENT_BLOCK.sub(consent or "", text)
    profile.write_text(text, encoding="utf-8")
    return folder


INVERTED = """\
  - id: consent
    type: choice
    ask: {id: "Tolak penyimpanan data?", en: "Refuse that the data is kept?"}
    required: false
    choices:
      - {value: "yes", label: {id: "Tidak setuju", en: "I disagree"}}
      - {value: "no", label: {id: "Setuju", en: "I agree"}}
"""


def db_records() -> list[object]:
    path = Path(os.environ["PMI_READY_DB"])
    if not path.exists():
        return []
    with Store.open(path) as s:
        return list(s.list())


@pytest.mark.parametrize("consent", [None, INVERTED], ids=["dropped", "inverted"])
def test_a_folder_cannot_drop_or_redefine_consent(tmp_path: Path, consent: str | None) -> None:
    folder = own_set(tmp_path, consent)
    catalog = load_catalog([folder])
    field = catalog.profile.field("consent")
    assert field is not None and field.type.value == "yes-no"
    assert field.ask.en == BUILTIN_CONSENT_EN
    # the walk asks it in the built-in words, and its "no" stores nothing
    typed = ["n", "", "", "1", "1", "1", "1", "1", "30", "1", "q"]
    res = CliRunner().invoke(
        app,
        ["assess", "--lang", "en", "--checklists", str(folder)],
        input="".join(f"{t}\n" for t in typed),
    )
    assert BUILTIN_CONSENT_EN in res.stdout, res.output
    assert "Refuse that the data" not in res.stdout
    assert db_records() == []


def test_a_folder_consent_answer_yes_is_the_builtin_yes(tmp_path: Path) -> None:
    folder = own_set(tmp_path, INVERTED)
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "profile:\n  consent: no\n  destination: TW\n  job: housekeeper\n  route: agency\n"
        "  marital: single\n  age: 30\n  funding: own\nanswers:\n  passport: yes\n",
        encoding="utf-8",
    )
    res = CliRunner().invoke(
        app, ["assess", "--answers", str(answers), "--checklists", str(folder), "--lang", "en"]
    )
    assert res.exit_code == 0, res.output
    assert db_records() == []  # "no" is no, whatever the folder's labels said


def test_the_contacts_are_the_builtin_ones_for_a_folder_of_its_own(tmp_path: Path) -> None:
    folder = own_set(tmp_path, None)  # mini brings a contacts file with a test number
    catalog = load_catalog([folder])
    builtin = load_catalog()
    assert catalog.contacts == builtin.contacts
    res = CliRunner().invoke(app, ["contacts", "--checklists", str(folder), "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "0000-TEST" not in res.stdout
    assert "0800-1000" in res.stdout


def test_other_contacts_only_through_a_named_file_and_the_catalog_says_so() -> None:
    catalog = load_catalog(contacts=MINI / "contacts.yaml")
    assert catalog.contacts is not None
    assert [c.value for c in catalog.contacts.contacts] == ["0000-TEST"]
    assert catalog.origin is not None and catalog.origin.contacts_file.endswith("contacts.yaml")
    assert load_catalog().origin is None  # the built-in set with its verified contacts


def test_a_contacts_file_that_is_not_one_is_refused(tmp_path: Path) -> None:
    from pmi_ready.core import ProblemsError

    with pytest.raises(ProblemsError):
        load_catalog(contacts=MINI / "docs.yaml")
    with pytest.raises(ProblemsError):
        load_catalog(contacts=tmp_path / "nope.yaml")


def test_a_folder_of_its_own_keeps_the_builtin_warning_signs(tmp_path: Path) -> None:
    folder = own_set(tmp_path, None)
    catalog = load_catalog([folder])
    builtin = load_catalog()
    signs = {it.id for it in builtin.items() if it.red_flag}
    assert signs <= {it.id for it in catalog.items()}
    assert [c.id for c in catalog.checklists][:2] == ["docs", "flags"]  # the folder's first
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "profile:\n  consent: yes\n  destination: TW\n  job: housekeeper\n  route: agency\n"
        "  marital: single\n  age: 30\n  funding: own\nanswers:\n  visit-visa-for-work: yes\n",
        encoding="utf-8",
    )
    res = CliRunner().invoke(
        app, ["assess", "--answers", str(answers), "--checklists", str(folder), "--lang", "en"]
    )
    assert res.exit_code == 0, res.output
    [rec] = db_records()
    assert rec.status == "stop"  # type: ignore[attr-defined]


def test_a_folder_cannot_replace_a_builtin_warning_sign(tmp_path: Path) -> None:
    from pmi_ready.core import ProblemsError

    folder = own_set(tmp_path, None)
    text = (folder / "flags.yaml").read_text(encoding="utf-8")
    (folder / "flags.yaml").write_text(text.replace("id: flags", "id: red-flags", 1), "utf-8")
    with pytest.raises(ProblemsError) as e:
        load_catalog([folder])
    assert "built-in warning signs" in str(e.value.problems[0])
    text = text.replace("id: passport-held", "id: passport-held-by-others")
    (folder / "flags.yaml").write_text(text, "utf-8")
    with pytest.raises(ProblemsError) as e:
        load_catalog([folder])
    assert "passport-held-by-others" in str(e.value.problems[0])


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "xlsform"])
def test_every_printout_names_a_set_that_is_not_the_builtin_one(tmp_path: Path, fmt: str) -> None:
    suffix = "xlsx" if fmt == "xlsform" else fmt
    out = tmp_path / f"sheet.{suffix}"
    res = CliRunner().invoke(
        app, ["checklists", "export", "--checklists", str(MINI), "-f", fmt, "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    if fmt == "pdf":
        from pypdf import PdfReader

        text = " ".join((p.extract_text() or "") for p in PdfReader(out).pages)
    elif fmt == "xlsform":
        from openpyxl import load_workbook

        sheet = load_workbook(out)["settings"]
        text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    else:
        text = out.read_text(encoding="utf-8")
    text = " ".join(text.split())
    assert "mini" in text and load_catalog([MINI]).origin.fingerprint in text  # type: ignore[union-attr]
    builtin = tmp_path / f"builtin.{suffix}"
    assert (
        CliRunner().invoke(app, ["checklists", "export", "-f", fmt, "-o", str(builtin)]).exit_code
        == 0
    )
    if fmt in ("md", "html"):
        assert "Checklist set" not in builtin.read_text(encoding="utf-8")


def test_a_contacts_file_is_named_by_every_report_and_the_contacts_command(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "profile:\n  consent: yes\n  destination: TW\n  job: housekeeper\n  route: agency\n"
        "  marital: single\n  age: 30\n  funding: own\n",
        encoding="utf-8",
    )
    mine = str(MINI / "contacts.yaml")
    runner = CliRunner()
    assert runner.invoke(app, ["assess", "--answers", str(answers)]).exit_code == 0
    [rec] = db_records()
    aid = rec.id[:8]  # type: ignore[attr-defined]
    for fmt in ("terminal", "summary", "md", "html", "json"):
        res = runner.invoke(app, ["report", aid, "-f", fmt, "--contacts", mine, "--lang", "en"])
        assert res.exit_code == 0, res.output
        text = " ".join(res.stdout.split())
        assert "not the built-in verified contacts" in text, fmt
        assert "0000-TEST" in text or fmt == "summary", fmt
    res = runner.invoke(app, ["contacts", "--contacts", mine, "--lang", "en"])
    assert "not the built-in verified contacts" in " ".join(res.stdout.split())
    res = runner.invoke(app, ["report", aid, "--lang", "en"])
    assert "not the built-in verified contacts" not in " ".join(res.stdout.split())
