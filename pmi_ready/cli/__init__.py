"""The `pmi-ready` command. Keep this module light: `--help` must not import the core."""

from __future__ import annotations

from typing import Annotated

import typer

from pmi_ready import __version__
from pmi_ready.cli import completion
from pmi_ready.cli.app import RootGroup, new_app
from pmi_ready.cli.options import LangOption

# Every command, in the order `pmi-ready --help` lists them: name -> (module, attribute, one-line
# help). A command's module is imported only when that command runs, so start-up stays light;
# tests/test_startup.py checks that each line here matches the command's own help.
RootGroup.lazy_commands = {
    "assess": (
        "pmi_ready.cli.assess",
        "assess",
        "Assess an applicant: the profile, then every question that applies, saved as you go.",
    ),
    "resume": (
        "pmi_ready.cli.assess",
        "resume",
        "Continue a saved assessment at the first unanswered question.",
    ),
    "report": (
        "pmi_ready.cli.report",
        "report",
        "Show or save the readiness report of a saved assessment (bilingual by default).",
    ),
    "funds": (
        "pmi_ready.cli.funds",
        "funds",
        "Costs and loan check: forbidden charges, the gap, and what a loan costs every month.",
    ),
    "records": (
        "pmi_ready.cli.records",
        "app",
        "Stored assessments: list, show, export, import, sync, statistics, delete, purge.",
    ),
    "checklists": (
        "pmi_ready.cli.checklists",
        "app",
        "Browse, check and print the checklists.",
    ),
    "contacts": (
        "pmi_ready.cli.contacts",
        "contacts",
        "Show the official contacts for help and complaints, with the date they were verified.",
    ),
}

app = new_app(
    cls=RootGroup,
    help="pmi-ready: how ready you are to work abroad safely, and what to do next. "
    "Bilingual (Bahasa Indonesia + English) checklists and readiness reports. "
    "Not an official government tool.",
)


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
    lang: LangOption = None,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=completion.install,
            is_eager=True,
            expose_value=False,
            help=completion.INSTALL_HELP,
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=completion.show,
            is_eager=True,
            expose_value=False,
            help=completion.SHOW_HELP,
        ),
    ] = False,
) -> None:
    """The language (``--lang``) was read before the commands were built (`cli.lang`)."""
    ctx.obj = {"debug": debug}


def main() -> None:
    app(prog_name="pmi-ready")
