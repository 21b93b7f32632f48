"""The review screen that ends the assessment: every profile value and answer by section (and the
funds step), what is still unanswered; and what a reply there does: Enter finishes (asked twice
while items are unanswered), a key such as ``p3``, ``12`` or ``f`` jumps to that question, ``b``
goes back to where the review was opened (the last question when the assessment reached it), ``q``
quits."""

from __future__ import annotations

from collections.abc import Iterator

from pmi_ready.assessment.position import steps
from pmi_ready.assessment.replies import Command, Problem, parse_command
from pmi_ready.assessment.screens import Outcome, Review, ReviewEntry, ReviewSection
from pmi_ready.assessment.state import AssessmentState
from pmi_ready.assessment.steps.funds import FundsStep
from pmi_ready.core import Checklist, ProfileField, Text


class ReviewStep:
    def __init__(self, state: AssessmentState, funds: FundsStep) -> None:
        self.state = state
        self.funds = funds

    def screen(self, problem: Problem | None = None, *, back: int | None = None) -> Review:
        """The review; ``back`` is the step it was opened from (``r``), where ``b`` returns."""
        state = self.state
        fields = state.profile_fields()
        profile_entries = tuple(
            ReviewEntry(
                f"p{i}",
                "profile",
                f.id,
                f.ask,
                state.profile.get(f.id),
                label=_label(f, state.profile.get(f.id)),
            )
            for i, f in enumerate(fields, 1)
        )
        sections = [ReviewSection(state.catalog.profile.title, profile_entries)]
        current: Checklist | None = None
        entries: list[ReviewEntry] = []
        unanswered = 0
        for n, (c, it) in enumerate(state.items(), 1):
            if current is not None and c.id != current.id:
                sections.append(ReviewSection(current.title, tuple(entries)))
                entries = []
            current = c
            a = state.answers.get(it.id)
            unanswered += a is None
            entries.append(
                ReviewEntry(
                    str(n),
                    "item",
                    it.id,
                    it.ask,
                    a.value.value if a else None,
                    state.notes.get(it.id, a.note if a else ""),
                    skipped=it.id in state.skipped and a is None,
                    ready=it.is_ready(a.value if a else None),
                )
            )
        if current is not None:
            sections.append(ReviewSection(current.title, tuple(entries)))
        if state.has_funds_step():
            sections.append(self.funds.review_section())
        saving = state.store.persistent
        review = Review(state.lang, tuple(sections), unanswered, problem, saving=saving)
        target = self._back_target(back)
        if target is None:
            return review
        step = steps(state)[target]
        key = next(
            (e.key for e in _entries(review) if (e.kind, e.ident) == (step.kind, step.ident)),
            None,
        )
        return Review(state.lang, tuple(sections), unanswered, problem, back_to=key, saving=saving)

    def _back_target(self, back: int | None) -> int | None:
        n = len(steps(self.state))
        if n == 0:
            return None
        return back if back is not None and 0 <= back < n else n - 1

    def reply(
        self, reply: str, before: Problem | None, *, back: int | None = None
    ) -> tuple[int | None, Problem | None, Outcome | None]:
        """Where to go (a step index), what is wrong with the reply, or how the assessment ends."""
        text = reply.strip().lower()
        all_steps = steps(self.state)
        if text == "":
            if self.screen().unanswered and before != "unanswered":
                return None, "unanswered", None
            return None, None, Outcome.FINISHED
        command = parse_command(text)
        if command is Command.QUIT:
            return None, None, Outcome.QUIT
        if command is Command.BACK:
            return self._back_target(back), None, None
        for entry in _entries(self.screen()):
            if entry.key == text:
                for i, s in enumerate(all_steps):
                    if s.kind == entry.kind and s.ident == entry.ident:
                        return i, None, None
        return None, "jump", None


def _label(f: ProfileField, value: str | None) -> Text | None:
    c = f.choice(value) if value is not None else None
    return c.label if c is not None else None


def _entries(review: Review) -> Iterator[ReviewEntry]:
    for s in review.sections:
        yield from s.entries
