"""Which database a command means: ``--db`` (or ``PMI_READY_DB``) is a file path for SQLite, or a
``postgresql://`` / ``postgres://`` URL for an office's server. `open_store` is the one way every
command (and ``records sync``) opens a store from that text.

A value with any other scheme (``mysql://…``, ``sqlite://…``, ``postgresq://…``) is refused: it is
a mistake, not a file name. Passwords never leave this module unmasked: `mask_url` is what
messages, ``--debug`` and the commands printed to continue show.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from pmi_ready.core import N_, UsageError, display_path
from pmi_ready.store.connection import default_db_path

if TYPE_CHECKING:
    from pmi_ready.store.base import Store

ENV = "PMI_READY_DB"
POSTGRES_SCHEMES = ("postgresql", "postgres")
# Two letters at least: "C://x" on Windows is a drive, not a scheme.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+)://")
_SECRET_PARAM = re.compile(r"(?i)(\w*password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)")
MASK = "***"


@dataclass(frozen=True)
class Target:
    """A database: ``path`` for an SQLite file, or ``url`` for PostgreSQL (exactly one is set)."""

    path: Path | None = None
    url: str | None = None

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    @property
    def shown(self) -> str:
        """How messages name it: the path, or the URL with its password masked."""
        if self.url is not None:
            return mask_url(self.url)
        assert self.path is not None
        return display_path(self.path)


def parse_target(value: str | os.PathLike[str] | None, *, where: str = "--db") -> Target:
    """The database ``value`` names; ``None``: ``$PMI_READY_DB``, else the default file.
    Raises `UsageError` for a URL whose scheme pmi-ready does not know (``where``: the option
    that gave it)."""
    if value is None:
        env = os.environ.get(ENV, "").strip()
        if not env:
            return Target(path=default_db_path())  # the user data folder's file
        return _parse(env, f"{ENV}")
    return _parse(os.fspath(value), where)


def _parse(text: str, where: str) -> Target:
    m = _SCHEME.match(text)
    if m is None:
        return Target(path=Path(text).expanduser())
    scheme = m.group(1).lower()
    if scheme in POSTGRES_SCHEMES:
        return Target(url=text)
    raise UsageError(
        N_(
            "{where}: '{value}' is not a database pmi-ready can open (it knows a file "
            "path, or a postgresql:// URL)"
        ),
        hint=N_("Give a file such as --db records.db, or --db postgresql://desk@server/pmi."),
        where=where,
        value=mask_url(text),
    )


def _split(url: str) -> tuple[str, str, str, str]:
    """``scheme://``, the user part (before the last ``@`` of the host part, '' if none), the
    hosts, and the rest (path, ``?query``, ``#fragment``), exactly as written."""
    head, _, rest = url.partition("://")
    cut = min((i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0), default=-1)
    netloc, tail = (rest, "") if cut < 0 else (rest[:cut], rest[cut:])
    user, at, hosts = netloc.rpartition("@")
    return head + "://", user if at else "", hosts if at else netloc, tail


def mask_url(url: str) -> str:
    """``url`` with its password (in the user part or a ``password=`` parameter) as ``***``."""
    head, user, hosts, tail = _split(url)
    if ":" in user:
        user = user.split(":", 1)[0] + ":" + MASK
    return head + (f"{user}@" if user else "") + hosts + _SECRET_PARAM.sub(_masked, tail)


def _masked(m: re.Match[str]) -> str:
    return m.group(1) + MASK


def passwords(url: str) -> tuple[str, ...]:
    """Every password ``url`` holds, as written and percent-decoded (what a message from the
    driver could repeat)."""
    _head, user, _hosts, tail = _split(url)
    found = [user.split(":", 1)[1]] if ":" in user else []
    found += [m.group(2).strip("'") for m in _SECRET_PARAM.finditer(tail)]
    out = {p for raw in found if raw for p in (raw, unquote(raw), quote(unquote(raw), safe=""))}
    return tuple(sorted(out, key=len, reverse=True))


def mask_text(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with every one of ``secrets`` and every ``password=…`` setting masked."""
    for s in secrets:
        if s:
            text = text.replace(s, MASK)
    return _SECRET_PARAM.sub(_masked, text)


def without_password(url: str) -> str:
    """``url`` with no password at all: what a printed command to continue carries (the
    password comes from ``.pgpass``, ``PGPASSWORD`` or a service file, never the screen)."""
    head, user, hosts, tail = _split(url)
    user = user.split(":", 1)[0]
    path, q, query = tail.partition("?")
    query, h, fragment = query.partition("#")
    kept = "&".join(p for p in query.split("&") if p and not _SECRET_PARAM.match(p))
    tail = path + (q if kept else "") + kept + h + fragment
    return head + (f"{user}@" if user else "") + hosts + tail


def printable_target(value: str) -> str:
    """``--db``'s value as a printed command repeats it: a URL without its password."""
    return without_password(value) if _SCHEME.match(value) else value


def open_store(
    value: str | os.PathLike[str] | None = None, *, timeout: float = 5.0, where: str = "--db"
) -> Store:
    """The store ``value`` names (see `parse_target`): an SQLite file or a PostgreSQL server."""
    target = parse_target(value, where=where)
    if target.url is not None:
        from pmi_ready.store.pg_connection import load_psycopg

        load_psycopg()  # the message that says how to install the driver, before it is imported
        from pmi_ready.store.pg_store import PgStore

        return PgStore.open_url(target.url, timeout=timeout)
    from pmi_ready.store.sqlite_store import SqliteStore

    return SqliteStore.open_file(target.path, timeout=timeout)
