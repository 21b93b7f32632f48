"""Finding checklist files: the YAML files under the folders given, and the built-in folder."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from pmi_ready.core import N_, Msg, Problem, display_path
from pmi_ready.resources import checklists_dir


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The YAML files under these files and folders (sorted, each once), and problems finding them.

    Links to folders are not followed, so a link loop cannot make the walk endless.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        try:
            key = str(p.resolve(strict=True))
        except (OSError, RuntimeError) as e:
            msg = N_("a link that leads nowhere or in a loop") if p.is_symlink() else str(e)
            problems.append(
                Problem(display_path(p), 0, Msg(N_("cannot read the file: {reason}"), reason=msg))
            )
            return
        if key not in seen:
            seen.add(key)
            files.append(p)

    for path in paths:
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                        add(Path(dirpath) / name)
        elif path.exists() or path.is_symlink():
            add(path)
        else:
            problems.append(Problem(display_path(path), 0, N_("no such file or folder")))
    return files, problems


def builtin_paths() -> list[Path]:
    return [checklists_dir()]


def file_key(path: Path) -> str:
    """The same text for two paths to the same file (for telling given files from built-in ones)."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())
