"""The profile step of the assessment: one `ProfilePrompt` per profile question, and what a reply
does (Enter keeps the value given before, ``s`` leaves an optional one empty, consent is never
assumed, an age under 18 is noticed)."""

from __future__ import annotations

from pmi_ready.assessment.replies import Command, Problem, parse_profile_value
from pmi_ready.assessment.screens import Asker, Place, ProfilePrompt
from pmi_ready.assessment.state import CONSENT, AssessmentState
from pmi_ready.core import OTHER, Choice, ProfileField


class ProfileStep:
    def __init__(self, state: AssessmentState, asker: Asker) -> None:
        self.state = state
        self.asker = asker

    def _field(self, ident: str) -> ProfileField:
        f = self.state.catalog.profile.field(ident)
        assert f is not None
        return f

    def prompt(self, ident: str, problem: Problem | None) -> ProfilePrompt:
        fields = self.state.profile_fields()
        f = self._field(ident)
        pos = [x.id for x in fields].index(ident) + 1
        title = self.state.catalog.profile.title
        return ProfilePrompt(
            place=Place(self.state.lang, title, pos, len(fields), pos, len(fields)),
            field=f,
            current=self.state.profile.get(f.id),
            problem=problem,
            saving=self.state.store.persistent,
        )

    def reply(self, ident: str, reply: str, command: Command | None) -> Problem | None:
        """Save what was typed, or say what is wrong with it."""
        state = self.state
        f = self._field(ident)
        needed = f.required or f.id == CONSENT  # consent is asked out loud, never assumed
        if command is Command.SKIP:
            if needed and not state.profile.get(f.id):
                return "required"
            if f.id not in state.profile:  # asked and left empty: resume must not ask it again
                state.set_profile(f.id, "")
            return None
        if command is Command.NOTE:
            return "key"
        if reply.strip() == "" and state.profile.get(f.id):
            return None  # Enter keeps the value given before
        if reply.strip() == "" and needed:
            return "required"
        value, problem = parse_profile_value(f, reply, state.lang, state.today)
        if problem is not None:
            return problem
        parent = state.catalog.profile.parent_of(f.id)
        if parent is not None and value:
            chosen = parent.resolve(value)
            if chosen is not None and chosen.value != OTHER:
                self._resolved(parent, f.id, value, chosen)
                return None
        stored = "" if value is None else value  # "" = asked and left empty
        if f.id not in state.profile or stored != state.profile.get(f.id):
            state.set_profile(f.id, stored)
        return None

    def _resolved(self, parent: ProfileField, other_id: str, typed: str, chosen: Choice) -> None:
        """A name typed after "another country" that is on the list (*Kamboja*, *Qatar*) is
        recorded as that choice, so every rule about it applies; the person is told."""
        state = self.state
        if state.profile.get(other_id):
            state.set_profile(other_id, None)
        state.set_profile(parent.id, chosen.value)
        state.notice(
            "resolved",
            {"typed": typed, "id": chosen.label.id, "en": chosen.label.en, "field": parent.id},
        )
