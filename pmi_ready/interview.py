"""The walk: the profile first, then every applicable item; back, skip, unsure, note, review, quit.

Pure: no terminal code. It talks to the person through an `Asker` (a rich terminal one in
``cli/walk_ui.py``, a scripted one in the tests) and saves every answer, note and profile field
through the store before the next question is asked. Typed keys are parsed here, per language, so
the scripted tests exercise the same rules as a person at a keyboard.

Consent: when the profile has a ``consent`` field it is asked first. Only ``yes`` lets anything
reach the disk; until then, and whenever it is not ``yes``, the assessment lives in a `MemoryStore`.
Changing the answer later moves the record (a withdrawn consent deletes it from the disk).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal, Protocol

from pmi_ready.conditions import applicable, checklist_applies
from pmi_ready.evaluate import FUNDS_KEY, Evaluation, evaluate, wants_funds
from pmi_ready.model import (
    Answer,
    AnswerValue,
    Catalog,
    Checklist,
    FieldType,
    Item,
    ProfileField,
    Text,
)
from pmi_ready.scoring import Readiness
from pmi_ready.store import MemoryStore, Store, StoredAssessment
from pmi_ready.values import frozen

if TYPE_CHECKING:
    from pmi_ready.funds import FundsInput, FundsRules

CONSENT = "consent"

ANSWER_KEYS: dict[str, dict[AnswerValue, tuple[str, ...]]] = {
    "id": {
        AnswerValue.YES: ("y", "ya"),
        AnswerValue.NO: ("t", "tidak"),
        AnswerValue.UNSURE: ("?",),
        AnswerValue.NA: ("tb", "na"),
    },
    "en": {
        AnswerValue.YES: ("y", "yes"),
        AnswerValue.NO: ("n", "no"),
        AnswerValue.UNSURE: ("?",),
        AnswerValue.NA: ("na",),
    },
}


class Command(StrEnum):
    BACK = "b"
    SKIP = "s"
    INFO = "i"
    NOTE = "c"
    LANG = "l"
    QUIT = "q"
    REVIEW = "r"


class Outcome(StrEnum):
    FINISHED = "finished"
    QUIT = "quit"


Problem = Literal[
    "key",  # not an answer or command key
    "choice",  # not one of the numbered choices
    "age",  # not a number of years or a date
    "future",  # a date of birth in the future
    "range",  # a number outside min..max
    "required",  # this question cannot be skipped or left empty
    "na",  # "does not apply" is not accepted for this item
    "first",  # `b` on the first question
    "jump",  # a review entry that does not exist
    "unanswered",  # finishing with unanswered items: Enter again to confirm
]


@frozen
class Prompt:
    """One question as the asker shows it."""

    kind: Literal["profile", "item"]
    lang: str
    section: Text
    section_pos: int  # 1-based
    section_len: int
    total_pos: int  # 1-based, over applicable items only (profile: over profile fields)
    total_len: int
    field: ProfileField | None = None
    item: Item | None = None
    checklist: Checklist | None = None
    current: str | None = None  # the answer or profile value given before, if any
    note: str = ""
    other_lang: bool = False
    problem: Problem | None = None
    intro: Text | None = None  # shown before the first item of a section


@frozen
class FundsRequest:
    """The costs and loan step, asked after the checklist items when the costs are paid (partly)
    by a loan. ``job`` comes from the profile, ``currency`` from the destination pack."""

    lang: str
    rules: FundsRules
    job: str | None
    currency: str | None
    done: bool = False  # answered before: this is a redo


@frozen
class ReviewEntry:
    key: str  # what to type to jump there: "p3", "12", "f"
    kind: Literal["profile", "item", "funds"]
    ident: str  # field or item id
    question: Text
    value: str | None  # a profile value or an answer value
    note: str = ""
    skipped: bool = False
    ready: bool | None = None  # items only
    label: Text | None = None  # profile choices: the label of the value


@frozen
class ReviewSection:
    title: Text
    entries: tuple[ReviewEntry, ...]


@frozen
class Review:
    lang: str
    sections: tuple[ReviewSection, ...]  # the profile first, then each applicable checklist
    unanswered: int
    problem: Problem | None = None


Notice = Literal[
    "memory-only",  # consent not given / --no-save: nothing is written
    "saving",  # consent given: from now on every answer is saved
    "consent-withdrawn",  # the saved record was deleted from the disk
    "underage",  # an age under 18 was recorded
    "applicability",  # a profile change added or removed items (counts in ``detail``)
    "changed",  # the checklists changed since the assessment was saved (ids in ``detail``)
]


class Asker(Protocol):
    """How the walk talks to a person. ``ask`` / ``review`` / ``note`` return what was typed
    (raise EOFError when input ends; KeyboardInterrupt passes through)."""

    def ask(self, prompt: Prompt) -> str: ...

    def info(self, prompt: Prompt) -> None: ...

    def note(self, prompt: Prompt) -> str: ...

    def review(self, review: Review) -> str: ...

    def funds(self, request: FundsRequest) -> FundsInput | str:
        """Ask the costs and loan questions; the answers, or a command key typed instead
        (``b`` back, ``s`` skip, ``r`` review, ``q`` quit)."""
        ...

    def notice(self, notice: Notice, detail: dict[str, object]) -> None: ...


# ------------------------------------------------------------------------------ parsing answers
def parse_answer(text: str, lang: str) -> AnswerValue | None:
    low = text.strip().lower()
    for value, keys in ANSWER_KEYS["en" if lang == "en" else "id"].items():
        if low in keys:
            return value
    return None


def parse_command(text: str) -> Command | None:
    low = text.strip().lower()
    try:
        return Command(low)
    except ValueError:
        return None


_DATE_RE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def years_between(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def parse_profile_value(
    f: ProfileField, text: str, lang: str, today: dt.date
) -> tuple[str | None, Problem | None]:
    """The stored value for what was typed, or a problem. ``(None, None)`` = left empty."""
    raw = text.strip()
    if raw == "":
        return (None, "required") if f.required else (None, None)
    if f.type is FieldType.CHOICE:
        if raw.isdigit() and 1 <= int(raw) <= len(f.choices):
            return f.choices[int(raw) - 1].value, None
        low = raw.casefold()
        for c in f.choices:
            if low in (c.value.casefold(), c.label.id.casefold(), c.label.en.casefold()):
                return c.value, None
        return None, "choice"
    if f.type is FieldType.YES_NO:
        ans = parse_answer(raw, lang)
        if ans in (AnswerValue.YES, AnswerValue.NO):
            return ans.value, None
        return None, "key"
    if f.type in (FieldType.AGE, FieldType.NUMBER):
        number: float
        if f.type is FieldType.AGE and _DATE_RE.match(raw):
            try:
                born = dt.date.fromisoformat("-".join(p.zfill(2) for p in raw.split("-")))
            except ValueError:
                return None, "age"
            if born > today:
                return None, "future"
            number = years_between(born, today)
        else:
            try:
                number = float(raw.replace(",", "."))
            except ValueError:
                return None, "age" if f.type is FieldType.AGE else "range"
            if not math.isfinite(number):  # "nan", "inf": numbers to Python, not to people
                return None, "age" if f.type is FieldType.AGE else "range"
            if f.type is FieldType.AGE and number != int(number):
                number = int(number)
        if (f.min is not None and number < f.min) or (f.max is not None and number > f.max):
            return None, "range"
        return (str(int(number)) if number == int(number) else str(number)), None
    return clean_text(raw), None


MAX_TEXT = 500  # characters kept of a typed name or note


def clean_text(text: str) -> str:
    """Typed free text as it is stored: control characters removed (format characters such as
    the joiners inside emoji and right-to-left marks stay), NFC, at most MAX_TEXT characters."""
    import unicodedata

    spaced = re.sub(r"[\t\n\r\v\f]", " ", text)
    kept = "".join(ch for ch in spaced if unicodedata.category(ch) != "Cc")
    return unicodedata.normalize("NFC", " ".join(kept.split()))[:MAX_TEXT]


# ------------------------------------------------------------------------------------ the walk
@frozen
class Step:
    kind: Literal["profile", "item", "funds"]
    ident: str


@dataclass
class Walk:
    """One assessment being walked. Create with `Walk.start` or `Walk.resume`; then `run`."""

    catalog: Catalog
    asker: Asker
    store: Store
    disk: Store | None  # where a consented assessment is saved; None with --no-save
    aid: str
    lang: str
    today: dt.date = field(default_factory=dt.date.today)
    profile: dict[str, str] = field(default_factory=dict)
    answers: dict[str, Answer] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    funds: dict[str, object] | None = None  # FundsInput.to_dict() once the funds step is done
    funds_skipped: bool = False
    other_lang: bool = False
    pos: int = 0
    on_save: Callable[[], None] | None = None  # a hook for tests and benchmarks
    _rules: FundsRules | None = field(default=None, init=False, repr=False)

    # ---------------------------------------------------------------------------- creating
    @classmethod
    def start(
        cls,
        catalog: Catalog,
        asker: Asker,
        disk: Store | None,
        lang: str,
        *,
        today: dt.date | None = None,
    ) -> Walk:
        """A new assessment. It starts in memory; it reaches ``disk`` only with consent (or at
        once when the profile has no consent question)."""
        has_consent = catalog.profile.field(CONSENT) is not None
        store: Store = disk if disk is not None and not has_consent else MemoryStore()
        aid = store.create(lang=lang, versions=catalog.versions())
        walk = cls(catalog, asker, store, disk, aid, lang, today or dt.date.today())
        if disk is None:
            asker.notice("memory-only", {"reason": "no-save"})
        return walk

    @classmethod
    def resume(
        cls,
        catalog: Catalog,
        asker: Asker,
        disk: Store,
        record: StoredAssessment,
        *,
        lang: str | None = None,
        today: dt.date | None = None,
    ) -> Walk:
        """Continue a saved assessment at the first unanswered question."""
        walk = cls(
            catalog,
            asker,
            disk,
            disk,
            record.id,
            lang or record.lang,
            today or dt.date.today(),
            profile=dict(record.profile),
            answers=dict(record.answers),
            notes=dict(record.notes),
            skipped=set(_str_list(record.data.get("skipped"))),
            funds=_funds_data(record.data.get(FUNDS_KEY)),
            funds_skipped=bool(record.data.get("funds_skipped")),
        )
        walk._check_versions(record)
        walk.pos = walk.first_open()
        return walk

    def _check_versions(self, record: StoredAssessment) -> None:
        now = self.catalog.versions()
        before = record.versions
        changed = sorted(k for k in now if k in before and before[k] != now[k])
        added = sorted(k for k in now if k not in before)
        removed = sorted(k for k in before if k not in now)
        if not (changed or added or removed):
            return
        known = {it.id for it in self.catalog.items()}
        kept = sorted(k for k in self.answers if k not in known)
        self.asker.notice(
            "changed",
            {"changed": changed, "added": added, "removed": removed, "kept": kept},
        )
        history = list(_dict_list(record.data.get("version_history")))
        history.append({"at": dt.datetime.now(dt.UTC).isoformat(), "before": before})
        self.store.set_data(self.aid, "version_history", history)
        self.store.set_versions(self.aid, now)

    # ------------------------------------------------------------------------------ steps
    def profile_fields(self) -> list[ProfileField]:
        fields = list(self.catalog.profile.fields)
        consent = [f for f in fields if f.id == CONSENT]
        if self.disk is None:
            return [f for f in fields if f.id != CONSENT]
        return consent + [f for f in fields if f.id != CONSENT]

    def items(self) -> list[tuple[Checklist, Item]]:
        return applicable(self.catalog.checklists, self.profile)

    def steps(self) -> list[Step]:
        steps = [Step("profile", f.id) for f in self.profile_fields()] + [
            Step("item", it.id) for _, it in self.items()
        ]
        if self.has_funds_step():
            steps.append(Step("funds", FUNDS_KEY))
        return steps

    def has_funds_step(self) -> bool:
        """Asked when the profile says a loan pays (part of) the costs; kept in the review
        once answered. Never without a funds rules file in the catalog."""
        wanted = wants_funds(self.profile) or self.funds is not None
        return wanted and self._has_funds_file()

    def _has_funds_file(self) -> bool:
        return any(d.kind == "funds" for d in self.catalog.data.values())

    def funds_rules(self) -> FundsRules:
        if self._rules is None:
            from pmi_ready.funds import FundsRules

            self._rules = FundsRules.from_catalog(self.catalog)
        return self._rules

    def currency(self) -> str | None:
        """The wage currency of the destination pack that applies to this profile."""
        for c in self.catalog.checklists:
            if c.currency and checklist_applies(c, self.profile):
                return c.currency
        return None

    def funds_request(self) -> FundsRequest:
        return FundsRequest(
            self.lang,
            self.funds_rules(),
            self.profile.get("job") or None,
            self.currency(),
            done=self.funds is not None,
        )

    def first_open(self) -> int:
        """The first profile field never answered (or required and empty), else the first
        unanswered item; past the end (the review) when everything is answered."""
        fields = self.profile_fields()
        if not self.profile:
            return 0
        for i, f in enumerate(fields):
            if f.id not in self.profile or (f.required and not self.profile.get(f.id)):
                return i  # never asked, or a required answer still missing
        for i, (_, it) in enumerate(self.items()):
            if it.id not in self.answers:
                return len(fields) + i
        end = len(fields) + len(self.items())
        if self.has_funds_step() and self.funds is None and not self.funds_skipped:
            return end
        return end + self.has_funds_step()

    def next_open(self, start: int) -> int:
        """Moving forward: the next profile question, or the next item not answered yet."""
        steps = self.steps()
        pos = start
        while pos < len(steps) and (
            (steps[pos].kind == "item" and steps[pos].ident in self.answers)
            or (steps[pos].kind == "funds" and self.funds is not None)
        ):
            pos += 1
        return pos

    def evaluation(self) -> Evaluation:
        """The readiness with the funds check folded in (see `pmi_ready.evaluate`)."""
        data = {FUNDS_KEY: self.funds} if self.funds is not None else None
        rules = self.funds_rules() if self.funds is not None and self._has_funds_file() else None
        return evaluate(self.catalog, self.profile, self.answers, data, rules=rules)

    def readiness(self) -> Readiness:
        return self.evaluation().readiness

    # ------------------------------------------------------------------------------- saving
    def _saved(self) -> None:
        if self.on_save is not None:
            self.on_save()

    def set_profile(self, field_id: str, value: str | None) -> None:
        before = {it.id for _, it in self.items()}
        if value is None:
            self.profile.pop(field_id, None)
        else:
            self.profile[field_id] = value
        self.store.set_profile(self.aid, field_id, value, summary=self.readiness())
        self._saved()
        if field_id == CONSENT:
            self._consent_changed(value)
        after = {it.id for _, it in self.items()}
        if self.answers and before != after:
            self.asker.notice(
                "applicability",
                {"added": len(after - before), "removed": len(before - after)},
            )

    def _consent_changed(self, value: str | None) -> None:
        if self.disk is None:
            return
        if value == "yes" and not self.store.persistent:
            record = self.store.get(self.aid)
            self.disk.put(record)
            self.disk.update_summary(self.aid, self.readiness())
            self.store.close()
            self.store = self.disk
            self.asker.notice("saving", {"id": self.aid})
        elif value != "yes" and self.store.persistent:
            memory = MemoryStore()
            memory.put(self.store.get(self.aid))
            self.disk.delete(self.aid)
            self.store = memory
            self.asker.notice("consent-withdrawn", {})
        elif value != "yes":
            self.asker.notice("memory-only", {"reason": "consent"})

    def set_answer(self, item_id: str, value: AnswerValue | None) -> None:
        note = self.notes.get(item_id, "")
        if value is None:
            self.answers.pop(item_id, None)
        else:
            self.answers[item_id] = Answer(item_id, value, note)
        self.store.save_answer(self.aid, item_id, value, note, summary=self.readiness())
        self._saved()
        if item_id in self.skipped:
            self.skipped.discard(item_id)
            self.store.set_data(self.aid, "skipped", sorted(self.skipped))

    def set_note(self, item_id: str, note: str) -> None:
        self.notes[item_id] = note
        a = self.answers.get(item_id)
        if a is not None:
            self.answers[item_id] = Answer(item_id, a.value, note, a.answered_at)
        self.store.save_answer(self.aid, item_id, a.value if a else None, note)
        self._saved()

    def set_funds(self, inp: FundsInput) -> None:
        """Save the funds answers at once, with the summary they change."""
        self.funds = inp.to_dict()
        self.store.set_data(self.aid, FUNDS_KEY, self.funds)
        self.store.update_summary(self.aid, self.readiness())
        self._saved()

    def skip_funds(self) -> None:
        if not self.funds_skipped:
            self.funds_skipped = True
            self.store.set_data(self.aid, "funds_skipped", True)

    def skip(self, item_id: str) -> None:
        if item_id not in self.skipped:
            self.skipped.add(item_id)
            self.store.set_data(self.aid, "skipped", sorted(self.skipped))

    # ----------------------------------------------------------------------------- the loop
    def run(self) -> Outcome:
        """Walk until finished or quit. EOFError and KeyboardInterrupt pass through: every
        answer given so far is already saved."""
        jump_back = False  # a question reached from the review returns there
        problem: Problem | None = None
        review_problem: Problem | None = None
        while True:
            steps = self.steps()
            if self.pos >= len(steps):
                self.pos = len(steps)
                reply = self.asker.review(self.review(review_problem))
                target, review_problem, outcome = self._review_reply(reply, review_problem)
                if outcome is not None:
                    if outcome is Outcome.FINISHED:
                        self.store.finish(self.aid)
                    return outcome
                if target is not None:
                    self.pos, jump_back, problem = target, True, None
                continue
            step = steps[self.pos]
            prompt: Prompt | None = None
            if step.kind == "funds":
                reply = self._ask_funds()
            else:
                prompt = self.prompt(step, steps, problem)
                reply = self.asker.ask(prompt)
            problem = None
            command = parse_command(reply)
            if command is Command.QUIT:
                return Outcome.QUIT
            if command is Command.LANG:
                self.other_lang = not self.other_lang
                continue
            if command is Command.INFO:
                if prompt is not None:
                    self.asker.info(prompt)
                continue
            if command is Command.REVIEW:
                self.pos, jump_back = len(steps), False
                continue
            if command is Command.BACK:
                if jump_back:
                    self.pos, jump_back = len(steps), False
                elif self.pos == 0:
                    problem = "first"
                else:
                    self.pos -= 1
                continue
            if step.kind == "profile":
                problem = self._profile_reply(step, reply, command)
            elif prompt is not None:
                problem = self._item_reply(step, prompt, reply, command)
            elif command is Command.SKIP:
                self.skip_funds()
            if problem is None and command is not Command.NOTE:
                if jump_back:
                    self.pos, jump_back = len(self.steps()), False
                else:
                    self.pos = self.next_open(self.pos + 1)

    def _ask_funds(self) -> str:
        """Run the funds step: ``""`` once its answers are saved, else the command typed."""
        got = self.asker.funds(self.funds_request())
        if isinstance(got, str):
            return got if parse_command(got) is not None else ""
        self.set_funds(got)
        return ""

    def _profile_reply(self, step: Step, reply: str, command: Command | None) -> Problem | None:
        f = self.catalog.profile.field(step.ident)
        assert f is not None
        needed = f.required or f.id == CONSENT  # consent is asked out loud, never assumed
        if command is Command.SKIP:
            if needed and not self.profile.get(f.id):
                return "required"
            if f.id not in self.profile:  # asked and left empty: resume must not ask it again
                self.set_profile(f.id, "")
            return None
        if command is Command.NOTE:
            return "key"
        if reply.strip() == "" and self.profile.get(f.id):
            return None  # Enter keeps the value given before
        if reply.strip() == "" and needed:
            return "required"
        value, problem = parse_profile_value(f, reply, self.lang, self.today)
        if problem is not None:
            return problem
        stored = "" if value is None else value  # "" = asked and left empty
        if f.id not in self.profile or stored != self.profile.get(f.id):
            self.set_profile(f.id, stored)
            if f.type is FieldType.AGE and value and int(value) < 18:
                self.asker.notice("underage", {"age": int(value)})
        return None

    def _item_reply(
        self, step: Step, prompt: Prompt, reply: str, command: Command | None
    ) -> Problem | None:
        item = prompt.item
        assert item is not None
        if command is Command.SKIP:
            self.skip(item.id)
            return None
        if command is Command.NOTE:
            text = clean_text(self.asker.note(prompt))
            if text != self.notes.get(item.id, ""):
                self.set_note(item.id, text)
            return None
        if reply.strip() == "" and item.id in self.answers:
            return None
        value = parse_answer(reply, self.lang)
        if value is None:
            return "key"
        if value is AnswerValue.NA and not item.allow_na:
            return "na"
        current = self.answers.get(item.id)
        if current is None or current.value is not value:
            self.set_answer(item.id, value)
        return None

    def _review_reply(
        self, reply: str, before: Problem | None
    ) -> tuple[int | None, Problem | None, Outcome | None]:
        text = reply.strip().lower()
        steps = self.steps()
        if text == "":
            review = self.review()
            if review.unanswered and before != "unanswered":
                return None, "unanswered", None
            return None, None, Outcome.FINISHED
        command = parse_command(text)
        if command is Command.QUIT:
            return None, None, Outcome.QUIT
        if command is Command.BACK:
            return len(steps) - 1, None, None
        for entry in _entries(self.review()):
            if entry.key == text:
                kind = entry.kind
                for i, s in enumerate(steps):
                    if s.kind == kind and s.ident == entry.ident:
                        return i, None, None
        return None, "jump", None

    # ----------------------------------------------------------------------------- screens
    def prompt(self, step: Step, steps: Sequence[Step], problem: Problem | None) -> Prompt:
        if step.kind == "profile":
            fields = self.profile_fields()
            f = self.catalog.profile.field(step.ident)
            assert f is not None
            return Prompt(
                kind="profile",
                lang=self.lang,
                section=self.catalog.profile.title,
                section_pos=self.pos + 1,
                section_len=len(fields),
                total_pos=self.pos + 1,
                total_len=len(fields),
                field=f,
                current=self.profile.get(f.id),
                other_lang=self.other_lang,
                problem=problem,
            )
        pairs = self.items()
        index = self.pos - len(self.profile_fields())
        checklist, item = pairs[index]
        in_section = [it.id for c, it in pairs if c.id == checklist.id]
        section_pos = in_section.index(item.id) + 1
        a = self.answers.get(item.id)
        return Prompt(
            kind="item",
            lang=self.lang,
            section=checklist.title,
            section_pos=section_pos,
            section_len=len(in_section),
            total_pos=index + 1,
            total_len=len(pairs),
            item=item,
            checklist=checklist,
            current=a.value.value if a else None,
            note=self.notes.get(item.id, a.note if a else ""),
            other_lang=self.other_lang,
            problem=problem,
            intro=checklist.intro if section_pos == 1 else None,
        )

    def review(self, problem: Problem | None = None) -> Review:
        fields = self.profile_fields()
        profile_entries = tuple(
            ReviewEntry(
                f"p{i}",
                "profile",
                f.id,
                f.ask,
                self.profile.get(f.id),
                label=_label(f, self.profile.get(f.id)),
            )
            for i, f in enumerate(fields, 1)
        )
        sections: list[ReviewSection] = [ReviewSection(self.catalog.profile.title, profile_entries)]
        current: Checklist | None = None
        entries: list[ReviewEntry] = []
        unanswered = 0
        for n, (c, it) in enumerate(self.items(), 1):
            if current is not None and c.id != current.id:
                sections.append(ReviewSection(current.title, tuple(entries)))
                entries = []
            current = c
            a = self.answers.get(it.id)
            unanswered += a is None
            entries.append(
                ReviewEntry(
                    str(n),
                    "item",
                    it.id,
                    it.ask,
                    a.value.value if a else None,
                    self.notes.get(it.id, a.note if a else ""),
                    skipped=it.id in self.skipped and a is None,
                    ready=it.is_ready(a.value if a else None),
                )
            )
        if current is not None:
            sections.append(ReviewSection(current.title, tuple(entries)))
        if self.has_funds_step():
            sections.append(self._funds_review())
        return Review(self.lang, tuple(sections), unanswered, problem)

    def _funds_review(self) -> ReviewSection:
        from pmi_ready.i18n import _, both

        title = both(_("Costs and loan check"))
        ready = None
        if self.funds is not None:
            ev = self.evaluation()
            ready = ev.funds is not None and not ev.funds.red_flags()
        entry = ReviewEntry(
            "f",
            "funds",
            FUNDS_KEY,
            title,
            "done" if self.funds is not None else None,
            skipped=self.funds is None and self.funds_skipped,
            ready=ready,
        )
        return ReviewSection(title, (entry,))


def _label(f: ProfileField, value: str | None) -> Text | None:
    c = f.choice(value) if value is not None else None
    return c.label if c is not None else None


def _entries(review: Review) -> Iterator[ReviewEntry]:
    for s in review.sections:
        yield from s.entries


def _funds_data(value: object) -> dict[str, object] | None:
    return {str(k): v for k, v in value.items()} if isinstance(value, Mapping) else None


def _str_list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _dict_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
