"""`pmi-ready records export`: a CSV file for a supervisor, or a JSONL file for another laptop.
Registered at the bottom of `cli/records.py`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmi_ready.cli.app import err_console, escape, load
from pmi_ready.cli.options import (
    ChecklistDirs,
    DbOption,
    DestinationOption,
    LangOption,
    OfficerOption,
    SinceOption,
    StatusOption,
    UnfinishedOption,
)
from pmi_ready.cli.records_common import make_filters, open_store, translator_for

if TYPE_CHECKING:
    pass


class ExportFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"


def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The file to write ('-': standard output). An existing file is kept unless "
            "--force.",
            show_default=False,
            dir_okay=False,
        ),
    ],
    format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            help="csv: one row per assessment, for spreadsheets; jsonl: complete records, for "
            "'records import' on another computer. Default: from the file name, else csv.",
            show_default=False,
        ),
    ] = None,
    since: SinceOption = None,
    status: StatusOption = None,
    unfinished: UnfinishedOption = False,
    officer: OfficerOption = None,
    destination: DestinationOption = None,
    include_names: Annotated[
        bool,
        typer.Option("--include-names", help="Include applicants' names (left out unless asked)."),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    db: DbOption = None,
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
) -> None:
    """Write the assessments to a CSV file for a supervisor, or a JSONL file for another laptop."""
    import sys

    from pmi_ready.core import display_path
    from pmi_ready.records import private_output, shared_fields, write_csv, write_jsonl

    tr = translator_for(lang)
    _ = tr._
    fmt = format or (
        ExportFormat.JSONL if output.suffix.lower() in (".jsonl", ".json") else ExportFormat.CSV
    )
    filters = make_filters(status, unfinished, since, officer, destination)
    keep = None if include_names else shared_fields(load(checklists).profile)
    with open_store(db) as store:
        if str(output) == "-":
            if fmt is ExportFormat.CSV:
                n = write_csv(store, sys.stdout, filters, include_names=include_names)
            else:
                n = write_jsonl(store, sys.stdout, filters, keep=keep)
            where = _("standard output")
        else:
            with private_output(output, force=force, bom=fmt is ExportFormat.CSV) as f:
                if fmt is ExportFormat.CSV:
                    n = write_csv(store, f, filters, include_names=include_names)
                else:
                    n = write_jsonl(store, f, filters, keep=keep)
            where = display_path(output)
    err = err_console()
    done = tr.n_("Wrote {n} assessment to {file}.", "Wrote {n} assessments to {file}.", n)
    err.print(escape(done.format(n=tr.number(n), file=where)), soft_wrap=True)
    reminder = _(
        "This file holds personal data: keep it safe, share it only with those who need it, "
        "and delete it when it is no longer needed."
    )
    err.print(f"[yellow]{escape(reminder)}[/]", soft_wrap=True)
