"""The funds core: amounts as typed, loan arithmetic, the rules file and its validator, flags."""

from __future__ import annotations

import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from pmi_ready.checklists import load_catalog, validate
from pmi_ready.core import PmiReadyError, assess
from pmi_ready.funds import (
    AmountError,
    parse_amount,
    parse_months,
    parse_percent,
    parse_rate,
    render_funds_text,
)
from pmi_ready.funds.checker import FundsInput, FundsRules, Method, PaidTo, check, loan_schedule
from pmi_ready.funds.inputs import FundsInputError
from pmi_ready.i18n import translator

ROOT = Path(__file__).resolve().parent.parent
FUNDS_YAML = ROOT / "checklists" / "funds.yaml"
MINI = ROOT / "tests" / "data" / "mini"


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog()


@pytest.fixture(scope="module")
def rules(catalog) -> FundsRules:  # type: ignore[no-untyped-def]
    return FundsRules.from_catalog(catalog)


# --------------------------------------------------------------------------- amounts
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.500.000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("1500000", 1_500_000),
        ("1,5 jt", 1_500_000),
        ("1.5jt", 1_500_000),
        ("15 juta", 15_000_000),
        ("30jt", 30_000_000),
        ("Rp 2.000.000", 2_000_000),
        ("Rp1,329,618", 1_329_618),
        ("rp. 350.000", 350_000),
        ("500rb", 500_000),
        ("2 juta rupiah", 2_000_000),
        ("0", 0),
        ("1.234.567,89", D("1234567.89")),
        ("NT$22,000.50", D("22000.50")),
        ("NT$22.000,50", D("22000.50")),
        ("MYR 1,500", 1500),
        ("22000.5", D("22000.5")),
    ],
)
def test_amounts_as_people_type_them(text: str, value: int | D) -> None:
    assert parse_amount(text) == D(value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("-5", "cannot be negative"),
        ("Rp -1.000", "cannot be negative"),
        ("abc", "not a number"),
        ("1.50.000", "not a number"),
        ("1,2,3", "not a number"),
        ("", "nothing was typed"),
        ("99999999999", "far too large"),
    ],
)
def test_bad_amounts_say_why_and_give_an_example(text: str, fragment: str) -> None:
    with pytest.raises(AmountError) as e:
        parse_amount(text)
    assert fragment in e.value.message
    assert e.value.hint is not None and "1,5 jt" in e.value.hint


def test_amount_errors_in_indonesian() -> None:
    with pytest.raises(AmountError) as e:
        parse_amount("-5", what="the loan")
    message, example = e.value.localized(translator("id"))
    assert message == "pinjaman tidak boleh negatif"
    assert example == "Contoh: 1.500.000 atau 1,5 jt atau 30jt"


def test_percent_months_rate() -> None:
    assert parse_percent("6") == 6
    assert parse_percent("6,5%") == D("6.5")
    assert parse_months("24") == 24
    assert parse_months("2 tahun") == 24
    assert parse_months("36 bulan") == 36
    assert parse_rate("515,5") == D("515.5")
    assert parse_rate("0.605") == D("0.605")
    for bad, parse in [
        ("900", parse_percent),
        ("-1", parse_percent),
        ("0", parse_months),
        ("-3", parse_months),
        ("1,5", parse_months),
        ("400", parse_months),
        ("0", parse_rate),
        ("500000", parse_rate),
    ]:
        with pytest.raises(AmountError):
            parse(bad)


@given(
    st.decimals(min_value=0, max_value=500, places=3, allow_nan=False, allow_infinity=False),
    st.sampled_from([".", ","]),
    st.sampled_from(["", "%", " %", " persen"]),
)
def test_a_percent_with_three_decimals_is_never_read_as_thousands(
    rate: D, sep: str, unit: str
) -> None:
    # "6.125" is six and an eighth percent (an XLSForm decimal, or typed): a rate is never in
    # the thousands, so one separator is always its decimal point.
    text = format(rate, "f").replace(".", sep) + unit
    assert parse_percent(text) == rate


