"""The costs and loan step of `pmi-ready assess` in a real pseudo-terminal: a walk with a loan
(a bad amount is asked again), and a SIGKILL in the middle of the step followed by `resume`.

The checklists are the mini set with the shipped funds rules (`checklists/funds.yaml`) and the
shipped sources it cites, copied into a folder: the walk reaches the funds step after six items.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pmi_ready.resources import checklists_dir
from pmi_ready.store import Store
from tests.test_pty import PROFILE, answer

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
LOAN_Q = "Are you taking a loan? (y/n):"
LOAN = "Loan amount in rupiah:"
INTEREST = "Interest in percent a year"
MONTHS = "Term in months:"
AFTER_MONTHS = [  # the rest of the step: lender, who gets the money, … the contract
    ("Number (Enter: not sure):", "1"),  # lender: Bank, KUR PMI
    ("Number (Enter: not sure):", "1"),  # the worker receives the money
    ("as collateral? (y/n/?):", "n"),
    ("deductions from your wage abroad? (y/n/?):", "n"),
    ("Expected monthly wage (Enter: skip):", "25000"),
    ("(Enter: IDR):", "TWD"),
    ("How many rupiah for one TWD?", "515"),
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


def spawn(args: list[str], db: Path, checklists: Path) -> object:
    env = {
        **os.environ,
        "TERM": "dumb",
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "PMI_READY_DB": str(db),
        "PYTHONIOENCODING": "utf-8",
    }
    return pexpect.spawn(
        sys.executable,
        ["-m", "pmi_ready", *args, "--checklists", str(checklists)],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )


def reply(child: object, question: str, text: str) -> None:
    """A funds question is its own prompt (no "> ")."""
    child.expect_exact(question)  # type: ignore[attr-defined]
    child.sendline(text)  # type: ignore[attr-defined]


def walk_to_funds(child: object) -> None:
    for q, a in [*PROFILE, *ITEMS]:
        answer(child, q, a)
    child.expect_exact("Costs and loan check")  # type: ignore[attr-defined]


def finish(child: object) -> None:
    """From the review: finish, read the report, decline the copy."""
    child.expect_exact("Review your answers")  # type: ignore[attr-defined]
    child.expect_exact("f ✗ Costs and loan check")  # type: ignore[attr-defined]
    answer(child, "Enter = finish", "")
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
    child.expect_exact("For example: 1.500.000 or 1,5 jt or 30jt")
    reply(child, PASSPORT, "1,5 jt")  # the same question again
    reply(child, MEDICAL, "200rb")
    reply(child, SAVINGS, "")
    reply(child, LOAN_Q, "y")
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
    reply(child, SAVINGS, "")
    reply(child, LOAN_Q, "y")
    reply(child, LOAN, "30jt")
    child.expect_exact(INTEREST)  # the next question has appeared: kill the process there
    child.expect_exact("multiply by 12): ")
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    with Store.open(db) as s:
        [rec] = s.list(unfinished=True)
    assert len(rec.answers) == 6 and "funds" not in rec.data

    child = spawn(["resume", rec.id[:8]], db, checklists)
    child.expect_exact("Costs and loan check")  # every item is answered: straight to funds
    child.expect_exact("Your answers typed before are kept")
    # shown, not asked again, in the order they were typed
    child.expect_exact(f"{COSTS} Passport, Medical and psychological check")
    child.expect_exact(f"{PASSPORT} 1,5 jt")
    child.expect_exact(f"{MEDICAL} 200rb")
    child.expect_exact(f"{SAVINGS} —")
    child.expect_exact(f"{LOAN_Q} y")
    child.expect_exact(f"{LOAN} 30jt")
    reply(child, INTEREST, "6")  # the walk goes on at the question that was waiting
    reply(child, MONTHS, "24")
    for q, a in AFTER_MONTHS:
        reply(child, q, a)
    finish(child)
    assert_saved_funds(db)
    with Store.open(db) as s:  # once the step is done, its answers so far are dropped
        assert "funds_draft" not in s.get(rec.id).data
