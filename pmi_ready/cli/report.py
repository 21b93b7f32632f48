"""`pmi-ready report ID`: the readiness report of a saved assessment, in five formats.

Other commands (``assess`` at its end) call `report_for` to build the same report, and
`default_filename` to name a saved copy.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmi_ready.cli.app import console, load, plain_note
from pmi_ready.cli.lang import ui_translator
from pmi_ready.cli.options import (
    ChecklistDirs,
    ContactsOption,
    DbOption,
    LangOption,
    ReportLangOption,
    report_langs,
)
from pmi_ready.render import Format

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pmi_ready.core import Catalog, Lang
    from pmi_ready.render import ExtraSection, LangMode
    from pmi_ready.store import StoredAssessment


def report_for(
    stored: StoredAssessment,
    catalog: Catalog,
    lang_mode: LangMode,
    fmt: Format,
    *,
    first: Lang = "id",
    width: int = 100,
    extras: Iterable[ExtraSection] = (),
    private: bool = False,
) -> str | bytes:
    """The report of one stored assessment: ``str``, or ``bytes`` for PDF."""
    from pmi_ready.assessment import report_context
    from pmi_ready.render import render

    ctx = report_context(stored, catalog, lang_mode, first=first, extras=extras, private=private)
    return render(fmt, ctx, width=width)


def default_filename(assessment_id: str, created: dt.date | dt.datetime, fmt: Format) -> str:
    """``pmi-ready-3f2c1a9e-2026-11-28.pdf``: from the id and the date, never from user text."""
    from pmi_ready.assessment import local_date

    day = local_date(created) if isinstance(created, dt.datetime) else created
    short = re.sub(r"[^0-9a-f]", "", assessment_id.lower())[:8] or "report"
    return f"pmi-ready-{short}-{day.isoformat()}.{fmt.extension}"


def write_private(path: Path, data: str | bytes, *, force: bool) -> None:
    """Write a report readable by its owner only (it holds personal data), all or nothing; an
    existing file is replaced only with ``force`` (see `pmi_ready.files.publish`)."""
    from pmi_ready.files import publish

    payload = data.encode("utf-8") if isinstance(data, str) else data
    with publish(path, force=force) as f:
        f.write(payload)


def report(
    assessment_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The assessment id, or its first 6 or more characters."),
    ],
    fmt_name: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="terminal|summary|md|html|pdf|json",
            help="terminal (the default), summary (one page to share), md, html, pdf or json.",
        ),
    ] = "terminal",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to this file ('-' for standard output). A PDF without "
            "--output is saved as pmi-ready-<id>-<date>.pdf in the current folder, and so is "
            "HTML asked for on a terminal (.html).",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    report_lang: ReportLangOption = "both",
    lang: LangOption = None,
    private: Annotated[
        bool,
        typer.Option(
            "--private",
            help="The take-home copy: leave out the private questions (own choice, threats, "
            "violence). Their answers still count in the status; the default report keeps them.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists.")
    ] = False,
    checklists: ChecklistDirs = None,
    contacts_file: ContactsOption = None,
    db: DbOption = None,
) -> None:
    """Show or save the readiness report of a saved assessment (bilingual by default)."""
    from pmi_ready.core import N_, UsageError, display_path
    from pmi_ready.store import Store

    tr = ui_translator(lang)
    _ = tr._
    try:
        fmt = Format(fmt_name.strip().lower())
    except ValueError:
        raise UsageError(
            N_("unknown --format '{value}'; use {formats}"),
            value=fmt_name,
            formats=", ".join(f.value for f in Format),
        ) from None
    lang_mode, first = report_langs(report_lang, tr)
    catalog = load(checklists, contacts_file)
    with Store.open(db) as store:
        stored = store.get(assessment_id)
    from pmi_ready.assessment import catalog_for

    changed = _changed(stored, catalog_for(stored, catalog).catalog)
    if changed:
        note = _(
            "Note: these checklists changed after the assessment was made: {ids}. The report "
            "uses the current checklists; 'pmi-ready resume ID' asks any new questions."
        ).format(ids=", ".join(changed))
        plain_note(note)

    output_name = output
    to_stdout = output is None or str(output) == "-"
    # a PDF, and HTML asked for on a terminal (a page of markup is no use there), go to a file;
    # HTML piped or redirected (`> r.html`), and `-o -`, go to standard output
    to_file = fmt is Format.PDF or (fmt is Format.HTML and stdout_is_terminal())
    if to_file and output is None:
        output = Path(default_filename(stored.id, stored.created_at, fmt))
        to_stdout = False
    if fmt is Format.TERMINAL and to_stdout:
        from pmi_ready.assessment import report_context
        from pmi_ready.render import print_terminal

        out = console()
        print_terminal(
            out, report_context(stored, catalog, lang_mode, first=first, private=private)
        )
        return
    width = 100
    if fmt is Format.SUMMARY:  # as wide as the window (or COLUMNS), else 80
        import shutil

        width = max(20, shutil.get_terminal_size((80, 24)).columns)
    data = report_for(stored, catalog, lang_mode, fmt, first=first, private=private, width=width)
    if to_stdout:
        import sys

        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    assert output is not None
    write_private(output, data, force=force)
    if fmt is Format.HTML and output_name is None:
        saved = _("Saved {path}: open it in a web browser ('-o -' prints the HTML here).")
    else:
        saved = _("Saved {path}")
    plain_note(saved.format(path=display_path(output)))


def stdout_is_terminal() -> bool:
    """Whether the report would be shown on a terminal (not a pipe, a file or a test runner)."""
    import sys

    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _changed(stored: StoredAssessment, catalog: Catalog) -> list[str]:
    """The checklists whose content changed after the assessment was made."""
    now = catalog.versions()
    return sorted(
        cid
        for cid, v in stored.versions.items()
        if cid in now and v.get("sha256") and v.get("sha256") != now[cid].get("sha256")
    )
