"""A funds red flag travels with the record: stored status, export, import into another laptop."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from typer.testing import CliRunner

from pmi_ready.cli import app

runner = CliRunner()


def red_flags(db: Path) -> list[int]:
    with closing(sqlite3.connect(db)) as conn:
        return [r[0] for r in conn.execute("SELECT red_flags FROM assessments")]


def test_funds_red_flags_survive_export_and_import(tmp_path: Path) -> None:
    template = runner.invoke(app, ["checklists", "template", "--funding", "loan"]).output
    text = template.replace("consent: no", "consent: yes")
    text = text.replace("  loan:              #", "  loan: 30jt  #")
    text = text.replace("  interest:          #", "  interest: 24  #")
    text = text.replace("  months:            #", "  months: 24  #")
    text = text.replace("  lender:            #", "  lender: individual  #")
    text = text.replace("  collateral:        #", "  collateral: yes  #")
    answers = tmp_path / "a.yaml"
    answers.write_text(text, encoding="utf-8")
    laptop, office = tmp_path / "laptop.db", tmp_path / "office.db"
    saved = runner.invoke(app, ["assess", "--answers", str(answers), "--db", str(laptop)])
    assert saved.exit_code == 0, saved.output
    [flags] = red_flags(laptop)
    assert flags >= 2  # a lender that is not a bank, a document held as collateral

    export = tmp_path / "out.jsonl"
    done = runner.invoke(
        app, ["records", "export", "--format", "jsonl", "-o", str(export), "--db", str(laptop)]
    )
    assert done.exit_code == 0, done.output
    assert "funds" in json.loads(export.read_text(encoding="utf-8").splitlines()[0])["data"]
    imported = runner.invoke(app, ["records", "import", str(export), "--db", str(office)])
    assert imported.exit_code == 0, imported.output
    assert red_flags(office) == [flags]
