"""The supervisor's workbook as tables: the assessments, one row per assessment and item, and the
statistics. Pure: values and words, no file format (`pmi_ready.records.xlsx` writes them).

Cells are words in the language of the run (a status, a destination, an answer), headers are in
both languages with that language first. Times are local, in the time zone ``--since`` days are
in, and each time column's header names that zone (`zone_label`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pmi_ready.core import STATUS_TEXT, AnswerValue, Level, Status, Text, assess, frozen
from pmi_ready.i18n import _, both
from pmi_ready.records.queries import Filters, Row, rows, start_of_day

if TYPE_CHECKING:
    from pmi_ready.core import Catalog
    from pmi_ready.i18n import Translator
    from pmi_ready.store import Store

Kind = Literal["text", "int", "datetime", "percent"]
AGE_GROUPS = ((0, 17), (18, 24), (25, 34), (35, 44), (45, None))
"""Age groups for planning. Under 18 is its own group: nobody under 18 may be placed (UU 18/2017
Pasal 5), so every such applicant is a red flag."""


@frozen
class Column:
    header: Text
    kind: Kind = "text"
    width: int = 12
    """In characters, as a spreadsheet counts a column's width."""


@dataclass
class Sheet:
    """One table: a sheet name (in the run's language), its columns, and its rows (read once, so
    a large export streams)."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]


def zone_label(year: int | None = None) -> str:
    """This computer's time zone as people read it: ``UTC+07:00``, or ``UTC+01:00/+02:00`` where
    the clocks change with the seasons."""
    y = year or dt.date.today().year
    offsets = sorted({start_of_day(dt.date(y, m, 1)).utcoffset() or dt.timedelta() for m in (1, 7)})
    return "UTC" + "/".join(_offset(o) for o in offsets)


def _offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h:02d}:{m:02d}"


def local_naive(t: dt.datetime) -> dt.datetime:
    """A stored (aware, UTC) time as this computer's wall clock, to the minute: a spreadsheet
    cell has no time zone."""
    return t.astimezone().replace(tzinfo=None, second=0, microsecond=0)


def age_group(age: int | None, tr: Translator) -> str:
    if age is None:
        return ""
    for low, high in AGE_GROUPS:
        if high is None:
            return tr._("{age} and over").format(age=low)
        if low <= age <= high:
            if low == 0:
                return tr._("under {age}").format(age=high + 1)
            return tr._("{low}–{high}").format(low=low, high=high)
    return ""


def status_words(status: str | None, lang: str) -> str:
    try:
        return STATUS_TEXT[Status(status)].get(lang) if status else ""
    except ValueError:
        return status or ""


class Words:
    """Codes as the words of the run's language: choices of the profile, yes/no, levels."""

    def __init__(self, catalog: Catalog, tr: Translator) -> None:
        self.catalog, self.tr = catalog, tr

    def choice(self, field_id: str, value: str | None) -> str:
        if not value:
            return ""
        f = self.catalog.profile.field(field_id)
        return f.label_of(value, self.tr.lang) if f else value

    def yes_no(self, value: bool) -> str:
        return self.tr._("Yes") if value else self.tr._("No")

    def answer(self, value: AnswerValue | None) -> str:
        _ = self.tr._
        if value is None:
            return _("not answered")
        return {
            AnswerValue.YES: _("Yes"),
            AnswerValue.NO: _("No"),
            AnswerValue.UNSURE: _("Not sure"),
        }.get(value, _("Does not apply"))

    def level(self, level: Level) -> str:
        _ = self.tr._
        return {Level.CRITICAL: _("Critical"), Level.IMPORTANT: _("Important")}.get(
            level, _("Advice")
        )


