"""A blank checklist as a PDF (reportlab): A4, embedded fonts, marks and boxes drawn as shapes.

Built on the shared `pmi_ready.render.pdfkit`; imported only when a PDF is asked for. Every question
is kept on one page; the header and "page N of M" are on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from pmi_ready.core import Level, Text
from pmi_ready.export.pdf_item import INK, RULE, ItemBox, ItemParts, LevelMark, Line, WarningMark
from pmi_ready.export.selection import Entry, Section, Sheet
from pmi_ready.export.words import fmt
from pmi_ready.render import (
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    build_pdf,
    keep,
    markup,
    styles,
)

# pdfkit.CONTENT_WIDTH is the width between the margins; the frame inside keeps reportlab's
# default padding of 6 points on each side, so this is what a flowable can really use.
WIDTH = CONTENT_WIDTH - 2 * 6


def render(sheet: Sheet) -> bytes:
    st = _styles()
    w = sheet.words
    title = _inline(sheet, w.title)
    story: list[Flowable] = [
        Paragraph(markup(sheet.pick(w.title)[0]), st["h1"]),
    ]
    if len(sheet.langs) > 1 and w.title.id != w.title.en:
        story.append(Paragraph(markup(sheet.pick(w.title)[1]), st["h1en"]))
    story += [
        Paragraph(markup(_inline(sheet, w.subtitle)), st["muted"]),
        Spacer(1, 2 * mm),
        *_block(sheet, sheet.scope, st["body"], st["en"]),
        *_block(sheet, w.how_to_fill, st["body"], st["en"]),
        Spacer(1, 2 * mm),
        _legend(sheet, st),
        Spacer(1, 2 * mm),
        _fields(sheet, [(w.applicant_name, 2), (w.date, 1)], st),
    ]
    for section in sheet.sections:
        story += _section(sheet, section, st)
    story.append(
        keep(
            Spacer(1, 4 * mm),
            _fields(sheet, [(w.applicant_signature, 2), (w.date, 1)], st),
            _fields(sheet, [(w.officer_name, 1), (w.officer_signature, 1)], st),
        )
    )
    story += _contacts(sheet, st)
    story += _sources(sheet, st)
    story += [Spacer(1, 4 * mm), *_block(sheet, w.not_official, st["muted"], st["muted_it"])]
    page = w.page

    def page_label(n: int, total: int) -> str:
        return _inline(sheet, fmt(page, page=n, pages=total))

    return build_pdf(
        story,
        title=title,
        header=f"pmi-ready · {title}",
        page_label=page_label,
        lang=sheet.langs[0],
    )


def _styles() -> dict[str, ParagraphStyle]:
    base = styles()
    body = base["body"]
    return {
        **base,
        "h1en": ParagraphStyle(
            "h1en",
            parent=base["h1"],
            fontName=body.fontName,
            fontSize=13,
            leading=16,
            textColor=colors.HexColor("#444444"),
        ),
        "en": ParagraphStyle("en_it", parent=base["en"], fontName=FONT_ITALIC),
        "muted_it": ParagraphStyle("muted_it", parent=base["muted"], fontName=FONT_ITALIC),
        "cond": ParagraphStyle("cond", parent=base["muted"], fontName=FONT_ITALIC),
        "ask": ParagraphStyle("ask", parent=body, fontName=FONT_BOLD, fontSize=10.5, leading=13),
        "ask_en": ParagraphStyle(
            "ask_en", parent=base["en"], fontName=FONT_ITALIC, fontSize=9.5, leading=12
        ),
        "why": ParagraphStyle("why", parent=base["muted"], fontSize=7.5, leading=9.5),
        "section_en": ParagraphStyle(
            "section_en",
            parent=base["h2"],
            fontName=FONT_ITALIC,
            fontSize=10,
            leading=12.5,
            spaceBefore=0,
            textColor=colors.HexColor("#444444"),
        ),
    }


def _unique(parts: list[str]) -> list[str]:
    return parts[:1] if len(parts) == 2 and parts[0] == parts[1] else parts


def _inline(sheet: Sheet, text: Text, sep: str = " / ") -> str:
    return sep.join(_unique(sheet.pick(text)))


def _lines(sheet: Sheet, text: Text) -> str:
    """Paragraph markup: each language on its own line (a condition's values hold " / " too)."""
    return "<br/>".join(markup(t) for t in _unique(sheet.pick(text)))


def _block(
    sheet: Sheet, text: Text, first: ParagraphStyle, second: ParagraphStyle
) -> list[Flowable]:
    parts = _unique(sheet.pick(text))
    return [Paragraph(markup(parts[0]), first)] + [Paragraph(markup(p), second) for p in parts[1:]]


def _row(cells: Sequence[Any], widths: Sequence[float], pad: float = 0) -> Table:
    t = Table([list(cells)], colWidths=list(widths))
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # never the non-embedded Helvetica
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6),
            ]
        )
    )
    t.hAlign = "LEFT"
    return t


