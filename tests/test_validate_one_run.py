"""`checklists validate` reports every problem in one run (issue #18, item 7): an item with a
problem is still checked to the end — its sources, conditions, id and rules — so that a trainer
does not fix 15 problems to be shown 4 more, then 1 more."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.checklists import validate
from pmi_ready.cli import app
from tests.conftest import DATA, MINI

EVERY = DATA / "every-problem.yaml"

# (line, what the message says): one of each kind, several behind another problem of their item
EXPECTED = [
    (5, "reviewed must be a date written YYYY-MM-DD"),
    (6, "unknown key 'colour' in a checklist"),
    (14, "unknown level 'urgent'"),
    (15, "item 'one' refers to the undeclared source 'not-declared'"),  # behind the level
    (19, "item 'two': how has no English text"),
    (21, "unknown key 'colour' in an item"),
    (23, "duplicate item id 'one' (first at line 10)"),
    (28, "item 'one': when uses the unknown profile field 'planet'"),  # behind the duplicate id
    (32, "item 'four': why has an empty Indonesian text"),
    (35, "'spaceman' is not a value of the profile field 'marital'"),
    (36, "item 'four': red_flag must be true or false"),
    (37, "item 'four' refers to the undeclared source 'also-not-declared'"),
    (38, "duplicate key 'ask' (first at line 31)"),
    (39, "an item is missing 'how'"),
    (43, "item 'five': unless: age: min is larger than max"),  # behind the missing how
    (44, "item 'five' refers to the undeclared source 'nowhere'"),
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(MINI, tmp_path / "base")
    shutil.copy(EVERY, tmp_path / "every.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_problem_in_one_run(folder: Path) -> None:
    catalog, problems = validate([folder / "base", folder / "every.yaml"])
    assert catalog is None
    mine = [p for p in problems if p.path == "every.yaml"]
    for line, message in EXPECTED:
        assert any(p.line == line and message in str(p) for p in mine), (
            f"not found: every.yaml:{line}: {message}\n" + "\n".join(str(p) for p in mine)
        )
    assert len(mine) == len(EXPECTED), "\n".join(str(p) for p in mine)


def test_the_command_prints_each_with_file_and_line(folder: Path) -> None:
    res = CliRunner().invoke(
        app, ["checklists", "validate", "--lang", "en", "--no-builtin", "base", "every.yaml"]
    )
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    for line, message in EXPECTED:
        assert any(x.startswith(f"every.yaml:{line}: ") and message in x for x in lines), res.stdout
    assert lines[-1] == f"{len(EXPECTED)} problems found"
