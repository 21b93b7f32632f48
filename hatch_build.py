"""Compile the gettext catalogs (locales/*/LC_MESSAGES/*.po) to .mo files inside the wheel."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the .po files directly
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        out = Path(tempfile.mkdtemp(prefix="pmi-ready-mo-"))
        for po in sorted(root.glob("locales/*/LC_MESSAGES/*.po")):
            rel = po.relative_to(root / "locales").with_suffix(".mo")
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as f:
                catalog = read_po(f)
            with target.open("wb") as f:
                write_mo(f, catalog, use_fuzzy=False)
            build_data["force_include"][str(target)] = f"pmi_ready/_data/locales/{rel.as_posix()}"
