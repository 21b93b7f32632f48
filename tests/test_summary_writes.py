"""#15 item 2, on both back ends: the stored summary (status, counts, the profile's columns) is
never stale. After every kind of write a walk makes (a profile field, an answer, a note, the funds
answers) the summary columns equal a fresh evaluation of the stored record, and each write is one
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pmi_ready.assessment.state import AssessmentState
from pmi_ready.assessment.verdict import evaluate
from pmi_ready.checklists import load_catalog
from pmi_ready.core import AnswerValue, Catalog, Status
from pmi_ready.funds import FundsInput, PaidTo
from pmi_ready.store import Store
from pmi_ready.store.record import summary_values
from pmi_ready.store.sql import GET_SUMMARY, Db

MINI = Path(__file__).parent / "data" / "mini"
TODAY = dt.date(2026, 6, 1)
PROFILE = {
    "consent": "yes",
    "destination": "TW",
    "job": "housekeeper",
    "route": "agency",
    "marital": "single",
    "age": "30",
    "funding": "loan",
}
UNSAFE = FundsInput(
    loan=Decimal(30_000_000),
    interest=Decimal(6),
    months=24,
    lender="kur",
    paid_to=PaidTo.AGENCY,
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    builtin = load_catalog()
    mini = load_catalog([MINI], builtin=False)
    funds = {k: d for k, d in builtin.data.items() if d.kind == "funds"}
    return replace(mini, data={**mini.data, **funds})


def stored_summary(store: Store, aid: str) -> tuple[object, ...]:
    return tuple(store.db.execute(GET_SUMMARY, (aid,)).fetchone())


def fresh_summary(store: Store, catalog: Catalog, aid: str) -> tuple[object, ...]:
    rec = store.get(aid)
    ev = evaluate(catalog, rec.profile, rec.answers, rec.data)
    return summary_values(ev.readiness)


class Counting:
    """Counts the write transactions a store makes."""

    def __init__(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        self.n = 0
        real = store._write

        @contextmanager
        def counted() -> Iterator[Db]:
            self.n += 1
            with real() as db:
                yield db

        monkeypatch.setattr(store, "_write", counted)

    @contextmanager
    def exactly(self, n: int) -> Iterator[None]:
        before = self.n
        yield
        assert self.n - before == n


def test_every_write_leaves_the_summary_of_a_fresh_evaluation(
    catalog: Catalog, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = store.create(lang="en", versions=catalog.versions())
    state = AssessmentState.saved(
        catalog, store, store.get(aid), "en", TODAY, lambda kind, info: None
    )
    writes = Counting(store, monkeypatch)

    def check() -> None:
        assert stored_summary(store, aid) == fresh_summary(store, catalog, aid)

    for field, value in PROFILE.items():
        with writes.exactly(1):
            state.set_profile(field, value)
        check()
    for item in ("passport", "work-visa", "copies", "passport-held", "tw-only"):
        with writes.exactly(1):
            state.set_answer(item, AnswerValue.YES)
        check()
    before = stored_summary(store, aid)
    with writes.exactly(1):
        state.set_profile("destination", "MY")  # tw-only no longer applies
    check()
    assert stored_summary(store, aid) != before
    with writes.exactly(1):
        state.set_note("passport", "kept by the agency")
    check()
    with writes.exactly(1):
        state.set_answer("passport-held", AnswerValue.YES)
    check()
    with writes.exactly(1):
        state.set_answer("passport-held", None)
    check()
    with writes.exactly(1):
        state.set_funds(UNSAFE)  # the funds answers and the red flag they raise
    check()
    assert stored_summary(store, aid)[0] == Status.STOP.value
    with writes.exactly(1):
        state.set_profile("destination", None)
    check()


def test_set_profile_writes_the_summary_it_is_given(catalog: Catalog, store: Store) -> None:
    aid = store.create(lang="en", versions={}, profile={"destination": "TW"})
    readiness = evaluate(catalog, {**PROFILE, "destination": "MY"}, {}).readiness
    store.set_profile(aid, "destination", "MY", summary=readiness)
    assert stored_summary(store, aid) == summary_values(readiness)


def test_set_data_writes_the_summary_it_is_given(catalog: Catalog, store: Store) -> None:
    aid = store.create(lang="en", versions={}, profile=PROFILE)
    data = {"funds": UNSAFE.to_dict()}
    readiness = evaluate(catalog, PROFILE, {}, data).readiness
    store.set_data(aid, "funds", data["funds"], summary=readiness)
    assert stored_summary(store, aid) == summary_values(readiness)
    assert store.get(aid).data == data
