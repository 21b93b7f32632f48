"""The `pmi-ready` command. Keep this module light: `--help` must not import the core."""

from __future__ import annotations

from typing import Annotated

import typer

from pmi_ready import __version__
from pmi_ready.cli.app import RootGroup, new_app
from pmi_ready.cli.assess import assess, resume
from pmi_ready.cli.checklists import app as checklists_app
from pmi_ready.cli.contacts import contacts
from pmi_ready.cli.funds import funds
from pmi_ready.cli.records import app as records_app
from pmi_ready.cli.report import report

app = new_app(
    cls=RootGroup,
    help="pmi-ready: how ready you are to work abroad safely, and what to do next. "
    "Bilingual (Bahasa Indonesia + English) checklists and readiness reports. "
    "Not an official government tool.",
)
app.add_typer(checklists_app, name="checklists")
app.command()(contacts)
app.command()(funds)
app.command()(report)
app.command()(assess)
app.command()(resume)
app.add_typer(records_app, name="records")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pmi-ready {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an error (for bug reports).")
    ] = False,
) -> None:
    ctx.obj = {"debug": debug}


def main() -> None:
    app(prog_name="pmi-ready")
