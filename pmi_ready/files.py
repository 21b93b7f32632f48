"""Files and folders pmi-ready creates: owner-only whatever the umask (they hold personal data),
and every output file written all or nothing (`publish`).

`private_dirs` makes every missing folder of a path readable, writable and searchable by its owner
only (``0700``); `create_private` makes a new, empty file ``0600``. The umask only takes bits
away from what a program asks for, and a umask such as ``0277`` would take the owner's own write
bit too, so the mode is set again with ``chmod`` after creation. On Windows the mode bits mean
little; the folders under the user's profile are private there already.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from pmi_ready.core import StorageError

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


def private_temp(folder: Path, prefix: str, suffix: str) -> tuple[int, Path]:
    """A new temporary file in ``folder``, ``0600`` whatever the umask: its descriptor (open for
    writing) and its path. Raises `OSError`."""
    fd, name = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=suffix)
    if hasattr(os, "fchmod"):
        with contextlib.suppress(OSError):
            os.fchmod(fd, PRIVATE_FILE)
    return fd, Path(name)


@contextmanager
def publish(path: Path, *, force: bool, private: bool = True) -> Iterator[IO[bytes]]:
    """Write ``path`` all or nothing: the bytes go to a temporary file beside it, which takes
    the name only when complete. Refused, with a `StorageError` that names ``path`` (never the
    temporary file): a folder, a device, a pipe or a socket at ``path`` (even with ``force``);
    an existing file without ``force``; and a file another program created at ``path`` while
    this one was writing (without ``force`` the name is taken with a hard link, which fails if
    anything is there). ``private``: ``0600``; else readable as the umask allows (a blank
    form)."""
    from pmi_ready.core import display_path

    shown = display_path(path)
    _check_target(path, shown, force=force)
    folder = path.parent if str(path.parent) else Path()
    try:
        fd, tmp = private_temp(folder, f".{path.name}.", ".part")
    except OSError as e:
        raise _cannot_write(shown, e) from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        if not private:
            mask = os.umask(0)
            os.umask(mask)
            with contextlib.suppress(OSError):
                tmp.chmod(0o666 & ~mask)
        _put_in_place(tmp, path, shown, force=force)
    except OSError as e:
        raise _cannot_write(shown, e) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _cannot_write(shown: str, e: OSError) -> StorageError:
    from pmi_ready.core import N_, StorageError, os_reason

    return StorageError(
        N_("cannot write {path}: {reason}"),
        hint=N_("Choose a folder that exists and that you can write to."),
        path=shown,
        reason=os_reason(e),
    )


def _check_target(path: Path, shown: str, *, force: bool) -> None:
    from pmi_ready.core import N_, StorageError

    try:
        st = path.stat()
    except OSError:
        return  # nothing there (or a dangling link: the hard link below refuses it)
    if stat.S_ISDIR(st.st_mode):
        raise StorageError(N_("{shown} is a folder; give a file name for the export"), shown=shown)
    if not stat.S_ISREG(st.st_mode):
        raise StorageError(
            N_(
                "{shown} is not a file but a device, a pipe or a socket; pmi-ready writes "
                "files only"
            ),
            hint=N_("Give the name of a file."),
            shown=shown,
        )
    if not force:
        raise StorageError(
            N_("{shown} already exists; it was left as it is"),
            hint=N_("Choose another file name, or add --force to replace it."),
            shown=shown,
        )


def _put_in_place(tmp: Path, path: Path, shown: str, *, force: bool) -> None:
    from pmi_ready.core import N_, StorageError

    if force:
        _check_target(path, shown, force=True)  # a pipe made meanwhile is refused too
        tmp.replace(path)
        return
    try:
        try:
            os.link(tmp, path)  # fails if anything has taken the name meanwhile
        except FileExistsError:
            raise
        except (AttributeError, NotImplementedError, OSError):
            _claim(tmp, path)  # a file system without hard links
    except FileExistsError:
        raise StorageError(
            N_(
                "{shown} was created by another program while pmi-ready was writing it; it "
                "was left as it is"
            ),
            hint=N_("Choose another file name, or add --force to replace it."),
            shown=shown,
        ) from None


def _claim(tmp: Path, path: Path) -> None:
    """Without hard links: take the name with an exclusive create, then move the file onto it
    (on Windows a rename never replaces a file)."""
    if os.name == "nt":
        tmp.rename(path)
        return
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    os.close(fd)
    tmp.replace(path)
