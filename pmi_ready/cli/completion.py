"""Shell completion: `pmi-ready --install-completion` and `--show-completion`, and the answers to
the shell's completion requests (``_PMI_READY_COMPLETE``), through Typer's completion scripts.

These are pmi-ready's own options rather than Typer's (``add_completion``) so that what they say
goes through the catalog (Typer prints "… completion installed in …" in English), and Typer's
completion classes are registered only when a completion is asked for."""

from __future__ import annotations

import os
from typing import Any

from pmi_ready.core import N_

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
COMPLETE_VAR = "_PMI_READY_COMPLETE"
INSTALL_HELP = N_("Install completion of commands and options for the current shell.")
SHOW_HELP = N_(
    "Show the completion script for the current shell, to copy it or install it yourself."
)


def prepare_if_asked(prog_name: str | None) -> None:
    """Before the shell's completion request is answered: Typer's completion classes, which its
    scripts expect (they are registered only when completion is used)."""
    var = f"_{(prog_name or 'pmi-ready').replace('-', '_').upper()}_COMPLETE"
    if os.environ.get(var):
        from typer._completion_classes import completion_init

        completion_init()


def _shell() -> str:
    from typer._completion_shared import _get_shell_name

    from pmi_ready.core import UsageError

    shell = _get_shell_name()  # from the processes above this one (shellingham)
    if shell is None and os.environ.get("SHELL"):
        shell = os.path.basename(os.environ["SHELL"]).lower()  # noqa: PTH119
    if shell not in SHELLS:
        raise UsageError(
            N_(
                "cannot tell which shell this is ({shell}); completion works in bash, zsh, fish "
                "and PowerShell: run this command in one of them"
            ),
            shell=shell or "?",
        )
    return shell


def install(ctx: Any, _param: Any, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    import typer
    from typer._completion_classes import completion_init
    from typer._completion_shared import install as install_script

    from pmi_ready.cli.app import plain_note
    from pmi_ready.cli.lang import ui_gettext

    _ = ui_gettext()
    completion_init()
    shell, path = install_script(shell=_shell(), prog_name="pmi-ready", complete_var=COMPLETE_VAR)
    message = _("Completion for {shell} installed in {path}; it works in a new terminal window.")
    plain_note(message.format(shell=shell, path=path))
    raise typer.Exit(0)


def show(ctx: Any, _param: Any, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    import sys

    import typer
    from typer._completion_classes import completion_init
    from typer._completion_shared import get_completion_script

    completion_init()
    script = get_completion_script(prog_name="pmi-ready", complete_var=COMPLETE_VAR, shell=_shell())
    sys.stdout.write(script.rstrip("\n") + "\n")
    raise typer.Exit(0)
