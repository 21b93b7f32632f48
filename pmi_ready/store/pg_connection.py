"""The PostgreSQL server: psycopg 3, imported only when a ``postgresql://`` URL is used (the extra
``pmi-ready[postgres]``); a connection with libpq's own settings; every failure turned into a
`StorageError` that says what to do, with the password masked.

Everything libpq reads passes through untouched: the URL's parameters (``sslmode``,
``sslrootcert``, ``connect_timeout``, ``service`` …), the ``PG*`` variables, ``~/.pgpass`` (or
``PGPASSFILE``) and service files (``PGSERVICEFILE``). pmi-ready adds only what the URL and the
environment leave unset: ``application_name=pmi-ready`` (how a supervisor sees the desks in
``pg_stat_activity``) and a ``connect_timeout``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, cast

from pmi_ready.core import N_, StorageError
from pmi_ready.store.target import mask_text, mask_url, passwords

if TYPE_CHECKING:
    from psycopg import Connection

CONNECT_TIMEOUT = 10
"""Seconds to wait for a server that does not answer, unless the URL or PGCONNECT_TIMEOUT says."""
APPLICATION_NAME = "pmi-ready"
LOST = N_(
    "Everything saved before it is kept. When the server answers again, run the same command "
    "again ('pmi-ready resume' continues an assessment where it stopped)."
)
CONNECT_HINT = N_(
    "Check that the server is running and the URL's host, port, database and user; a password "
    "belongs in ~/.pgpass (PGPASSFILE), a service file or PGPASSWORD, not on the command line."
)


def load_psycopg() -> Any:
    """The psycopg module, or a `StorageError` saying how to install it."""
    try:
        import psycopg
    except ImportError:
        from pmi_ready.core import install_hint

        raise StorageError(
            N_(
                "a postgresql:// database needs the PostgreSQL driver (psycopg), which is not "
                "installed"
            ),
            hint=install_hint("postgres"),
        ) from None
    return psycopg


def connect(url: str) -> Connection[Any]:
    """An autocommit connection to the server ``url`` names (for `PgStore`)."""
    psycopg = load_psycopg()
    from psycopg.conninfo import conninfo_to_dict

    shown = mask_url(url)
    secrets = passwords(url)
    try:
        info = conninfo_to_dict(url)
    except psycopg.Error as e:
        raise StorageError(
            N_("the PostgreSQL URL {shown} is not valid: {reason}"),
            hint=N_("Write it as postgresql://USER@HOST:PORT/DATABASE?sslmode=require."),
            shown=shown,
            reason=_first_line(e, secrets),
        ) from None
    extra: dict[str, object] = {}
    if "connect_timeout" not in info and not os.environ.get("PGCONNECT_TIMEOUT"):
        extra["connect_timeout"] = CONNECT_TIMEOUT
    if "application_name" not in info and not os.environ.get("PGAPPNAME"):
        extra["application_name"] = APPLICATION_NAME
    try:
        raw = psycopg.connect(url, autocommit=True, **extra)
    except psycopg.Error as e:
        raise StorageError(
            N_("cannot connect to the database server {shown}: {reason}"),
            hint=CONNECT_HINT,
            shown=shown,
            reason=_first_line(e, secrets),
        ) from None
    return cast("Connection[Any]", raw)


def pg_error(e: Exception, shown: str, secrets: tuple[str, ...], *, broken: bool) -> StorageError:
    """What a failed call on the server ``shown`` means for its user."""
    state = str(getattr(e, "sqlstate", None) or "")
    text = _first_line(e, secrets)
    if broken or state.startswith(("08", "57P")):
        return StorageError(
            N_(
                "the connection to the database server {shown} was lost ({text}); the last change "
                "was not saved"
            ),
            hint=LOST,
            shown=shown,
            text=text,
        )
    if state == "42501":
        return StorageError(
            N_("the database user may not do this on {shown} ({text})"),
            hint=N_(
                "Ask the office's database administrator for the desk role (README: one "
                "office, one server)."
            ),
            shown=shown,
            text=text,
        )
    if state in ("55P03", "40001", "40P01") or state.startswith("57014"):
        return StorageError(
            N_("the database {shown} is busy: another desk is changing the same records"),
            hint=N_("Try again in a moment."),
            shown=shown,
        )
    if state == "25006":
        return StorageError(
            N_("the database {shown} is read-only for this user; nothing can be saved"),
            hint=N_("Use a desk role that may write, or --no-save."),
            shown=shown,
        )
    if state.startswith("53"):
        return StorageError(
            N_(
                "the database server {shown} is out of space or memory ({text}); the last change "
                "was not saved"
            ),
            hint=N_("Ask the office's database administrator; then run the same command again."),
            shown=shown,
            text=text,
        )
    return StorageError(N_("database error in {shown}: {text}"), shown=shown, text=text)


def _first_line(e: Exception, secrets: tuple[str, ...]) -> str:
    lines = [ln.strip() for ln in str(e).strip().splitlines() if ln.strip()]
    return mask_text(lines[0] if lines else type(e).__name__, secrets)