def test_percent_6_125() -> None:
    assert parse_percent("6.125") == D("6.125")
    assert parse_percent("6,125 %") == D("6.125")


@given(st.integers(min_value=0, max_value=10_000_000_000), st.sampled_from(["id", "en"]))
def test_formatted_rupiah_parses_back(amount: int, lang: str) -> None:
    text = translator(lang).money(D(amount))
    assert parse_amount(text) == amount


@given(
    st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False),
    st.sampled_from(["id", "en"]),
    st.sampled_from(["TWD", "HKD", "MYR", "SGD", "USD"]),
)
def test_formatted_foreign_amounts_parse_back(amount: D, lang: str, currency: str) -> None:
    text = translator(lang).money(amount, currency)
    assert parse_amount(text) == amount


def test_money_is_readable_in_both_languages() -> None:
    id_, en = translator("id"), translator("en")
    assert id_.money(D(1_329_618)) == "Rp1.329.618"
    assert en.money(D(1_329_618)) == "Rp1,329,618"
    assert id_.money(D(22000), "TWD") == "NT$22.000"
    assert en.money(D(22000), "TWD") == "NT$22,000"
    assert en.money(D("1500.5"), "MYR") == "MYR 1,500.50"


# --------------------------------------------------------------------------- loan arithmetic
def test_known_annuity_values() -> None:
    loan = loan_schedule(D(30_000_000), D(6), 24)
    assert loan.instalment == 1_329_618
    assert loan.total_interest == 1_910_839
    assert loan.total_repaid == 31_910_839
    assert loan.instalment * 23 + loan.last_instalment == loan.total_repaid
    assert loan_schedule(D(100_000_000), D(6), 36).instalment == 3_042_194


def test_zero_interest_divides_evenly() -> None:
    loan = loan_schedule(D(30_000_000), D(0), 24)
    assert loan.instalment == loan.last_instalment == 1_250_000
    assert loan.total_interest == 0
    assert loan_schedule(D(30_000_000), D(0), 24, Method.FLAT).instalment == 1_250_000
    odd = loan_schedule(D(1_000_000), D(0), 3)
    assert (odd.instalment, odd.last_instalment, odd.total_repaid) == (333_333, 333_334, 1_000_000)


def test_flat_rate() -> None:
    loan = loan_schedule(D(30_000_000), D(6), 24, Method.FLAT)
    assert loan.instalment == 1_400_000
    assert loan.total_interest == 3_600_000
    assert loan.method is Method.FLAT


def test_loan_rejects_impossible_terms() -> None:
    with pytest.raises(ValueError):
        loan_schedule(D(1000), D(6), 0)


amounts = st.integers(min_value=0, max_value=10_000_000_000).map(D)
rates = st.decimals(min_value=0, max_value=500, places=2, allow_nan=False)
terms = st.integers(min_value=1, max_value=360)
methods = st.sampled_from(list(Method))


@given(amounts, rates, terms, methods)
def test_total_repaid_never_below_principal(p: D, r: D, n: int, m: Method) -> None:
    loan = loan_schedule(p, r, n, m)
    assert loan.total_repaid >= loan.principal
    assert loan.total_interest >= 0


@given(amounts, rates, rates, terms, methods)
def test_higher_rate_never_lowers_the_instalment(p: D, r1: D, r2: D, n: int, m: Method) -> None:
    lo, hi = sorted((r1, r2))
    assert loan_schedule(p, hi, n, m).instalment >= loan_schedule(p, lo, n, m).instalment


