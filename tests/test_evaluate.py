"""One evaluation path: `evaluate`, the funds step of the walk, and `funds:` in answers files."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pmi_ready.assessment import evaluate, load_answers, save_answers
from pmi_ready.assessment.flow import Assessment, FundsRequest, Outcome
from pmi_ready.checklists import load_catalog
from pmi_ready.core import Catalog, ProblemsError, Status
from pmi_ready.funds import FundsInput, PaidTo
from pmi_ready.store import Store
from tests.test_interview import TODAY, Script

MINI = Path(__file__).parent / "data" / "mini"
# consent, name, officer, destination (TW), job (housekeeper), route, sex, marital, age, funding
PROFILE_LOAN = ["y", "", "", "1", "1", "1", "", "1", "30", "2"]
ITEMS_ALL_READY = ["y", "y", "y", "n", "y"]  # passport, work-visa, copies, passport-held, tw-only
PROFILE = {
    "destination": "TW",
    "job": "housekeeper",
    "route": "agency",
    "marital": "single",
    "age": "30",
    "funding": "loan",
    "consent": "yes",
}
UNSAFE = {"loan": "30jt", "interest": "6", "months": "24", "lender": "kur", "paid_to": "agency"}
SAFE = {"loan": "30jt", "interest": "6", "months": "24", "lender": "kur", "paid_to": "worker"}


@pytest.fixture(scope="module")
def builtin() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def catalog(builtin: Catalog) -> Catalog:
    """The mini checklists with the shipped funds rules."""
    mini = load_catalog([MINI], builtin=False)
    funds = {k: d for k, d in builtin.data.items() if d.kind == "funds"}
    return replace(mini, data={**mini.data, **funds})


def all_ready(catalog: Catalog) -> dict[str, object]:
    from pmi_ready.core import Answer, AnswerValue

    return {
        it.id: Answer(it.id, it.ready_when if not it.red_flag else AnswerValue.NO)
        for it in catalog.items()
    }


# ------------------------------------------------------------------------------- evaluate
def test_a_funds_red_flag_outranks_a_ready_status(catalog: Catalog) -> None:
    answers = all_ready(catalog)
    plain = evaluate(catalog, PROFILE, answers)  # type: ignore[arg-type]
    assert plain.readiness.status is Status.READY and not plain.readiness.red_flags
    assert plain.funds is None
    ev = evaluate(catalog, PROFILE, answers, {"funds": UNSAFE})  # type: ignore[arg-type]
    assert ev.funds is not None and ev.funds_problem is None
    assert [f.code for f in ev.readiness.red_flags] == ["funds:paid-to-agency"]
    assert ev.readiness.counts["red_flags"] == 1
    safe = evaluate(catalog, PROFILE, answers, {"funds": SAFE})  # type: ignore[arg-type]
    assert safe.funds is not None and not safe.readiness.red_flags


def test_the_profile_job_is_used(catalog: Catalog) -> None:
    data = {"funds": {"job": "factory-worker", "costs": {"passport": "350rb"}}}
    ev = evaluate(catalog, PROFILE, {}, data)
    assert ev.funds is not None and ev.funds.input.job == "housekeeper"
    assert ev.funds.forbidden_total == Decimal(350_000)  # housekeeping is a zero-cost job
    assert "funds:forbidden-charges" in [f.code for f in ev.readiness.red_flags]


@pytest.mark.parametrize(
    ("funds", "fragment"),
    [
        ({"costs": {"bribe": "1jt"}}, "unknown cost 'bribe'"),
        ({"loan": "lots"}, "loan"),
        ({"loan": "30jt"}, "interest"),
        ({"nonsense": 1}, "unknown funds answer"),
        ("not a mapping", "not a mapping"),
    ],
)
def test_bad_stored_funds_are_a_note_not_a_crash(
    catalog: Catalog, funds: object, fragment: str
) -> None:
    ev = evaluate(catalog, PROFILE, {}, {"funds": funds})
    assert ev.funds is None
    assert ev.funds_problem is not None and fragment in ev.funds_problem
    assert ev.readiness.status is Status.NOT_READY  # scored all the same
    assert ev.funds_data is not None


def test_no_funds_rules_file_is_a_note(catalog: Catalog) -> None:
    bare = replace(catalog, data={})
    ev = evaluate(bare, PROFILE, {}, {"funds": SAFE})
    assert ev.funds is None and ev.funds_problem and "funds file" in ev.funds_problem


def test_funds_modules_are_imported_only_for_funds_data() -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pmi_ready.checklists import load_catalog\n"
        "from pmi_ready.assessment.verdict import evaluate\n"
        f"c = load_catalog([Path({str(MINI)!r})], builtin=False)\n"
        "evaluate(c, {'destination': 'TW'}, {}, {'skipped': []})\n"
        "print(sorted(m for m in sys.modules if m.startswith('pmi_ready.funds.checker')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_stored_summary_has_the_funds_flag(catalog: Catalog, tmp_path: Path) -> None:
    text = "profile:\n" + "".join(f"  {k}: {v}\n" for k, v in PROFILE.items())
    text += "funds:\n" + "".join(f"  {k}: {v}\n" for k, v in UNSAFE.items())
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    parsed = load_answers(str(path), catalog)
    assert parsed.funds is not None and parsed.funds["paid_to"] == "agency"
    with Store.open(tmp_path / "s.db") as store:
        aid, readiness = save_answers(store, catalog, parsed, "en")
        assert "funds:paid-to-agency" in [f.code for f in readiness.red_flags]
        row = store.conn.execute("SELECT red_flags FROM assessments WHERE id=?", (aid,)).fetchone()
        assert row[0] == 1
        assert store.get(aid).data["funds"] == parsed.funds


# ------------------------------------------------------------------------- answers files
def test_answers_file_funds_amounts_as_people_type_them(catalog: Catalog, tmp_path: Path) -> None:
    text = (
        "profile: {destination: TW, job: cook, route: agency, marital: single, age: 30,"
        " funding: mixed}\n"
        "funds:\n"
        "  costs: {agency-fee: 15jt, passport: '1.500.000'}\n"
        "  savings: 1,5 jt\n"
        "  loan: 30jt\n  interest: 6,5\n  months: 24\n  lender: bank\n"
        "  collateral: no\n  salary_deduction: yes\n"
        "  salary: 22000\n  currency: twd\n  rate: 515\n"
    )
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    funds = load_answers(str(path), catalog).funds
    assert funds is not None
    inp = FundsInput.from_dict(funds)
    assert inp.costs == (("agency-fee", Decimal(15_000_000)), ("passport", Decimal(1_500_000)))
    assert inp.savings == Decimal(1_500_000) and inp.loan == Decimal(30_000_000)
    assert inp.interest == Decimal("6.5") and inp.currency == "TWD"
    assert inp.collateral is False and inp.salary_deduction is True
    assert inp.job == "cook"  # from the profile


def test_answers_file_funds_problems_have_their_lines(catalog: Catalog, tmp_path: Path) -> None:
    text = (
        "profile: {destination: TW, job: cook, route: agency, marital: single, age: 30,"
        " funding: loan}\n"  # 1
        "funds:\n"  # 2
        "  costs:\n"  # 3
        "    passport: lots\n"  # 4
        "    bribe: 1jt\n"  # 5
        "  loan: -5\n"  # 6
        "  lender: loan-shark\n"  # 7
        "  paid_to: uncle\n"  # 8
        "  job: driver\n"  # 9
        "  colateral: yes\n"  # 10
        "  months: [24]\n"  # 11
    )
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        load_answers(str(path), catalog)
    got = [(p.line, p.message) for p in info.value.problems]
    assert all(p.path.endswith("bad.yaml") for p in info.value.problems)
    lines = [line for line, _ in got]
    assert lines == [4, 5, 6, 7, 8, 9, 10, 11], got
    text_of = dict(got)
    assert "passport" in text_of[4] and "unknown cost 'bribe'" in text_of[5]
    assert "loan-shark" in text_of[7] and "uncle" in text_of[8]
    assert "differs from the profile's job 'cook'" in text_of[9]
    assert "did you mean 'collateral'" in text_of[10]
    assert "single value" in text_of[11]


def test_answers_file_funds_cross_checks_point_at_funds(catalog: Catalog, tmp_path: Path) -> None:
    text = "profile: {destination: TW, job: cook}\nfunds:\n  loan: 30jt\n"
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        load_answers(str(path), catalog)
    funds = [p for p in info.value.problems if p.message.startswith("funds:")]
    assert [(p.line, "interest" in p.message) for p in funds] == [(2, True)]


# ---------------------------------------------------------------------------- the walk
class FundsScript(Script):
    """A scripted asker that also answers the funds step (FundsInput, or a key like "q")."""

    def __init__(self, replies: list[str], funds: list[FundsInput | str]) -> None:
        super().__init__(replies)
        self.funds_replies = list(funds)
        self.requests: list[FundsRequest] = []

    def funds(self, request: FundsRequest) -> FundsInput | str:
        self.requests.append(request)
        if not self.funds_replies:
            raise EOFError
        return self.funds_replies.pop(0)


UNSAFE_INPUT = FundsInput(
    loan=Decimal(30_000_000),
    interest=Decimal(6),
    months=24,
    lender="kur",
    paid_to=PaidTo.AGENCY,
)


def test_the_walk_asks_funds_after_the_items_and_saves_at_once(
    catalog: Catalog, tmp_path: Path
) -> None:
    store = Store.open(tmp_path / "w.db")
    script = FundsScript([*PROFILE_LOAN, *ITEMS_ALL_READY, ""], [UNSAFE_INPUT])
    saved: list[object] = []
    w = Assessment.start(catalog, script, store, "en", today=TODAY)
    w.on_save = lambda: saved.append(w.store.get(w.aid).data.get("funds"))
    assert w.run() is Outcome.FINISHED
    assert script.asked()[10:] == ["passport", "work-visa", "copies", "passport-held", "tw-only"]
    [request] = script.requests
    assert request.job == "housekeeper" and not request.done
    assert len(script.reviews) == 1  # the funds step came before the review
    assert saved[-1] == UNSAFE_INPUT.to_dict()  # written before anything else was asked
    [section] = [s for s in script.reviews[0].sections if s.entries[0].kind == "funds"]
    assert [(e.key, e.value, e.ready) for e in section.entries] == [("f", "done", False)]
    rec = store.get(w.aid)
    assert rec.data["funds"] == UNSAFE_INPUT.to_dict()
    row = store.conn.execute("SELECT status, red_flags FROM assessments").fetchone()
    assert row == ("stop", 1)  # every item ready, but the loan money goes to the agency
    assert [f.code for f in w.readiness().red_flags] == ["funds:paid-to-agency"]
    store.close()


def test_the_review_jumps_to_funds_and_a_redo_replaces_it(catalog: Catalog, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "w.db")
    safe = replace(UNSAFE_INPUT, paid_to=PaidTo.WORKER)
    script = FundsScript([*PROFILE_LOAN, *ITEMS_ALL_READY, "f", ""], [UNSAFE_INPUT, safe])
    w = Assessment.start(catalog, script, store, "en", today=TODAY)
    assert w.run() is Outcome.FINISHED
    assert [r.done for r in script.requests] == [False, True]
    assert len(script.reviews) == 2  # back to the review after the redo
    assert script.reviews[1].sections[-1].entries[0].ready is True
    assert store.get(w.aid).data["funds"] == safe.to_dict()
    assert store.conn.execute("SELECT red_flags FROM assessments").fetchone()[0] == 0
    store.close()


def test_quit_at_funds_then_resume_asks_it_and_keeps_it(catalog: Catalog, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with Store.open(db) as store:
        script = FundsScript([*PROFILE_LOAN, *ITEMS_ALL_READY], ["q"])
        w = Assessment.start(catalog, script, store, "en", today=TODAY)
        assert w.run() is Outcome.QUIT
        aid = w.aid
        assert "funds" not in store.get(aid).data
    with Store.open(db) as store:  # resume: the funds step is the first open one
        script = FundsScript([], [UNSAFE_INPUT])  # then input ends (a killed process)
        w = Assessment.resume(catalog, script, store, store.get(aid), today=TODAY)
        with pytest.raises(EOFError):
            w.run()
        assert len(script.requests) == 1 and script.prompts == []
    with Store.open(db) as store:  # resume again: the funds answers were kept
        record = store.get(aid)
        assert record.data["funds"] == UNSAFE_INPUT.to_dict()
        script = FundsScript([""], [])
        w = Assessment.resume(catalog, script, store, record, today=TODAY)
        assert w.funds == UNSAFE_INPUT.to_dict()
        assert w.run() is Outcome.FINISHED
        assert script.requests == [] and len(script.reviews) == 1  # straight to the review
        assert store.get(aid).finished


def test_skip_funds(catalog: Catalog, tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:
        script = FundsScript([*PROFILE_LOAN, *ITEMS_ALL_READY, ""], ["s"])
        w = Assessment.start(catalog, script, store, "en", today=TODAY)
        assert w.run() is Outcome.FINISHED
        entry = script.reviews[0].sections[-1].entries[0]
        assert (entry.kind, entry.value, entry.skipped) == ("funds", None, True)


def test_the_costs_check_is_asked_without_a_loan_too(catalog: Catalog, tmp_path: Path) -> None:
    """A forbidden fee paid from savings is a warning sign: the step is for everyone (#16)."""
    with Store.open(tmp_path / "w.db") as store:
        own = [*PROFILE_LOAN[:-1], "1"]  # own savings
        paid = FundsInput(costs=(("agency-fee", Decimal(15_000_000)),))
        script = FundsScript([*own, *ITEMS_ALL_READY, ""], [paid])
        w = Assessment.start(catalog, script, store, "en", today=TODAY)
        assert w.run() is Outcome.FINISHED
        [request] = script.requests
        assert request.funding == "own"  # the loan part is not asked
        assert any(e.kind == "funds" for s in script.reviews[0].sections for e in s.entries)
        assert store.get(w.aid).data["funds"] == paid.to_dict()


def test_back_from_funds_returns_to_the_last_item(catalog: Catalog, tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:
        script = FundsScript([*PROFILE_LOAN, *ITEMS_ALL_READY, "", "q"], ["b", "q"])
        w = Assessment.start(catalog, script, store, "en", today=TODAY)
        assert w.run() is Outcome.QUIT
        assert script.asked()[-1] == "tw-only"  # back to the last item, Enter kept its answer
        assert len(script.requests) == 2


def test_the_currency_comes_from_the_destination_pack(builtin: Catalog, tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:
        w = Assessment.start(builtin, FundsScript([], []), store, "en", today=TODAY)
        w.profile.update(PROFILE)
        assert w.funds_request().currency == "TWD"
        w.profile["destination"] = "HK"
        assert w.funds_request().currency == "HKD"
