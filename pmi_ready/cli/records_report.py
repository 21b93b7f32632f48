"""`pmi-ready records report -o FOLDER`: the readiness report of every chosen assessment at once
(a whole class after an import), one file each, named like `report --format pdf` names them.
Registered at the bottom of `cli/records.py`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pmi_ready.cli.app import console, err_console, escape, load
from pmi_ready.cli.lang import ui_translator
from pmi_ready.cli.options import (
    ChecklistDirs,
    ContactsOption,
    DbOption,
    DestinationOption,
    LangOption,
    OfficerOption,
    ReportLangOption,
    SinceOption,
    StatusOption,
    UnfinishedOption,
    report_langs,
)
from pmi_ready.cli.records_common import make_filters, open_store

FILE_FORMATS = ("pdf", "html", "md", "json")


def report(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FOLDER",
            help="The folder for the reports (made if missing); one file per assessment, "
            "pmi-ready-<id>-<date>.<ext>. An existing file is kept unless --force.",
            file_okay=False,
        ),
    ],
    fmt_name: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="pdf|html|md|json",
            help="pdf (the default), html, md or json.",
        ),
    ] = "pdf",
    since: SinceOption = None,
    status: StatusOption = None,
    unfinished: UnfinishedOption = False,
    officer: OfficerOption = None,
    destination: DestinationOption = None,
    report_lang: ReportLangOption = "both",
    lang: LangOption = None,
    private: Annotated[
        bool,
        typer.Option(
            "--private",
            help="Take-home copies: leave out the private questions (own choice, threats, "
            "violence). Their answers still count in the status.",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace reports already there.")] = False,
    checklists: ChecklistDirs = None,
    contacts_file: ContactsOption = None,
    db: DbOption = None,
) -> None:
    """Save the readiness report of every chosen assessment (a class) into one folder."""
    from pmi_ready.cli.report import default_filename, report_for, write_private
    from pmi_ready.core import N_, StorageError, UsageError, display_path, os_reason
    from pmi_ready.records import rows
    from pmi_ready.render import Format

    tr = ui_translator(lang)
    _ = tr._
    name = fmt_name.strip().lower()
    if name not in FILE_FORMATS:
        raise UsageError(
            N_("unknown --format '{value}'; use {formats}"),
            value=fmt_name,
            formats=", ".join(FILE_FORMATS),
        )
    fmt = Format(name)
    lang_mode, first = report_langs(report_lang, tr)
    filters = make_filters(status, unfinished, since, officer, destination)
    catalog = load(checklists, contacts_file)
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StorageError(
            N_("{path}: cannot make the folder ({reason})"),
            path=display_path(output),
            reason=os_reason(e),
        ) from None
    written = kept = 0
    with open_store(db) as store:
        ids = [r.id for r in rows(store, filters)]
        for aid in ids:
            stored = store.get(aid)
            path = output / default_filename(stored.id, stored.created_at, fmt)
            if path.exists() and not force:
                kept += 1
                continue
            report = report_for(stored, catalog, lang_mode, fmt, first=first, private=private)
            write_private(path, report, force=force)  # a failure is a StorageError
            written += 1
    line = tr.n_("{n} report saved in {folder}.", "{n} reports saved in {folder}.", written).format(
        n=tr.number(written), folder=display_path(output)
    )
    console().print(escape(line))
    if kept:
        note = tr.n_(
            "{n} report was already there and was kept (add --force to replace it).",
            "{n} reports were already there and were kept (add --force to replace them).",
            kept,
        ).format(n=tr.number(kept))
        err_console().print(escape(note))
    if not ids:
        err_console().print(escape(_("No assessment matches; nothing was written.")))
