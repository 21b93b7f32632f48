"""`pmi-ready assess` and `pmi-ready resume`: an assessment in a terminal, or from a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmi_ready.cli.app import console, err_console, escape, load
from pmi_ready.cli.lang import given_lang, ui_translator
from pmi_ready.cli.options import (
    ChecklistDirs,
    ContactsOption,
    DbOption,
    LangOption,
    ReportLangOption,
    report_langs,
)

if TYPE_CHECKING:
    from pmi_ready.assessment import Asker, Assessment
    from pmi_ready.core import Catalog, Lang
    from pmi_ready.i18n import Translator
    from pmi_ready.render import LangMode
    from pmi_ready.store import Store

EXIT_INTERRUPTED = 130


def assess(
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Answer from a YAML file instead of questions ('-' reads standard input); "
            "see 'pmi-ready checklists template'.",
            show_default=False,
        ),
    ] = None,
    no_save: Annotated[
        bool, typer.Option("--no-save", help="Keep everything in memory: nothing is written.")
    ] = False,
    db: DbOption = None,
    checklists: ChecklistDirs = None,
    contacts_file: ContactsOption = None,
    lang: LangOption = None,
    report_lang: ReportLangOption = "both",
) -> None:
    """Assess an applicant: the profile, then every question that applies, saved as you go."""
    tr = ui_translator(lang)
    langs = report_langs(report_lang, tr)
    catalog = load(checklists, contacts_file)
    if answers is not None:
        _from_file(answers, catalog, tr, db, no_save, checklists, langs)
        return
    from pmi_ready.assessment import Assessment

    disk = None if no_save else _LaterStore(db)  # opened (created) at the consent, not before
    try:
        assessment = Assessment.start(catalog, _asker(tr), disk, tr.lang)
        _run(assessment, catalog, tr, db, checklists, langs)
    finally:
        if disk is not None:
            disk.close()


class _LaterStore:
    """The store ``--db`` names, opened the first time it is called: an assessment without
    consent never creates the database file."""

    def __init__(self, db: str | None) -> None:
        from pmi_ready.store import parse_target

        parse_target(db)  # a --db that names no database is a usage error at once
        self.db = db
        self.store: Store | None = None

    def __call__(self) -> Store:
        if self.store is None:
            from pmi_ready.store import Store

            self.store = Store.open(self.db)
        return self.store

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def resume(
    assessment_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="The assessment id (its first 8 characters are enough). Without it: choose "
            "from the unfinished ones, newest first.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    checklists: ChecklistDirs = None,
    contacts_file: ContactsOption = None,
    lang: LangOption = None,
    report_lang: ReportLangOption = "both",
) -> None:
    """Continue a saved assessment at the first unanswered question."""
    from pmi_ready.assessment import Assessment
    from pmi_ready.i18n import translator
    from pmi_ready.store import Store

    catalog = load(checklists, contacts_file)
    report_langs(report_lang, ui_translator(lang))  # a mistake is found before the walk
    with Store.open(db) as store:
        if assessment_id is None:
            assessment_id = _pick(store, ui_translator(lang))
        record = store.get(assessment_id)
        # the language given on the command line, else the one the assessment was made in
        tr = ui_translator(lang) if lang or given_lang() else translator(record.lang)
        if record.finished:
            _ = tr._
            msg = _("This assessment was finished; it opens at the review screen.")
            err_console().print(f"[dim]{escape(msg)}[/]")
        assessment = Assessment.resume(catalog, _asker(tr), store, record, lang=tr.lang)
        _run(assessment, catalog, tr, db, checklists, report_langs(report_lang, tr))


def _asker(tr: Translator) -> Asker:
    from pmi_ready.cli.assess_ui import TerminalAsker

    return TerminalAsker(console(), tr)


def _pick(store: Store, tr: Translator) -> str:
    from pmi_ready.core import InputEndedError, NotFoundError

    _ = tr._
    open_ = store.list(unfinished=True, limit=20)
    if not open_:
        raise NotFoundError(
            _("There is no unfinished assessment in {db}.").format(db=store.shown),
            hint=_("Start one with: pmi-ready assess"),
        )
    out = console()
    heading = _("Unfinished assessments, newest first")
    out.print(f"[bold]{escape(heading)}[/]")
    for n, a in enumerate(open_, 1):
        who = a.profile.get("name") or "—"
        where = a.profile.get("destination") or "—"
        answered = tr.n_("{n} answer", "{n} answers", len(a.answers)).format(n=len(a.answers))
        out.print(
            f"  {n:>2}. {a.id[:8]}  {escape(tr.datetime(a.updated_at.astimezone()))}  "
            f"{escape(who)} · {escape(where)} · {escape(answered)}"
        )
    question = _("Which one? Type its number (q to stop):")
    while True:
        out.print(escape(question))
        try:
            reply = input("> ").strip().lower()
        except EOFError:
            raise InputEndedError(
                _("input ended before an assessment was chosen"),
                hint=_("Give the id: pmi-ready resume ID"),
            ) from None
        if reply == "q":
            raise typer.Exit(0)
        if reply.isdigit() and 1 <= int(reply) <= len(open_):
            return open_[int(reply) - 1].id
        again = _("Please type a number from the list.")
        out.print(f"[yellow]{escape(again)}[/]")


def resume_command(
    aid: str, db: str | None, checklists: list[Path] | None, command: str = "resume"
) -> str:
    """The exact command to continue (or, with ``command="report"``, to see the report)."""
    parts = ["pmi-ready", command, aid[:8]]
    if db is not None:
        from pmi_ready.store import printable_target

        parts += ["--db", _quote(printable_target(db))]
    for d in checklists or []:
        parts += ["--checklists", _quote(str(d))]
    return " ".join(parts)


def _quote(text: str) -> str:
    return f'"{text}"' if any(c in text for c in " '\"&;|<>()$`") else text


def _run(
    assessment: Assessment,
    catalog: Catalog,
    tr: Translator,
    db: str | None,
    dirs: list[Path] | None,
    langs: tuple[LangMode, Lang],
) -> None:
    from pmi_ready.assessment import Outcome
    from pmi_ready.cli.assess_end import offer_copy, show_report, stdin_is_terminal
    from pmi_ready.core import InputEndedError, StorageError

    _ = tr._
    err = err_console()
    try:
        outcome = assessment.run()
    except StorageError as e:
        if not assessment.store.persistent:
            raise
        how = _("Continue with: {command}").format(command=resume_command(assessment.aid, db, dirs))
        raise StorageError(e.message, hint=f"{e.hint or ''}\n{how}".strip()) from None
    except KeyboardInterrupt:
        err.print()
        _stopped(assessment, tr, db, dirs)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except EOFError:
        err.print()
        if assessment.store.persistent:
            how = _("Continue with: {command}").format(
                command=resume_command(assessment.aid, db, dirs)
            )
            msg = _("input ended before the walk was finished; every answer so far is saved")
        else:
            how = ""
            msg = _("input ended before the walk was finished; nothing was saved")
        hint = _(
            "To answer without questions, use --answers FILE (see 'pmi-ready checklists template')."
        )
        raise InputEndedError(msg, hint=f"{how}\n{hint}".strip()) from None
    if outcome is Outcome.QUIT:
        _stopped(assessment, tr, db, dirs)
        return
    record = assessment.store.get(assessment.aid)
    out = console()
    show_report(record, catalog, out, langs)
    if not assessment.store.persistent:
        msg = _("Nothing was saved (no consent or --no-save), so no copy is offered.")
        err.print(f"[dim]{escape(msg)}[/]", soft_wrap=True)
        return
    msg = _("Saved as {id} in {db}.").format(id=assessment.aid, db=assessment.store.shown)
    err.print(f"[dim]{escape(msg)}[/]", soft_wrap=True)
    if stdin_is_terminal():
        offer_copy(record, catalog, tr, out, langs=langs)
    else:
        see = _("See the report again with: {command}").format(
            command=resume_command(assessment.aid, db, dirs, "report")
        )
        err.print(f"[dim]{escape(see)}[/]", soft_wrap=True)


def _stopped(
    assessment: Assessment, tr: Translator, db: str | None, dirs: list[Path] | None
) -> None:
    _ = tr._
    err = err_console()
    if not assessment.store.persistent:
        msg = _("Stopped. Nothing was saved (no consent or --no-save).")
        err.print(f"[yellow]{escape(msg)}[/]")
        return
    saved = _("Saved. Assessment {id}").format(id=assessment.aid)
    how = _("Continue later with:")
    err.print(f"[green]{escape(saved)}[/]")
    err.print(
        f"{escape(how)} [bold]{escape(resume_command(assessment.aid, db, dirs))}[/]", soft_wrap=True
    )


def _from_file(
    source: str,
    catalog: Catalog,
    tr: Translator,
    db: str | None,
    no_save: bool,
    dirs: list[Path] | None,
    langs: tuple[LangMode, Lang],
) -> None:
    """Saved: the id on stdout (scripts read it), the status and where to see the report on
    stderr. Not saved: the whole report on stdout, since no id would find it later."""
    import sys

    from pmi_ready.assessment import load_answers, save_answers
    from pmi_ready.cli.assess_end import show_report, status_line
    from pmi_ready.store import MemoryStore, Store

    _ = tr._
    parsed = load_answers(source, catalog)
    keep = not no_save and parsed.consent
    store = Store.open(db) if keep else MemoryStore()
    with store:
        aid, _readiness = save_answers(store, catalog, parsed, tr.lang)
        record = store.get(aid)
    err = err_console()
    if keep:
        sys.stdout.write(aid + "\n")
        msg = _("Saved in {db}.").format(db=store.shown)
        err.print(f"[dim]{escape(msg)}[/]", soft_wrap=True)
        err.print(escape(status_line(record, catalog, tr)), highlight=False)
        see = _("See the report: {command}").format(command=resume_command(aid, db, dirs, "report"))
        err.print(escape(see), highlight=False, soft_wrap=True)
        return
    reason = _("--no-save") if no_save else _("the profile does not say 'consent: yes'")
    msg = _("Nothing was saved ({reason}); the report follows on standard output.").format(
        reason=reason
    )
    err.print(f"[yellow]{escape(msg)}[/]", soft_wrap=True)
    show_report(record, catalog, console(), langs)
