"""The walk through a scripted Asker: no terminal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest

from pmi_ready.assessment.flow import (
    Assessment,
    ItemPrompt,
    Outcome,
    ProfilePrompt,
    Prompt,
    Review,
    parse_answer,
    parse_profile_value,
)
from pmi_ready.checklists import load_catalog
from pmi_ready.core import AnswerValue, Catalog, Checklist, Item, Text
from pmi_ready.store import Store

MINI = Path(__file__).parent / "data" / "mini"
TODAY = dt.date(2026, 6, 1)
# consent, name, officer, destination, job, route, sex, marital, age, funding
PROFILE_TW_SINGLE = ["y", "", "", "1", "1", "1", "", "1", "30", "1"]


class Script:
    """Replies from a list; records every prompt, review and notice."""

    def __init__(self, replies: Iterable[str], notes: Iterable[str] = ()) -> None:
        self.replies = list(replies)
        self.notes = list(notes)
        self.prompts: list[Prompt] = []
        self.reviews: list[Review] = []
        self.notices: list[tuple[str, dict[str, object]]] = []
        self.infos: list[Prompt] = []

    def _next(self) -> str:
        if not self.replies:
            raise EOFError
        return self.replies.pop(0)

    def ask(self, prompt: Prompt) -> str:
        self.prompts.append(prompt)
        return self._next()

    def info(self, prompt: Prompt) -> None:
        self.infos.append(prompt)

    def note(self, prompt: Prompt) -> str:
        return self.notes.pop(0)

    def review(self, review: Review) -> str:
        self.reviews.append(review)
        return self._next()

    def notice(self, notice: str, detail: dict[str, object]) -> None:
        self.notices.append((notice, detail))

    def asked(self) -> list[str]:
        return [p.item.id if isinstance(p, ItemPrompt) else p.field.id for p in self.prompts]


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog([MINI], builtin=False)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "w.db")
    yield s  # type: ignore[misc]
    s.close()


def walk(catalog: Catalog, store: Store | None, script: Script) -> Assessment:
    return Assessment.start(catalog, script, store, "en", today=TODAY)


def test_parse_keys_per_language() -> None:
    assert parse_answer("ya", "id") is AnswerValue.YES
    assert parse_answer("T", "id") is AnswerValue.NO
    assert parse_answer("n", "id") is None
    assert parse_answer("no", "en") is AnswerValue.NO
    assert parse_answer("t", "en") is None
    assert parse_answer(" ? ", "en") is AnswerValue.UNSURE
    assert parse_answer("tb", "id") is AnswerValue.NA


def test_age_parsing(catalog: Catalog) -> None:
    age = catalog.profile.field("age")
    assert age is not None
    assert parse_profile_value(age, "17", "id", TODAY) == ("17", None)
    assert parse_profile_value(age, "2000-06-02", "id", TODAY) == ("25", None)
    assert parse_profile_value(age, "2000-06-01", "id", TODAY) == ("26", None)
    assert parse_profile_value(age, "2030-01-01", "id", TODAY) == (None, "future")
    assert parse_profile_value(age, "2000-02-30", "id", TODAY) == (None, "age")
    assert parse_profile_value(age, "abc", "id", TODAY) == (None, "age")
    assert parse_profile_value(age, "130", "id", TODAY) == (None, "range")
    assert parse_profile_value(age, "", "id", TODAY) == (None, "required")


def test_full_walk_only_applicable_items(catalog: Catalog, store: Store) -> None:
    script = Script([*PROFILE_TW_SINGLE, "y", "n", "y", "n", "na", ""])
    w = walk(catalog, store, script)
    assert w.run() is Outcome.FINISHED
    # marriage-book (married only) is not asked; tw-only (TW) is
    assert script.asked()[10:] == ["passport", "work-visa", "copies", "passport-held", "tw-only"]
    rec = store.get(w.aid)
    assert rec.finished
    assert {k: a.value.value for k, a in rec.answers.items()} == {
        "passport": "yes",
        "work-visa": "no",
        "copies": "yes",
        "passport-held": "no",
        "tw-only": "na",
    }
    assert rec.profile["destination"] == "TW" and rec.profile["consent"] == "yes"
    assert rec.profile["name"] == ""  # asked and left empty: stored so resume skips it
    status = store.conn.execute("SELECT status FROM assessments").fetchone()[0]
    assert status == "not-ready"  # the work visa is missing
    first = script.prompts[10]
    place = first.place
    assert (place.section.en, place.section_pos, place.section_len) == ("Documents", 1, 3)
    assert (place.total_pos, place.total_len) == (1, 5)


def test_bad_keys_are_asked_again(catalog: Catalog, store: Store) -> None:
    script = Script([*PROFILE_TW_SINGLE, "x", "ya", "y", "q"])
    w = walk(catalog, store, script)
    assert w.run() is Outcome.QUIT
    problems = [p.problem for p in script.prompts[10:]]
    assert problems == [None, "key", "key", None]  # "ya" is Indonesian; the walk is English
    assert set(store.get(w.aid).answers) == {"passport"}


def test_na_only_where_allowed(catalog: Catalog, store: Store) -> None:
    script = Script([*PROFILE_TW_SINGLE, "na", "q"])
    walk(catalog, store, script).run()
    assert script.prompts[-1].problem == "na"


def test_back_skip_note_info_and_language(catalog: Catalog, store: Store) -> None:
    replies = [*PROFILE_TW_SINGLE, "y", "b", "", "s", "i", "l", "c", "t", "q"]
    script = Script(replies, notes=["asked the agency"])
    w = walk(catalog, store, script)
    assert w.run() is Outcome.QUIT
    asked = script.asked()[10:]
    assert asked == [
        "passport",
        "work-visa",
        "passport",
        "work-visa",
        "copies",
        "copies",
        "copies",
        "copies",
        "passport-held",
    ]
    assert script.prompts[12].current == "yes"  # back shows the answer given
    assert [p.item.id for p in script.infos if isinstance(p, ItemPrompt)] == ["copies"]
    # after `l` the questions are in Indonesian, and so are the answer words ("t" = tidak)
    assert [p.place.lang for p in script.prompts[-4:]] == ["en", "id", "id", "id"]
    assert script.prompts[-2].note == "asked the agency"
    rec = store.get(w.aid)
    assert rec.answers["copies"].note == "asked the agency"
    assert rec.answers["copies"].value is AnswerValue.NO
    assert rec.data["skipped"] == ["work-visa"]
    assert "work-visa" not in rec.answers


def test_first_question_back_and_required(catalog: Catalog, store: Store) -> None:
    script = Script(["b", "", "s", "n", "q"])
    walk(catalog, store, script).run()
    assert [p.problem for p in script.prompts] == [None, "first", "required", "required", None]
    assert ("memory-only", {"reason": "consent"}) in script.notices


def test_review_marks_and_jumps(catalog: Catalog, store: Store) -> None:
    script = Script([*PROFILE_TW_SINGLE, "y", "s", "y", "n", "y", "", "2", "n", "", ""])
    w = walk(catalog, store, script)
    assert w.run() is Outcome.FINISHED
    first = script.reviews[0]
    docs = first.sections[1]
    assert [(e.key, e.ident, e.value, e.skipped) for e in docs.entries] == [
        ("1", "passport", "yes", False),
        ("2", "work-visa", None, True),
        ("3", "copies", "yes", False),
    ]
    assert first.unanswered == 1
    assert script.reviews[1].problem == "unanswered"  # Enter with a gap asks for a second Enter
    assert script.asked()[-1] == "work-visa"  # jumped there from the review
    assert script.reviews[2].unanswered == 0
    assert store.get(w.aid).answers["work-visa"].value is AnswerValue.NO
    assert store.get(w.aid).data["skipped"] == []


def test_profile_change_reevaluates_and_keeps_answers(catalog: Catalog, store: Store) -> None:
    # from the review: jump to marital status (p8), choose married; the walk goes on in order
    # to the next open question, the marriage book the new answer brought in
    replies = [*PROFILE_TW_SINGLE, "y", "y", "y", "n", "y", "p8", "2", "y", ""]
    script = Script(replies)
    w = walk(catalog, store, script)
    assert w.run() is Outcome.FINISHED
    assert script.asked()[-2:] == ["marital", "marriage-book"]
    review = script.reviews[1]
    ids = [e.ident for s in review.sections[1:] for e in s.entries]
    assert "marriage-book" in ids
    assert review.unanswered == 0
    assert ("applicability", {"added": 1, "removed": 0}) in script.notices
    rec = store.get(w.aid)
    assert rec.profile["marital"] == "married"
    assert set(rec.answers) >= {"passport", "work-visa", "copies", "passport-held", "tw-only"}


def test_review_left_back_to_where_it_was_opened(catalog: Catalog, store: Store) -> None:
    # at the second item: r opens the review, b comes back to that item (not the last one)
    script = Script([*PROFILE_TW_SINGLE, "y", "r", "b", "n", "q"])
    w = walk(catalog, store, script)
    assert w.run() is Outcome.QUIT
    assert script.asked()[10:] == ["passport", "work-visa", "work-visa", "copies"]
    assert script.reviews[0].back_to == "2"
    assert store.get(w.aid).answers["work-visa"].value is AnswerValue.NO


def test_jump_from_the_review_goes_on_in_order(catalog: Catalog, store: Store) -> None:
    # at the third item: r, jump to item 1, answer it: on to item 3 (the next open one),
    # not back to the review; b at a jumped-to question returns to the review
    replies = [*PROFILE_TW_SINGLE, "y", "n", "r", "2", "b", "1", "n", "y", "q"]
    script = Script(replies)
    w = walk(catalog, store, script)
    assert w.run() is Outcome.QUIT
    assert script.asked()[10:] == [
        "passport",
        "work-visa",
        "copies",
        "work-visa",
        "passport",
        "copies",
        "passport-held",
    ]
    assert len(script.reviews) == 2
    assert script.reviews[1].back_to == "3"  # still where it was first opened
    rec = store.get(w.aid)
    assert rec.answers["passport"].value is AnswerValue.NO
    assert rec.answers["copies"].value is AnswerValue.YES


def test_review_at_the_end_b_is_the_last_question(catalog: Catalog, store: Store) -> None:
    script = Script([*PROFILE_TW_SINGLE, "y", "y", "y", "n", "y", "b", "q"])
    walk(catalog, store, script).run()
    assert script.reviews[0].back_to == "5"
    assert script.asked()[-1] == "tw-only"


def test_going_back_into_profile_removes_items_but_keeps_answers(
    catalog: Catalog, store: Store
) -> None:
    script = Script([*PROFILE_TW_SINGLE, "y", "y", "y", "n", "y", "p4", "2", "q"])
    w = walk(catalog, store, script)
    w.run()
    assert ("applicability", {"added": 0, "removed": 1}) in script.notices
    assert "tw-only" not in [it.id for _, it in w.items()]
    assert store.get(w.aid).answers["tw-only"].value is AnswerValue.YES  # kept as history


def test_underage_is_recorded(catalog: Catalog, store: Store) -> None:
    replies = ["y", "", "", "1", "1", "1", "", "1", "2010-01-01", "1", "q"]
    script = Script(replies)
    w = walk(catalog, store, script)
    w.run()
    assert store.get(w.aid).profile["age"] == "16"
    # the rule in the data raises the warning sign, said at once with the hotline
    [(_kind, detail)] = [n for n in script.notices if n[0] == "red-flag"]
    assert detail["code"] == "underage" and detail["en"] == "Under 18 years old"
    assert detail["contacts"] == [{"id": "Nomor uji", "en": "Test number", "value": "0000-TEST"}]
    assert w.readiness().red_flags[0].code == "underage"
    assert w.readiness().status.value == "stop"


def test_future_birth_date_asked_again(catalog: Catalog, store: Store) -> None:
    script = Script(["y", "", "", "1", "1", "1", "", "1", "2027-01-01", "30", "q"])
    walk(catalog, store, script).run()
    assert [
        p.problem for p in script.prompts if isinstance(p, ProfilePrompt) and p.field.id == "age"
    ] == [
        None,
        "future",
    ]


def test_no_consent_writes_nothing(catalog: Catalog, store: Store) -> None:
    script = Script(["n", "", "", "1", "1", "1", "", "1", "30", "1", "y", "q"])
    w = walk(catalog, store, script)
    w.run()
    assert store.list() == []
    assert not w.store.persistent
    assert w.store.get(w.aid).answers["passport"].value is AnswerValue.YES


def test_consent_withdrawn_deletes_the_record(catalog: Catalog, store: Store) -> None:
    script = Script([*PROFILE_TW_SINGLE, "y", "p1", "n", "q"])
    w = walk(catalog, store, script)
    script.replies.insert(11, "r")  # after passport: go to the review, jump to consent
    w.run()
    assert store.list() == []
    assert ("consent-withdrawn", {}) in script.notices
    assert w.store.get(w.aid).answers["passport"].value is AnswerValue.YES


def test_no_save_skips_consent(catalog: Catalog) -> None:
    script = Script(["", "", "1", "1", "1", "", "1", "30", "1", "q"])
    w = walk(catalog, None, script)
    w.run()
    assert script.asked()[0] == "name"
    assert ("memory-only", {"reason": "no-save"}) in script.notices


def test_resume_continues_at_first_unanswered(catalog: Catalog, store: Store) -> None:
    script = Script([*PROFILE_TW_SINGLE, "y", "s", "y", "q"])
    w = walk(catalog, store, script)
    w.run()
    record = store.get(w.aid)
    again = Script(["n", "y", "n", "y", ""])
    resumed = Assessment.resume(catalog, again, store, record, today=TODAY)
    assert resumed.run() is Outcome.FINISHED
    assert again.asked() == ["work-visa", "passport-held", "tw-only"]
    assert again.prompts[0].place.total_pos == 2
    assert len(store.get(w.aid).answers) == 5


def test_resume_with_incomplete_profile(catalog: Catalog, store: Store) -> None:
    script = Script(["y", "", "", "1", "q"])
    w = walk(catalog, store, script)
    w.run()
    again = Script(["q"])
    Assessment.resume(catalog, again, store, store.get(w.aid), today=TODAY).run()
    assert again.asked() == ["job"]


def test_resume_reports_changed_checklists(catalog: Catalog, store: Store) -> None:
    script = Script([*PROFILE_TW_SINGLE, "y", "y", "q"])
    w = walk(catalog, store, script)
    w.run()
    docs = catalog.checklist("docs")
    assert docs is not None
    new_item = Item(
        "new-item",
        "docs",
        Text("Baru?", "New?"),
        Text("a", "a"),
        Text("b", "b"),
        docs.items[0].level,
        AnswerValue.YES,
        ("uu18-p13",),
    )
    changed: Checklist = replace(
        docs,
        sha256="changed",
        items=(*(it for it in docs.items if it.id != "work-visa"), new_item),
    )
    catalog2 = replace(
        catalog, checklists=tuple(changed if c.id == "docs" else c for c in catalog.checklists)
    )
    again = Script(["q"])
    Assessment.resume(catalog2, again, store, store.get(w.aid), today=TODAY).run()
    notice = dict(again.notices)["changed"]
    assert notice["changed"] == ["docs"] and notice["kept"] == ["work-visa"]
    assert again.asked() == ["copies"]  # the first unanswered of the new list
    rec = store.get(w.aid)
    assert rec.answers["work-visa"].value is AnswerValue.YES  # removed item kept as history
    assert rec.versions["docs"]["sha256"] == "changed"
    assert "version_history" in rec.data
