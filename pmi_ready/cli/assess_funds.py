"""The costs and loan step of the assessment in a terminal: `ask_funds` through the assessment's
console and reader, with its keys (b back, s skip, r review, q save and quit) at any question.
``b`` goes back one question inside the step (the answers before it are replayed, not asked
again); at the step's first question it goes back to the assessment's last question.

Imported lazily by `cli/assess_ui.py` (rich at module level).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console

from pmi_ready.cli.app import escape
from pmi_ready.i18n import Translator

if TYPE_CHECKING:
    from pmi_ready.assessment import FundsRequest
    from pmi_ready.funds import FundsInput

ASSESS_KEYS = ("b", "s", "r", "q")  # no funds answer is one of these letters


class _Command(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class WalkFundsIO:
    """`FundsIO` on the assessment's console. End of input raises `EOFError` like the rest of the
    walk (so the assessment says how to resume); a walk key stops the step."""

    def __init__(self, console: Console, reader: Callable[[str], str]) -> None:
        self.console = console
        self.reader = reader

    def ask(self, question: str) -> str:
        text = self.reader(question.rstrip() + " ")
        if text.strip().lower() in ASSESS_KEYS:
            raise _Command(text.strip().lower())
        return text

    def say(self, text: str) -> None:
        self.console.print(escape(text), soft_wrap=True)

    def warn(self, text: str) -> None:
        self.console.print(f"[yellow]{escape(text)}[/]", soft_wrap=True)


def ask_funds_step(
    request: FundsRequest, console: Console, tr: Translator, reader: Callable[[str], str]
) -> FundsInput | str:
    """The funds questions for the assessment: the answers, or the assessment key typed instead."""
    from pmi_ready.cli.funds_ask import ask_funds

    _ = tr._
    console.print()
    console.rule(escape(_("Costs and loan check")))
    intro = _(
        "You said the costs are paid (partly) with a loan. These questions check what you "
        "were asked to pay and what the loan will cost. Press Enter to skip a question you "
        "cannot answer."
    )
    console.print(escape(intro), soft_wrap=True)
    if request.done:
        again = _("You answered these before; your new answers replace them.")
        console.print(f"[dim]{escape(again)}[/]", soft_wrap=True)
    legend = _("b = back · s = skip this part · r = review · q = save and quit")
    console.print(f"[dim]{escape(legend)}[/]")
    if request.kept:
        kept_note = _(
            "Your answers typed before are kept; the questions go on where you stopped. Type b "
            "to go back one question."
        )
        console.print(escape(kept_note), soft_wrap=True)
    io = WalkFundsIO(console, reader)
    kept = dict(request.kept)  # in the order they were typed

    def keep(key: str, text: str) -> None:
        kept.pop(key, None)
        kept[key] = text
        if request.keep is not None:
            request.keep(key, text)

    while True:
        try:
            return ask_funds(
                request.rules,
                tr,
                io,
                job=request.job,
                currency=request.currency or "IDR",
                kept=dict(kept),
                keep=keep,
            )
        except _Command as c:
            if c.key != "b" or not kept:
                return c.key
            last = next(reversed(kept))
            del kept[last]
            if request.forget is not None:
                request.forget(last)
            back = _("Back one question; your earlier answers are kept.")
            console.print(f"[dim]{escape(back)}[/]")
