"""Nothing a record, an import, a checklist folder or the keyboard holds can control the terminal:
every command that prints stored or authored text passes it through one sanitiser
(`pmi_ready.core.for_terminal`, applied by every console of the CLI). And names are normalised
(NFC, no zero-width characters) so that ``--search`` finds them."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.core import for_terminal, normalize_name, one_line
from pmi_ready.store import Store, StoredAssessment
from tests.conftest import MINI
from tests.records_helpers import fill, synth

# An OSC 8 link, a colour, a C1 CSI that clears the screen, a right-to-left override, a BEL.
HOSTILE = (
    "Ani\x1b]8;;http://evil.example/\x1b\\Klik\x1b]8;;\x1b\\ \x1b[31mMerah\x9b2J \u202eabc\x07"
)
DANGER = ("\x1b", "\x9b", "\x9d", "\u202e", "\x07", "\x90")


def safe(text: str) -> None:
    for ch in DANGER:
        assert ch not in text, f"{ch!r} reached the terminal: {text!r}"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def hostile_record() -> StoredAssessment:
    """A stored record whose name, officer, destination, job and notes hold escape sequences (as an
    import or an old database could hold them): unfinished, so `resume` offers it."""
    rec = synth(1, seed=3)[0]
    some_item = next(iter(rec.answers))
    answer = dataclasses.replace(rec.answers[some_item], note=HOSTILE)
    rec = dataclasses.replace(
        rec,
        profile={
            **rec.profile,
            "name": HOSTILE,
            "officer": HOSTILE,
            "destination": "TW\x1b[2J",
            "job": "cook\x1b]0;title\x07",
        },
        answers={**rec.answers, some_item: answer},
        finished=False,
    )
    with Store.open(Path(os.environ["PMI_READY_DB"])) as s:
        fill(s, [rec])
    return rec


@pytest.mark.parametrize(
    "args",
    [
        ["records", "list"],
        ["records", "list", "--include-names"],
        ["records", "stats", "--by", "officer"],
        ["records", "stats", "--by", "job"],
        ["records", "show", "{id}"],
        ["report", "{id}", "--format", "terminal"],
        ["report", "{id}", "--format", "summary"],
    ],
    ids=lambda a: " ".join(a),
)
def test_stored_text_never_controls_the_terminal(
    runner: CliRunner, hostile_record: StoredAssessment, args: list[str]
) -> None:
    argv = [a.format(id=hostile_record.id[:8]) for a in args]
    res = runner.invoke(app, [*argv, "--lang", "en"])
    assert res.exit_code == 0, res.output
    safe(res.stdout)
    safe(res.stderr)


def test_the_delete_prompt_is_safe(runner: CliRunner, hostile_record: StoredAssessment) -> None:
    res = runner.invoke(
        app, ["records", "delete", hostile_record.id[:8], "--lang", "en"], input="n\n"
    )
    assert res.exit_code == 1
    assert "Delete assessment" in res.stderr
    safe(res.stderr)
    safe(res.stdout)


def test_the_resume_chooser_is_safe(runner: CliRunner, hostile_record: StoredAssessment) -> None:
    res = runner.invoke(app, ["resume", "--lang", "en"], input="q\n")
    assert hostile_record.id[:8] in res.output
    safe(res.stdout)
    safe(res.stderr)


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    """The mini checklists with escape sequences in a title, a question, its why and how."""
    folder = tmp_path / "hostile"
    shutil.copytree(MINI, folder)
    docs = folder / "docs.yaml"
    text = docs.read_text(encoding="utf-8")
    text = text.replace(
        "title: {id: Dokumen, en: Documents}",
        'title: {id: "Dok\\e[31m", en: "Docs\\e]8;;http://x\\e\\\\link\\e]8;;\\e\\\\"}',
    )
    text = text.replace('en: "Do you have a passport?"', 'en: "Passport?\\x9b2J\\u202eevil"')
    text = text.replace('en: "A passport is required."', 'en: "Why\\e[5m blink"')
    docs.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "args",
    [["checklists", "list"], ["checklists", "show", "docs"]],
    ids=lambda a: " ".join(a),
)
def test_authored_text_never_controls_the_terminal(
    runner: CliRunner, hostile_folder: Path, args: list[str]
) -> None:
    res = runner.invoke(app, [*args, "--checklists", str(hostile_folder), "--lang", "en"])
    assert res.exit_code == 0, res.output
    safe(res.stdout)
    safe(res.stderr)


def test_the_walk_prompts_are_safe(runner: CliRunner, hostile_folder: Path, tmp_path: Path) -> None:
    # consent, name (with escapes typed), officer, destination, job, route, sex, marital, age,
    # funding; then the first question, its why (i), and quit
    typed = ["y", "Ani\x1b[31m", "", "1", "1", "1", "1", "2", "30", "1", "i", "q"]
    res = runner.invoke(
        app,
        [
            "assess",
            "--lang",
            "en",
            "--db",
            str(tmp_path / "w.db"),
            "--checklists",
            str(hostile_folder),
        ],
        input="\n".join(typed) + "\n",
    )
    assert res.exit_code == 0, res.output
    assert "Passport?" in res.output
    safe(res.output)


def test_json_output_escapes_c1_and_bidi(
    runner: CliRunner, hostile_record: StoredAssessment
) -> None:

    res = runner.invoke(app, ["records", "list", "--json", "--include-names"])
    assert res.exit_code == 0
    safe(res.stdout)
    assert json.loads(res.stdout)[0]["name"] == hostile_record.profile["name"]


# -- the sanitiser itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text", "plain text"),
        ("a\x1b[31mred", "a\ufffdred"),
        ("\x1b]8;;http://e/\x1b\\link\x1b]8;;\x1b\\", "\ufffdlink\ufffd"),
        ("\x1b]8;;http://e/\x07link", "\ufffdlink"),
        ("x\x9b2Jy", "x\ufffdy"),
        ("x\x9d0;t\x9cy", "x\ufffdy"),
        ("a\u202eb\u2066c\u2069", "abc"),
        ("tab\there", "tab here"),
        ("two\nlines", "two\nlines"),
        ("del\x7f", "del\ufffd"),
        ("Ṣiti 王 🇮🇩", "Ṣiti 王 🇮🇩"),
    ],
)
def test_for_terminal(raw: str, shown: str) -> None:
    assert for_terminal(raw) == shown


@given(st.text())
def test_for_terminal_leaves_nothing_that_controls(text: str) -> None:
    out = for_terminal(text)
    assert not any(
        (ord(c) < 32 and c != "\n")
        or 0x7F <= ord(c) <= 0x9F
        or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        for c in out
    )
    assert for_terminal(out) == out
    assert "\n" not in one_line(text)


TRICKY = st.text(
    st.sampled_from(
        [
            "a",
            "e",
            " ",
            "\u0301",
            "\u200b",
            "\u200c",
            "\u200d",
            "\ufeff",
            "\u0628",
            "\U0001f469",
            "\u202e",
            "\x1b",
            "\t",
        ]
    )
)


@given(st.text() | TRICKY)
def test_normalize_name_is_idempotent_and_clean(text: str) -> None:
    name = normalize_name(text)
    assert normalize_name(name) == name
    assert name == name.strip()
    assert "\u200b" not in name and "\x1b" not in name


def test_normalize_name_drops_a_run_of_joiners_that_join_nothing() -> None:
    # found by hypothesis: five non-joiners after a sign took five rounds, the loop stopped at four
    text = "\u00a1" + "\u200c" * 5
    assert normalize_name(text) == "\u00a1"
    assert normalize_name(normalize_name(text)) == normalize_name(text)


def test_normalize_name_joins_what_looks_the_same() -> None:
    assert normalize_name("Siti\u200b  Ami\u200dnah\ufeff") == "Siti Aminah"
    assert normalize_name("Sit\u0069\u0301") == "Sit\u00ed"


# -- names: normalised when typed, found by --search, asked again when not UTF-8 -----------------
NAME_AT = 1  # the name is asked right after the consent
PROFILE = ["y", "Ani", "", "1", "1", "1", "1", "2", "30", "1"]


def _walk_bytes(runner: CliRunner, typed: list[bytes], db: Path) -> str:
    res = runner.invoke(
        app,
        ["assess", "--lang", "en", "--db", str(db), "--checklists", str(MINI)],
        input=b"\n".join(typed) + b"\n",
    )
    assert res.exit_code == 0, res.output
    return res.output


def test_a_typed_name_is_normalised_and_found(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    typed = [p.encode() for p in PROFILE] + [b"q"]
    typed[NAME_AT] = "Siti\u200b  Ami\u200dnah Sit\u0069\u0301".encode()
    _walk_bytes(runner, typed, db)
    with Store.open(db) as s:
        (rec,) = s.list()
    assert rec.profile["name"] == "Siti Aminah Sit\u00ed"
    res = runner.invoke(
        app,
        [
            "records",
            "list",
            "--db",
            str(db),
            "--json",
            "--include-names",
            "--search",
            "aminah sit\u0069\u0301\u200b",
        ],
    )
    assert res.exit_code == 0, res.output
    assert [r["id"] for r in json.loads(res.stdout)] == [rec.id]


def test_a_name_that_is_not_utf8_is_asked_again(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "u.db"
    typed = [p.encode() for p in PROFILE] + [b"q"]
    typed[NAME_AT : NAME_AT + 1] = [b"Ani\xff\xfe", b"Ani Wati"]
    out = _walk_bytes(runner, typed, db)
    assert "could not be read" in out
    with Store.open(db) as s:
        (rec,) = s.list()
    assert rec.profile["name"] == "Ani Wati"


def test_normalize_name_keeps_the_joiners_that_do_a_job() -> None:
    assert normalize_name("👩\u200d🌾 Ani") == "👩\u200d🌾 Ani"  # inside an emoji
    assert normalize_name("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") == (
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # a Persian non-joiner
    )
    assert normalize_name("A\u200cni \u200d") == "Ani"


# -- text written for files and pipes, when it reaches a terminal --------------------------------


def test_the_answers_template_is_safe_and_loads(
    runner: CliRunner, hostile_folder: Path, tmp_path: Path
) -> None:
    import yaml

    res = runner.invoke(
        app, ["checklists", "template", "--checklists", str(hostile_folder), "--lang", "en"]
    )
    assert res.exit_code == 0, res.output
    safe(res.stdout)
    assert "Passport?" in res.stdout
    # the printed file is one a YAML loader reads (control characters would make it refuse)
    assert isinstance(yaml.safe_load(res.stdout), dict)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_blank_checklist_on_stdout_is_safe(
    runner: CliRunner, hostile_folder: Path, fmt: str
) -> None:
    args = ["checklists", "export", "-o", "-", "-f", fmt, "--checklists", str(hostile_folder)]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "Passport?" in res.stdout
    safe(res.stdout)


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_a_report_on_stdout_is_safe(
    runner: CliRunner, hostile_record: StoredAssessment, fmt: str
) -> None:
    res = runner.invoke(app, ["report", hostile_record.id, "--format", fmt, "-o", "-"])
    assert res.exit_code == 0, res.output
    assert "Merah" in res.stdout
    safe(res.stdout)


def test_jsonl_export_escapes_what_a_terminal_acts_on_and_keeps_the_data(
    runner: CliRunner, hostile_record: StoredAssessment
) -> None:
    res = runner.invoke(app, ["records", "export", "-o", "-", "-f", "jsonl", "--include-names"])
    assert res.exit_code == 0, res.output
    safe(res.stdout)
    line = json.loads(res.stdout.splitlines()[0])
    assert line["profile"]["name"] == hostile_record.profile["name"]


def test_for_stdout_cleans_only_on_a_terminal() -> None:
    import io

    from pmi_ready.cli.safe_console import for_stdout

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    pipe = io.StringIO()
    assert for_stdout(pipe) is pipe
    screen = Terminal()
    out = for_stdout(screen)
    out.write("a,\x1b[2Jb\r\n")
    out.flush()
    assert screen.getvalue() == "a,\ufffdb\n"


@pytest.mark.parametrize(
    "args",
    [
        ["records", "export", "-o", "-", "--include-names"],
        ["records", "stats", "--by", "officer", "--format", "csv"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_csv_on_a_terminal_is_safe(
    runner: CliRunner,
    hostile_record: StoredAssessment,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    from typing import TextIO, cast

    from pmi_ready.cli import safe_console

    def as_terminal(stream: TextIO) -> TextIO:
        return cast("TextIO", safe_console._TerminalStream(stream))

    # CliRunner's stdout is no terminal: make it one as far as the command can tell
    monkeypatch.setattr(safe_console, "for_stdout", as_terminal)
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "Merah" in res.stdout
    safe(res.stdout)
