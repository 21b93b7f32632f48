"""Shared building blocks for pmi-ready's PDFs (readiness reports, printable checklists).

Import this module lazily (it imports reportlab at module level). The small API:

- the fonts and `sanitize` / `markup` of `pmi_ready.render.pdftext`, re-exported here.
- `styles()` — the paragraph styles (``body``, ``small``, ``h1``, ``h2``, ``h3``, ``label`` …).
- `para(text, style)` — a Paragraph of plain (escaped) text.
- `Checkbox(checked=None)` — a square drawn with lines (ticked, crossed or empty): no glyph needed.
- `ProgressBar(share, width)` — a horizontal bar drawn as shapes.
- `keep(*flowables)` — a KeepTogether block, so an item never splits across two pages.
- `height(flowables)` — how tall they are laid out; `FRAME_HEIGHT` is what one page holds.
- `two_columns(left, right, width)` — a borderless two-column table (Indonesian | English).
- `build_pdf(story, title=…, header=…, page_label=…, lang=…)` — A4, a header line and "page N of
  M" on every page, the document's language and title, a bookmark for every ``h1``/``h2``
  heading, the real creation date (``SOURCE_DATE_EPOCH`` when set, for reproducible files);
  returns the PDF bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from pmi_ready.core import N_, PmiReadyError
from pmi_ready.render.pdftext import (
    FONT,
    FONT_BOLD,
    FONT_BOLD_ITALIC,
    FONT_CJK,
    FONT_ITALIC,
    FONT_KOREAN,
    markup,
    register_fonts,
    sanitize,
)

__all__ = [
    "CONTENT_WIDTH",
    "FONT",
    "FONT_BOLD",
    "FONT_BOLD_ITALIC",
    "FONT_CJK",
    "FONT_ITALIC",
    "FONT_KOREAN",
    "FRAME_HEIGHT",
    "Checkbox",
    "ProgressBar",
    "build_pdf",
    "height",
    "keep",
    "markup",
    "para",
    "register_fonts",
    "sanitize",
    "styles",
    "two_columns",
]

PAGE_SIZE = A4
MARGIN = 16 * mm
FRAME_PADDING = 6  # reportlab's default frame padding, points
CONTENT_WIDTH = A4[0] - 2 * MARGIN - 2 * FRAME_PADDING
TOP_MARGIN = MARGIN + 2 * mm  # room for the header line
FRAME_HEIGHT = A4[1] - TOP_MARGIN - MARGIN - 2 * FRAME_PADDING  # what one page holds


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles, all in the embedded font."""
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, alignment=TA_LEFT)
    return {
        "body": base,
        "bold": ParagraphStyle("bold", parent=base, fontName=FONT_BOLD),
        "en": ParagraphStyle("en", parent=base, textColor=colors.HexColor("#333333")),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5),
        "muted": ParagraphStyle(
            "muted", parent=base, fontSize=8, leading=10.5, textColor=colors.HexColor("#555555")
        ),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=4
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=13.5,
            spaceBefore=4,
            keepWithNext=1,
        ),
        "label": ParagraphStyle("label", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=11),
        "status": ParagraphStyle(
            "status", parent=base, fontName=FONT_BOLD, fontSize=20, leading=25
        ),
    }


def para(text: str, style: str | ParagraphStyle = "body") -> Paragraph:
    """A paragraph of plain text (escaped; never interpreted as markup)."""
    st = styles()[style] if isinstance(style, str) else style
    return Paragraph(markup(text), st)


class Checkbox(Flowable):  # type: ignore[misc]
    """A square drawn as shapes: ``checked`` True draws a tick, False a cross, None empty."""

    def __init__(self, checked: bool | None = None, size: float = 3.6 * mm) -> None:
        super().__init__()
        self.checked = checked
        self.size = size
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c, s = self.canv, self.size
        c.saveState()
        c.setLineWidth(0.8)
        c.setStrokeColor(colors.black)
        c.rect(0, 0, s, s, stroke=1, fill=0)
        c.setLineWidth(1.4)
        if self.checked is True:
            c.lines(
                [(s * 0.2, s * 0.5, s * 0.42, s * 0.22), (s * 0.42, s * 0.22, s * 0.82, s * 0.8)]
            )
        elif self.checked is False:
            c.lines(
                [(s * 0.22, s * 0.22, s * 0.78, s * 0.78), (s * 0.22, s * 0.78, s * 0.78, s * 0.22)]
            )
        c.restoreState()


