"""The rich terminal `Asker` for the assessment (the end of it is the report: `cli/assess_end.py`).

Imported lazily by `cli/assess.py` only (it imports rich at module level).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console

from pmi_ready.assessment import (
    ANSWER_KEYS,
    CONSENT,
    FundsRequest,
    ItemPrompt,
    Notice,
    Problem,
    ProfilePrompt,
    Prompt,
    Review,
)
from pmi_ready.cli.app import escape
from pmi_ready.core import AnswerValue, FieldType, Level
from pmi_ready.i18n import Translator

if TYPE_CHECKING:
    from pmi_ready.funds import FundsInput


def level_word(level: Level, tr: Translator) -> str:
    _ = tr._
    return {
        Level.CRITICAL: _("critical"),
        Level.IMPORTANT: _("important"),
        Level.ADVICE: _("advice"),
    }[level]


def consent_info(tr: Translator) -> str:
    """What `i` at the consent question says: what is kept, where, and how to delete it."""
    _ = tr._
    return _(
        "With yes, this computer keeps the profile answers (the name only if given), every "
        "answer and note, and the checklist versions, in one file: pmi-ready.db in the user data "
        "folder (or the file given with --db or PMI_READY_DB), readable by this computer's user "
        "only. Nothing is sent anywhere. To delete it: answer no here later (the saved record "
        "is deleted at once), or run 'pmi-ready records delete ID'. With no, nothing is written "
        "and the answers are gone when the program ends."
    )


class TerminalAsker:
    """Asks on a rich console, reads typed lines with ``reader`` (``input`` by default)."""

    def __init__(
        self, console: Console, tr: Translator, reader: Callable[[str], str] = input
    ) -> None:
        self.console = console
        self.tr = tr
        self.reader = reader

    def _read(self, prompt: str = "> ") -> str:
        self.console.file.flush()
        return self.reader(prompt)

    def _speak(self, lang: str) -> None:
        """Follow the assessment's language (``l`` switches it): the question, the keys, the
        review and the notices after it are all in that language."""
        if lang != self.tr.lang:
            from pmi_ready.i18n import translator

            self.tr = translator(lang)

    # --------------------------------------------------------------------------- questions
    def ask(self, prompt: Prompt) -> str:
        self._speak(prompt.place.lang)
        out, tr, _ = self.console, self.tr, self.tr._
        place = prompt.place
        lang = place.lang
        if prompt.problem:
            out.print(f"[yellow]{escape(self.problem_text(prompt.problem, prompt))}[/]")
        out.print()
        progress = f"{place.section.get(lang)} · {place.section_pos}/{place.section_len}"
        if isinstance(prompt, ItemPrompt):
            total = _("total")
            progress += f" · {total} {place.total_pos}/{place.total_len}"
        out.print(f"[dim]{escape(progress)}[/]")
        if isinstance(prompt, ItemPrompt) and prompt.intro is not None:
            out.print(f"[italic]{escape(prompt.intro.get(lang))}[/]")
        if isinstance(prompt, ProfilePrompt):
            f = prompt.field
            out.print(f"[bold]{escape(f.ask.get(lang))}[/]")
            for n, c in enumerate(f.choices, 1):
                label = c.label.get(lang)
                mark = " ◀" if prompt.current == c.value else ""
                out.print(f"  {n:>2}. {escape(label)}{mark}")
            if prompt.current and not f.choices:
                now = _("Now: {value} (Enter keeps it)").format(
                    value=tr.answer(prompt.current)
                    if f.type is FieldType.YES_NO
                    else prompt.current
                )
                out.print(f"[dim]{escape(now)}[/]")
            out.print(f"[dim]{escape(self.legend(prompt))}[/]")
            return self._read()
        item = prompt.item
        flag = " [bold red]⚑[/]" if item.red_flag else ""
        out.print(f"[bold]{escape(item.ask.get(lang))}[/]{flag}")
        if prompt.current:
            now = _("Your answer: {answer} (Enter keeps it)").format(
                answer=tr.answer(prompt.current)
            )
            out.print(f"[dim]{escape(now)}[/]")
        if prompt.note:
            note = _("Note: {note}").format(note=prompt.note)
            out.print(f"[dim]{escape(note)}[/]")
        out.print(f"[dim]{escape(self.legend(prompt))}[/]")
        return self._read()

    def legend(self, prompt: Prompt) -> str:
        self._speak(prompt.place.lang)
        _ = self.tr._
        keys = ANSWER_KEYS[prompt.place.lang]
        w_yes, w_no, w_unsure, w_na = _("yes"), _("no"), _("not sure"), _("does not apply")
        w_back, w_skip, w_info, w_note = _("back"), _("skip"), _("why/how"), _("note")
        w_review = _("review")
        w_quit = _("save and quit") if prompt.saving else _("quit without saving")
        parts: list[str] = []
        item = isinstance(prompt, ItemPrompt)
        f = prompt.field if isinstance(prompt, ProfilePrompt) else None
        if item or (f is not None and f.type is FieldType.YES_NO):
            parts += [f"{keys[AnswerValue.YES][0]}={w_yes}", f"{keys[AnswerValue.NO][0]}={w_no}"]
            if item:
                parts.append(f"?={w_unsure}")
            if isinstance(prompt, ItemPrompt) and prompt.item.allow_na:
                parts.append(f"{keys[AnswerValue.NA][0]}={w_na}")
        elif f is not None and f.choices:
            parts.append(_("number=choose"))
        elif f is not None and f.type is FieldType.AGE:
            parts.append(_("years or DD-MM-YYYY"))
        needed = f is not None and (f.required or f.id == CONSENT)  # cannot be skipped
        if f is not None and not needed:
            parts.append(_("Enter=leave empty"))
        parts.append(f"b={w_back}")
        if not needed:
            parts.append(f"s={w_skip}")
        if item or (f is not None and f.help is not None):
            parts.append(f"i={w_info}")
        if item:
            parts.append(f"c={w_note}")
        other = _("English") if prompt.place.lang == "id" else _("Indonesian")
        parts += [f"l={other}", f"r={w_review}", f"q={w_quit}"]
        return " ".join(parts)

    def problem_text(self, problem: Problem, prompt: Prompt | None = None) -> str:
        _ = self.tr._
        keys = ANSWER_KEYS[self.tr.lang]
        yes, no = keys[AnswerValue.YES], keys[AnswerValue.NO]
        f = prompt.field if isinstance(prompt, ProfilePrompt) else None
        if problem == "key":
            return _("Please type {yes} or {no} (or a key from the line below).").format(
                yes=" / ".join(yes), no=" / ".join(no)
            )
        if problem == "choice":
            n = len(f.choices) if f else 0
            return _("Please type a number from 1 to {n}.").format(n=n)
        if problem == "age":
            return _(
                "Please type your age in years (for example 25) or your date of birth as "
                "DD-MM-YYYY (for example 17-08-1999)."
            )
        if problem == "future":
            return _("That date is in the future. Please type the date of birth again.")
        if problem == "range":
            low = f"{f.min:g}" if f and f.min is not None else "-"
            high = f"{f.max:g}" if f and f.max is not None else "-"
            return _("Please type a number from {low} to {high}.").format(low=low, high=high)
        if problem == "required":
            return _("This question is needed; please answer it.")
        if problem == "na":
            return _("'Does not apply' is not an answer for this question.")
        if problem == "first":
            return _("This is the first question.")
        if problem == "encoding":
            return _(
                "Some of these characters could not be read (the keyboard sent something "
                "that is not UTF-8). Please type it again."
            )
        if problem == "jump":
            return _(
                "Type a number from the list, p and a number for the profile, "
                "Enter to finish, or q."
            )
        return _(
            "Some questions are not answered yet; they count as not ready. "
            "Press Enter again to finish anyway, or type a number to answer one."
        )

    def info(self, prompt: Prompt) -> None:
        self._speak(prompt.place.lang)
        out, _ = self.console, self.tr._
        lang = prompt.place.lang
        if isinstance(prompt, ProfilePrompt):
            f = prompt.field
            if f.help:
                text = f.help.get(lang)
            elif f.id == CONSENT:
                text = consent_info(self.tr)
            else:
                text = _("No more information.")
            out.print(f"[cyan]{escape(text)}[/]")
            return
        it = prompt.item
        w_why, w_how, w_where, w_level = _("Why"), _("What to do"), _("Where"), _("Level")
        out.print(f"[cyan]{escape(w_why)}:[/] {escape(it.why.get(lang))}")
        out.print(f"[cyan]{escape(w_how)}:[/] {escape(it.how.get(lang))}")
        if it.office:
            out.print(f"[cyan]{escape(w_where)}:[/] {escape(it.office.get(lang))}")
        ready = _("ready when the answer is {answer}").format(
            answer=self.tr.answer(it.ready_when.value)
        )
        out.print(
            f"[dim]{escape(w_level)}: {escape(level_word(it.level, self.tr))} · {escape(ready)}[/]"
        )

    def note(self, prompt: Prompt) -> str:
        _ = self.tr._
        msg = _("Type the note and press Enter (an empty line removes the note):")
        self.console.print(escape(msg))
        return self._read("✎ ")

    def funds(self, request: FundsRequest) -> FundsInput | str:
        from pmi_ready.cli.assess_funds import ask_funds_step

        return ask_funds_step(request, self.console, self.tr, self._read)

    # ------------------------------------------------------------------------------ review
    def review(self, review: Review) -> str:
        self._speak(review.lang)
        out, tr, _ = self.console, self.tr, self.tr._
        lang = review.lang
        out.print()
        out.rule(escape(_("Review your answers")))
        from rich.table import Table

        for section in review.sections:
            out.print(f"[bold]{escape(section.title.get(lang))}[/]")
            grid = Table.grid(padding=(0, 1))
            grid.add_column(justify="right", style="dim", no_wrap=True, min_width=4)
            grid.add_column(no_wrap=True, width=1)
            grid.add_column(ratio=1)
            for e in section.entries:
                question = escape(e.question.get(lang))
                if e.kind == "funds":
                    if e.value is None and e.kept:
                        word = tr.n_(
                            "begun, {n} answer kept", "begun, {n} answers kept", e.kept
                        ).format(n=e.kept)
                        mark, value = "[yellow]◐[/]", f"[yellow]{escape(word)}[/]"
                    elif e.value is None:
                        word = _("skipped") if e.skipped else _("not answered")
                        mark, value = "[yellow]○[/]", f"[yellow]{escape(word)}[/]"
                    else:
                        word = _("answered") if e.ready else _("answered; warning signs")
                        mark = "[green]✓[/]" if e.ready else "[red]✗[/]"
                        value = f"[bold]{escape(word)}[/]"
                    grid.add_row(e.key, mark, f"{question} — {value}")
                    continue
                if e.kind == "profile":
                    value = e.label.get(lang) if e.label else (e.value or "—")
                    if e.value in ("yes", "no"):
                        value = tr.answer(e.value)
                    grid.add_row(e.key, "", f"{question} [bold]{escape(value)}[/]")
                    continue
                if e.value is None:
                    word = _("skipped") if e.skipped else _("not answered")
                    mark, value = "[yellow]○[/]", f"[yellow]{escape(word)}[/]"
                else:
                    mark = "[green]✓[/]" if e.ready else "[red]✗[/]"
                    value = f"[bold]{escape(tr.answer(e.value))}[/]"
                note = f"  [dim]✎ {escape(e.note)}[/]" if e.note else ""
                grid.add_row(e.key, mark, f"{question} — {value}{note}")
            out.print(grid)
        if review.unanswered:
            msg = tr.n_(
                "{n} question is not answered yet.",
                "{n} questions are not answered yet.",
                review.unanswered,
            )
            out.print(f"[yellow]{escape(msg.format(n=review.unanswered))}[/]")
        if review.problem:
            out.print(f"[yellow]{escape(self.problem_text(review.problem))}[/]")
        back = (
            _("b = back to {key}").format(key=review.back_to) if review.back_to else _("b = back")
        )
        quit_ = _("q = save and quit") if review.saving else _("q = quit without saving")
        legend = _(
            "number = change that answer · p1, p2… = profile · {back} · Enter = finish · {quit}"
        ).format(back=back, quit=quit_)
        if any(e.kind == "funds" for s in review.sections for e in s.entries):
            legend += " · " + _("f = costs and loan check")
        out.print(f"[dim]{escape(legend)}[/]")
        return self._read()

    # ----------------------------------------------------------------------------- notices
    def notice(self, notice: Notice, detail: dict[str, object]) -> None:
        _ = self.tr._
        out = self.console
        if notice == "memory-only":
            if detail.get("reason") == "no-save":
                msg = _(
                    "Nothing is saved on this computer (--no-save): the answers are lost "
                    "when you close the program."
                )
            else:
                msg = _(
                    "No consent: nothing is saved on this computer; the answers are lost "
                    "when the program ends."
                )
            out.print(f"[bold yellow]{escape(msg)}[/]")
        elif notice == "saving":
            msg = _("Consent recorded: every answer is saved at once on this computer.")
            out.print(f"[green]{escape(msg)}[/]")
        elif notice == "consent-withdrawn":
            msg = _(
                "Consent withdrawn: the saved record was deleted from this computer; the "
                "answers are kept in memory only."
            )
            out.print(f"[bold yellow]{escape(msg)}[/]")
        elif notice == "underage":
            msg = _(
                "Under 18: this is recorded and shown in the report. Working abroad is "
                "allowed only from 18 years of age."
            )
            out.print(f"[bold red]{escape(msg)}[/]")
        elif notice == "resolved":
            label = detail.get("en") if self.tr.lang == "en" else detail.get("id")
            msg = _("'{typed}' is on the list: recorded as {choice}.").format(
                typed=detail.get("typed", ""), choice=label
            )
            out.print(f"[cyan]{escape(msg)}[/]")
        elif notice == "red-flag":
            _red_flag_notice(out, detail)
        elif notice == "applicability":
            msg = _(
                "The questions were updated for the new answer: {added} added, "
                "{removed} no longer asked (their answers are kept)."
            ).format(added=detail.get("added", 0), removed=detail.get("removed", 0))
            out.print(f"[cyan]{escape(msg)}[/]")
        elif notice == "changed":
            names = ", ".join(
                str(x) for key in ("changed", "added", "removed") for x in _as_list(detail.get(key))
            )
            msg = _(
                "The checklists changed since this assessment was saved ({names}). New "
                "questions will be asked; answers to removed ones are kept as history."
            ).format(names=names)
            out.print(f"[bold cyan]{escape(msg)}[/]")


def _red_flag_notice(out: Console, detail: dict[str, object]) -> None:
    """Said at once, in both languages whatever the walk's language: the danger and the free
    hotlines from contacts.yaml, before the next question."""
    from pmi_ready.i18n import translator

    for lang in ("id", "en"):
        _ = translator(lang)._
        title = str(detail.get(lang, ""))
        sign = _("Warning sign")
        out.print(f"[bold white on red] ⚠ {escape(sign)}: {escape(title)} [/]")
        stop = _("Stop for now: do not sign, pay or leave. Get help for free:")
        out.print(f"[bold red]{escape(stop)}[/]")
        for c in _as_list(detail.get("contacts")):
            if isinstance(c, dict):
                out.print(f"  {escape(str(c.get(lang, '')))}: [bold]{escape(str(c['value']))}[/]")


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
