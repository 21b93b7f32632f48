"""The assessment: the profile first, then every applicable item, then the costs check for
everyone (its loan part only with a loan); back, skip, unsure, note, review, quit.

Pure: no terminal code. It talks to the person through an `Asker` (a rich terminal one in
``cli/assess_ui.py``, a scripted one in the tests) and saves every answer, note and profile field
through the store before the next question is asked.

`Assessment` is the loop; its collaborators live beside it:

- `replies`: typed keys and values, parsed per language (shared with answers files);
- `screens`: what is shown (`ProfilePrompt`, `ItemPrompt`, `Review`, `FundsRequest`) and the
  `Asker`;
- `state`: the answers in memory and in the store, consent moving the record;
- `position`: the steps in order, where an assessment (or `resume`) continues;
- `steps/profile`, `steps/items`, `steps/funds`, `steps/review`: each step's screen and what a
  reply to it does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pmi_ready.assessment.position import Step, check_versions, first_open, next_open, steps
from pmi_ready.assessment.replies import (
    ANSWER_KEYS,
    MAX_TEXT,
    Command,
    Problem,
    clean_text,
    parse_answer,
    parse_command,
    parse_profile_value,
    years_between,
)
from pmi_ready.assessment.screens import (
    Asker,
    FundsRequest,
    ItemPrompt,
    Notice,
    Outcome,
    Place,
    ProfilePrompt,
    Prompt,
    Review,
    ReviewEntry,
    ReviewSection,
)
from pmi_ready.assessment.state import CONSENT, AssessmentState, DiskOpener
from pmi_ready.assessment.steps.funds import FundsStep
from pmi_ready.assessment.steps.items import ItemStep
from pmi_ready.assessment.steps.profile import ProfileStep
from pmi_ready.assessment.steps.review import ReviewStep
from pmi_ready.core import Answer, Catalog, Checklist, Item, Readiness
from pmi_ready.store import Store, StoredAssessment

__all__ = [
    "ANSWER_KEYS",
    "CONSENT",
    "MAX_TEXT",
    "Asker",
    "Assessment",
    "Command",
    "FundsRequest",
    "ItemPrompt",
    "Notice",
    "Outcome",
    "Place",
    "Problem",
    "ProfilePrompt",
    "Prompt",
    "Review",
    "ReviewEntry",
    "ReviewSection",
    "Step",
    "clean_text",
    "parse_answer",
    "parse_command",
    "parse_profile_value",
    "years_between",
]


class Assessment:
    """One assessment under way: `Assessment.start` or `Assessment.resume`, then `run`."""

    def __init__(self, state: AssessmentState, asker: Asker) -> None:
        self.state = state
        self.asker = asker
        self.pos = 0  # index into `steps()`; past the end is the review
        self._profile = ProfileStep(state, asker)
        self._items = ItemStep(state, asker)
        self._funds = FundsStep(state, asker)
        self._review = ReviewStep(state, self._funds)

    # ---------------------------------------------------------------------------- creating
    @classmethod
    def start(
        cls,
        catalog: Catalog,
        asker: Asker,
        disk: Store | DiskOpener | None,
        lang: str,
        *,
        today: dt.date | None = None,
    ) -> Assessment:
        """A new assessment. It starts in memory; it reaches ``disk`` only with consent (or at
        once when the profile has no consent question). ``disk`` may be a function that opens
        it: then a database is created only once someone consents."""
        state = AssessmentState.new(catalog, disk, lang, today or dt.date.today(), asker.notice)
        return cls(state, asker)

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
    ) -> Assessment:
        """Continue a saved assessment at the first unanswered question."""
        state = AssessmentState.saved(
            catalog, disk, record, lang or record.lang, today or dt.date.today(), asker.notice
        )
        walk = cls(state, asker)
        check_versions(state, record)
        walk.pos = first_open(state)
        return walk

    # ----------------------------------------------------------------- the state, for callers
    @property
    def aid(self) -> str:
        return self.state.aid

    @property
    def store(self) -> Store:
        """Where the answers are saved now (memory until consent)."""
        return self.state.store

    @property
    def lang(self) -> str:
        return self.state.lang

    def _after(self, step: Step) -> int:
        """Where the question after ``step`` now is: an answer may add or remove questions (a
        follow-up such as *which country?* disappears once the name is on the list)."""
        now = self.steps()
        return now.index(step) + 1 if step in now else self.pos

    @property
    def profile(self) -> dict[str, str]:
        return self.state.profile

    @property
    def answers(self) -> dict[str, Answer]:
        return self.state.answers

    @property
    def funds(self) -> dict[str, object] | None:
        return self.state.funds

    @property
    def on_save(self) -> Callable[[], None] | None:
        return self.state.on_save

    @on_save.setter
    def on_save(self, hook: Callable[[], None] | None) -> None:
        self.state.on_save = hook

    def items(self) -> list[tuple[Checklist, Item]]:
        return self.state.items()

    def steps(self) -> list[Step]:
        return steps(self.state)

    def readiness(self) -> Readiness:
        return self.state.readiness()

    def funds_request(self) -> FundsRequest:
        return self._funds.request()

    def review(self, problem: Problem | None = None) -> Review:
        return self._review.screen(problem)

    # ----------------------------------------------------------------------------- the loop
    def run(self) -> Outcome:
        """Assessment until finished or quit. EOFError and KeyboardInterrupt pass through: every
        answer given so far is already saved.

        The review can be left back to where it was opened (``r`` then ``b``); a question
        reached from the review goes back there with ``b``, and once answered the assessment goes on
        in order from it to the next open question."""
        jump_back = False  # a question reached from the review: b returns there
        came_from: int | None = None  # the step where `r` was typed: b in the review returns
        problem: Problem | None = None
        review_problem: Problem | None = None
        while True:
            all_steps = self.steps()
            if self.pos >= len(all_steps):
                self.pos = len(all_steps)
                screen = self._review.screen(review_problem, back=came_from)
                reply = self.asker.review(screen)
                target, review_problem, outcome = self._review.reply(
                    reply, review_problem, back=came_from
                )
                if outcome is not None:
                    if outcome is Outcome.FINISHED:
                        self.store.finish(self.aid)
                    return outcome
                if target is not None:
                    jump_back = target != came_from
                    self.pos, problem = target, None
                    if not jump_back:
                        came_from = None
                continue
            step = all_steps[self.pos]
            prompt: Prompt | None = None
            if step.kind == "funds":
                reply = self._funds.ask()
            else:
                questions = self._profile if step.kind == "profile" else self._items
                prompt = questions.prompt(step.ident, problem)
                reply = self.asker.ask(prompt)
            problem = None
            command = parse_command(reply)
            if command is Command.QUIT:
                return Outcome.QUIT
            if command is Command.LANG:  # the other language from now on: questions, keys, review
                self.state.lang = "en" if self.state.lang == "id" else "id"
                continue
            if command is Command.INFO:
                if prompt is not None:
                    self.asker.info(prompt)
                continue
            if command is Command.REVIEW:
                if not jump_back:
                    came_from = self.pos
                self.pos, jump_back = len(all_steps), False
                continue
            if command is Command.BACK:
                if jump_back:
                    self.pos, jump_back = len(all_steps), False
                elif self.pos == 0:
                    problem = "first"
                else:
                    self.pos -= 1
                continue
            if step.kind == "profile":
                problem = self._profile.reply(step.ident, reply, command)
            elif isinstance(prompt, ItemPrompt):
                problem = self._items.reply(prompt, reply, command)
            elif command is Command.SKIP:
                self.state.skip_funds()
            if problem is None and command is not Command.NOTE:
                # after a jump from the review, on in order to the next open question
                self.pos = next_open(self.state, self._after(step), profile=jump_back)
                jump_back = False
                if self.pos >= len(self.steps()):
                    came_from = None  # the review reached by going on: b is the last question
