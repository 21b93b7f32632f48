"""Nothing typed in the costs and loan step is lost: `ask_funds` hands every accepted answer to
``keep`` before the next question, the walk saves it at once, and a step that was cut off (a
kill, ``q``, input ending) goes on after the answers kept."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pmi_ready.assessment.flow import Assessment, FundsRequest, Outcome
from pmi_ready.checklists import load_catalog
from pmi_ready.cli.funds_ask import ask_funds
from pmi_ready.core import Catalog
from pmi_ready.funds import FundsInput, FundsRules
from pmi_ready.i18n import translator
from pmi_ready.store import Store
from tests.test_evaluate import ITEMS_ALL_READY, MINI, PROFILE_LOAN, FundsScript
from tests.test_funds_cli import FakeIO
from tests.test_interview import TODAY

# costs 1 and 3 with a bad amount first, no cash without a receipt, a loan (the profile does not
# say), no savings, from KUR to the worker, a wage in MYR
TYPED = ["1,3", "abc", "1,5 jt", "200rb", "n", "y", "", "30jt", "6", "24", "1", "1", "n", "?"]
TYPED += ["800", "", "3400", "24"]


@pytest.fixture(scope="module")
def builtin() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def rules(builtin: Catalog) -> FundsRules:
    return FundsRules.from_catalog(builtin)


@pytest.fixture(scope="module")
def catalog(builtin: Catalog) -> Catalog:
    """The mini checklists with the shipped funds rules."""
    mini = load_catalog([MINI], builtin=False)
    funds = {k: d for k, d in builtin.data.items() if d.kind == "funds"}
    return replace(mini, data={**mini.data, **funds})


def run(
    rules: FundsRules, typed: list[str], kept: dict[str, str] | None = None
) -> tuple[FundsInput, list[tuple[str, str]], FakeIO]:
    io = FakeIO(list(typed))
    saved: list[tuple[str, str]] = []
    inp = ask_funds(
        rules,
        translator("en"),
        io,
        job="cook",
        currency="MYR",
        kept=kept,
        keep=lambda k, t: saved.append((k, t)),
    )
    assert io.answers == []  # every typed line was asked for
    return inp, saved, io


def test_every_accepted_answer_is_kept_at_once_in_a_stable_form(rules: FundsRules) -> None:
    inp, saved, io = run(rules, TYPED)
    assert inp.costs == (("passport", Decimal(1_500_000)), ("medical", Decimal(200_000)))
    assert (inp.loan, inp.lender, inp.salary_deduction, inp.currency) == (
        30_000_000,
        "kur",
        None,
        "MYR",
    )
    assert len(io.warned) == 1  # "abc" was refused and is not kept
    assert saved == [
        ("costs", "passport,medical"),  # ids, not the numbers on the list
        ("cost:passport", "1,5 jt"),
        ("cost:medical", "200rb"),
        ("cash", "n"),
        ("has_loan", "y"),
        ("savings", ""),  # asked and left empty
        ("loan", "30jt"),
        ("interest", "6"),
        ("months", "24"),
        ("lender", "kur"),
        ("paid_to", "worker"),
        ("collateral", "n"),
        ("salary_deduction", "?"),
        ("salary", "800"),
        ("currency", "MYR"),  # Enter took the destination's currency
        ("rate", "3400"),
        ("contract_months", "24"),
    ]


@pytest.mark.parametrize("cut", [1, 3, 5, 8, 11, 13, 16])
def test_a_step_cut_off_goes_on_after_the_kept_answers(rules: FundsRules, cut: int) -> None:
    whole, saved, _io = run(rules, TYPED)
    good = [t for t in TYPED if t != "abc"]  # the n-th accepted line gave saved[n]
    kept = dict(saved[:cut])
    inp, saved_now, io = run(rules, good[cut:], kept)  # only the questions after the cut
    assert inp == whole
    assert saved_now == saved[cut:]  # only the new answers are saved again
    for key, text in kept.items():  # each kept amount is shown after its question
        if key in ("cost:passport", "loan", "months", "rate"):
            assert any(s.endswith(f" {text}") for s in io.said), key


def test_a_kept_answer_that_cannot_be_read_any_more_is_asked_again(rules: FundsRules) -> None:
    kept = {"costs": "passport,no-such-cost", "cash": "maybe", "has_loan": "n"}
    typed = ["1", "1jt", "t", "n"]  # "t" is Indonesian: not an English answer, asked again
    inp, saved, io = run(rules, typed, kept)
    assert inp == FundsInput(
        job="cook", costs=(("passport", Decimal(1_000_000)),), cash_no_receipt=False
    )
    assert ("costs", "passport") in saved and ("cash", "n") in saved
    assert io.warned == ["Answer y (yes), n (no) or ? (not sure)."]
    assert any("Passport" in s for s in io.said)  # the list of costs was shown for the question


# ------------------------------------------------------------------------------- the walk
class KeepingScript(FundsScript):
    """Types some funds answers through ``request.keep``, then ends like a kill (EOFError) or
    types a walk key; the next request may finish the step."""

    def __init__(self, replies: list[str], steps: list[tuple[list[tuple[str, str]], object]]):
        super().__init__(replies, [])
        self.steps = steps

    def funds(self, request: FundsRequest) -> FundsInput | str:
        self.requests.append(request)
        if not self.steps:
            raise EOFError
        typed, end = self.steps.pop(0)
        for key, text in typed:
            assert request.keep is not None
            request.keep(key, text)
        if isinstance(end, BaseException):
            raise end
        return end  # type: ignore[return-value]


def test_the_walk_saves_each_funds_answer_and_resume_hands_them_back(
    catalog: Catalog,
    tmp_path: Path,
) -> None:
    db = tmp_path / "w.db"
    first = [("costs", "passport"), ("cost:passport", "1jt")]
    with Store.open(db) as store:
        script = KeepingScript([*PROFILE_LOAN, *ITEMS_ALL_READY], [(first, EOFError())])
        w = Assessment.start(catalog, script, store, "en", today=TODAY)
        with pytest.raises(EOFError):  # the process dies in the middle of the step
            w.run()
        aid = w.aid
        assert store.get(aid).data["funds_draft"] == [list(p) for p in first]  # in typed order
    with Store.open(db) as store:  # resume: the step again, with what was typed
        more = [("cash", "n"), ("has_loan", "n")]
        script = KeepingScript([], [(more, "q")])
        w = Assessment.resume(catalog, script, store, store.get(aid), today=TODAY)
        assert w.run() is Outcome.QUIT  # `q` = save and quit: the answers stay
        [request] = script.requests
        assert list(request.kept) == first and not request.done  # in typed order
        assert store.get(aid).data["funds_draft"] == [list(p) for p in [*first, *more]]
    with Store.open(db) as store:
        done = FundsInput(costs=(("passport", Decimal(1_000_000)),))
        script = KeepingScript([""], [([], done)])
        w = Assessment.resume(catalog, script, store, store.get(aid), today=TODAY)
        assert w.run() is Outcome.FINISHED
        assert dict(script.requests[0].kept) == {**dict(first), **dict(more)}
        record = store.get(aid)
        assert record.data["funds"] == done.to_dict()
        assert "funds_draft" not in record.data  # done: a redo starts afresh
        assert (
            Assessment.resume(catalog, script, store, record, today=TODAY).funds_request().kept
            == ()
        )


def test_the_review_says_the_funds_step_was_begun(catalog: Catalog, tmp_path: Path) -> None:
    begun = [("costs", "passport"), ("cost:passport", "1jt")]
    with Store.open(tmp_path / "w.db") as store:
        # two answers, then `r` (review) in the middle of the step; at the review, `q`
        script = KeepingScript([*PROFILE_LOAN, *ITEMS_ALL_READY, "q"], [(begun, "r")])
        w = Assessment.start(catalog, script, store, "en", today=TODAY)
        assert w.run() is Outcome.QUIT
        [entry] = [e for s in script.reviews[-1].sections for e in s.entries if e.kind == "funds"]
        assert (entry.value, entry.kept) == (None, 2)


def test_the_terminal_review_shows_a_begun_funds_step() -> None:
    import io

    from rich.console import Console

    from pmi_ready.assessment.flow import Review, ReviewEntry, ReviewSection
    from pmi_ready.cli.assess_ui import TerminalAsker
    from pmi_ready.core import Text

    out = io.StringIO()
    console = Console(file=out, width=100, no_color=True)
    title = Text("Biaya dan pinjaman", "Costs and loan check")
    entry = ReviewEntry("f", "funds", "funds", title, None, kept=3)
    review = Review("id", (ReviewSection(title, (entry,)),), 0)
    asker = TerminalAsker(console, translator("id"), reader=lambda _prompt: "")
    asker.review(review)
    assert "sudah dimulai, 3 jawaban tersimpan" in out.getvalue()


def _step(
    rules: FundsRules, typed: list[str], kept: tuple[tuple[str, str], ...] = ()
) -> tuple[FundsInput | str, dict[str, str], list[str], str]:
    import io

    from rich.console import Console

    from pmi_ready.cli.assess_funds import ask_funds_step

    saved = dict(kept)
    forgotten: list[str] = []

    def forget(key: str) -> None:
        forgotten.append(key)
        del saved[key]

    request = FundsRequest(
        "en", rules, "cook", "MYR", kept=kept, keep=saved.__setitem__, forget=forget
    )
    lines = iter(typed)
    out = io.StringIO()
    got = ask_funds_step(
        request, Console(file=out, width=100), translator("en"), lambda _p: next(lines)
    )
    return got, saved, forgotten, out.getvalue()


def test_b_inside_the_funds_step_goes_back_one_question(rules: FundsRules) -> None:
    # passport 1jt, then `b` at the cash question: the passport amount is asked again
    got, saved, forgotten, out = _step(rules, ["1", "1jt", "b", "2jt", "n", "n"])
    assert isinstance(got, FundsInput)
    assert got.costs == (("passport", Decimal(2_000_000)),)
    assert forgotten == ["cost:passport"]
    assert saved == {"costs": "passport", "cost:passport": "2jt", "cash": "n", "has_loan": "n"}
    assert "Back one question" in out


def test_b_goes_back_through_answers_kept_from_before_then_leaves_the_step(
    rules: FundsRules,
) -> None:
    kept = (("costs", "passport"), ("cost:passport", "1jt"))
    got, saved, forgotten, _out = _step(rules, ["b", "b", "b"], kept)
    assert got == "b"  # nothing left to go back to inside the step: back to the walk
    assert forgotten == ["cost:passport", "costs"] and saved == {}


def test_the_walk_forgets_a_kept_answer_on_disk(catalog: Catalog, tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:
        script = KeepingScript([*PROFILE_LOAN, *ITEMS_ALL_READY], [([("costs", "passport")], "q")])
        w = Assessment.start(catalog, script, store, "en", today=TODAY)
        assert w.run() is Outcome.QUIT
        request = w.funds_request()
        assert request.keep is not None and request.forget is not None
        request.keep("cost:passport", "1jt")
        draft = [["costs", "passport"], ["cost:passport", "1jt"]]
        assert store.get(w.aid).data["funds_draft"] == draft
        request.forget("cost:passport")
        assert store.get(w.aid).data["funds_draft"] == [["costs", "passport"]]
        request.forget("costs")
        assert "funds_draft" not in store.get(w.aid).data
