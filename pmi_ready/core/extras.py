"""How to install an optional extra, in the words of the way pmi-ready itself was installed."""

from __future__ import annotations

import sys
from pathlib import Path

from pmi_ready.core.errors import N_, Msg

PACKAGES = {"xlsx": "openpyxl", "xlsform": "openpyxl", "postgres": '"psycopg[binary]"'}
"""What each extra brings, as `pipx inject` names it."""


def installed_with() -> str:
    """``app`` (a PyInstaller build), ``pipx``, ``uv`` (``uv tool install``) or ``pip``: pipx
    leaves ``pipx_metadata.json`` in the environment it makes, uv ``uv-receipt.toml``."""
    if getattr(sys, "frozen", False):
        return "app"
    prefix = Path(sys.prefix)
    if (prefix / "pipx_metadata.json").is_file():
        return "pipx"
    if (prefix / "uv-receipt.toml").is_file():
        return "uv"
    return "pip"


def install_hint(extra: str) -> Msg:
    """``Install it with: …``: the command that adds the extra where pmi-ready runs now."""
    package = PACKAGES[extra]
    how = installed_with()
    if how == "app":
        return Msg(
            N_(
                "This program was built without {package}: where it is built, run python -m pip "
                'install ".[app,{extra}]", then python tools/build_app.py again.'
            ),
            package=package,
            extra=extra,
        )
    if how == "pipx":
        return Msg(N_("Install it with: pipx inject pmi-ready {package}"), package=package)
    if how == "uv":
        return Msg(
            N_('Install it with: uv tool install ".[{extra}]" (in the pmi-ready folder)'),
            extra=extra,
        )
    return Msg(
        N_(
            'Install it with: python -m pip install "pmi-ready[{extra}]" (installed with pipx: '
            "pipx inject pmi-ready {package})"
        ),
        extra=extra,
        package=package,
    )
