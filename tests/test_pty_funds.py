"""The costs and loan step of `pmi-ready assess` in a real pseudo-terminal: a walk with a loan
(a bad amount is asked again), and a SIGKILL in the middle of the step followed by `resume`.

The checklists are the mini set with the shipped funds rules (`checklists/funds.yaml`) and the
shipped sources it cites, copied into a folder: the walk reaches the funds step after six items
and the built-in warning signs.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pmi_ready.resources import checklists_dir
from pmi_ready.store import Store
from tests.pty_helpers import spawn_cli
from tests.test_pty import PROFILE, PROMPT, SIGNS, answer

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only"),
]
pexpect = pytest.importorskip("pexpect")

MINI = Path(__file__).parent / "data" / "mini"
ITEMS = [  # the mini items for PROFILE (married, Taiwan, funding: a loan), all ready
    ("Do you have a passport?", "y"),
    ("Do you have a work visa?", "y"),
    ("marriage book", "y"),
    ("kept copies", "y"),
    ("holding your passport", "n"),
    ("Taiwan's rules", "y"),
]
COSTS = "Their numbers, separated by commas (Enter: none):"
PASSPORT = "Passport: how much?"
MEDICAL = "Medical and psychological check: how much?"
SAVINGS = "Your own savings for these costs, in rupiah (Enter: skip):"
CASH = "without an official receipt? (y/n/?):"
LOAN = "Loan amount in rupiah:"
INTEREST = "Interest in percent a year"
MONTHS = "Term in months:"
AFTER_MONTHS = [  # the rest of the step: lender, who gets the money, … the contract
    ("Number (Enter: not sure):", "1"),  # lender: Bank, KUR PMI
    ("Number (Enter: not sure):", "1"),  # the worker receives the money
    ("as collateral? (y/n/?):", "n"),
    ("deductions from your wage abroad? (y/n/?):", "n"),
    ("(Enter: skip):", "25000 TWD"),  # the wage in the destination's currency
    ("How many rupiah for one TWD?", "515"),  # the rate, asked: never assumed
    ("Length of the work contract in months (Enter: skip):", "24"),
]


@pytest.fixture(scope="module")
def checklists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import yaml

    folder = tmp_path_factory.mktemp("mini-funds")
    for f in MINI.iterdir():
        shutil.copy(f, folder / f.name)
    shipped = checklists_dir()
    shutil.copy(shipped / "funds.yaml", folder / "funds.yaml")
    mini = yaml.safe_load((MINI / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    full = yaml.safe_load((shipped / "sources.yaml").read_text(encoding="utf-8"))
    extra = {k: v for k, v in full["sources"].items() if k not in mini}
    doc = {"kind": "sources", "id": "funds-sources", "reviewed": full["reviewed"], "sources": extra}
    (folder / "funds-sources.yaml").write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


def spawn(
    args: list[str], db: Path, checklists: Path, columns: int = 100, term: str = "dumb"
) -> object:
    return spawn_cli(args, db=db, checklists=checklists, columns=columns, term=term)


def reply(child: object, question: str, text: str) -> None:
    """A funds question is its own prompt (no "> ")."""
    child.expect_exact(question)  # type: ignore[attr-defined]
    child.sendline(text)  # type: ignore[attr-defined]


def walk_to_funds(child: object) -> None:
    for q, a in [*PROFILE, *ITEMS]:
        answer(child, q, a)
    for _ in range(SIGNS):  # the built-in warning signs, kept in the folder's own set
        child.expect_exact(PROMPT)  # type: ignore[attr-defined]
        child.sendline("n")  # type: ignore[attr-defined]
    child.expect_exact("Costs and loan check")  # type: ignore[attr-defined]


def finish(child: object) -> None:
    """The step's result, then from the review: finish, read the report, decline the copy."""
    # the result is shown before the assessment moves on: instalment, share of wage, flags
    child.expect_exact("Monthly instalment: Rp1,329,618")  # type: ignore[attr-defined]
    child.expect_exact("! You were asked to pay costs the rules forbid")  # type: ignore[attr-defined]
    child.expect_exact("Review your answers")  # type: ignore[attr-defined]
    child.expect_exact("f ✗ Costs and loan check")  # type: ignore[attr-defined]
    answer(child, "q = save and quit", "")  # after "Enter = finish"
    # the report's funds section: the forbidden charges, the loan and its instalment
    # an amount alone is written once, as the first language (--lang en) writes it
    child.expect_exact(  # type: ignore[attr-defined]
        "Should not have been asked / Seharusnya tidak diminta: Rp1,700,000\r\n"
    )
    child.expect_exact("Lender / Pemberi pinjaman: Bank, KUR PMI")  # type: ignore[attr-defined]
    child.expect_exact("Monthly instalment / Cicilan per bulan: Rp1,329,618")  # type: ignore[attr-defined]
    answer(child, "Save a copy of this report?", "")
    child.expect(pexpect.EOF)  # type: ignore[attr-defined]
    child.close()  # type: ignore[attr-defined]
    assert child.exitstatus == 0  # type: ignore[attr-defined]


def assert_saved_funds(db: Path) -> None:
    with Store.open(db) as s:
        [rec] = s.list()
    assert rec.finished
    funds = rec.data["funds"]
    assert isinstance(funds, dict)
    costs = funds["costs"]
    assert isinstance(costs, dict)
    assert {k: Decimal(str(v)) for k, v in costs.items()} == {
        "passport": 1_500_000,
        "medical": 200_000,
    }
    assert Decimal(str(funds["loan"])) == 30_000_000 and funds["months"] == 24
    assert (funds["lender"], funds["paid_to"], funds["currency"]) == ("kur", "worker", "TWD")
    assert Decimal(str(funds["salary"])) == 25_000 and Decimal(str(funds["rate"])) == 515
    with Store.open(db) as s:  # the summary counts the forbidden charges as a red flag
        row = s.conn.execute("SELECT status, red_flags FROM assessments").fetchone()
    assert row == ("stop", 1)


