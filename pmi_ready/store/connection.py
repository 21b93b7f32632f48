"""The SQLite file itself: where it lives, opening it (owner-only, read-only when it cannot be
written), and every SQLite failure turned into a `StorageError` that says what to do."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from pmi_ready.core import N_, StorageError, display_path, os_reason
from pmi_ready.files import create_private, private_dirs

APP_ID = "pmi-ready"


def default_db_path() -> Path:
    """``$PMI_READY_DB``, else ``pmi-ready.db`` in the user data folder (platformdirs)."""
    env = os.environ.get("PMI_READY_DB")
    if env:
        return expand_home(env, "PMI_READY_DB")
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_ID, appauthor=False)) / "pmi-ready.db"


def expand_home(text: str, where: str) -> Path:
    """``~`` and ``~user`` at the start of a path, or one clear message when that home folder is
    not known (``~nosuchuser/x.db``)."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        raise StorageError(
            N_(
                "{where}: '{value}' starts with the home folder of a user this computer does "
                "not know"
            ),
            hint=N_("Write the whole path, or ~/… for your own home folder."),
            where=where,
            value=text,
        ) from None


def connect(path: Path, *, timeout: float) -> tuple[sqlite3.Connection, bool]:
    """An autocommit connection to ``path`` and whether it is read-only. A new file is created
    readable and writable by its owner only (``0600``, and the folders made for it ``0700``,
    whatever the umask); one this user may not write is opened read-only."""
    shown = display_path(path)
    if path.is_dir():
        raise StorageError(N_("the database path {shown} is a folder, not a file"), shown=shown)
    read_only = False
    try:
        private_dirs(path.parent)
        # (create_private is False when another process created it in between: fine)
        if path.exists() or not create_private(path):
            read_only = not os.access(path, os.W_OK)
            if not read_only:
                _writable_companions(path)
    except OSError as e:
        raise StorageError(
            N_("cannot create the database {shown}: {reason}"),
            hint=N_("Choose another place with --db PATH or the PMI_READY_DB variable."),
            shown=shown,
            reason=os_reason(e),
        ) from None
    try:
        if read_only:
            uri = path.resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
        else:
            conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error as e:
        raise storage_error(e, shown) from None
    return conn, read_only


def _writable_companions(path: Path) -> None:
    """Make this user's own ``-wal`` and ``-shm`` files of ``path`` writable again (``0600``).

    SQLite creates them with the permissions of the database file: a read-only open of a
    read-only file leaves a read-only ``-shm`` behind, and once the file is writable again that
    stale ``-shm`` would make every write fail ("attempt to write a readonly database"). A
    companion that belongs to someone else is left as it is (the write then says the database
    is read-only)."""
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        try:
            if companion.exists() and not os.access(companion, os.W_OK):
                companion.chmod(stat.S_IRUSR | stat.S_IWUSR)
        except OSError:
            continue


def storage_error(e: sqlite3.Error, shown: str) -> StorageError:
    """What a failed SQLite call means for the user of the database ``shown``."""
    name = getattr(e, "sqlite_errorname", "") or ""
    text = str(e)
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED") or "locked" in text:
        return StorageError(
            N_(
                "the database {shown} is busy: another pmi-ready (an 'assess' in another window?) "
                "is writing to it"
            ),
            hint=N_(
                "Finish or close the other one and try again, or use another file with --db PATH."
            ),
            shown=shown,
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return StorageError(
            N_("the database {shown} is read-only; nothing can be saved"),
            hint=N_("Make the file writable, choose another with --db PATH, or use --no-save."),
            shown=shown,
        )
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return StorageError(
            N_("the disk is full: {shown} cannot be written; the last answer was not saved"),
            hint=N_("Free some space and run the same command again."),
            shown=shown,
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "not a database" in text:
        return StorageError(
            N_("the database {shown} is damaged or is not a pmi-ready database"),
            hint=N_(
                "Move the file away (keep it for recovery) and start a new one, or use --db PATH."
            ),
            shown=shown,
        )
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return StorageError(
            N_("cannot open the database {shown}"),
            hint=N_("Check that the folder exists and that you may write to it, or use --db PATH."),
            shown=shown,
        )
    if name.startswith("SQLITE_IOERR") or "disk I/O" in text:
        return StorageError(
            N_("the disk could not read or write {shown} ({text})"), shown=shown, text=text
        )
    return StorageError(N_("database error in {shown}: {text}"), shown=shown, text=text)
