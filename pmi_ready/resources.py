"""Where the built-in checklists and catalogs are: inside the installed wheel or the source tree."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@cache
def _data_root(name: str) -> Path:
    installed = _PKG / "_data" / name  # wheel: force-included by pyproject.toml
    if installed.is_dir():
        return installed
    source = _PKG.parent / name  # source checkout or editable install
    if source.is_dir():
        return source
    raise FileNotFoundError(
        f"pmi-ready cannot find its '{name}' folder (looked in {installed} and {source}); "
        "reinstall the package"
    )


def checklists_dir() -> Path:
    return _data_root("checklists")


def locales_dir() -> Path:
    return _data_root("locales")
