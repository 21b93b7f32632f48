"""One error hierarchy; the CLI turns each into one message on stderr and an exit code.

Exit codes: 0 ok, 1 user or input error (bad file, bad answer, storage problem), 2 usage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_USER = 1
EXIT_USAGE = 2


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is translated later (`Msg`, `localize`)."""
    return message


class Msg(str):
    """A message to show in the user's language: a gettext msgid and its values.

    As a ``str`` it is the English text (logs, tests, ``str(err)``); `localize` gives it in the
    user's language at the edge, where the language is known. A value that is itself a `Msg` is
    translated too. Without values the msgid is not formatted (it may hold braces typed by a user).
    """

    msgid: str
    params: dict[str, object]

    def __new__(cls, msgid: str, /, **params: object) -> Msg:
        self = super().__new__(cls, msgid.format(**params) if params else msgid)
        self.msgid, self.params = msgid, params
        return self

    def __reduce__(self) -> tuple[object, ...]:  # pickling and copying keep it a str
        return (str, (str(self),))


class Verbatim(str):
    """Words shown as they are in every language: a key, id or value quoted from a file, a path.

    `localize` looks a plain ``str`` value up as a msgid; a ``Verbatim`` one never is, so a key
    that happens to be a msgid (``reviewed``, ``critical``) is not translated."""

    __slots__ = ()


def code(name: str) -> Msg:
    """A key, id or value of a file (``reviewed``, ``when``, ``loan``) named in a message: bare in
    English ("reviewed must be a date …"), quoted in Indonesian, where a bare key would read as
    an English word."""
    # TRANSLATORS: a key, id or value of a file, as it is written there (reviewed, when, loan).
    # It stays as it is; quote it where a bare English word would be read as a word.
    return Msg(N_("{key}"), key=Verbatim(name))


def codes(values: Iterable[str]) -> Msg:
    """A list of `code` names: ``kind, id, version`` / ``'kind', 'id', 'version'``."""
    vs = list(values)
    if not vs:
        return Msg("{none}", none="")  # never looked up: an empty msgid is the catalog's header
    return Msg(
        ", ".join(f"{{n{i}}}" for i in range(len(vs))),
        **{f"n{i}": code(v) for i, v in enumerate(vs)},
    )


def localize(text: object, gettext: Callable[[str], str], lang: str = "en") -> str:
    """A message in the language of ``gettext`` (``lang``); plain text is looked up as a msgid
    (it stays as it is when it is not one). A value that is a `Text` (a checklist's words in both
    languages) is given in ``lang``."""
    from pmi_ready.core.model import Text

    if isinstance(text, Text):
        return text.get(lang)
    if isinstance(text, Verbatim):
        return str(text)
    if not isinstance(text, Msg):
        return gettext(str(text))
    if not text.params:
        return gettext(text.msgid)
    values = {k: localize(v, gettext, lang) for k, v in text.params.items()}
    return gettext(text.msgid).format(**values)


class PmiReadyError(Exception):
    """An error the user can act on. ``str(err)`` is the message in English; the CLI shows
    ``localize(err.message, …)`` and ``localize(err.hint, …)`` in the user's language.

    ``message`` and ``hint`` are msgids (marked ``N_()`` or ``_()``) filled with ``params``."""

    exit_code = EXIT_USER

    def __init__(self, message: str, *, hint: str | None = None, **params: object) -> None:
        self.message: str = message if isinstance(message, Msg) else Msg(message, **params)
        self.hint: str | None = (
            None if hint is None else hint if isinstance(hint, Msg) else Msg(hint, **params)
        )
        super().__init__(self.message)


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

    def __init__(self, problems: Sequence[Problem], *, what: str = N_("file")) -> None:
        self.problems = tuple(problems)
        n = len(self.problems)
        super().__init__(
            N_("1 problem in the {what}") if n == 1 else N_("{n} problems in the {what}"),
            n=n,
            what=Msg(what),
        )


def os_reason(e: OSError) -> str:
    """Why a file could not be read or written, as a msgid for the common cases (the system's
    own words, often English, otherwise)."""
    import errno

    reasons = {
        errno.ENOENT: N_("no such file or folder"),
        errno.EACCES: N_("permission denied"),
        errno.EPERM: N_("permission denied"),
        errno.EISDIR: N_("it is a folder"),
        errno.ENOTDIR: N_("a part of the path is not a folder"),
        errno.ENOSPC: N_("the disk is full"),
        errno.EROFS: N_("the disk is read-only"),
    }
    return reasons.get(e.errno or 0, e.strerror or str(e))


# What Python's JSON decoder says (``JSONDecodeError.msg``), for the catalogs: a message that
# quotes it as a plain value has it looked up by `localize` like any msgid.
JSON_PROBLEMS = (
    N_("Expecting value"),
    N_("Expecting property name enclosed in double quotes"),
    N_("Expecting ':' delimiter"),
    N_("Expecting ',' delimiter"),
    N_("Unterminated string starting at"),
    N_("Extra data"),
    N_("Invalid \\escape"),
    N_("Invalid control character at"),
)


def display_path(path: Path | str) -> str:
    """A path as the user would recognise it: relative to the current folder when below it."""
    p = Path(path).absolute()  # not resolve(): a link loop must not raise here
    try:
        return p.relative_to(Path.cwd().absolute()).as_posix()
    except ValueError:
        return str(path)
