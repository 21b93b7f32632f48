"""What the `records` commands share: opening the store, reading the filter options, the words
for a status and a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmi_ready.cli.lang import ui_translator
from pmi_ready.cli.options import StatusChoice

if TYPE_CHECKING:
    import datetime as dt

    from pmi_ready.i18n import Translator
    from pmi_ready.records import Filters
    from pmi_ready.store import Store


def open_store(db: str | None) -> Store:
    from pmi_ready.store import open_store as open_target

    return open_target(db)


def since_time(since: str | None) -> dt.datetime | None:
    if since is None:
        return None
    from pmi_ready.core import N_, UsageError
    from pmi_ready.records import parse_day, start_of_day

    try:
        return start_of_day(parse_day(since))
    except ValueError:
        raise UsageError(
            N_("--since: '{value}' is not a date; write it as YYYY-MM-DD"), value=since
        ) from None


def make_filters(
    status: StatusChoice | None = None,
    unfinished: bool = False,
    since: str | None = None,
    officer: str | None = None,
    destination: str | None = None,
    search: str | None = None,
) -> Filters:
    from pmi_ready.records import Filters

    return Filters(
        status=None if status is None else status.value,
        unfinished=unfinished,
        since=since_time(since),
        officer=officer,
        destination=destination,
        search=search,
    )


def translator_for(lang: str | None) -> Translator:
    return ui_translator(lang)


def status_word(status: str | None, tr: Translator) -> str:
    from pmi_ready.core import STATUS_TEXT, Status

    if status is None:
        return "—"
    try:
        return STATUS_TEXT[Status(status)].get(tr.lang)
    except ValueError:
        return status


def local_time(t: dt.datetime) -> str:
    return t.astimezone().strftime("%Y-%m-%d %H:%M")


LARGEST = 2**63 - 1
"""The largest count a database takes (a 64-bit integer)."""


def at_most(value: int, option: str) -> int:
    """``value`` if a database can take it as a count, else one clear message (exit 1)."""
    from pmi_ready.core import N_, PmiReadyError

    if value > LARGEST:
        raise PmiReadyError(
            N_("{option} {value}: too large a number (at most {largest})"),
            option=option,
            value=str(value),
            largest=str(LARGEST),
        )
    return value
