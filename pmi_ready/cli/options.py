"""The Typer options that more than one command takes, in one place."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmi_ready.cli.lang import LANG_HELP, N_, check_lang

if TYPE_CHECKING:
    from pmi_ready.core import Lang
    from pmi_ready.i18n import Translator
    from pmi_ready.render import LangMode

ChecklistDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--checklists",
        metavar="FOLDER",
        help="A folder of your own checklist files, added to the built-in set (repeatable).",
        show_default=False,
    ),
]
ContactsOption = Annotated[
    Path | None,
    typer.Option(
        "--contacts",
        metavar="FILE",
        help="Use the contacts of this file (kind: contacts) instead of the built-in, verified "
        "ones; every report then says where its contacts came from.",
        show_default=False,
        dir_okay=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", metavar="id|en", help=LANG_HELP, callback=check_lang, show_default=False
    ),
]
"""The language of the run (`pmi_ready.cli.lang`); commands without it get it added when built."""
ReportLangOption = Annotated[
    str,
    typer.Option(
        "--report-lang",
        metavar="both|id|en",
        help="The languages of the report: both (the default; the --lang language first), "
        "id or en alone.",
        show_default=False,
    ),
]
"""``--lang`` is the language of the run; ``--report-lang`` what a report or a printed checklist
is written in (one vocabulary: `report_langs`)."""


def report_langs(value: str, tr: Translator) -> tuple[LangMode, Lang]:
    """``--report-lang`` read: (``both``, ``id`` or ``en``; the language first), where a
    bilingual report starts with the language of the run (``tr``)."""
    from pmi_ready.core import UsageError

    v = value.strip().lower()
    if v == "both":
        return "both", tr.lang
    if v in ("id", "in"):
        return "id", "id"
    if v == "en":
        return "en", "en"
    raise UsageError(N_("unknown --report-lang '{value}'; use both, id or en"), value=value)


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH|URL",
        help="The database: a file, or postgresql://USER@HOST/DATABASE for an office's server "
        "(default: PMI_READY_DB, else pmi-ready.db in your user data folder).",
        show_default=False,
    ),
]
"""Every command that reads or writes the store takes this one ``--db`` option."""
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


# --------------------------------------------------------------------------- records filters
class StatusChoice(StrEnum):
    STOP = "stop"
    NOT_READY = "not-ready"
    NEARLY_READY = "nearly-ready"
    READY = "ready"


StatusOption = Annotated[
    StatusChoice | None,
    typer.Option("--status", help="Only this readiness status.", show_default=False),
]
UnfinishedOption = Annotated[
    bool, typer.Option("--unfinished", help="Only assessments not finished yet.")
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="Only assessments changed on or after this day (YYYY-MM-DD, local time).",
        show_default=False,
    ),
]
OfficerOption = Annotated[
    str | None,
    typer.Option(
        "--officer", metavar="NAME", help="Only this officer's assessments.", show_default=False
    ),
]
DestinationOption = Annotated[
    str | None,
    typer.Option(
        "--destination",
        metavar="CC",
        help="Only this destination (a code such as TW).",
        show_default=False,
    ),
]
NamesOption = Annotated[
    bool,
    typer.Option("--include-names", help="Show applicants' names (left out unless asked)."),
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