# --------------------------------------------------------------------------- input round trip
def full_input() -> FundsInput:
    return FundsInput(
        job="housekeeper",
        costs=(("passport", D(350_000)), ("agency-fee", D(15_000_000)), ("other", D(500_000))),
        savings=D(2_000_000),
        loan=D(30_000_000),
        interest=D(24),
        months=36,
        lender="agency",
        paid_to=PaidTo.AGENCY,
        collateral=True,
        salary_deduction=True,
        salary=D(20_000),
        currency="TWD",
        rate=D(515),
        contract_months=24,
    )


@given(
    st.builds(
        FundsInput,
        job=st.none() | st.sampled_from(["cook", "factory-worker"]),
        costs=st.lists(st.tuples(st.sampled_from(["passport", "visa"]), amounts), max_size=2).map(
            lambda xs: tuple(dict(xs).items())
        ),
        savings=st.none() | amounts,
        loan=st.none() | amounts,
        interest=st.none() | rates,
        months=st.none() | terms,
        lender=st.none() | st.sampled_from(["kur", "online"]),
        paid_to=st.none() | st.sampled_from(list(PaidTo)),
        collateral=st.none() | st.booleans(),
        salary_deduction=st.none() | st.booleans(),
        method=methods,
        salary=st.none() | amounts,
        currency=st.sampled_from(["IDR", "TWD"]),
        rate=st.none() | st.decimals(min_value=1, max_value=100_000, places=2),
        contract_months=st.none() | terms,
    )
)
def test_input_json_round_trip(inp: FundsInput) -> None:
    import json

    assert FundsInput.from_dict(json.loads(json.dumps(inp.to_dict()))) == inp


def test_input_from_an_answers_file() -> None:
    inp = FundsInput.from_dict(
        {"loan": "30jt", "interest": "6,5", "months": "2 tahun", "collateral": "tidak"}
    )
    assert (inp.loan, inp.interest, inp.months, inp.collateral) == (30_000_000, D("6.5"), 24, False)
    with pytest.raises(FundsInputError, match="did you mean 'loan'"):
        FundsInput.from_dict({"laon": "30jt"})
    with pytest.raises(FundsInputError, match="paid_to"):
        FundsInput.from_dict({"paid_to": "bank"})
    with pytest.raises(FundsInputError, match="loan: the amount cannot be negative"):
        FundsInput.from_dict({"loan": "-1"})


# --------------------------------------------------------------------------- the check
def test_rules_come_from_the_data_file(rules: FundsRules) -> None:
    assert (rules.kur_rate, rules.kur_max_amount, rules.kur_max_months) == (6, 100_000_000, 36)
    assert rules.instalment_share == 30
    assert len(rules.zero_cost_jobs) == 10
    assert "fishing-crew" in rules.zero_cost_jobs and "factory-worker" not in rules.zero_cost_jobs
    assert {"passport", "agency-fee", "tickets"} <= rules.forbidden
    assert "other" not in rules.forbidden
    assert [x.id for x in rules.lenders] == [
        "kur",
        "bank",
        "cooperative",
        "agency",
        "individual",
        "online",
    ]
    assert rules.contacts is not None


def test_everything_unsafe_is_flagged(rules: FundsRules) -> None:
    res = check(full_input(), rules)
    assert res.zero_cost_job is True
    assert res.total_costs == 15_850_000
    assert res.forbidden_total == 15_350_000
    assert (res.gap, res.gap_without_forbidden) == (13_850_000, 0)
    assert res.wage_idr == 10_300_000
    codes = [f.code for f in res.red_flags()]
    assert codes == [
        "funds:forbidden-charges",
        "funds:lender-not-bank",
        "funds:paid-to-agency",
        "funds:documents-collateral",
        "funds:salary-deduction",
    ]
    # a guidance threshold (18 % a year) is a caution, not a red flag
    assert [f.code for f in res.warnings] == ["interest-far-above-kur", "term-beyond-contract"]
    assert [f.code for f in res.cautions()] == [
        "funds:interest-far-above-kur",
        "funds:term-beyond-contract",
    ]
    assert all(f.caution for f in res.cautions())
    forbidden = res.red_flags()[0]
    assert "Rp15.350.000" in forbidden.detail.id and "Rp15,350,000" in forbidden.detail.en
    assert "Paspor" in forbidden.detail.id and "Passport" in forbidden.detail.en
    assert forbidden.source_ids == ("per-bp2mi-9-2020", "uu18-p30")


