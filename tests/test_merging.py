"""The merge engine, directly (hypothesis): field by field and answer by answer, a value never
gives way to nothing, conflicts instead of silent replacement, a base telling who changed what,
times in the future clamped."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings, strategies as st

from pmi_ready.core import Answer, AnswerValue
from pmi_ready.records.merging import (
    CLOCK_SKEW,
    Preference,
    clamp_future,
    digests,
    fields,
    is_quiet,
    merge_records,
    next_base,
    same,
)
from pmi_ready.store import StoredAssessment

AID = "6f1c2d3e-4b5a-4c6d-8e7f-0123456789ab"
ITEMS = ["passport", "contract", "fee", "visa", "medical"]
T0 = dt.datetime(2026, 10, 1, 8, tzinfo=dt.UTC)
values = st.sampled_from(list(AnswerValue))
small = st.sampled_from(["", "Siti", "Sri", "Ani"])


@st.composite
def versions(draw: st.DrawFn) -> StoredAssessment:
    answers = {
        k: Answer(k, v, draw(st.sampled_from(["", "lost", "copy"])), T0.isoformat())
        for k, v in draw(st.dictionaries(st.sampled_from(ITEMS), values)).items()
    }
    profile = {
        k: v
        for k, v in {
            "name": draw(small),
            "officer": draw(small),
            "destination": draw(st.sampled_from(["", "TW", "HK"])),
            "consent": "yes",
        }.items()
        if v
    }
    return StoredAssessment(
        id=AID,
        created_at=T0,
        updated_at=T0 + dt.timedelta(minutes=draw(st.integers(0, 100))),
        lang=draw(st.sampled_from(["id", "en"])),
        profile=profile,
        answers=answers,
        versions={"documents": {"version": draw(st.sampled_from(["1", "2"]))}},
        data=draw(st.sampled_from([{}, {"funds": {"loan": "1000"}}, {"funds": {"loan": "2"}}])),
        finished=draw(st.booleans()),
        status=None,
        notes={},
    )


@settings(max_examples=200)
@given(versions())
def test_a_record_merged_with_itself_is_itself(r: StoredAssessment) -> None:
    m = merge_records(r, r)
    assert same(m.mine, r) and m.conflicts == () and m.theirs == m.mine


@settings(max_examples=300)
@given(versions(), versions())
def test_without_a_base_nothing_is_lost_and_every_difference_is_a_conflict(
    mine: StoredAssessment, theirs: StoredAssessment
) -> None:
    m, t = fields(mine), fields(theirs)
    got = merge_records(mine, theirs)
    out = fields(got.mine)
    assert out.keys() == m.keys() | t.keys()  # a value never gives way to nothing
    for key, value in out.items():
        assert value in (m.get(key), t.get(key))
        if key not in t or t[key] == m.get(key):
            assert value == m.get(key, value)
    expected = {k for k in m.keys() & t.keys() if m[k] != t[k] and not is_quiet(k)}
    assert {c.key for c in got.conflicts} == expected
    for c in got.conflicts:  # unresolved: this side keeps its value, the other its own
        assert c.kept is None and out[c.key] == m[c.key] == c.mine
        assert fields(got.theirs)[c.key] == t[c.key] == c.theirs


@settings(max_examples=300)
@given(versions(), versions(), st.sampled_from(["mine", "theirs"]))
def test_a_preference_resolves_every_conflict_its_way(
    mine: StoredAssessment, theirs: StoredAssessment, side: str
) -> None:
    got = merge_records(mine, theirs, prefer=side)  # type: ignore[arg-type]
    src = fields(mine if side == "mine" else theirs)
    assert got.mine == got.theirs
    for c in got.conflicts:
        assert c.kept == side and fields(got.mine)[c.key] == src[c.key]


@settings(max_examples=200)
@given(versions(), versions())
def test_merging_again_changes_nothing(mine: StoredAssessment, theirs: StoredAssessment) -> None:
    first = merge_records(mine, theirs)
    again = merge_records(first.mine, theirs)
    assert same(again.mine, first.mine)
    assert {c.key for c in again.conflicts} == {c.key for c in first.conflicts}


@settings(max_examples=300)
@given(versions(), versions(), versions())
def test_with_a_base_the_side_that_changed_wins(
    base: StoredAssessment, mine: StoredAssessment, theirs: StoredAssessment
) -> None:
    b = digests(base)
    # only this side changed: its version, clears included (sync)
    assert same(merge_records(mine, base, b, clear=True).mine, mine)
    # only the other side changed: theirs
    assert same(merge_records(base, theirs, b, clear=True).mine, theirs)
    got = merge_records(mine, theirs, b, clear=True)
    m, t, bf = fields(mine), fields(theirs), fields(base)
    for c in got.conflicts:  # a conflict only where both changed the field differently
        assert m[c.key] != bf.get(c.key) and t[c.key] != bf.get(c.key) and m[c.key] != t[c.key]


def test_an_import_never_empties_a_field_even_with_a_base() -> None:
    base = _rec(profile={"name": "Siti", "consent": "yes"})
    nameless = _rec(profile={"consent": "yes"})
    got = merge_records(base, nameless, digests(base))
    assert got.mine.profile["name"] == "Siti" and got.conflicts == ()
    cleared = merge_records(base, nameless, digests(base), clear=True)
    assert "name" not in cleared.mine.profile  # sync: a deliberate clear on the other side


def test_an_unresolved_conflict_stays_in_the_next_base() -> None:
    base = _rec(answers={"fee": AnswerValue.NO})
    mine = _rec(answers={"fee": AnswerValue.YES})
    theirs = _rec(answers={"fee": AnswerValue.UNSURE})
    got = merge_records(mine, theirs, digests(base))
    assert [c.key for c in got.conflicts] == [("answer", "fee")]
    nb = next_base(got.mine, digests(base), got.conflicts)
    assert nb[("answer", "fee")] == digests(base)[("answer", "fee")]
    assert merge_records(got.mine, got.theirs, nb).conflicts == got.conflicts
    resolved = merge_records(mine, theirs, digests(base), prefer="theirs")
    assert resolved.mine.answers["fee"].value is AnswerValue.UNSURE
    nb = next_base(resolved.mine, digests(base), resolved.conflicts)
    assert merge_records(resolved.mine, resolved.theirs, nb).conflicts == ()


def test_bookkeeping_fields_never_conflict_the_later_record_gives_them() -> None:
    mine = _rec(lang="id", updated=T0)
    theirs = _rec(lang="en", updated=T0 + dt.timedelta(hours=1))
    got = merge_records(mine, theirs)
    assert got.conflicts == () and got.mine.lang == "en"


def test_a_preference_by_id_overrides_the_default() -> None:
    p = Preference("mine", {AID: "theirs"})
    assert p.for_id(AID) == "theirs" and p.for_id("other") == "mine"
    assert Preference().for_id(AID) is None


@settings(max_examples=200)
@given(versions(), st.integers(-(10**6), 10**9))
def test_times_in_the_future_are_clamped_to_now(r: StoredAssessment, seconds: int) -> None:
    now = T0 + dt.timedelta(days=1)
    shifted = dt.timedelta(seconds=seconds)
    later = replace(
        r,
        created_at=r.created_at + shifted,
        updated_at=r.updated_at + shifted,
        answers={
            k: replace(a, answered_at=(T0 + shifted).isoformat()) for k, a in r.answers.items()
        },
    )
    got, changed = clamp_future(later, now)
    limit = now + CLOCK_SKEW
    assert got.updated_at <= limit and got.created_at <= got.updated_at
    assert all(dt.datetime.fromisoformat(a.answered_at) <= limit for a in got.answers.values())
    assert changed == any(
        t > limit
        for t in (
            later.created_at,
            later.updated_at,
            *(dt.datetime.fromisoformat(a.answered_at) for a in later.answers.values()),
        )
    )
    assert clamp_future(got, now) == (got, False)
    assert same(got, later)


def _rec(
    *,
    profile: dict[str, str] | None = None,
    answers: dict[str, AnswerValue] | None = None,
    lang: str = "id",
    updated: dt.datetime = T0,
) -> StoredAssessment:
    return StoredAssessment(
        id=AID,
        created_at=T0,
        updated_at=updated,
        lang=lang,
        profile=profile or {"consent": "yes"},
        answers={k: Answer(k, v, "", T0.isoformat()) for k, v in (answers or {}).items()},
        versions={},
        data={},
        finished=False,
        status=None,
        notes={},
    )
