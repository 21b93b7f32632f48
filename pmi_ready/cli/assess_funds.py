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
        # the question wrapped to the window by words (the terminal would cut words in two),
        # the answer typed after it on its last line
        self.console.print(escape(question.rstrip()), end=" ")
        text = self.reader("")
        if text.strip().lower() in ASSESS_KEYS:
            raise _Command(text.strip().lower())
        return text

    def say(self, text: str) -> None:
        self.console.print(escape(text))

    def warn(self, text: str) -> None:
        self.console.print(f"[yellow]{escape(text)}[/]")


def ask_funds_step(
    request: FundsRequest, console: Console, tr: Translator, reader: Callable[[str], str]
) -> FundsInput | str:
    """The funds questions for the assessment: the answers, or the assessment key typed instead."""
    from pmi_ready.cli.funds_ask import ask_funds

    _ = tr._
    console.print()
    console.rule(escape(_("Costs and loan check")))
    intro = _(
        "These questions check what you paid or were asked to pay (some charges are forbidden "
        "for some jobs, whoever receives them) and, with a loan, what it will cost. Press Enter "
        "to skip a question you cannot answer."
    )
    console.print(escape(intro))
    if request.done:
        again = _("You answered these before; your new answers replace them.")
        console.print(f"[dim]{escape(again)}[/]")
    legend = _("b = back · s = skip this part · r = review · q = save and quit")
    console.print(f"[dim]{escape(legend)}[/]")
    if request.kept:
        kept_note = _(
            "Your answers typed before are kept; the questions go on where you stopped. Type b "
            "to go back one question."
        )
        console.print(escape(kept_note))
    io = WalkFundsIO(console, reader)
    kept = dict(request.kept)  # in the order they were typed

    def keep(key: str, text: str) -> None:
        kept.pop(key, None)
        kept[key] = text
        if request.keep is not None:
            request.keep(key, text)

    while True:
        try:
            inp = ask_funds(
                request.rules,
                tr,
                io,
                job=request.job,
                currency=request.currency or "IDR",
                funding=request.funding,
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
            continue
        show_result(inp, request, console, tr)
        return inp


def show_result(inp: FundsInput, request: FundsRequest, console: Console, tr: Translator) -> None:
    """The step's result before the assessment moves on: the costs and what the rules say of
    them, the monthly instalment and its share of the wage, the flags."""
    from dataclasses import replace

    from pmi_ready.cli.funds import print_result
    from pmi_ready.core import PmiReadyError
    from pmi_ready.funds import check

    try:
        result = check(replace(inp, job=request.job) if request.job else inp, request.rules)
    except PmiReadyError as e:  # answers the check cannot use: said, and the step is kept
        console.print(f"[yellow]{escape(e.message)}[/]")
        return
    console.print()
    print_result(result, tr, console)
