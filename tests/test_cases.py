"""Real-world cases, written from the law and the domain facts (not from the code).

Each case is an answers file in ``tests/data/cases/`` (runnable with ``pmi-ready assess --answers
FILE``): the profile and the answers that make the case. Every other question that applies is
answered the safe way, as the case says ("every other answer the safe way"), so a new question in
the checklists does not change what a case tests. The table gives the status the law calls for and
the red flags that must stand, exactly.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from pmi_ready.assessment import evaluate
from pmi_ready.assessment.answers_file import load_answers
from pmi_ready.checklists import load_catalog
from pmi_ready.core import Answer, AnswerValue, Catalog, Readiness, Status, applicable, assess
from pmi_ready.funds import FundsRules

CASES = Path(__file__).parent / "data" / "cases"
STOP, NOT_READY, NEARLY, READY = (
    Status.STOP,
    Status.NOT_READY,
    Status.NEARLY_READY,
    Status.READY,
)

# file, status, red flags (exactly), cautions (codes that must be among them)
TABLE: list[tuple[str, Status, set[str], set[str]]] = [
    ("adult-ready", READY, set(), set()),
    ("under-18", STOP, {"under-18"}, set()),
    ("age-18-exactly", READY, set(), set()),
    ("destination-KH", STOP, {"destination-closed"}, set()),
    ("destination-MM", STOP, {"destination-closed"}, set()),
    ("destination-TH", STOP, {"destination-closed"}, set()),
    ("destination-LA", STOP, {"destination-closed"}, set()),
    ("middle-east-household", STOP, {"middle-east-household-ban"}, set()),
    ("saudi-private-household", STOP, {"middle-east-individual-employer"}, set()),
    ("eps-45", NOT_READY, set(), set()),
    ("eps-39", READY, set(), set()),
    ("forbidden-fee-savings", STOP, {"funds:forbidden-charges"}, set()),
    ("cash-no-receipt-agency", STOP, {"cash-to-sponsor"}, set()),
    ("cash-no-receipt-funds", STOP, {"funds:cash-without-receipt"}, set()),
    # one danger, one red flag: the item's, not the costs step's again
    ("forbidden-fee-said-twice", STOP, {"charged-forbidden-costs", "cash-to-sponsor"}, set()),
    ("someone-pays-everything", STOP, {"someone-pays-everything"}, set()),
    ("no-contract", NOT_READY, set(), set()),
    ("no-certificate", NOT_READY, set(), set()),
    ("kur-loan-to-worker", READY, set(), set()),
    (
        "agency-loan-30",
        STOP,
        {"funds:lender-not-bank", "funds:paid-to-agency"},
        {"funds:interest-far-above-kur"},
    ),
    ("bank-loan-24", NEARLY, set(), {"funds:interest-far-above-kur"}),
    ("instalment-large", NEARLY, set(), {"funds:instalment-share"}),
    ("calo-route", STOP, {"placement-by-individual"}, set()),
    ("umrah-visa", STOP, {"visit-visa-for-work"}, set()),
    ("passport-held", STOP, {"passport-held-by-others"}, set()),
    (
        "child-calo-cambodia",
        STOP,
        {"under-18", "destination-closed", "placement-by-individual"},
        set(),
    ),
    ("important-missing", NEARLY, set(), set()),
    ("unsure-secret", STOP, {"told-to-keep-secret"}, set()),
    ("other-country-named-cambodia", STOP, {"destination-closed"}, set()),
    ("other-country-named-dubai", STOP, {"middle-east-individual-employer"}, set()),
    ("other-country-unlisted", NOT_READY, set(), set()),
]


@cache
def catalog() -> Catalog:
    return load_catalog()


def with_safe_answers(cat: Catalog, profile: dict[str, str], given: dict[str, Answer]):  # type: ignore[no-untyped-def]
    """Every question that applies and the case does not answer, answered the safe way; in
    rounds, because an answer can make more questions apply."""
    answers = dict(given)
    while True:
        added = {
            it.id: Answer(it.id, it.ready_when)
            for _, it in applicable(cat.checklists, profile, answers)
            if it.from_profile is None and it.id not in answers
        }
        if not added:
            return answers
        answers.update(added)


def run_case(name: str) -> Readiness:
    cat = catalog()
    f = load_answers(str(CASES / f"{name}.yaml"), cat)
    answers = with_safe_answers(cat, f.profile, f.answers)
    data = {"funds": f.funds} if f.funds is not None else None
    ev = evaluate(cat, f.profile, answers, data)
    assert ev.funds_problem is None, ev.funds_problem
    return ev.readiness


def test_every_case_file_is_in_the_table() -> None:
    assert {p.stem for p in CASES.glob("*.yaml")} == {row[0] for row in TABLE}
    assert len(TABLE) >= 20


@pytest.mark.parametrize(("name", "status", "flags", "cautions"), TABLE, ids=[r[0] for r in TABLE])
def test_case(name: str, status: Status, flags: set[str], cautions: set[str]) -> None:
    r = run_case(name)
    assert {f.code for f in r.red_flags} == flags
    assert cautions <= {f.code for f in r.cautions}
    assert r.status is status


def test_under_18_is_never_asked_and_never_ready() -> None:
    r = run_case("under-18")
    asked = {it.id for _, it in applicable(catalog().checklists, r.profile, r.answers)}
    assert "age-18-or-over" not in asked  # the profile holds the age: no question about it
    flag = next(f for f in r.red_flags if f.code == "under-18")
    assert "18" in flag.title.en and "uu18-p5" in flag.source_ids


def test_eps_age_comes_from_the_profile() -> None:
    r = run_case("eps-45")
    assert r.missing_critical == ("kr-age-18-39",)
    assert "kr-age-18-39" not in r.answers  # never asked


def test_no_contract_asks_nothing_about_its_content() -> None:
    r = run_case("no-contract")
    shown = {x.item.id for x in r.results}
    assert "employment-contract" in shown
    assert not {i for i in shown if i.startswith("contract-")}
    assert r.missing_critical == ("employment-contract",)


def test_no_certificate_is_not_asked_who_issued_it() -> None:
    r = run_case("no-certificate")
    shown = {x.item.id for x in r.results}
    assert "competency-certificate" in shown and "competency-lsp-bnsp" not in shown


def test_the_calo_route_is_not_asked_again() -> None:
    r = run_case("calo-route")
    assert "individual-recruiter" not in {x.item.id for x in r.results}


def test_red_flag_titles_say_what_the_danger_is() -> None:
    r = run_case("child-calo-cambodia")
    for f in r.red_flags:
        assert not f.title.en.endswith("?"), f.title.en


def test_every_shipped_red_flag_says_what_the_danger_is() -> None:
    missing = [it.id for it in catalog().items() if it.red_flag and it.flag is None]
    assert missing == []


def test_one_danger_is_one_red_flag_whichever_question_found_it() -> None:
    """The checklist items and the costs step ask about the same two dangers (forbidden charges,
    cash without a receipt): said in both places they count once; said in one, they count."""
    cat = catalog()
    f = load_answers(str(CASES / "forbidden-fee-said-twice.yaml"), cat)
    answers = with_safe_answers(cat, f.profile, f.answers)
    both = evaluate(cat, f.profile, answers, {"funds": f.funds}).readiness
    assert both.counts["red_flags"] == 2 and len(both.red_flags) == 2
    items_only = evaluate(cat, f.profile, answers).readiness
    assert {x.code for x in items_only.red_flags} == {x.code for x in both.red_flags}
    safe = with_safe_answers(cat, f.profile, {})  # the items answered the safe way
    funds_only = evaluate(cat, f.profile, safe, {"funds": f.funds}).readiness
    assert {x.code for x in funds_only.red_flags} == {
        "funds:forbidden-charges",
        "funds:cash-without-receipt",
    }
    shipped = FundsRules.from_catalog(cat).flags
    assert (shipped["forbidden-charges"].same_as, shipped["cash-without-receipt"].same_as) == (
        "charged-forbidden-costs",
        "cash-to-sponsor",
    )
    assert {shipped[c].same_as for c in ("forbidden-charges", "cash-without-receipt")} <= {
        it.id for it in cat.items() if it.red_flag
    }


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_hidden_answer_never_counts(data: st.DataObject) -> None:
    """Whatever the answers, an answer to a question that does not apply — hidden by the profile
    or by another answer (no written contract hides the questions about its content) — changes
    nothing: scoring with every answer equals scoring with only the answers that apply."""
    cat = catalog()
    profile = dict(load_answers(str(CASES / "adult-ready.yaml"), cat).profile)
    for f in cat.profile.fields:
        if f.choices and f.id != "consent":
            profile[f.id] = data.draw(st.sampled_from([c.value for c in f.choices]), label=f.id)
    profile["age"] = str(data.draw(st.integers(15, 60), label="age"))
    values = [AnswerValue.YES, AnswerValue.NO, AnswerValue.UNSURE]
    answers = {
        it.id: Answer(it.id, data.draw(st.sampled_from(values), label=it.id))
        for it in cat.items()
        if it.from_profile is None and data.draw(st.booleans(), label=f"{it.id}?")
    }
    shown = {it.id for _, it in applicable(cat.checklists, profile, answers)}
    visible = {k: a for k, a in answers.items() if k in shown}
    full, seen = assess(cat, profile, answers), assess(cat, profile, visible)
    assert full.status is seen.status
    assert [f.code for f in full.red_flags] == [f.code for f in seen.red_flags]
    assert full.counts == seen.counts and full.missing_critical == seen.missing_critical
