"""The checklist questions step of the assessment: one `ItemPrompt` per applicable item (with its
place in its section and in the whole assessment), and what a reply does: an answer key, ``s``
skip, ``c`` a note; ``na`` only where the item allows it."""

from __future__ import annotations

from pmi_ready.assessment.replies import Command, Problem, clean_text, parse_answer
from pmi_ready.assessment.screens import Asker, ItemPrompt, Place
from pmi_ready.assessment.state import AssessmentState
from pmi_ready.core import AnswerValue


class ItemStep:
    def __init__(self, state: AssessmentState, asker: Asker) -> None:
        self.state = state
        self.asker = asker

    def prompt(self, ident: str, problem: Problem | None) -> ItemPrompt:
        state = self.state
        pairs = state.items()
        index = [it.id for _, it in pairs].index(ident)
        checklist, item = pairs[index]
        in_section = [it.id for c, it in pairs if c.id == checklist.id]
        section_pos = in_section.index(item.id) + 1
        a = state.answers.get(item.id)
        place = Place(
            state.lang, checklist.title, section_pos, len(in_section), index + 1, len(pairs)
        )
        return ItemPrompt(
            place=place,
            item=item,
            checklist=checklist,
            current=a.value.value if a else None,
            note=state.notes.get(item.id, a.note if a else ""),
            problem=problem,
            intro=checklist.intro if section_pos == 1 else None,
            saving=state.store.persistent,
        )

    def reply(self, prompt: ItemPrompt, reply: str, command: Command | None) -> Problem | None:
        """Save what was typed (or the note asked for), or say what is wrong with it."""
        state = self.state
        item = prompt.item
        if command is Command.SKIP:
            state.skip(item.id)
            return None
        if command is Command.NOTE:
            text = clean_text(self.asker.note(prompt))
            if text != state.notes.get(item.id, ""):
                state.set_note(item.id, text)
            return None
        if reply.strip() == "" and item.id in state.answers:
            return None
        value = parse_answer(reply, state.lang)
        if value is None:
            return "key"
        if value is AnswerValue.NA and not item.allow_na:
            return "na"
        current = state.answers.get(item.id)
        if current is None or current.value is not value:
            state.set_answer(item.id, value)
        return None
