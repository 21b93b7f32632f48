"""The costs and loan step of the assessment, asked of everyone after the checklist items (what was
paid or asked for; the loan part only with a loan): the `FundsRequest` for the asker (the job and
the funding from the profile, the wage currency from the destination pack), saving its answers,
and its entry in the review."""

from __future__ import annotations

from pmi_ready.assessment.replies import parse_command
from pmi_ready.assessment.screens import Asker, FundsRequest, ReviewEntry, ReviewSection
from pmi_ready.assessment.state import AssessmentState
from pmi_ready.assessment.verdict import FUNDS_KEY
from pmi_ready.core import checklist_applies


class FundsStep:
    def __init__(self, state: AssessmentState, asker: Asker) -> None:
        self.state = state
        self.asker = asker

    def currency(self) -> str | None:
        """The wage currency of the destination pack that applies to this profile."""
        for c in self.state.catalog.checklists:
            if c.currency and checklist_applies(c, self.state.profile):
                return c.currency
        return None

    def request(self) -> FundsRequest:
        state = self.state
        return FundsRequest(
            state.lang,
            state.funds_rules(),
            state.profile.get("job") or None,
            self.currency(),
            state.profile.get("funding") or None,
            done=state.funds is not None,
            kept=tuple(state.funds_draft.items()),
            keep=state.keep_funds_answer,
            forget=state.forget_funds_answer,
        )

    def ask(self) -> str:
        """Run the step: ``""`` once its answers are saved, else the command typed."""
        got = self.asker.funds(self.request())
        if isinstance(got, str):
            return got if parse_command(got) is not None else ""
        self.state.set_funds(got)
        return ""

    def review_section(self) -> ReviewSection:
        from pmi_ready.i18n import _, both

        state = self.state
        title = both(_("Costs and loan check"))
        ready = None
        if state.funds is not None:
            ev = state.evaluation()
            ready = ev.funds is not None and not ev.funds.red_flags()
        entry = ReviewEntry(
            "f",
            "funds",
            FUNDS_KEY,
            title,
            "done" if state.funds is not None else None,
            skipped=state.funds is None and state.funds_skipped,
            ready=ready,
            kept=len(state.funds_draft) if state.funds is None else 0,
        )
        return ReviewSection(title, (entry,))
