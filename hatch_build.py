"""Compile the gettext catalogs (locales/*/LC_MESSAGES/*.po) to .mo files inside the wheel.

`compile_catalogs` is also what `tools/build_app.py` puts in the one-folder program; it loads
this file without hatchling, so the build hook is defined only where hatchling is installed.
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path
from typing import Any

MO_HOME = "pmi_ready/_data/locales"
"""Where the package looks for the compiled catalogs (`pmi_ready.i18n`)."""


def compile_catalogs(root: Path, out: Path) -> list[tuple[Path, str]]:
    """Every catalog under ``root/locales`` compiled into ``out``: each .mo file with its path
    relative to the locales folder (``id/LC_MESSAGES/pmi_ready.mo``)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    pairs = []
    for po in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
        rel = po.relative_to(root / "locales").with_suffix(".mo")
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as f:
            catalog = read_po(f)
        with target.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        pairs.append((target, rel.as_posix()))
    return pairs


if importlib.util.find_spec("hatchling") is not None:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface

    class CompileCatalogs(BuildHookInterface):  # type: ignore[type-arg]
        PLUGIN_NAME = "custom"

        def initialize(self, version: str, build_data: dict[str, Any]) -> None:
            if self.target_name != "wheel" or version == "editable":
                return  # an editable install reads the .po files directly
            out = Path(tempfile.mkdtemp(prefix="pmi-ready-mo-"))
            for target, rel in compile_catalogs(Path(self.root), out):
                build_data["force_include"][str(target)] = f"{MO_HOME}/{rel}"