def _legend(sheet: Sheet, st: dict[str, ParagraphStyle]) -> Table:
    w = sheet.words
    rows: list[list[Any]] = [[Paragraph(markup(_inline(sheet, w.levels)), st["label"]), ""]]
    for lv, means in (
        (Level.CRITICAL, w.critical_means),
        (Level.IMPORTANT, w.important_means),
        (Level.ADVICE, w.advice_means),
    ):
        text = f"<b>{markup(_inline(sheet, w.level(lv)))}</b>: {markup(_inline(sheet, means))}"
        rows.append([LevelMark(lv), Paragraph(text, st["small"])])
    rows.append(
        [WarningMark(), Paragraph(f"<b>{markup(_inline(sheet, w.warning_sign))}</b>", st["small"])]
    )
    t = Table(rows, colWidths=[12 * mm, WIDTH - 12 * mm])
    t.hAlign = "LEFT"
    t.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 0), (1, 0)),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return t


def _fields(
    sheet: Sheet, fields: Sequence[tuple[Text, int]], st: dict[str, ParagraphStyle]
) -> Table:
    """Labels over lines to write on, side by side; ``weight`` shares the width."""
    gap = 6 * mm
    total = sum(weight for _, weight in fields)
    free = WIDTH - gap * (len(fields) - 1)
    widths: list[float] = []
    cells: list[Any] = []
    for i, (label, weight) in enumerate(fields):
        width = free * weight / total
        cells.append(
            [
                Paragraph(markup(_inline(sheet, label)), st["small"]),
                Spacer(1, 7 * mm),
                Line(width, 0.5, INK),
            ]
        )
        widths.append(width)
        if i < len(fields) - 1:
            cells.append("")
            widths.append(gap)
    t = _row(cells, widths)
    t.setStyle(
        TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm)]
        )
    )
    return t


