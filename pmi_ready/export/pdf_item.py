"""Shapes for the blank-checklist PDF: the level mark, the warning mark, a writing line, and one
question drawn as a single flowable.

A question is one `ItemBox`: laid out once per width (no nested tables, which reportlab measures
again and again), never split across pages, with its boxes and marks drawn as shapes so that no
glyph is needed. Imported lazily, with reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from pmi_ready.core import Level
from pmi_ready.render import FONT, FONT_BOLD, Checkbox, sanitize

INK = colors.HexColor("#111111")
RULE = colors.HexColor("#999999")
_FILLED = {Level.CRITICAL: 3, Level.IMPORTANT: 2, Level.ADVICE: 1}
_BAR = {Level.CRITICAL: 3.2, Level.IMPORTANT: 1.8, Level.ADVICE: 0.6}
_BIG = 10_000.0


class LevelMark(Flowable):  # type: ignore[misc]
    """Three small squares, as many filled as the level is high (■■■ ■■□ ■□□)."""

    def __init__(self, level: Level, size: float = 2.4 * mm) -> None:
        super().__init__()
        self.filled = _FILLED[level]
        self.size = size
        self.width, self.height = 3 * size + 2 * 0.8 * mm, size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, s = self.canv, self.size
        c.saveState()
        c.setLineWidth(0.7)
        c.setStrokeColor(INK)
        c.setFillColor(INK)
        for i in range(3):
            c.rect(i * (s + 0.8 * mm), 0, s, s, stroke=1, fill=1 if i < self.filled else 0)
        c.restoreState()


class WarningMark(Flowable):  # type: ignore[misc]
    """A triangle with an exclamation mark (⚠)."""

    def __init__(self, size: float = 3.4 * mm) -> None:
        super().__init__()
        self.width = self.height = self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c, s = self.canv, self.size
        c.saveState()
        c.setLineWidth(0.9)
        c.setStrokeColor(INK)
        c.setFillColor(INK)
        path = c.beginPath()
        path.moveTo(0, 0)
        path.lineTo(s, 0)
        path.lineTo(s / 2, s * 0.95)
        path.close()
        c.drawPath(path, stroke=1, fill=0)
        c.setLineWidth(1.1)
        c.line(s / 2, s * 0.62, s / 2, s * 0.3)
        c.circle(s / 2, s * 0.15, s * 0.05, stroke=1, fill=1)
        c.restoreState()


class Line(Flowable):  # type: ignore[misc]
    """A horizontal line to write on."""

    def __init__(self, width: float, height: float = 6 * mm, color: Any = RULE) -> None:
        super().__init__()
        self.width, self.height, self.color = width, height, color

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(self.width, avail_width)
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 0.5, self.width, 0.5)
        self.canv.restoreState()


@dataclass
class ItemParts:
    """What one question shows; paragraphs already styled and escaped."""

    level: Level
    number: str
    number_size: float
    number_width: float
    asks: list[Paragraph]
    level_label: str
    level_label_size: float
    warning: Paragraph | None
    conditions: list[Paragraph]
    answers: list[str]
    answer_size: float
    why: Paragraph
    notes: str
    notes_size: float


class ItemBox(Flowable):  # type: ignore[misc]
    """One question in a framed box; the frame's left edge is thicker the higher the level."""

    PAD_X, PAD_TOP, PAD_BOTTOM, BOX = 4 * mm, 2 * mm, 1.5 * mm, 4 * mm

    def __init__(self, parts: ItemParts, space_after: float = 2.5 * mm) -> None:
        super().__init__()
        self.parts = parts
        self.spaceAfter = space_after
        self._laid_out_for: float | None = None
        # what to draw, in reading order: kind, x, y from the top, and the flowable or text
        self._steps: list[tuple[str, float, float, Any]] = []
        self._notes_y = 0.0
        self.width = self.height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._laid_out_for != avail_width:
            self._layout(avail_width)
        return self.width, self.height

    def _place(self, f: Flowable, x: float, y: float, width: float) -> float:
        _, h = f.wrap(width, _BIG)
        self._steps.append(("flowable", x, y, f))
        return float(h)

    def _layout(self, avail_width: float) -> None:
        p = self.parts
        self._steps = []
        x0, inner = self.PAD_X, avail_width - 2 * self.PAD_X
        y = self.PAD_TOP
        # the question, with its number in its own column (on the first line's baseline)
        first = p.asks[0]
        first.wrap(inner - p.number_width, _BIG)
        baseline = y + first.style.leading - (first.style.leading - first.style.fontSize) / 2 - 1
        self._steps.append(("text", x0, baseline, (sanitize(p.number), FONT_BOLD, p.number_size)))
        for ask in p.asks:
            y += self._place(ask, x0 + p.number_width, y, inner - p.number_width)
        y += 0.8 * mm
        # the level: mark and words, then the warning sign
        mark = LevelMark(p.level)
        label_x = x0 + max(p.number_width, mark.width + 2 * mm)
        label = sanitize(p.level_label)
        label_w = stringWidth(label, FONT_BOLD, p.level_label_size) + 4 * mm
        row = max(mark.height, p.level_label_size * 1.25)
        warn = WarningMark()
        if p.warning is not None:
            wx = label_x + label_w
            text_w = inner - (wx - x0) - warn.width - 1.5 * mm
            warn_h = p.warning.wrap(text_w, _BIG)[1]
            row = max(row, warn_h, warn.height)
        self._steps.append(("flowable", x0, y + (row - mark.height) / 2, mark))
        label_base = y + (row + p.level_label_size * 0.7) / 2
        self._steps.append(("text", label_x, label_base, (label, FONT_BOLD, p.level_label_size)))
        if p.warning is not None:
            self._steps.append(("flowable", wx, y + (row - warn.height) / 2, warn))
            warning_x = wx + warn.width + 1.5 * mm
            self._steps.append(("flowable", warning_x, y + (row - warn_h) / 2, p.warning))
        y += row + 0.6 * mm
        for cond in p.conditions:
            y += self._place(cond, x0, y, inner)
        # the answers: a box to tick and the words, wrapping onto a new line when needed
        y += 1.2 * mm
        x = 0.0
        for label in p.answers:
            text = sanitize(label)
            w = self.BOX + 1.5 * mm + stringWidth(text, FONT, p.answer_size) + 7 * mm
            if x and x + w > inner:
                x, y = 0.0, y + self.BOX + 2 * mm
            self._steps.append(("answer", x0 + x, y, text))
            x += w
        y += self.BOX + 2 * mm
        y += self._place(p.why, x0, y, inner)
        self._notes_y = y + 5 * mm
        self.width, self.height = avail_width, self._notes_y + self.PAD_BOTTOM
        self._laid_out_for = avail_width

    def _answer(self, x: float, top: float, text: str) -> None:
        Checkbox(None, size=self.BOX).drawOn(self.canv, x, top - self.BOX)
        self.canv.setFont(FONT, self.parts.answer_size)
        self.canv.setFillColor(INK)
        self.canv.drawString(x + self.BOX + 1.5 * mm, top - self.BOX + 0.9, text)

    def _text(self, text: str, font: str, size: float, x: float, y: float) -> None:
        self.canv.setFont(font, size)
        self.canv.setFillColor(INK)
        self.canv.drawString(x, y, text)

    def draw(self) -> None:
        c, p, h = self.canv, self.parts, self.height
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.rect(0, 0, self.width, h, stroke=1, fill=0)
        c.setStrokeColor(INK)
        c.setLineWidth(_BAR[p.level])
        c.line(0, 0, 0, h)
        for kind, x, y, what in self._steps:  # in reading order, for copying and screen readers
            if kind == "flowable":
                what.drawOn(c, x, h - y - what.height)
            elif kind == "answer":
                self._answer(x, h - y, what)
            else:
                text, font, size = what
                self._text(text, font, size, x, h - y)
        c.setFont(FONT, p.notes_size)
        notes = sanitize(p.notes)
        base = h - self._notes_y + 1
        c.drawString(self.PAD_X, base, notes)
        start = self.PAD_X + stringWidth(notes, FONT, p.notes_size) + 2 * mm
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.line(start, base - 0.5, self.width - self.PAD_X, base - 0.5)
        c.restoreState()
