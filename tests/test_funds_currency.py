"""Amounts in another currency ("17000 TWD"), counted with the rate the applicant gives (#18 item
5), and the costs check for everyone who paid or was asked to pay (#16 item 4)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from pmi_ready.checklists import load_catalog
from pmi_ready.cli.funds_ask import ask_funds
from pmi_ready.funds import FundsInput, FundsRules, check
from pmi_ready.funds.amounts import AmountError, parse_money
from pmi_ready.i18n import translator
from tests.test_funds_cli import FakeIO

CODES = st.sampled_from(["TWD", "HKD", "MYR", "SGD", "KRW", "JPY", "SAR", "USD"])
WHOLE = st.integers(min_value=0, max_value=9_999_999)


@given(WHOLE, CODES, st.sampled_from(["{n} {c}", "{c} {n}", "{c}{n}", "{n}{c}", "{n} {l}"]))
def test_an_amount_with_a_currency_code_keeps_both(n: int, code: str, form: str) -> None:
    typed = form.format(n=n, c=code, l=code.lower())
    assert parse_money(typed) == (Decimal(n), code)


@given(WHOLE)
def test_a_bare_number_names_no_currency_and_rupiah_words_say_rupiah(n: int) -> None:
    assert parse_money(str(n)) == (Decimal(n), None)
    assert parse_money(f"Rp {n}") == (Decimal(n), "IDR")
    assert parse_money(f"{n} rb")[1] == "IDR"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("NT$17,000", ("17000", "TWD")), ("HK$ 4.990", ("4990", "HKD")), ("RM1800", ("1800", "MYR"))],
)
def test_currency_signs_that_name_one_currency(typed: str, expected: tuple[str, str]) -> None:
    value, code = parse_money(typed)
    assert (value, code) == (Decimal(expected[0]), expected[1])


@pytest.mark.parametrize("typed", ["$500", "¥20000", "17000 xx"])
def test_a_sign_shared_by_several_currencies_is_refused(typed: str) -> None:
    with pytest.raises(AmountError):
        parse_money(typed)


@pytest.fixture(scope="module")
def rules() -> FundsRules:
    return FundsRules.from_catalog(load_catalog())


def test_a_cost_in_the_destinations_currency_is_counted_with_the_rate_given(
    rules: FundsRules,
) -> None:
    # the agency fee as 17000 TWD: the rate is asked (never assumed), the cost kept in rupiah
    io = FakeIO(["9", "17000 TWD", "515", "t", "500 HKD", "1jt"])
    inp = ask_funds(rules, translator("id"), io, job="cook", currency="TWD", funding="own")
    assert inp.costs == (("agency-fee", Decimal(17000 * 515)),)
    assert inp.cash_no_receipt is False and inp.loan is None
    assert any("Berapa rupiah untuk 1 TWD?" in s for s in io.said)
    assert not any("pinjaman" in s.lower() for s in io.said)  # own savings: no loan questions
    assert io.answers == ["500 HKD", "1jt"]  # nothing more was asked


def test_a_second_currency_for_the_costs_is_asked_again(rules: FundsRules) -> None:
    io = FakeIO(["1,9", "350 TWD", "520", "500 HKD", "15jt", "y"])
    inp = ask_funds(rules, translator("en"), io, job="cook", currency="TWD", funding="employer")
    assert inp.costs == (("passport", Decimal(350 * 520)), ("agency-fee", Decimal(15_000_000)))
    assert inp.cash_no_receipt is True
    assert len(io.warned) == 1 and "TWD" in io.warned[0]


def test_the_loan_is_not_asked_about_again_when_the_profile_says_so(rules: FundsRules) -> None:
    typed = ["", "", "20jt", "6", "24", "1", "1", "n", "n", "25000 TWD", "515", ""]
    io = FakeIO(typed)
    inp = ask_funds(rules, translator("en"), io, job="cook", currency="TWD", funding="loan")
    assert not any("Are you taking a loan" in s for s in io.said)
    assert not any("Currency of the wage" in s for s in io.said)  # "25000 TWD" said it
    assert (inp.loan, inp.salary, inp.currency, inp.rate) == (20_000_000, 25_000, "TWD", 515)
    assert io.answers == []


@pytest.mark.parametrize(
    ("inp", "red", "codes"),
    [
        # a forbidden fee paid from savings, no loan at all: the costs check stops it
        (
            FundsInput(job="housekeeper", costs=(("agency-fee", Decimal(15_000_000)),)),
            True,
            {"forbidden-charges"},
        ),
        # cash without a receipt to a licensed agency, for a job that may carry costs
        (
            FundsInput(
                job="factory-worker",
                costs=(("passport", Decimal(350_000)),),
                cash_no_receipt=True,
            ),
            True,
            {"cash-without-receipt"},
        ),
        # paid with a receipt, a personal cost a factory worker may carry: nothing to flag
        (
            FundsInput(
                job="factory-worker",
                costs=(("passport", Decimal(350_000)),),
                cash_no_receipt=False,
            ),
            False,
            set(),
        ),
    ],
)
def test_the_costs_check_without_a_loan(
    rules: FundsRules, inp: FundsInput, red: bool, codes: set[str]
) -> None:
    result = check(inp, rules)
    assert {f.code for f in result.flags} == codes
    assert bool(result.red_flags()) is red
    assert FundsInput.from_dict(inp.to_dict()) == inp  # stored and read back the same