def _section(sheet: Sheet, section: Section, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    w = sheet.words
    c = section.checklist
    titles = _unique(sheet.pick(c.title))
    head: list[Flowable] = [Paragraph(markup(titles[0]), st["h2"])]
    head += [Paragraph(markup(t), st["section_en"]) for t in titles[1:]]
    head.append(Line(WIDTH, 1.5 * mm, INK))
    head += [Paragraph(_lines(sheet, cond), st["cond"]) for cond in section.conditions]
    if c.intro is not None:
        head += _block(sheet, c.intro, st["body"], st["en"])
    meta = (
        f"{_inline(sheet, w.reviewed)}: {_inline(sheet, section.reviewed)} · "
        f"{_inline(sheet, w.version)} {c.version}"
    )
    head += [Paragraph(markup(meta), st["muted"]), Spacer(1, 1.5 * mm)]
    items = [_entry(sheet, e, st) for e in section.entries]
    # the heading stays on one page with the first question; an ItemBox itself never splits
    return [keep(*head, items[0]), *items[1:]]


MAX_PRINTED = 1200
"""Characters of one question or reason printed in a blank checklist: a question is one box that
never splits across pages, so a 2,000-word text (a mistake in a checklist file) is cut, with
"…", where the box would no longer fit a page. The HTML and Markdown keep the whole text."""


def _capped(text: str) -> str:
    if len(text) <= MAX_PRINTED:
        return text
    cut = text[:MAX_PRINTED]
    return (cut.rsplit(" ", 1)[0] if " " in cut[MAX_PRINTED // 2 :] else cut) + " …"


def _entry(sheet: Sheet, entry: Entry, st: dict[str, ParagraphStyle]) -> ItemBox:
    w = sheet.words
    it = entry.item
    asks = [_capped(t) for t in _unique(sheet.pick(it.ask))]
    refs = ", ".join(f"[{n}]" for n in entry.sources)
    whys = [markup(_capped(t)) for t in _unique(sheet.pick(it.why))]
    why = f"{markup(_inline(sheet, w.why))}: {whys[0]}"
    why += "".join(f"<br/><i>{t}</i>" for t in whys[1:])
    why += f" — {markup(_inline(sheet, w.source))}: {markup(refs)}"
    label = _inline(sheet, entry.level)
    small = st["small"]
    warning = None
    if it.red_flag:
        warning = Paragraph(f"<b>{markup(_inline(sheet, w.warning_sign))}</b>", small)
    parts = ItemParts(
        level=it.level,
        number=f"{entry.number}.",
        number_size=st["ask"].fontSize,
        number_width=stringWidth(f"{sheet.items}.", FONT_BOLD, st["ask"].fontSize) + 2 * mm,
        asks=[Paragraph(markup(asks[0]), st["ask"])]
        + [Paragraph(markup(a), st["ask_en"]) for a in asks[1:]],
        level_label=label,
        level_label_size=small.fontSize,
        warning=warning,
        conditions=[Paragraph(_lines(sheet, c), st["cond"]) for c in entry.conditions],
        answers=[_inline(sheet, a) for a in entry.answers],
        answer_size=st["body"].fontSize,
        why=Paragraph(why, st["why"]),
        notes=_inline(sheet, w.notes) + ":",
        notes_size=small.fontSize,
    )
    return ItemBox(parts)


def _contacts(sheet: Sheet, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    w = sheet.words
    if sheet.contacts is None:
        return []
    out: list[Flowable] = [Paragraph(markup(_inline(sheet, w.contacts)), st["h2"])]
    for c in sheet.contacts.contacts:
        value = f"<b>{markup(c.value)}</b> — " if c.value else ""
        note = f" ({markup(_inline(sheet, c.note))})" if c.note else ""
        out.append(Paragraph(f"• {value}{markup(_inline(sheet, c.label))}{note}", st["body"]))
    if sheet.contacts_verified is not None:
        refs = ", ".join(
            f"[{r.number}]" for r in sheet.sources if r.source.id in sheet.contacts.source_ids
        )
        text = (
            f"{_inline(sheet, w.last_verified)}: {_inline(sheet, sheet.contacts_verified)} — "
            f"{_inline(sheet, w.source)}: {refs}"
        )
        out.append(Paragraph(markup(text), st["muted"]))
    return [keep(*out)]


def _sources(sheet: Sheet, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    w = sheet.words
    out: list[Flowable] = [Paragraph(markup(_inline(sheet, w.sources)), st["h2"])]
    for ref in sheet.sources:
        src = ref.source
        text = f"{ref.number}. {markup(src.title)}"
        if src.url:
            text += f" — {markup(src.url)}"
        if not src.verified:
            text += f" — <i>{markup(_inline(sheet, w.not_confirmed))}</i>"
        out.append(Paragraph(text, st["small"]))
    return [keep(*out[:2]), *out[2:]]
