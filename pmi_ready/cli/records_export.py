"""`pmi-ready records export`: an Excel workbook or a CSV file for a supervisor, or a JSONL file
for another laptop. Registered at the bottom of `cli/records.py`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

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
    from collections.abc import Sequence

    from pmi_ready.core import Catalog
    from pmi_ready.i18n import Translator
    from pmi_ready.records import Filters
    from pmi_ready.store import Store


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSONL = "jsonl"


SUFFIXES = {".jsonl": ExportFormat.JSONL, ".json": ExportFormat.JSONL, ".xlsx": ExportFormat.XLSX}
DELIMITER_NAMES = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t"}


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
            "-f",
            help="xlsx: an Excel workbook for a supervisor (assessments in words, and one row "
            "per assessment and item); csv: one row per assessment; jsonl: complete records, "
            "for 'records import' on another computer. Default: from the file name, else csv.",
            show_default=False,
        ),
    ] = None,
    delimiter: Annotated[
        str,
        typer.Option(
            "--delimiter",
            metavar="','|';'|tab",
            help="The CSV separator. ';' for Excel set to Indonesian (or another language that "
            "writes decimals with a comma), which opens a comma-separated file as one column.",
        ),
    ] = ",",
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
    """Write the assessments to Excel or CSV for a supervisor, or JSONL for another laptop."""
    import sys

    from pmi_ready.cli.safe_console import for_stdout
    from pmi_ready.core import N_, UsageError, display_path
    from pmi_ready.records import private_binary, private_output, shared_fields

    tr = translator_for(lang)
    _ = tr._
    fmt = format or SUFFIXES.get(output.suffix.lower(), ExportFormat.CSV)
    sep = DELIMITER_NAMES.get(delimiter.strip().lower() or delimiter)
    if sep is None:
        raise UsageError(N_("--delimiter: use ',', ';' or tab, not '{value}'"), value=delimiter)
    if sep != "," and fmt is not ExportFormat.CSV:
        raise UsageError(N_("--delimiter is for CSV files only"))
    to_stdout = str(output) == "-"
    if to_stdout and fmt is ExportFormat.XLSX:
        raise UsageError(N_("an Excel workbook needs a file name: -o FILE.xlsx"))
    filters = make_filters(status, unfinished, since, officer, destination)
    catalog = load(checklists)
    keep = None if include_names else shared_fields(catalog.profile)
    with open_store(db) as store:
        if fmt is ExportFormat.XLSX:
            with private_binary(output, force=force) as raw:
                n = _write_xlsx(store, raw, filters, catalog, tr, include_names=include_names)
        elif to_stdout:
            out = for_stdout(sys.stdout)
            n = _write_text(store, out, fmt, filters, keep, sep, include_names)
        else:
            with private_output(output, force=force, bom=fmt is ExportFormat.CSV) as f:
                n = _write_text(store, f, fmt, filters, keep, sep, include_names)
        where = _("standard output") if to_stdout else display_path(output)
    err = err_console()
    done = tr.n_("Wrote {n} assessment to {file}.", "Wrote {n} assessments to {file}.", n)
    err.print(escape(done.format(n=tr.number(n), file=where)), soft_wrap=True)
    reminder = _(
        "This file holds personal data: keep it safe, share it only with those who need it, "
        "and delete it when it is no longer needed."
    )
    err.print(f"[yellow]{escape(reminder)}[/]", soft_wrap=True)


def _write_text(
    store: Store,
    out: IO[str],
    fmt: ExportFormat,
    filters: Filters,
    keep: Sequence[str] | None,
    sep: str,
    include_names: bool,
) -> int:
    from pmi_ready.records import write_csv, write_jsonl

    if fmt is ExportFormat.CSV:
        return write_csv(store, out, filters, include_names=include_names, delimiter=sep)
    return write_jsonl(store, out, filters, keep=keep)


def _write_xlsx(
    store: Store,
    out: IO[bytes],
    filters: Filters,
    catalog: Catalog,
    tr: Translator,
    *,
    include_names: bool,
) -> int:
    """The assessments sheet, then the items sheet: a workbook of two passes over the rows."""
    from pmi_ready.records import Words, assessments_sheet, items_sheet, load_openpyxl, write_xlsx

    load_openpyxl()  # before anything is read: a missing extra is said at once
    words = Words(catalog, tr)
    counted = [0]
    sheets = (
        assessments_sheet(store, filters, words, include_names=include_names, counted=counted),
        items_sheet(store, filters, words, include_names=include_names),
    )
    write_xlsx(out, sheets, tr.lang)
    return counted[0]
