"""The state of an assessment: what has been answered, and saving each change at once.

Every profile value, answer, note, skip and the funds answers are written through the store
before the assessment asks anything else. Consent decides where that is: when the profile has a
``consent`` field, only ``yes`` lets anything reach the disk; until then, and whenever it is not
``yes``, the assessment lives in a `MemoryStore`. Changing the answer later moves the record (a
withdrawn consent deletes it from the disk). The disk may be given as a function that opens it,
called at the first ``yes``: a consent refused creates no database file at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from pmi_ready.assessment.verdict import COPY_KEY, FUNDS_KEY, Evaluation, checklist_copy, evaluate
from pmi_ready.core import (
    Answer,
    AnswerValue,
    Catalog,
    Checklist,
    Item,
    ProfileField,
    Readiness,
    applicable,
)
from pmi_ready.store import MemoryStore, Store, StoredAssessment

if TYPE_CHECKING:
    from pmi_ready.assessment.screens import Notice
    from pmi_ready.funds import FundsInput, FundsRules

CONSENT = "consent"
DiskOpener = Callable[[], Store]
"""Opens (creates) the store a consented assessment is saved in, when it is first needed."""
FUNDS_DRAFT_KEY = "funds_draft"  # the funds step's answers so far, while it is not finished
# (stored as [[key, text], …] in the order they were typed: JSON objects are saved sorted)


class AssessmentState:
    """The answers of one assessment, in memory and in its store. ``notice`` tells the person
    where their answers go (the asker's `notice`)."""

    def __init__(
        self,
        catalog: Catalog,
        store: Store,
        disk: Store | DiskOpener | None,
        aid: str,
        lang: str,
        today: dt.date,
        notice: Callable[[Notice, dict[str, object]], None],
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.disk = disk  # where a consented assessment is saved; None with --no-save
        self.aid = aid
        self.lang = lang
        self.today = today
        self.notice = notice
        self.profile: dict[str, str] = {}
        self.answers: dict[str, Answer] = {}
        self.notes: dict[str, str] = {}
        self.skipped: set[str] = set()
        self.funds: dict[str, object] | None = None  # FundsInput.to_dict() once answered
        self.funds_skipped = False
        self.funds_draft: dict[str, str] = {}  # question key -> text, until the step is done
        self.on_save: Callable[[], None] | None = None  # a hook for tests and benchmarks
        self._rules: FundsRules | None = None

    @classmethod
    def new(
        cls,
        catalog: Catalog,
        disk: Store | DiskOpener | None,
        lang: str,
        today: dt.date,
        notice: Callable[[Notice, dict[str, object]], None],
    ) -> AssessmentState:
        """A new assessment. It starts in memory; it reaches ``disk`` only with consent (or at
        once when the profile has no consent question)."""
        has_consent = catalog.profile.field(CONSENT) is not None
        state = cls(catalog, MemoryStore(), disk, "", lang, today, notice)
        if disk is not None and not has_consent:
            state.store = state.open_disk()
        state.aid = state.store.create(lang=lang, versions=catalog.versions())
        kept = checklist_copy(catalog)
        if kept is not None:  # the folder's checklists, for a report made without the folder
            state.store.set_data(state.aid, COPY_KEY, kept)
        if disk is None:
            notice("memory-only", {"reason": "no-save"})
        return state

    @classmethod
    def saved(
        cls,
        catalog: Catalog,
        disk: Store,
        record: StoredAssessment,
        lang: str,
        today: dt.date,
        notice: Callable[[Notice, dict[str, object]], None],
    ) -> AssessmentState:
        """A saved assessment, as it was left."""
        state = cls(catalog, disk, disk, record.id, lang, today, notice)
        state.profile = dict(record.profile)
        state.answers = dict(record.answers)
        state.notes = dict(record.notes)
        state.skipped = set(_str_list(record.data.get("skipped")))
        state.funds = _funds_data(record.data.get(FUNDS_KEY))
        state.funds_skipped = bool(record.data.get("funds_skipped"))
        state.funds_draft = _draft(record.data.get(FUNDS_DRAFT_KEY))
        return state

    # ---------------------------------------------------------------------------- what applies
    def profile_fields(self) -> list[ProfileField]:
        """The profile questions in the order asked: consent first (never with --no-save); the
        follow-up of an ``other`` choice (*which country?*) right after it."""
        fields = self.catalog.profile.asked(self.profile)
        consent = [f for f in fields if f.id == CONSENT]
        if self.disk is None:
            return [f for f in fields if f.id != CONSENT]
        return consent + [f for f in fields if f.id != CONSENT]

    def items(self) -> list[tuple[Checklist, Item]]:
        """The questions to ask: the items that apply to the profile and to the answers so far
        (skip logic); rules answered from the profile are never asked. An answer hidden by a
        change is kept, and counts again when its condition returns."""
        pairs = applicable(self.catalog.checklists, self.profile, self.answers)
        return [(c, it) for c, it in pairs if it.from_profile is None]

    def has_funds_step(self) -> bool:
        """Asked of everyone (a forbidden charge or cash without a receipt is a warning sign
        whoever received it, with or without a loan), whenever the catalog has a funds rules
        file."""
        return self._has_funds_file()

    def _has_funds_file(self) -> bool:
        return any(d.kind == "funds" for d in self.catalog.data.values())

    def funds_rules(self) -> FundsRules:
        if self._rules is None:
            from pmi_ready.funds import FundsRules

            self._rules = FundsRules.from_catalog(self.catalog)
        return self._rules

    def evaluation(self) -> Evaluation:
        """The readiness with the funds check folded in (see `pmi_ready.assessment.verdict`)."""
        data = {FUNDS_KEY: self.funds} if self.funds is not None else None
        rules = self.funds_rules() if self.funds is not None and self._has_funds_file() else None
        return evaluate(self.catalog, self.profile, self.answers, data, rules=rules)

    def readiness(self) -> Readiness:
        return self.evaluation().readiness

    # --------------------------------------------------------------------------------- saving
    def _saved(self) -> None:
        if self.on_save is not None:
            self.on_save()

    def set_profile(self, field_id: str, value: str | None) -> None:
        flags_before = self._flag_codes()
        before = {it.id for _, it in self.items()}
        if value is None:
            self.profile.pop(field_id, None)
        else:
            self.profile[field_id] = value
        summary = self.readiness()
        self.store.set_profile(self.aid, field_id, value, summary=summary)
        self._saved()
        self._tell_new_flags(flags_before, summary)
        if field_id == CONSENT:
            self._consent_changed(value)
        after = {it.id for _, it in self.items()}
        if self.answers and before != after:
            self.notice(
                "applicability",
                {"added": len(after - before), "removed": len(before - after)},
            )

    def open_disk(self) -> Store:
        """The disk store, opened (and so created) the first time it is needed."""
        assert self.disk is not None
        if not isinstance(self.disk, Store):
            self.disk = self.disk()
        return self.disk

    def _consent_changed(self, value: str | None) -> None:
        if self.disk is None:
            return
        if value == "yes" and not self.store.persistent:
            record = self.store.get(self.aid)
            self.open_disk().put(record, self.readiness())
            self.store.close()
            self.store = self.open_disk()
            self.notice("saving", {"id": self.aid})
        elif value != "yes" and self.store.persistent:
            memory = MemoryStore()
            memory.put(self.store.get(self.aid))
            self.open_disk().delete(self.aid)
            self.store = memory
            self.notice("consent-withdrawn", {})
        elif value != "yes":
            self.notice("memory-only", {"reason": "consent"})

    def set_answer(self, item_id: str, value: AnswerValue | None) -> None:
        flags_before = self._flag_codes()
        note = self.notes.get(item_id, "")
        if value is None:
            self.answers.pop(item_id, None)
        else:
            self.answers[item_id] = Answer(item_id, value, note)
        summary = self.readiness()
        self.store.save_answer(self.aid, item_id, value, note, summary=summary)
        self._saved()
        self._tell_new_flags(flags_before, summary)
        if item_id in self.skipped:
            self.skipped.discard(item_id)
            self.store.set_data(self.aid, "skipped", sorted(self.skipped))

    def set_note(self, item_id: str, note: str) -> None:
        self.notes[item_id] = note
        a = self.answers.get(item_id)
        if a is not None:
            self.answers[item_id] = Answer(item_id, a.value, note, a.answered_at)
        self.store.save_answer(
            self.aid, item_id, a.value if a else None, note, summary=self.readiness()
        )
        self._saved()

    def skip(self, item_id: str) -> None:
        if item_id not in self.skipped:
            self.skipped.add(item_id)
            self.store.set_data(self.aid, "skipped", sorted(self.skipped))

    def keep_funds_answer(self, key: str, text: str) -> None:
        """Save one answer of the funds step before its next question is asked: a step cut off
        half-way (a kill, ``q``, Ctrl-C) goes on from there next time."""
        self.funds_draft.pop(key, None)  # typed again: now the latest
        self.funds_draft[key] = text
        self._save_draft()

    def forget_funds_answer(self, key: str) -> None:
        """Drop one kept answer of the funds step (the person went back to that question)."""
        if self.funds_draft.pop(key, None) is not None:
            self._save_draft()

    def _save_draft(self) -> None:
        pairs = [[k, v] for k, v in self.funds_draft.items()]
        self.store.set_data(self.aid, FUNDS_DRAFT_KEY, pairs or None)
        self._saved()

    def _flag_codes(self) -> set[str]:
        return {f.code for f in self.readiness().red_flags}

    def _tell_new_flags(self, before: set[str], now: Readiness) -> None:
        """A warning sign raised by the answer just given is said at once, before the next
        question: what the danger is and the free hotline, in both languages."""
        new = [f for f in now.red_flags if f.code not in before]
        if not new:
            return
        contacts = self.catalog.contacts
        lines = [
            {"id": c.label.id, "en": c.label.en, "value": c.value or ""}
            for c in (contacts.contacts if contacts else ())
            if c.kind in ("phone", "whatsapp") and c.value
        ]
        for f in new:
            self.notice(
                "red-flag",
                {"code": f.code, "id": f.title.id, "en": f.title.en, "contacts": lines},
            )

    def set_funds(self, inp: FundsInput) -> None:
        flags_before = self._flag_codes()
        """Save the funds answers at once, with the summary they change; the answers kept
        while the step was going on are then dropped (a redo starts afresh)."""
        self.funds = inp.to_dict()
        summary = self.readiness()
        self.store.set_data(self.aid, FUNDS_KEY, self.funds, summary=summary)
        self._saved()
        self._tell_new_flags(flags_before, summary)
        if self.funds_draft:
            self.funds_draft = {}
            self.store.set_data(self.aid, FUNDS_DRAFT_KEY, None)

    def skip_funds(self) -> None:
        if not self.funds_skipped:
            self.funds_skipped = True
            self.store.set_data(self.aid, "funds_skipped", True)


def _funds_data(value: object) -> dict[str, object] | None:
    return {str(k): v for k, v in value.items()} if isinstance(value, Mapping) else None


def _draft(value: object) -> dict[str, str]:
    """The kept funds answers in the order they were typed (stored as ``[[key, text], …]``)."""
    if not isinstance(value, list):
        return {}
    return {
        str(p[0]): p[1]
        for p in value
        if isinstance(p, list) and len(p) == 2 and isinstance(p[1], str)
    }


def _str_list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []
