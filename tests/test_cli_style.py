"""One style across commands (#19 item 6): `-f` wherever `--format` is, one style of metavar in
both languages, and `report --format html` without `-o` writes a file instead of pouring HTML on
the terminal."""

from __future__ import annotations

import re
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app

COMMANDS = [
    [],
    ["assess"],
    ["resume"],
    ["report"],
    ["funds"],
    ["contacts"],
    ["records"],
    *(
        ["records", c]
        for c in ("list", "show", "export", "import", "sync", "report", "stats", "delete", "purge")
    ),
    ["checklists"],
    *(["checklists", c] for c in ("list", "show", "validate", "template", "export")),
]
# an option line of --help: "  -f, --format csv|xlsx|jsonl  help…" or "  --db PATH|URL  help…"
OPTION = re.compile(r"^  (?:-\w, )?--[\w-]+(?: / --[\w-]+)?(?: (?P<metavar>\S+))?(?:\s\s|$)")
# a value to type, in capitals (FILE, PATH|URL, ID=AMOUNT, SIDE[=ID], FILE...), or the words of
# a choice as they are typed (csv|xlsx|jsonl, ','|';'|tab)
CAPITALS = re.compile(r"^[A-Z][A-Z]*(?:[|=][A-Z]+|\[=[A-Z]+\])*(?:\.\.\.)?$")
WORDS = re.compile(r"^[a-z0-9',;-]+(?:\|[a-z0-9',;-]+)+$")


def _help(args: list[str], lang: str) -> str:
    res = CliRunner().invoke(app, [*args, "--help", "--lang", lang])
    assert res.exit_code == 0, res.output
    return res.stdout


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "root")
def test_metavars_are_one_style(args: list[str], lang: str) -> None:
    text = _help(args, lang)
    assert "<text>" not in text and "<path>" not in text and "<number>" not in text
    for line in text.splitlines():
        m = OPTION.match(line)
        if not m or not m.group("metavar") or m.group("metavar")[0] in "([":
            continue
        metavar = m.group("metavar")
        assert CAPITALS.match(metavar) or WORDS.match(metavar), (line, metavar)
    usage = text.strip().splitlines()[0]
    assert not re.search(r"\[[a-z]+\]", usage), usage  # `[paths]...` was one


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "root")
def test_f_wherever_format(args: list[str]) -> None:
    text = _help(args, "en")
    for line in text.splitlines():
        if re.match(r"^\s+(?:-\w, )?--format\b", line):
            assert line.lstrip().startswith("-f, --format"), line


def test_records_export_takes_f() -> None:
    res = CliRunner().invoke(app, ["records", "export", "-f", "jsonl", "-o", "-"])
    assert res.exit_code == 0, res.output
    assert res.stdout == ""  # no assessments: an empty JSONL export


# ------------------------------------------------------- report --format html without -o
def test_html_report_on_a_terminal_is_written_to_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmi_ready.cli import report
    from tests.test_render_cli import saved

    aid = saved(risky=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(report, "stdout_is_terminal", lambda: True)
    res = CliRunner().invoke(app, ["report", aid, "-f", "html", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert res.stdout == ""  # no markup on the terminal
    (written,) = tmp_path.glob("*.html")
    assert written.name.startswith(f"pmi-ready-{aid[:8]}-20") and written.suffix == ".html"
    assert f"Saved {written.name}: open it in a web browser" in res.stderr
    assert written.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    if sys.platform != "win32":
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
    # -o - still prints it; an -o FILE is written as asked
    res = CliRunner().invoke(app, ["report", aid, "-f", "html", "-o", "-"])
    assert res.exit_code == 0 and res.stdout.lstrip().lower().startswith("<!doctype html")
    assert len(list(tmp_path.glob("*.html"))) == 1


def test_html_report_piped_goes_to_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_render_cli import saved

    aid = saved(risky=False)
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["report", aid, "--format", "html"])  # not a terminal
    assert res.exit_code == 0, res.output
    assert res.stdout.lstrip().lower().startswith("<!doctype html")
    assert not list(tmp_path.glob("*.html"))


@pytest.mark.pty
@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal: POSIX only")
def test_html_report_in_a_real_terminal(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    from tests.pty_helpers import spawn_cli
    from tests.test_render_cli import saved

    aid = saved(risky=False)
    child = spawn_cli(
        ["report", aid, "--format", "html", "--lang", "en"], columns=None, timeout=30, cwd=tmp_path
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "<html" not in child.before.lower()
    (written,) = tmp_path.glob("*.html")
    assert f"Saved {written.name}" in child.before
