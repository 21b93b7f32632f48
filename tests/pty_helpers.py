"""pmi-ready in a real pseudo-terminal (pexpect): the one environment and the one way to start it
that every pty test uses."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any


def pty_env(
    db: Path | None = None,
    *,
    term: str = "dumb",
    columns: int | None = 100,
    io_encoding: str | None = "utf-8",
) -> dict[str, str]:
    """The environment of a run in a pty: no colour, a fixed width (``None``: the terminal's),
    ``--db`` as ``PMI_READY_DB``. On a dumb terminal rich takes 80 columns whatever the window; a
    real one (``term="xterm"``) is as wide as the window."""
    env = {**os.environ, "TERM": term, "NO_COLOR": "1"}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    if db is not None:
        env["PMI_READY_DB"] = str(db)
    if io_encoding is not None:
        env["PYTHONIOENCODING"] = io_encoding
    return env


def spawn_cli(
    args: list[str],
    *,
    db: Path | None = None,
    checklists: Path | None = None,
    columns: int | None = 100,
    term: str = "dumb",
    io_encoding: str | None = "utf-8",
    encoding: str | None = "utf-8",
    timeout: int = 20,
    cwd: Path | None = None,
) -> Any:
    """``python -m pmi_ready ARGS [--checklists FOLDER]`` in a pty of 40 lines and ``columns``
    (pexpect's 24 x 80 when ``None``); ``encoding=None`` reads and writes bytes."""
    import pexpect

    extra = ["--checklists", str(checklists)] if checklists is not None else []
    return pexpect.spawn(
        sys.executable,
        ["-m", "pmi_ready", *args, *extra],
        env=pty_env(db, term=term, columns=columns, io_encoding=io_encoding),
        encoding=encoding,
        timeout=timeout,
        dimensions=(40, columns) if columns is not None else (24, 80),
        cwd=str(cwd) if cwd is not None else None,
    )