def test_a_safe_kur_loan_raises_no_flag(rules: FundsRules) -> None:
    inp = FundsInput(
        job="factory-worker",
        costs=(("passport", D(350_000)), ("tickets", D(8_000_000))),
        loan=D(30_000_000),
        interest=D(6),
        months=24,
        lender="kur",
        paid_to=PaidTo.WORKER,
        collateral=False,
        salary_deduction=False,
        salary=D(22_000),
        currency="TWD",
        rate=D(515),
        contract_months=36,
    )
    res = check(inp, rules)
    assert res.flags == ()
    assert res.loan is not None and res.loan.instalment == 1_329_618
    assert res.share == D("0.1174")
    assert res.months_of_wages == D("2.8")
    assert res.kur_saving == 0
    assert [(c.id, c.worker_may_pay, c.forbidden) for c in res.costs] == [
        ("passport", True, False),
        ("tickets", False, False),
    ]


def test_instalment_share_and_kur_limits(rules: FundsRules) -> None:
    inp = FundsInput(loan=D(120_000_000), interest=D(6), months=48, salary=D(5_000_000))
    res = check(inp, rules)
    assert [f.code for f in res.flags] == ["instalment-share", "beyond-kur-terms"]
    assert res.red_flags() == ()
    assert res.kur_loan is None
    assert "Rp100.000.000" in res.flags[1].detail.id


def test_paid_to_someone_else_and_online_lender(rules: FundsRules) -> None:
    inp = FundsInput(
        loan=D(5_000_000), interest=D(12), months=12, lender="online", paid_to=PaidTo.OTHER
    )
    res = check(inp, rules)
    # an online lender may hold a licence: checking it is advised, it is not a warning sign
    assert [f.code for f in res.flags] == ["paid-to-other", "lender-check-licence"]
    assert [f.code for f in res.red_flags()] == ["funds:paid-to-other"]


@pytest.mark.parametrize(
    ("lender", "code", "red"),
    [
        ("kur", None, False),
        ("bank", None, False),
        ("cooperative", "lender-check-licence", False),
        ("online", "lender-check-licence", False),
        ("agency", "lender-not-bank", True),
        ("individual", "lender-not-bank", True),
    ],
)
def test_who_lends(rules: FundsRules, lender: str, code: str | None, red: bool) -> None:
    inp = FundsInput(loan=D(5_000_000), interest=D(6), months=12, lender=lender)
    flags = [f for f in check(inp, rules).flags if f.code.startswith("lender-")]
    assert [f.code for f in flags] == ([code] if code else [])
    assert all(f.red_flag is red for f in flags)


def test_unknown_ids_are_input_errors(rules: FundsRules) -> None:
    for inp, match in [
        (FundsInput(costs=(("pasport", D(1)),)), "did you mean 'passport'"),
        (FundsInput(lender="bnak"), "did you mean 'bank'"),
        (FundsInput(job="driver"), "unknown job"),
        (FundsInput(loan=D(1000)), "interest"),
        (FundsInput(salary=D(100), currency="TWD"), "exchange rate"),
    ]:
        with pytest.raises(FundsInputError, match=match):
            check(inp, rules)


def test_red_flags_lead_the_readiness_report(catalog, rules: FundsRules) -> None:  # type: ignore[no-untyped-def]
    res = check(full_input(), rules)
    readiness = assess(catalog, {"job": "housekeeper"}, {}, extra_flags=res.red_flags())
    codes = [f.code for f in readiness.red_flags]
    assert codes[-6:] == [f.code for f in res.red_flags()]