def test_funds_step_asks_again_on_a_bad_amount_and_reports(
    tmp_path: Path, checklists: Path
) -> None:
    db = tmp_path / "funds.db"
    child = spawn(["assess", "--lang", "en"], db, checklists)
    walk_to_funds(child)
    reply(child, COSTS, "1,3")
    reply(child, PASSPORT, "abc")
    child.expect_exact('The cost: "abc" is not a number this tool understands.')
    child.expect(r"For example: 1\.500\.000 or\s+1,5 jt or 30jt")  # wrapped between words
    reply(child, PASSPORT, "1,5 jt")  # the same question again
    reply(child, MEDICAL, "200rb")
    reply(child, CASH, "n")
    # the profile says a loan pays the costs: "are you taking a loan?" is not asked
    reply(child, SAVINGS, "")
    reply(child, LOAN, "30jt")
    reply(child, INTEREST, "6")
    reply(child, MONTHS, "24")
    for q, a in AFTER_MONTHS:
        reply(child, q, a)
    finish(child)
    assert_saved_funds(db)


def test_sigkill_in_the_funds_step_then_resume_keeps_what_was_typed(
    tmp_path: Path, checklists: Path
) -> None:
    db = tmp_path / "kill.db"
    child = spawn(["assess", "--lang", "en"], db, checklists)
    walk_to_funds(child)
    reply(child, COSTS, "1,3")
    reply(child, PASSPORT, "1,5 jt")
    reply(child, MEDICAL, "200rb")
    reply(child, CASH, "n")
    reply(child, SAVINGS, "")
    reply(child, LOAN, "30jt")
    child.expect_exact(INTEREST)  # the next question has appeared: kill the process there
    child.expect_exact("multiply by 12): ")
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    with Store.open(db) as s:
        [rec] = s.list(unfinished=True)
    assert len(rec.answers) == 6 + SIGNS and "funds" not in rec.data

    child = spawn(["resume", rec.id[:8]], db, checklists)
    child.expect_exact("Costs and loan check")  # every item is answered: straight to funds
    child.expect_exact("Your answers typed before are kept")
    # shown, not asked again, in the order they were typed
    child.expect(rf"{re.escape(COSTS)}\s+Passport, Medical and\s+psychological check")
    child.expect_exact(f"{PASSPORT} 1,5 jt")
    child.expect_exact(f"{MEDICAL} 200rb")
    child.expect_exact(f"{CASH} n")
    child.expect_exact(f"{SAVINGS} —")
    child.expect_exact(f"{LOAN} 30jt")
    reply(child, INTEREST, "6")  # the walk goes on at the question that was waiting
    reply(child, MONTHS, "24")
    for q, a in AFTER_MONTHS:
        reply(child, q, a)
    finish(child)
    assert_saved_funds(db)
    with Store.open(db) as s:  # once the step is done, its answers so far are dropped
        assert "funds_draft" not in s.get(rec.id).data


WRAPPED = [  # long texts of the step: each must reach the screen with every word whole
    "These questions check what you paid or were asked to pay (some charges are forbidden for "
    "some jobs, whoever receives them) and, with a loan, what it will cost. Press Enter to skip "
    "a question you cannot answer.",
    'The cost: "abc" is not a number this tool understands. For example: 1.500.000 or 1,5 jt '
    "or 30jt",
    "Did you pay any of it in cash without an official receipt? (y/n/?):",
    "Interest in percent a year (for a monthly rate, multiply by 12):",
    "Expected monthly wage, for example 17000 TWD (Enter: skip):",
    "For your job, the worker may not be charged these costs: Passport, Medical and "
    "psychological check.",
]


@pytest.mark.parametrize("columns", [60, 100])
def test_the_step_wraps_its_text_to_the_window_between_words(
    tmp_path: Path, checklists: Path, columns: int
) -> None:
    """No word is cut in two at the window's edge, and no line is wider than the window (#18)."""
    child = spawn(["assess", "--lang", "en"], tmp_path / "wrap.db", checklists, columns, "xterm")
    walk_to_funds(child)
    seen: list[str] = []
    steps = [
        (COSTS, "1,3"),
        (PASSPORT, "abc"),
        (PASSPORT, "1,5 jt"),
        (MEDICAL, "200rb"),
        (CASH, "n"),
        (SAVINGS, ""),
        (LOAN, "30jt"),
        (INTEREST, "6"),
        (MONTHS, "24"),
        *AFTER_MONTHS,
    ]
    for question, text in steps:
        words = question.split()
        child.expect(r"\s+".join(map(re.escape, words)))  # type: ignore[attr-defined]
        seen.append(child.before + child.after)  # type: ignore[attr-defined]
        child.sendline(text)  # type: ignore[attr-defined]
    child.expect_exact("Review your answers")  # type: ignore[attr-defined]
    seen.append(child.before)  # type: ignore[attr-defined]
    chunks = [re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", c).replace("\r", "") for c in seen]
    # each chunk after the first opens with the echo of what was typed after the last question
    lines = [line for i, c in enumerate(chunks) for line in c.split("\n")[1 if i else 0 :]]
    assert [line for line in lines if len(line) > columns] == []
    shown = "\n".join(chunks)
    flat = " ".join(shown.split())
    for text in WRAPPED:
        assert " ".join(text.split()) in flat, text
    child.sendline("q")  # type: ignore[attr-defined]
    child.expect(pexpect.EOF)
    child.close()  # type: ignore[attr-defined]
