"""The end of `pmi-ready assess`: the whole readiness report, then a saved copy on request.

Imported lazily by `cli/assess.py`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pmi_ready.cli.app import escape

if TYPE_CHECKING:
    from rich.console import Console

    from pmi_ready.core import Catalog, Lang
    from pmi_ready.i18n import Translator
    from pmi_ready.render import LangMode
    from pmi_ready.store import StoredAssessment

_PDF = ("p", "pdf")
_HTML = ("h", "html")
_BOTH = ("b", "both", "keduanya")
_NONE = ("", "n", "no", "t", "tidak", "q")


def stdin_is_terminal() -> bool:
    """Ask for a copy only when someone is typing (not a pipe, not a test runner)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def show_report(
    record: StoredAssessment,
    catalog: Catalog,
    out: Console,
    langs: tuple[LangMode, Lang] = ("both", "id"),
) -> None:
    """The whole report, as `pmi-ready report ID` shows it (``langs``: `report_langs`)."""
    from pmi_ready.assessment import report_context
    from pmi_ready.render import print_terminal

    print_terminal(out, report_context(record, catalog, langs[0], first=langs[1]))


def offer_copy(
    record: StoredAssessment,
    catalog: Catalog,
    tr: Translator,
    out: Console,
    *,
    reader: Callable[[str], str] = input,
    folder: Path | None = None,
    langs: tuple[LangMode, Lang] | None = None,
) -> list[Path]:
    """Ask once for a PDF copy, an HTML copy or both (one key; Enter = none) and write them,
    readable by their owner only, into ``folder`` (the current folder). The paths written."""
    from pmi_ready.cli.report import default_filename, report_for, write_private
    from pmi_ready.render import Format

    _ = tr._
    question = _("Save a copy of this report? p = PDF, h = HTML, b = both, Enter = no")
    out.print()
    out.print(f"[bold]{escape(question)}[/]")
    while True:
        out.file.flush()
        try:
            reply = reader("> ").strip().lower()
        except EOFError:
            return []
        if reply in _NONE:
            return []
        if reply in _PDF or reply in _HTML or reply in _BOTH:
            formats = [f for f, keys in ((Format.PDF, _PDF), (Format.HTML, _HTML)) if reply in keys]
            break
        again = _("Type p for PDF, h for HTML, b for both, or press Enter for no copy.")
        out.print(f"[yellow]{escape(again)}[/]")
    written: list[Path] = []
    for fmt in formats or [Format.PDF, Format.HTML]:
        path = (folder or Path.cwd()) / default_filename(record.id, record.created_at, fmt)
        mode, first = langs or ("both", tr.lang)
        # asked for just now: an earlier copy of the same assessment is replaced
        write_private(path, report_for(record, catalog, mode, fmt, first=first), force=True)
        saved = _("Saved a copy: {path}").format(path=str(path.absolute()))
        out.print(f"[green]{escape(saved)}[/]", soft_wrap=True)
        written.append(path)
    return written


def status_line(record: StoredAssessment, catalog: Catalog, tr: Translator) -> str:
    """``Belum siap / Not ready · 2 warning signs``: for scripts' stderr."""
    from pmi_ready.assessment import evaluate
    from pmi_ready.core import STATUS_TEXT

    readiness = evaluate(catalog, record.profile, record.answers, record.data).readiness
    st = STATUS_TEXT[readiness.status]
    line = f"{st.en} / {st.id}" if tr.lang == "en" else f"{st.id} / {st.en}"
    n = len(readiness.red_flags)
    if n:
        line += " · " + tr.n_("{n} warning sign", "{n} warning signs", n).format(n=n)
    return line
