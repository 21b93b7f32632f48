"""The official contacts were confirmed in "April 2025" (no day): every output says just that."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app

runner = CliRunner()


@pytest.fixture
def assessment_id(tmp_path: Path) -> str:
    template = runner.invoke(app, ["checklists", "template", "--destination", "TW"]).output
    answers = tmp_path / "a.yaml"
    answers.write_text(template.replace("consent: no", "consent: yes"), encoding="utf-8")
    saved = runner.invoke(app, ["assess", "--answers", str(answers)])
    assert saved.exit_code == 0, saved.output
    return saved.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("fmt", ["terminal", "md", "html"])
def test_reports_say_the_month(assessment_id: str, fmt: str) -> None:
    out = runner.invoke(app, ["report", assessment_id, "--format", fmt, "--lang", "en"]).stdout
    assert "April 2025" in out
    assert "April 1, 2025" not in out and "1 April 2025" not in out


def test_json_report_gives_the_month(assessment_id: str) -> None:
    out = runner.invoke(app, ["report", assessment_id, "--format", "json"]).stdout
    assert '"verified": "2025-04"' in out
    assert json.loads(out)


def test_printable_checklist_says_the_month(tmp_path: Path) -> None:
    target = tmp_path / "blank.md"
    done = runner.invoke(app, ["checklists", "export", "-o", str(target)])
    assert done.exit_code == 0, done.output
    text = target.read_text(encoding="utf-8")
    assert "April 2025" in text and "1 April 2025" not in text
