"""`pmi-ready funds`, in the option form and the interactive form, with every kind of bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app

runner = CliRunner()

KNOWN = ["--loan", "30jt", "--interest", "6", "--months", "24", "--lender", "bank"]
WAGE = ["--salary", "22000", "--currency", "TWD", "--rate", "515"]


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["funds", *args], input=input)


def test_option_form_in_english() -> None:
    r = run(*WAGE, *KNOWN, "--lang", "en")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "annuity method" in out
    assert "Monthly instalment: Rp1,329,618" in out
    assert "Total interest: Rp1,910,839; total repaid: Rp31,910,839" in out
    assert "NT$22,000 × 515 = Rp11,330,000" in out
    assert "11.7% of the monthly wage" in out
    assert "guidance" in out
    assert "Warning signs" not in out


def test_option_form_in_indonesian_by_default() -> None:
    r = run(*KNOWN, "--method", "flat")
    assert r.exit_code == 0, r.output
    assert "metode bunga tetap (flat)" in r.stdout
    assert "Cicilan per bulan: Rp1.400.000" in r.stdout


def test_debt_bondage_flags_and_complaint_channel() -> None:
    r = run(
        "--job", "cook",
        "--cost", "passport=350rb",
        "--cost", "agency-fee=15jt",
        "--savings", "2jt",
        "--loan", "30jt", "--interest", "36", "--months", "36",
        "--lender", "individual", "--paid-to", "agency",
        "--collateral", "--salary-deduction", "--contract-months", "24",
        "--lang", "en",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "Placement agency service fee: Rp15,000,000 — may not be charged for your job" in out
    assert "Should not have been asked: Rp15,350,000" in out
    for title in (
        "! You were asked to pay costs the rules forbid",
        "* Interest far above KUR PMI",
        "! The lender is not a bank",
        "! The loan money goes to the agency",
        "! Documents held as collateral",
        "! Repayment by deductions from your wage abroad",
        "* The loan runs longer than the contract",
    ):
        assert title in out
    assert "0800-1000" in out  # the official contacts come from contacts.yaml


def test_other_jobs_say_which_costs_may_fall_on_the_worker() -> None:
    r = run("--job", "factory-worker", "--cost", "passport=350000", "--cost", "visa=2jt")
    assert r.exit_code == 0, r.output
    assert "Paspor: Rp350.000 — bisa ditanggung pekerja" in r.stdout
    assert "Visa kerja: Rp2.000.000 — minta keterangan tertulis siapa yang membayar" in r.stdout
    assert "Bisa ditanggung pekerja:" in r.stdout


def test_json_output() -> None:
    r = run(*KNOWN, "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["loan"]["instalment"] == "1329618"
    assert data["loan"]["total_interest"] == "1910839"
    assert data["loan"]["method"] == "annuity"
    assert data["flags"] == []


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (
            ["--loan", "-5jt", "--interest", "6", "--months", "24"],
            "--loan: the amount cannot be negative",
        ),
        (["--loan", "banyak", "--interest", "6", "--months", "24"], "not a number"),
        (
            ["--loan", "30jt", "--interest", "6", "--months", "0"],
            "--months: the term must be at least 1",
        ),
        (["--loan", "30jt", "--interest", "900", "--months", "24"], "not a believable rate"),
        (["--loan", "30jt", "--interest", "-2", "--months", "24"], "cannot be negative"),
        (
            ["--salary", "22000", "--currency", "TWD", "--rate", "0"],
            "--rate: the exchange rate must be more than 0",
        ),
        (["--salary", "22000", "--currency", "TWD", "--rate", "9999999"], "not believable"),
        (["--salary", "22000", "--currency", "TWD"], "--rate: the wage is in TWD"),
        (["--salary", "22000", "--currency", "TAIWAN"], "--currency: use a three-letter code"),
        (["--loan", "30jt"], "a loan needs --interest and --months too"),
        (["--lender", "bnak"], '--lender: "bnak" is not one of: kur, bank'),
        (["--paid-to", "me"], '--paid-to: "me" is not one of: worker, agency, other'),
        (["--job", "driver"], '--job: "driver" is not one of'),
        (["--method", "balloon", "--loan", "1jt", "--interest", "6", "--months", "2"], "--method"),
        (["--cost", "pasport=350000"], "known cost id"),
        (["--cost", "passport"], "ID=AMOUNT"),
        (["--cost", "passport=abc"], "--cost: passport"),
        (["--cost", "visa=1jt", "--cost", "visa=2jt"], "given twice"),
        (["--savings", "99999999999"], "far too large"),
    ],
)
def test_every_bad_option_is_exit_1_with_a_clear_message(args: list[str], fragment: str) -> None:
    r = run(*args, "--lang", "en")
    assert r.exit_code == 1, r.output
    assert fragment in r.stderr
    assert "Traceback" not in r.output


def test_bad_option_message_in_indonesian() -> None:
    r = run("--loan", "-1", "--interest", "6", "--months", "24")
    assert r.exit_code == 1
    assert "--loan: jumlah uang tidak boleh negatif" in r.stderr
    assert "Contoh: 1.500.000 atau 1,5 jt atau 30jt" in r.stderr


INTERACTIVE = [
    "1",  # job: housekeeper
    "1,9",  # costs: passport, agency fee
    "350rb",
    "abc",  # not a number: asked again
    "15jt",
    "maybe",  # not an answer: asked again
    "n",  # no cash without a receipt
    "ya",  # Indonesian under --lang en: asked again
    "y",  # a loan
    "-5",  # savings negative: asked again
    "2jt",
    "30jt",
    "900",  # absurd rate: asked again
    "6",
    "0",  # zero term: asked again
    "24",
    "7",  # not a lender number: asked again
    "2",  # bank
    "1",  # paid to me
    "n",  # collateral
    "n",  # deduction
    "22000",
    "TWD",
    "0",  # zero exchange rate: asked again
    "515",
    "24",
]


def test_interactive_walk_asks_again_on_bad_input() -> None:
    r = run("--lang", "en", input="\n".join(INTERACTIVE) + "\n")
    assert r.exit_code == 0, r.output
    err = r.stderr
    assert 'The cost: "abc" is not a number this tool understands. For example:' in err
    assert "The savings cannot be negative" in err
    assert "not a believable rate" in err
    assert "The term must be at least 1 month" in err
    assert "Type a number from 1 to 6." in err
    assert "The exchange rate must be more than 0" in err
    out = r.stdout
    assert "Monthly instalment: Rp1,329,618" in out
    assert "! You were asked to pay costs the rules forbid" in out
    assert "Should not have been asked: Rp15,350,000" in out
    assert "Still needed: Rp13,350,000" in out


def test_interactive_in_indonesian_without_a_loan() -> None:
    r = run(input="\n\n\nt\n")
    assert r.exit_code == 0, r.output
    assert "Biaya apa saja yang sudah Anda bayar, atau diminta dari Anda?" in r.stdout
    assert "Pinjaman (" not in r.stdout


def test_interactive_yes_no_is_asked_again() -> None:
    r = run("--lang", "en", input="\n\n\nmaybe\nn\n")
    assert r.exit_code == 0, r.output
    assert "Answer y (yes), n (no) or ? (not sure)." in r.stderr


def test_input_ending_early_says_which_options_to_use() -> None:
    r = run("--lang", "en", input="1\n")
    assert r.exit_code == 1
    assert "the input ended before every question was answered" in r.stderr
    assert "pmi-ready funds --loan 30jt" in r.stderr


def test_interactive_json_keeps_stdout_clean() -> None:
    r = run("--json", input="\n\n\nt\n")
    assert r.exit_code == 0, r.output
    # the prompts go to stderr; CliRunner echoes the typed answers into stdout, a terminal would not
    assert "Biaya apa saja" in r.stderr and "Biaya apa saja" not in r.stdout
    assert json.loads(r.stdout[r.stdout.index("{") :])["loan"] is None


def test_help_lists_the_options() -> None:
    r = runner.invoke(app, ["funds", "--help"])
    assert r.exit_code == 0
    for option in ("--salary", "--rate", "--loan", "--lender", "--contract-months", "--method"):
        assert option in r.stdout


class FakeIO:
    """What `assess` would pass to `ask_funds`: scripted answers, recorded output."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers
        self.said: list[str] = []
        self.warned: list[str] = []

    def ask(self, question: str) -> str:
        self.said.append(question)
        return self.answers.pop(0)

    def say(self, text: str) -> None:
        self.said.append(text)

    def warn(self, text: str) -> None:
        self.warned.append(text)


