"""The walk in a real pseudo-terminal: a full walk, and a SIGKILL half-way followed by `resume`."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from pmi_ready.store import Store
from tests.conftest import mini_signs
from tests.pty_helpers import spawn_cli

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only"),
]
pexpect = pytest.importorskip("pexpect")

MINI = Path(__file__).parent / "data" / "mini"
PROMPT = "> "
# the built-in warning signs a walk with the mini set asks after its own questions (PROFILE's)
SIGNS = mini_signs(
    {"destination": "TW", "job": "housekeeper", "route": "agency", "sex": "female"}
    | {"marital": "married", "age": "31", "funding": "loan"}
)
TOTAL = 6 + SIGNS


def spawn(args: list[str], db: Path) -> object:
    return spawn_cli(args, db=db, checklists=MINI)


def answer(child: object, question: str, reply: str) -> None:
    child.expect_exact(question)  # type: ignore[attr-defined]
    child.expect_exact(PROMPT)  # type: ignore[attr-defined]
    child.sendline(reply)  # type: ignore[attr-defined]


PROFILE = [
    ("Does the applicant agree", "y"),
    ("Your name", "Ani"),
    ("Name of the officer", ""),
    ("Which country", "1"),
    ("Which job", "1"),
    ("Through which route", "1"),
    ("Sex", "1"),
    ("Marital status", "2"),
    ("How old are you", "1995-03-04"),
    ("How are the departure costs paid", "2"),
]


def test_full_walk(tmp_path: Path) -> None:
    db = tmp_path / "pty.db"
    child = spawn(["assess", "--lang", "en"], db)
    for q, a in PROFILE:
        answer(child, q, a)
    answer(child, f"Documents · 1/4 · total 1/{TOTAL}", "y")
    answer(child, "Do you have a work visa?", "i")
    child.expect_exact("What to do: Ask through the agency.")
    answer(child, "Do you have a work visa?", "n")
    answer(child, "marriage book", "y")
    answer(child, "kept copies", "y")
    answer(child, "holding your passport", "n")
    answer(child, "Taiwan's rules", "y")
    for _ in range(SIGNS):  # the built-in warning signs, kept in the folder's own set
        child.expect_exact(PROMPT)
        child.sendline("n")
    child.expect_exact("Review your answers")
    answer(child, "q = save and quit", "")  # after "Enter = finish"
    child.expect_exact("NOT READY")  # the whole report ends the walk
    child.expect_exact("Ask through the agency.")  # the next step for the missing visa
    answer(child, "Save a copy of this report?", "")  # a terminal: a copy is offered
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with Store.open(db) as s:
        [rec] = s.list()
    assert rec.finished and len(rec.answers) == 6 + SIGNS and rec.profile["name"] == "Ani"


def test_sigkill_then_resume(tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    child = spawn(["assess", "--lang", "en"], db)
    for q, a in PROFILE:
        answer(child, q, a)
    answer(child, "Do you have a passport?", "y")
    answer(child, "Do you have a work visa?", "n")
    answer(child, "marriage book", "c")
    child.expect_exact("Type the note")
    child.sendline("at the KUA next week")
    # the next prompt appears only after the note was saved: kill the process there
    child.expect_exact("Note: at the KUA next week")
    child.expect_exact(PROMPT)
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL

    with Store.open(db) as s:
        [rec] = s.list(unfinished=True)
    assert {k: a.value.value for k, a in rec.answers.items()} == {
        "passport": "yes",
        "work-visa": "no",
    }
    assert rec.notes == {"marriage-book": "at the KUA next week"}
    assert rec.profile["marital"] == "married" and rec.profile["age"] != ""

    child = spawn(["resume", rec.id[:8]], db)
    child.expect_exact(f"Documents · 3/4 · total 3/{TOTAL}")  # continues at the right item
    child.expect_exact("Note: at the KUA next week")
    child.expect_exact(PROMPT)
    child.sendline("y")
    answer(child, "kept copies", "q")
    child.expect_exact(f"pmi-ready resume {rec.id[:8]}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with Store.open(db) as s:
        again = s.get(rec.id)
    assert again.answers["marriage-book"].note == "at the KUA next week"
    assert set(again.answers) == {"passport", "work-visa", "marriage-book"}


def test_review_back_to_where_it_was_and_jump_goes_on(tmp_path: Path) -> None:
    """At item 3 of 6: r, b comes back to item 3; r, jump to item 1, answer it, and the walk
    goes on in order to item 3 (not to the review, not to the last question)."""
    db = tmp_path / "review.db"
    child = spawn(["assess", "--lang", "en"], db)
    for q, a in PROFILE:
        answer(child, q, a)
    answer(child, "Do you have a passport?", "y")
    answer(child, "Do you have a work visa?", "n")
    answer(child, f"Documents · 3/4 · total 3/{TOTAL}", "r")
    child.expect_exact("Review your answers")
    answer(child, "b = back to 3", "b")
    answer(child, f"Documents · 3/4 · total 3/{TOTAL}", "r")
    answer(child, "b = back to 3", "1")
    answer(child, "Do you have a passport?", "n")
    answer(child, f"Documents · 3/4 · total 3/{TOTAL}", "q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with Store.open(db) as s:
        [rec] = s.list(unfinished=True)
    assert {k: a.value.value for k, a in rec.answers.items()} == {
        "passport": "no",
        "work-visa": "no",
    }


def test_a_red_flag_answer_shows_the_hotline_before_the_next_question(tmp_path: Path) -> None:
    db = tmp_path / "flag.db"
    child = spawn(["assess", "--lang", "en"], db)
    for q, a in PROFILE:
        answer(child, q, a)
    answer(child, "Do you have a passport?", "y")
    answer(child, "Do you have a work visa?", "y")
    answer(child, "marriage book", "y")
    answer(child, "kept copies", "y")
    answer(child, "holding your passport", "y")
    # at once, in both languages, before the next question: the danger and the free hotline
    child.expect_exact("Tanda bahaya: Apakah paspor Anda dipegang orang lain?")  # type: ignore[attr-defined]
    # the built-in, verified hotline: not the number of the folder's own contacts file
    child.expect_exact("0800-1000")  # type: ignore[attr-defined]
    child.expect_exact("Warning sign: Is someone else holding your passport?")  # type: ignore[attr-defined]
    child.expect_exact("Stop for now: do not sign, pay or leave.")  # type: ignore[attr-defined]
    child.expect_exact("0800-1000")  # type: ignore[attr-defined]
    before = child.before  # type: ignore[attr-defined]
    assert "0000-TEST" not in before
    assert "Taiwan's rules" not in before
    answer(child, "Taiwan's rules", "q")
    child.expect(pexpect.EOF)
    child.close()
    with Store.open(db) as s:
        [rec] = s.list(unfinished=True)
    assert rec.status == "stop"
