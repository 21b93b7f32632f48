"""One error hierarchy; the CLI turns each into one message on stderr and an exit code.

Exit codes: 0 ok, 1 user or input error (bad file, bad answer, storage problem), 2 usage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_USER = 1
EXIT_USAGE = 2


class PmiReadyError(Exception):
    """An error the user can act on. ``str(err)`` is the message shown to them."""

    exit_code = EXIT_USER

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(PmiReadyError):
    exit_code = EXIT_USAGE


class NotFoundError(PmiReadyError):
    """An id (assessment, checklist, destination, job) that does not exist."""


class StorageError(PmiReadyError):
    """The database or an output file could not be read or written."""


class InputEndedError(PmiReadyError):
    """Standard input ended while the walk was asking a question."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in an input file, reported as ``FILE:LINE: message``."""

    path: str
    line: int
    message: str
    column: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ProblemsError(PmiReadyError):
    """One or more problems in input files (checklists, answers files, imports)."""

    def __init__(self, problems: Sequence[Problem], *, what: str = "file") -> None:
        self.problems = tuple(problems)
        n = len(self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} in {what}s")


def display_path(path: Path | str) -> str:
    """A path as the user would recognise it: relative to the current folder when below it."""
    p = Path(path).absolute()  # not resolve(): a link loop must not raise here
    try:
        return p.relative_to(Path.cwd().absolute()).as_posix()
    except ValueError:
        return str(path)