def test_ask_funds_can_be_driven_by_another_command() -> None:
    from decimal import Decimal

    from pmi_ready.checklists import load_catalog
    from pmi_ready.cli.funds_ask import ask_funds
    from pmi_ready.funds import FundsRules, PaidTo
    from pmi_ready.i18n import translator

    rules = FundsRules.from_catalog(load_catalog())
    answers = ["13", "1jt", "n", "y", "", "20jt", "12", "12", "1", "1", "n", "n", "800", "", "3400"]
    answers += [""]
    io = FakeIO([*answers, "15jt"])
    inp = ask_funds(rules, translator("en"), io, job="cook", currency="MYR")
    assert not any("Which job" in s for s in io.said)  # known from the profile: not asked
    assert inp.job == "cook"
    assert inp.costs == (("other", Decimal(1_000_000)),)
    assert (inp.loan, inp.interest, inp.months) == (20_000_000, 12, 12)
    assert (inp.lender, inp.paid_to, inp.collateral) == ("kur", PaidTo.WORKER, False)
    assert (inp.salary, inp.currency, inp.rate) == (800, "MYR", 3400)
    assert inp.contract_months is None
    assert io.warned == []
    assert io.answers == ["15jt"]


def test_other_cost_of_a_zero_cost_job_asks_who_pays() -> None:
    r = run("--job", "cook", "--cost", "other=1jt", "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "Other costs: Rp1,000,000 — ask in writing who pays" in r.stdout


def test_cash_without_a_receipt_is_a_red_flag_without_a_loan() -> None:
    args = ["--job", "factory-worker", "--cost", "agency-fee=15jt", "--cash-without-receipt"]
    r = run(*args, "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "! Cash paid without a receipt" in r.stdout
    r = run(*args[:-1], "--receipts", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["input"]["cash_no_receipt"] is False
    assert "funds:cash-without-receipt" not in {f["code"] for f in data["flags"]}
