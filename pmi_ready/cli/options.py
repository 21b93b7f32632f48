"""The Typer options that more than one command takes, in one place."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

ChecklistDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--checklists",
        help="A folder of your own checklist files, added to the built-in set (repeatable).",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language: id (Bahasa Indonesia, the default) or en. Also PMI_READY_LANG.",
        show_default=False,
    ),
]
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
    typer.Option("--officer", help="Only this officer's assessments.", show_default=False),
]
DestinationOption = Annotated[
    str | None,
    typer.Option(
        "--destination", help="Only this destination (a code such as TW).", show_default=False
    ),
]
NamesOption = Annotated[
    bool,
    typer.Option("--include-names", help="Show applicants' names (left out unless asked)."),
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
