"""A blank checklist as Markdown: to print, to convert (pandoc) or to paste into a document."""

from __future__ import annotations

import re
from typing import Protocol

from pmi_ready.core import Level, Text, one_line
from pmi_ready.export.selection import Entry, Section, Sheet
from pmi_ready.export.words import LEVEL_MARKS, WARNING_MARK


class _Both(Protocol):
    def __call__(self, text: Text, sep: str = " / ") -> str: ...


_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&!])")
NOTE_LINE = "\\_" * 40
LINE = "\\_" * 30
SHORT_LINE = "\\_" * 15
ITALIC_BREAK = "*  \n*"  # between two languages in italics, each on its own line


def esc(text: str) -> str:
    """Markdown-escape a text from the YAML files, so it prints as written, on one line and
    without control characters or escape sequences (`pmi_ready.core.one_line`)."""
    return _SPECIAL.sub(r"\\\1", one_line(text))


def render(sheet: Sheet) -> str:
    w = sheet.words
    out: list[str] = []

    def both(text: Text, sep: str = " / ") -> str:
        return sep.join(esc(t) for t in _unique(sheet.pick(text)))

    out += [f"# {both(w.title)}", "", f"*{both(w.subtitle)}*", ""]
    out += [both(sheet.scope, "  \n"), "", both(w.how_to_fill, "  \n"), ""]
    legend = " · ".join(
        f"{LEVEL_MARKS[lv]} **{both(w.level(lv))}**: {both(means)}"
        for lv, means in (
            (Level.CRITICAL, w.critical_means),
            (Level.IMPORTANT, w.important_means),
            (Level.ADVICE, w.advice_means),
        )
    )
    out += [f"**{both(w.levels)}:** {legend}  ", f"{WARNING_MARK} {both(w.warning_sign)}", ""]
    out += _name_block(sheet, both)
    for section in sheet.sections:
        out += _section(sheet, section, both)
    out += _signature_block(sheet, both)
    out += _contacts(sheet, both)
    out += [f"## {both(w.sources)}", ""]
    for ref in sheet.sources:
        src = ref.source
        line = f"{ref.number}. {esc(src.title)}"
        if src.url:
            line += f" <{src.url}>"
        if not src.verified:
            line += f" — *{both(w.not_confirmed)}*"
        out.append(line)
    out += ["", "---", ""] + [f"*{esc(t)}*  " for t in _unique(sheet.pick(w.not_official))]
    out.append("")
    return "\n".join(out)


def _unique(parts: list[str]) -> list[str]:
    return parts[:1] if len(parts) == 2 and parts[0] == parts[1] else parts


def _name_block(sheet: Sheet, both: _Both) -> list[str]:
    w = sheet.words
    return [
        f"**{both(w.applicant_name)}:** {LINE}  ",
        f"**{both(w.date)}:** {SHORT_LINE}",
        "",
    ]


def _signature_block(sheet: Sheet, both: _Both) -> list[str]:
    w = sheet.words
    return [
        f"**{both(w.applicant_signature)}:** {LINE}  ",
        f"**{both(w.officer_name)}:** {LINE}  ",
        f"**{both(w.officer_signature)}:** {LINE}  ",
        f"**{both(w.date)}:** {SHORT_LINE}",
        "",
    ]


def _section(sheet: Sheet, section: Section, both: _Both) -> list[str]:
    w = sheet.words
    c = section.checklist
    out = [f"## {both(c.title)}", ""]
    for cond in section.conditions:
        out += [f"*{both(cond, ITALIC_BREAK)}*", ""]
    if c.intro is not None:
        out += [both(c.intro, "  \n"), ""]
    out += [
        f"<small>{both(w.reviewed)}: {both(section.reviewed)} · "
        f"{both(w.version)} {esc(c.version)}</small>",
        "",
    ]
    for entry in section.entries:
        out += _entry(sheet, entry, both)
    return out


def _entry(sheet: Sheet, entry: Entry, both: _Both) -> list[str]:
    w = sheet.words
    it = entry.item
    asks = _unique(sheet.pick(it.ask))
    out = [f"### {entry.number}. {esc(asks[0])}"]
    out += [f"*{esc(a)}*  " for a in asks[1:]]
    if len(asks) == 1:
        out.append("")
    level = f"{LEVEL_MARKS[it.level]} **{both(entry.level)}**"
    if it.red_flag:
        level += f" · {WARNING_MARK} **{both(w.warning_sign)}**"
    out.append(level + "  ")
    for cond in entry.conditions:
        out.append(f"*{both(cond, ITALIC_BREAK)}*  ")
    out += ["", "   ".join(f"☐ {both(a)}" for a in entry.answers), ""]
    refs = ", ".join(f"[{n}]" for n in entry.sources)
    whys = [esc(t) for t in _unique(sheet.pick(it.why))]
    why = whys[0] + "".join(f"  \n*{t}*" for t in whys[1:])
    out += [f"<small>{both(w.why)}: {why} — {both(w.source)}: {esc(refs)}</small>", ""]
    out += [f"{both(w.notes)}: {NOTE_LINE}", "", "---", ""]
    return out


def _contacts(sheet: Sheet, both: _Both) -> list[str]:
    w = sheet.words
    if sheet.contacts is None:
        return []
    out = [f"## {both(w.contacts)}", ""]
    for c in sheet.contacts.contacts:
        value = f"**{esc(c.value)}** — " if c.value else ""
        note = f" ({both(c.note)})" if c.note else ""
        out.append(f"- {value}{both(c.label)}{note}")
    if sheet.contacts_verified is not None:
        refs = ", ".join(
            f"[{r.number}]" for r in sheet.sources if r.source.id in sheet.contacts.source_ids
        )
        out += [
            "",
            f"<small>{both(w.last_verified)}: {both(sheet.contacts_verified)} — "
            f"{both(w.source)}: {esc(refs)}</small>",
        ]
    out.append("")
    return out