class ProgressBar(Flowable):  # type: ignore[misc]
    """A bar filled to ``share`` (0..1), drawn as shapes, with a thin outline."""

    def __init__(
        self, share: float, width: float, height: float = 3.2 * mm, color: str = "#2e7d32"
    ) -> None:
        super().__init__()
        self.share = max(0.0, min(1.0, share))
        self.width, self.height = width, height
        self.color = colors.HexColor(color)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(colors.HexColor("#e6e6e6"))
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColor(self.color)
        if self.share > 0:
            c.rect(0, 0, self.width * self.share, self.height, stroke=0, fill=1)
        c.setStrokeColor(colors.HexColor("#666666"))
        c.setLineWidth(0.5)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        c.restoreState()


def keep(*flowables: Flowable) -> KeepTogether:
    """Flowables that must stay on one page (an item, a row with its explanation)."""
    return KeepTogether(list(flowables))


def height(flowables: Sequence[Flowable], width: float = CONTENT_WIDTH) -> float:
    """The height ``flowables`` take one after another, with the space before and after each
    (never less than the page will use): what decides whether they fit on one page."""
    total = 0.0
    for f in flowables:
        if isinstance(f, KeepTogether):
            total += height(f._content, width)
            continue
        total += f.wrap(width, FRAME_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def two_columns(
    left: Sequence[Flowable] | Flowable,
    right: Sequence[Flowable] | Flowable,
    width: float = CONTENT_WIDTH,
    gap: float = 5 * mm,
) -> Table:
    """Indonesian on the left, English on the right, no borders; never split inside the row."""
    col = (width - gap) / 2
    t = Table([[left, "", right]], colWidths=[col, gap, col])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return t


class _Document(SimpleDocTemplate):  # type: ignore[misc]
    """A bookmark (PDF outline entry) for every ``h1`` and ``h2`` paragraph, and headings kept
    with a kept block that follows them."""

    def handle_keepWithNext(self, flowables: list[Flowable]) -> None:
        """reportlab keeps a heading with the next flowable unless that is itself a
        KeepTogether (an item, a contacts block): the heading was then left alone at the foot
        of a page. Such a block is opened, and the headings go into it."""
        n = 0
        while n < len(flowables) and flowables[n].getKeepWithNext():
            if isinstance(flowables[n], KeepTogether):
                break
            n += 1
        if n and n < len(flowables) and isinstance(flowables[n], KeepTogether):
            heads = flowables[:n]
            for f in heads:
                f.__dict__["keepWithNext"] = 0  # as reportlab does: the group is the keeper
            flowables[: n + 1] = [KeepTogether([*heads, *flowables[n]._content])]
            return
        super().handle_keepWithNext(flowables)

    def beforeDocument(self) -> None:
        self._marks = 0
        self._top_level = False
        self.canv.showOutline()

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, Paragraph):
            return
        name = flowable.style.name
        if name not in ("h1", "h2") and not name.startswith(("h1-", "h2-")):
            return
        if name.startswith("h1"):
            self._top_level = True
        level = 1 if name.startswith("h2") and self._top_level else 0
        self._marks += 1
        key = f"s{self._marks}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=False)


def _numbered_canvas(header: str, page_label: Callable[[int, int], str]) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Draws the header and "page N of M" once the page count is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = FONT  # never reference a font that is not embedded
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = PAGE_SIZE
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawString(MARGIN, height - 10 * mm, sanitize(header))
            self.setStrokeColor(colors.HexColor("#999999"))
            self.setLineWidth(0.4)
            self.line(MARGIN, height - 11.5 * mm, width - MARGIN, height - 11.5 * mm)
            self.drawRightString(
                width - MARGIN, 9 * mm, sanitize(page_label(self.getPageNumber(), total))
            )
            self.restoreState()

    return NumberedCanvas


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    header: str,
    page_label: Callable[[int, int], str] = lambda n, total: f"{n} / {total}",
    author: str = "pmi-ready",
    lang: str = "id",
) -> bytes:
    """Lay out ``story`` on A4 pages with ``header`` at the top and ``page_label(n, total)``
    at the bottom of every page; return the PDF. Fonts are embedded (subsets); the document
    language is ``lang`` (a BCP 47 tag); the creation date is now, or ``SOURCE_DATE_EPOCH``
    when that is set (the same input then gives the same bytes)."""
    register_fonts()
    buf = io.BytesIO()
    doc = _Document(
        buf,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=MARGIN,
        title=sanitize(title),
        author=author,
        creator="pmi-ready",
        subject=sanitize(title),
        lang=lang,
        invariant=0,
    )
    from reportlab.platypus.doctemplate import LayoutError

    try:
        doc.build(story, canvasmaker=_numbered_canvas(header, page_label))
    except LayoutError:
        raise PmiReadyError(
            N_("a part of this PDF is too long to fit on one page"),
            hint=N_("Shorten that text, or use the HTML format."),
        ) from None
    return buf.getvalue()
