"""`pmi-ready checklists export`: blank printable checklists and the XLSForm, for trainers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmi_ready.cli.app import console, escape, load
from pmi_ready.cli.lang import ui_translator
from pmi_ready.cli.options import ChecklistDirs, ContactsOption, LangOption, report_langs

if TYPE_CHECKING:
    from pmi_ready.core import Lang

FORMATS = ("pdf", "html", "md", "xlsform")
_SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".xlsx": "xlsform"}


def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The file to write ('-' for standard output, Markdown and HTML only).",
            show_default=False,
        ),
    ],
    format_: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="pdf|html|md|xlsform",
            help="pdf, html or md: a blank checklist to print; xlsform: a form for ODK Collect "
            "and KoboToolbox. Default: from the --output file name.",
            show_default=False,
        ),
    ] = None,
    destination: Annotated[
        str | None,
        typer.Option(
            "--destination",
            metavar="CC",
            help="Only the items for this destination country (TW, HK, …).",
            show_default=False,
        ),
    ] = None,
    job: Annotated[
        str | None,
        typer.Option(
            "--job",
            metavar="JOB",
            help="Only the items for this job (cook, fishing-crew, …).",
            show_default=False,
        ),
    ] = None,
    checklist: Annotated[
        list[str] | None,
        typer.Option(
            "--checklist",
            metavar="ID",
            help="Only this checklist (repeatable). Default: all of them.",
            show_default=False,
        ),
    ] = None,
    report_lang: Annotated[
        str,
        typer.Option(
            "--report-lang",
            metavar="both|id|en",
            help="The languages of the checklist: both (the default; the --lang language "
            "first), id or en alone.",
            show_default=False,
        ),
    ] = "both",
    lang: LangOption = None,
    checklists: ChecklistDirs = None,
    contacts_file: ContactsOption = None,
) -> None:
    """Write blank checklists to print (pdf, html, md) or an XLSForm (xlsform) for trainers.

    Without --destination and --job every item is included, each with its condition written out;
    with them, only the items that apply.
    """
    from pmi_ready.core import N_, UsageError, display_path
    from pmi_ready.export import ExportFormat, render, select

    tr = ui_translator(lang)
    _ = tr._
    mode, first = report_langs(report_lang, tr)
    langs: tuple[Lang, ...] = (
        (first, "en" if first == "id" else "id") if mode == "both" else (first,)
    )
    to_stdout = str(output) == "-"
    if format_ is None:
        guessed = _SUFFIXES.get(output.suffix.lower())
        if guessed is None:
            raise UsageError(
                N_("say which format to write with --format pdf, html, md or xlsform"),
                hint=N_("Or end the --output file name with .pdf, .html, .md or .xlsx."),
            )
        format_ = guessed
    if format_.lower() not in FORMATS:
        raise UsageError(
            N_("unknown format '{value}'; use pdf, html, md or xlsform"), value=format_
        )
    fmt = ExportFormat(format_.lower())
    if to_stdout and fmt in (ExportFormat.PDF, ExportFormat.XLSFORM):
        raise UsageError(
            N_("a {format} file cannot go to standard output; give --output FILE"),
            format=fmt.value,
        )
    catalog = load(checklists, contacts_file)
    sheet = select(
        catalog,
        destination=destination,
        job=job,
        checklist_ids=tuple(checklist or ()),
        langs=langs,
    )
    data = render(sheet, fmt)
    if to_stdout:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    _write(output, data)  # a failure is a StorageError that names the file
    n_sections = len(sheet.sections)
    done = _("Wrote {questions} questions from {sections} checklists to {path}").format(
        questions=sheet.items, sections=n_sections, path=display_path(output)
    )
    err = console(stderr=True)
    err.print(escape(done), highlight=False, soft_wrap=True)
    if output.suffix.lower() != fmt.suffix and not (
        fmt is ExportFormat.HTML and output.suffix == ".htm"
    ):
        note = _("Note: a {format} file usually ends in {suffix}").format(
            format=fmt.value, suffix=fmt.suffix
        )
        err.print(escape(note), highlight=False)


def _write(path: Path, data: bytes) -> None:
    """All or nothing, through a temporary file beside it (`pmi_ready.files.publish`): a failed
    export leaves no half file; a blank form holds no personal data, so it is readable as the
    umask allows, and an earlier one is replaced."""
    from pmi_ready.files import publish

    with publish(path, force=True, private=False) as f:
        f.write(data)