# ------------------------------------------------------------------------------ assessments
_ASSESSMENT_COLUMNS: tuple[tuple[str, Kind, int], ...] = (
    (_("Finished"), "text", 10),
    (_("Officer"), "text", 18),
    (_("Status"), "text", 30),
    (_("Destination"), "text", 20),
    (_("Job"), "text", 22),
    (_("Route"), "text", 28),
    (_("Sex"), "text", 12),
    (_("Age group"), "text", 12),
    (_("Items that apply"), "int", 13),
    (_("Ready items"), "int", 13),
    (_("Critical items missing"), "int", 13),
    (_("Important items missing"), "int", 13),
    (_("Advice items missing"), "int", 13),
    (_("Warning signs"), "int", 13),
    (_("Missing critical items"), "text", 40),
)
_ITEM_COLUMNS: tuple[tuple[str, Kind, int], ...] = (
    (_("Assessment"), "text", 38),
    (_("Status"), "text", 30),
    (_("Destination"), "text", 20),
    (_("Section"), "text", 28),
    (_("Item"), "text", 24),
    (_("Question"), "text", 60),
    (_("Level"), "text", 12),
    (_("Answer"), "text", 16),
    (_("Ready"), "text", 8),
    (_("Warning sign"), "text", 10),
)
_NAME = Column(both(_("Name")), width=24)


def _columns(spec: Iterable[tuple[str, Kind, int]]) -> list[Column]:
    return [Column(both(msgid), kind, width) for msgid, kind, width in spec]


def _assessment_columns(zone: str, include_names: bool) -> list[Column]:
    def timed(msgid: str) -> Column:
        return Column(Text(*(f"{t} ({zone})" for t in both(msgid))), "datetime", 20)

    cols = [
        Column(both(_("Assessment")), width=38),
        timed(_("Created")),
        timed(_("Last change")),
        *_columns(_ASSESSMENT_COLUMNS),
    ]
    if include_names:
        cols.insert(1, _NAME)
    return cols


def _assessment_row(r: Row, w: Words, include_names: bool) -> list[object]:
    cells: list[object] = [
        r.id,
        local_naive(r.created_at),
        local_naive(r.updated_at),
        w.yes_no(r.finished),
        r.officer or "",
        status_words(r.status, w.tr.lang),
        w.choice("destination", r.destination),
        w.choice("job", r.job),
        w.choice("route", r.route),
        w.choice("sex", r.sex),
        age_group(r.age, w.tr),
        *r.counts,
        ", ".join(r.missing_critical),
    ]
    if include_names:
        cells.insert(1, r.name or "")
    return cells


def assessments_sheet(
    store: Store, filters: Filters, w: Words, *, include_names: bool, counted: list[int]
) -> Sheet:
    """One row per assessment, newest first. ``counted[0]`` grows by one for each row read."""

    def each() -> Iterator[list[object]]:
        for r in rows(store, filters):
            counted[0] += 1
            yield _assessment_row(r, w, include_names)

    return Sheet(w.tr._("Assessments"), _assessment_columns(zone_label(), include_names), each())


# ------------------------------------------------------------------------------ items
def _item_columns(include_names: bool) -> list[Column]:
    cols = _columns(_ITEM_COLUMNS)
    if include_names:
        cols.insert(1, _NAME)
        cols.append(Column(both(_("Note")), width=40))
    return cols


def items_sheet(
    store: Store,
    filters: Filters,
    w: Words,
    *,
    include_names: bool,
) -> Sheet:
    """One row per assessment and item that applies to it (as scored with the checklists of
    today, like an import): the answer in words (or "not answered"), the level, whether it is
    ready, whether it is a warning sign. Notes are free text: only with the names."""
    lang = w.tr.lang

    def each() -> Iterator[list[object]]:
        for r in rows(store, filters):
            rec = store.get(r.id)
            result = assess(w.catalog, rec.profile, rec.answers)
            status = status_words(r.status, lang)
            where = w.choice("destination", r.destination)
            for sec in result.sections:
                for res in sec.results:
                    cells: list[object] = [
                        r.id,
                        status,
                        where,
                        sec.checklist.title.get(lang),
                        res.item.id,
                        res.item.ask.get(lang),
                        w.level(res.item.level),
                        w.answer(res.answer),
                        w.yes_no(res.ready),
                        w.yes_no(res.risky),
                    ]
                    if include_names:
                        cells.insert(1, r.name or "")
                        cells.append(res.note)
                    yield cells

    return Sheet(w.tr._("Items"), _item_columns(include_names), each())
