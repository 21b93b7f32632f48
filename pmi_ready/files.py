"""Files and folders pmi-ready creates: owner-only whatever the umask (they hold personal data).

`private_dirs` makes every missing folder of a path readable, writable and searchable by its owner
only (``0700``); `create_private` makes a new, empty file ``0600``. The umask only takes bits
away from what a program asks for, and a umask such as ``0277`` would take the owner's own write
bit too, so the mode is set again with ``chmod`` after creation. On Windows the mode bits mean
little; the folders under the user's profile are private there already.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dirs(folder: Path) -> None:
    """Create ``folder`` and every missing parent, each ``0700``; folders that exist are left as
    they are (they may be shared on purpose). Raises `OSError`."""
    missing: list[Path] = []
    here = Path(folder)
    while not here.exists():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    for part in reversed(missing):
        try:
            part.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            if not part.is_dir():
                raise
            continue  # made by another program in between: not ours to change
        with contextlib.suppress(OSError):
            part.chmod(PRIVATE_DIR)


def create_private(path: Path) -> bool:
    """Create ``path`` empty and ``0600``; False if it exists already (another program may have
    created it in between). Raises `OSError` for any other failure."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        return False
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)
    return True