def test_result_json(rules: FundsRules) -> None:
    data = check(full_input(), rules).to_dict()
    assert data["loan"]["instalment"] == "1176986"
    assert data["kur"]["same_loan"]["instalment"] == "912658"
    assert data["flags"][0]["code"] == "funds:forbidden-charges"
    assert data["contacts"] and all(c["label"]["id"] for c in data["contacts"])


@pytest.mark.parametrize("lang", ["id", "en"])
def test_text_rendering_in_both_languages(rules: FundsRules, lang: str) -> None:
    lines = render_funds_text(check(full_input(), rules), translator(lang))
    text = "\n".join(lines)
    money = "Rp1.176.986" if lang == "id" else "Rp1,176,986"
    assert money in text
    assert ("anuitas" if lang == "id" else "annuity") in text
    assert sum(line.startswith("! ") for line in lines) == 5
    assert sum(line.startswith("* ") for line in lines) == 2
    assert "0800-1000" in text  # from the contacts file, not from code


# --------------------------------------------------------------------------- the validator
def _with_funds(tmp_path: Path, text: str) -> list[str]:
    shutil.copytree(MINI, tmp_path / "mini")
    (tmp_path / "mini" / "funds.yaml").write_text(text, encoding="utf-8")
    _catalog, problems = validate([tmp_path / "mini"])
    return [f"{Path(p.path).name}:{p.line}: {p.message}" for p in problems]


def test_the_shipped_file_is_valid() -> None:
    catalog, problems = validate([ROOT / "checklists"])
    assert problems == []
    assert catalog is not None and "funds-rules" in catalog.data


def test_validator_reports_file_and_line(tmp_path: Path) -> None:
    text = FUNDS_YAML.read_text(encoding="utf-8")
    text = text.replace("  max_months: 36", "  max_months: -3")
    text = text.replace("forbidden: [passport,", "forbidden: [pasport,")
    text = text.replace("Jumlah yang seharusnya tidak diminta: {total}", "Jumlah: {totl}")
    text = text.replace("  - code: paid-to-other", "  - code: paid-to-others")
    text = text.replace("same_as: cash-to-sponsor", "same_as: Cash To Sponsor")
    problems = _with_funds(tmp_path, text)
    lines = text.splitlines()

    def line_of(fragment: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if fragment in line)

    assert (
        f"funds.yaml:{line_of('max_months: -3')}: kur: max_months must be more than 0" in problems
    )
    assert any(
        p.startswith(f"funds.yaml:{line_of('forbidden: [pasport')}:")
        and "'pasport' is not a cost id; did you mean 'passport'?" in p
        for p in problems
    )
    assert any("unknown placeholder {totl}" in p for p in problems)
    assert any(
        "unknown flag code 'paid-to-others'; did you mean 'paid-to-other'?" in p for p in problems
    )
    assert any("no text for paid-to-other" in p for p in problems)
    assert any(
        p.startswith(f"funds.yaml:{line_of('same_as: Cash To Sponsor')}:") and "same_as" in p
        for p in problems
    )
    # the mini fixture does not declare the sources the real file uses
    assert any("refers to the undeclared source 'kur-pmi'" in p for p in problems)


def test_missing_funds_file_is_a_clear_error() -> None:
    catalog = load_catalog([MINI], builtin=False)
    with pytest.raises(PmiReadyError, match="no funds file"):
        FundsRules.from_catalog(catalog)


def test_a_bank_marked_for_a_licence_check_is_a_problem(tmp_path: Path) -> None:
    text = FUNDS_YAML.read_text(encoding="utf-8")
    text = text.replace("- {id: bank, bank: true,", "- {id: bank, bank: true, check: true,")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "check: true, label" in ln)
    problems = _with_funds(tmp_path, text)
    assert f"funds.yaml:{line}: lender 'bank': a bank needs no licence check" in problems
