"""Scoring: every status boundary, red flags, unsure and unanswered, conditions, a property."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings, strategies as st

from pmi_ready.checklists import load_catalog
from pmi_ready.core import Answer, AnswerValue, Catalog, RedFlag, Status, Text, assess
from tests.conftest import MINI

BASE = {
    "destination": "MY",
    "job": "cook",
    "route": "agency",
    "marital": "single",
    "age": "25",
    "funding": "own",
}
ALL_READY = {"passport": "yes", "work-visa": "yes", "copies": "yes", "passport-held": "no"}
RANK = {s: s.rank for s in Status}


@cache
def catalog() -> Catalog:
    return load_catalog([MINI], builtin=False)


def run(raw: dict[str, str], **profile: str):  # type: ignore[no-untyped-def]
    answers = {k: Answer(k, AnswerValue(v)) for k, v in raw.items()}
    return assess(catalog(), {**BASE, **profile}, answers)


def test_all_critical_and_important_ready_is_ready() -> None:
    r = run(ALL_READY)
    assert r.status is Status.READY
    assert r.red_flags == ()
    assert r.next_steps == ()


@pytest.mark.parametrize("value", [None, "no", "unsure", "na"])
def test_a_critical_item_not_ready_is_not_ready(value: str | None) -> None:
    raw = dict(ALL_READY)
    if value is None:
        del raw["work-visa"]
    else:
        raw["work-visa"] = value  # "na" is not allowed on this item: not ready
    r = run(raw)
    assert r.status is Status.NOT_READY
    assert r.missing_critical == ("work-visa",)


@pytest.mark.parametrize("value", [None, "no", "unsure"])
def test_important_missing_with_critical_ready_is_nearly_ready(value: str | None) -> None:
    raw = dict(ALL_READY)
    if value is not None:
        raw["marriage-book"] = value
    r = run(raw, marital="married")
    assert r.status is Status.NEARLY_READY
    assert [s.item.id for s in r.next_steps] == ["marriage-book"]


def test_important_not_applicable_does_not_count() -> None:
    # marriage-book applies only to married applicants, tw-only only to Taiwan
    assert run(ALL_READY, marital="single").status is Status.READY
    r = run(ALL_READY, destination="TW")
    assert r.status is Status.NEARLY_READY
    assert run({**ALL_READY, "tw-only": "na"}, destination="TW").status is Status.READY


def test_unanswered_profile_field_means_the_conditional_item_does_not_apply_yet() -> None:
    answers = {k: Answer(k, AnswerValue(v)) for k, v in ALL_READY.items()}
    profile = {k: v for k, v in BASE.items() if k != "marital"}
    r = assess(catalog(), profile, answers)
    assert "marriage-book" not in [x.item.id for x in r.results]
    assert r.status is Status.READY


def test_advice_never_changes_the_status() -> None:
    for value in ("no", "unsure"):
        r = run({**ALL_READY, "copies": value})
        assert r.status is Status.READY
        assert [s.item.id for s in r.next_steps] == ["copies"]
    raw = dict(ALL_READY)
    del raw["copies"]
    assert run(raw).status is Status.READY


@pytest.mark.parametrize("value", ["yes", "unsure"])
def test_a_warning_answered_the_risky_way_is_a_red_flag(value: str) -> None:
    r = run({**ALL_READY, "passport-held": value})
    assert [f.code for f in r.red_flags] == ["passport-held"]
    assert r.status is Status.STOP
    assert r.next_steps[0].item.id == "passport-held"


def test_an_unanswered_warning_is_not_ready_but_not_a_flag() -> None:
    raw = dict(ALL_READY)
    del raw["passport-held"]
    r = run(raw)
    assert r.red_flags == ()
    assert r.status is Status.NOT_READY


def test_a_red_flag_stops_everything_else_ready() -> None:
    r = run(ALL_READY, age="17")
    assert r.status is Status.STOP
    assert [f.code for f in r.red_flags] == ["underage"]
    assert run(ALL_READY, age="18").red_flags == ()
    extra = RedFlag("funds:agency-loan", Text("a", "b"), Text("c", "d"))
    r = assess(
        catalog(),
        BASE,
        {k: Answer(k, AnswerValue(v)) for k, v in ALL_READY.items()},
        extra_flags=[extra],
    )
    assert r.status is Status.STOP and r.red_flags == (extra,)


def test_a_caution_alone_is_nearly_ready_never_stop() -> None:
    caution = RedFlag("funds:instalment-share", Text("a", "b"), Text("c", "d"), caution=True)
    answers = {k: Answer(k, AnswerValue(v)) for k, v in ALL_READY.items()}
    r = assess(catalog(), BASE, answers, extra_flags=[caution])
    assert r.status is Status.NEARLY_READY
    assert r.red_flags == () and r.cautions == (caution,)
    assert r.counts["cautions"] == 1 and r.counts["red_flags"] == 0
    # with a critical item missing, the caution changes nothing
    del answers["work-visa"]
    assert assess(catalog(), BASE, answers, extra_flags=[caution]).status is Status.NOT_READY


def test_next_steps_order_red_flags_then_critical_important_advice() -> None:
    r = run({"passport-held": "yes", "copies": "no"}, marital="married")
    assert [s.item.id for s in r.next_steps] == [
        "passport-held",
        "passport",
        "work-visa",
        "marriage-book",
        "copies",
    ]


def test_section_progress_is_weighted_and_the_inputs_are_kept() -> None:
    r = run({"passport": "yes", "copies": "yes"})
    docs = r.sections[0]
    assert (docs.applicable, docs.answered, docs.ready) == (3, 2, 2)
    assert docs.share == pytest.approx((3 + 1) / (3 + 3 + 1))
    assert r.counts["applicable"] == 5 and r.counts["critical_missing"] == 2  # with the rule
    assert r.profile["destination"] == "MY"
    assert set(r.answers) == {"passport", "copies"}
    assert set(r.versions) == {"profile", "docs", "flags"}


PROFILES = st.fixed_dictionaries(
    {
        "destination": st.sampled_from(["TW", "MY", "HK"]),
        "job": st.just("cook"),
        "route": st.just("agency"),
        "marital": st.sampled_from(["single", "married"]),
        "age": st.sampled_from(["16", "17", "18", "40"]),
    }
)
ITEM_IDS = ["passport", "work-visa", "marriage-book", "copies", "passport-held", "tw-only"]
ANSWERS = st.dictionaries(st.sampled_from(ITEM_IDS), st.sampled_from(["yes", "no", "unsure", "na"]))


@settings(max_examples=150, deadline=None)
@given(profile=PROFILES, raw=ANSWERS, pick=st.sampled_from(ITEM_IDS))
def test_adding_a_ready_answer_never_lowers_the_status(
    profile: dict[str, str], raw: dict[str, str], pick: str
) -> None:
    cat = catalog()
    item = cat.item(pick)
    assert item is not None
    raw = {k: v for k, v in raw.items() if v != "na" or cat.item(k).allow_na}  # type: ignore[union-attr]
    answers = {k: Answer(k, AnswerValue(v)) for k, v in raw.items()}
    before = assess(cat, profile, answers)
    answers[pick] = Answer(pick, item.ready_when)
    after = assess(cat, profile, answers)
    assert RANK[after.status] >= RANK[before.status]
    assert len(after.red_flags) <= len(before.red_flags)
    assert after.counts["ready"] >= before.counts["ready"]


FLAG = RedFlag("funds:paid-to-agency", Text("a", "b"), Text("c", "d"))
CAUTION = RedFlag("funds:instalment-share", Text("a", "b"), Text("c", "d"), caution=True)
EXTRAS = st.lists(st.sampled_from([FLAG, CAUTION]), max_size=2)


def _answers(raw: dict[str, str]) -> dict[str, Answer]:
    cat = catalog()
    return {
        k: Answer(k, AnswerValue(v))
        for k, v in raw.items()
        if v != "na" or cat.item(k).allow_na  # type: ignore[union-attr]
    }


@settings(max_examples=200, deadline=None)
@given(profile=PROFILES, raw=ANSWERS, extras=EXTRAS)
def test_stop_exactly_when_a_red_flag_stands(
    profile: dict[str, str], raw: dict[str, str], extras: list[RedFlag]
) -> None:
    r = assess(catalog(), profile, _answers(raw), extra_flags=extras)
    assert (r.status is Status.STOP) == bool(r.red_flags)
    assert all(not f.caution for f in r.red_flags) and all(f.caution for f in r.cautions)
    if r.cautions and not r.red_flags:
        assert r.status is not Status.READY


@settings(max_examples=200, deadline=None)
@given(profile=PROFILES, raw=ANSWERS, extras=EXTRAS, risky=st.sampled_from(["yes", "unsure"]))
def test_adding_a_red_flag_never_improves_the_status(
    profile: dict[str, str], raw: dict[str, str], extras: list[RedFlag], risky: str
) -> None:
    before = assess(catalog(), profile, _answers(raw), extra_flags=extras)
    by_answer = assess(
        catalog(), profile, _answers({**raw, "passport-held": risky}), extra_flags=extras
    )
    by_extra = assess(catalog(), profile, _answers(raw), extra_flags=[*extras, FLAG])
    for after in (by_answer, by_extra):
        assert after.status is Status.STOP
        assert after.status.rank <= before.status.rank


@settings(max_examples=200, deadline=None)
@given(raw=ANSWERS, value=st.sampled_from(["yes", "no", "unsure"]))
def test_an_answer_to_an_item_that_does_not_apply_never_counts(
    raw: dict[str, str], value: str
) -> None:
    # tw-only applies only to Taiwan: its stored answer changes nothing for Malaysia
    profile = {**BASE, "destination": "MY"}
    without = assess(catalog(), profile, _answers({k: v for k, v in raw.items() if k != "tw-only"}))
    with_it = assess(catalog(), profile, _answers({**raw, "tw-only": value}))
    assert with_it.status is without.status
    assert with_it.red_flags == without.red_flags
    assert with_it.counts == without.counts
