"""Lazy public faces for the subpackages (PEP 562).

Each subpackage's ``__init__`` names what it offers and in which of its modules it lives; a name
is imported the first time it is used. So ``from pmi_ready.core import Item`` is the one import
path for the rest of the program, and importing a package (``pmi_ready.core.errors`` for the CLI's
error handler) does not load its heavier siblings: ``--help`` stays fast.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_exports(
    package: str, table: Mapping[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``table`` maps a public name to the module
    (relative to the package) that defines it."""

    def __getattr__(name: str) -> object:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)  # the next use is a plain attribute
        return value

    def __dir__() -> list[str]:
        return sorted(set(table) | set(vars(sys.modules[package])))

    return __getattr__, __dir__
