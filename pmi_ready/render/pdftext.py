"""Fonts and text for pmi-ready's PDFs: the shipped fonts registered, and every text made
drawable.

Import this module lazily (it imports reportlab at module level).

- `register_fonts()` — registers `FONT`, `FONT_BOLD`, `FONT_ITALIC`, `FONT_BOLD_ITALIC`: DejaVu
  Sans (Latin with every diacritic, Greek, Cyrillic, Arabic, Hebrew…), shipped in
  ``pmi_ready/fonts`` with its licence and embedded (subset) in every PDF.
- `sanitize(text)` — replaces every character DejaVu cannot draw (emoji, ``₩``, ``✓`` …) with a
  readable stand-in, so nothing prints as a black box or an empty square. For text drawn in one
  font on the canvas (headers, labels).
- `markup(text)` — for Paragraphs: escaped for reportlab's mini-markup (``<`` ``&``), and Chinese
  or Japanese characters set in Droid Sans Fallback (also shipped, loaded only when such a
  character appears), Korean in the viewer's Korean font (not embedded), the rest as `sanitize`.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from pmi_ready.render.arabic import visual

FONT = "PmiSans"
FONT_BOLD = "PmiSans-Bold"
FONT_ITALIC = "PmiSans-Italic"
FONT_BOLD_ITALIC = "PmiSans-BoldItalic"
FONT_CJK = "PmiCJK"  # Droid Sans Fallback: Chinese and Japanese
FONT_KOREAN = "HYGothic-Medium"  # one of the viewer's standard Asian fonts (not embedded)
FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-Bold.ttf",  # bold italic is never used for long text
}
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF))

# Stand-ins for characters DejaVu lacks; anything else missing becomes "?".
_REPLACEMENTS = {
    "₩": "KRW ",
    "₱": "PHP ",
    "₫": "VND ",
    "₹": "INR ",
    "₺": "TRY ",
    "元": "CNY ",
    "円": "JPY ",
    "✓": "v",
    "✔": "v",
    "✗": "x",
    "✘": "x",
    "☐": "[ ]",
    "☑": "[v]",
    "☒": "[x]",
    "→": "->",
    "←": "<-",
    "⇒": "=>",
    "\u202f": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u200b": "",
    "\u200d": "",
    "\ufe0f": "",
    "\ufeff": "",
}


def _family(regular: str, bold: str, italic: str, bold_italic: str) -> None:
    from reportlab.lib.fonts import addMapping

    addMapping(regular, 0, 0, regular)
    addMapping(regular, 1, 0, bold)
    addMapping(regular, 0, 1, italic)
    addMapping(regular, 1, 1, bold_italic)


@cache
def register_fonts() -> None:
    """Register the DejaVu Sans fonts shipped in ``pmi_ready/fonts`` (idempotent)."""
    for name, filename in _FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / filename)))
    _family(FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC)


@cache
def _covered() -> frozenset[int]:
    register_fonts()
    font: Any = pdfmetrics.getFont(FONT)
    # reportlab writes a broken ToUnicode entry for characters beyond U+FFFF (emoji): the PDF's
    # text could not be copied or searched, so those are replaced
    return frozenset(c for c in font.face.charToGlyph if c <= 0xFFFF)


@cache
def _cjk_covered() -> frozenset[int]:
    """The characters of Droid Sans Fallback, registered on first use (it takes 0.2 s)."""
    if FONT_CJK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_CJK, str(FONTS_DIR / "DroidSansFallbackFull.ttf")))
        _family(FONT_CJK, FONT_CJK, FONT_CJK, FONT_CJK)
    font: Any = pdfmetrics.getFont(FONT_CJK)
    return frozenset(font.face.charToGlyph)


@cache
def _korean() -> str:
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT_KOREAN not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT_KOREAN))
        _family(FONT_KOREAN, FONT_KOREAN, FONT_KOREAN, FONT_KOREAN)
    return FONT_KOREAN


def _fallback(ch: str) -> str | None:
    """The font for a character DejaVu lacks, if one of the others has it."""
    code = ord(ch)
    if code < 0x1100 or unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me", "Zs"):
        return None
    if any(lo <= code <= hi for lo, hi in _HANGUL):
        return _korean()
    if code in _cjk_covered():
        return FONT_CJK
    return None


def _one(ch: str, covered: frozenset[int], out: list[str]) -> None:
    if ch in "\n\t":
        out.append(" " if ch == "\t" else ch)
    elif ch in _REPLACEMENTS and unicodedata.category(ch) in ("Zs", "Cf", "Mn"):
        out.append(_REPLACEMENTS[ch])  # thin and zero-width spaces: a line may break there
    elif ord(ch) in covered:
        out.append(ch)
    elif ch in _REPLACEMENTS:
        out.append(_REPLACEMENTS[ch])
    elif unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me", "Sk"):
        return
    elif unicodedata.category(ch) == "Zs":
        out.append(" ")
    else:
        # a letter with an accent DejaVu lacks: keep the letter, drop the accent
        parts = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in parts if not unicodedata.combining(c))
        if base and all(ord(c) in covered for c in base):
            out.append(base)
        else:
            out.append("?")


def sanitize(text: str) -> str:
    """Text DejaVu can draw: NFC, control characters dropped, missing characters replaced."""
    covered = _covered()
    out: list[str] = []
    for ch in visual(unicodedata.normalize("NFC", text)):
        _one(ch, covered, out)
    return "".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str) -> str:
    """Plain text made safe for Paragraph markup: ``& < >`` escaped, newlines kept, characters
    DejaVu lacks set in a font that has them (or replaced as by `sanitize`)."""
    covered = _covered()
    out: list[str] = []
    font: str | None = None  # the fallback font of the run being written
    run: list[str] = []

    def flush() -> None:
        if run:
            body = _escape("".join(run))
            out.append(f'<font face="{font}">{body}</font>' if font else body)
            run.clear()

    for ch in visual(unicodedata.normalize("NFC", text)):
        want = None if ord(ch) in covered or ch in _REPLACEMENTS else _fallback(ch)
        if want != font and not (ch == " " and font):
            flush()
            font = want
        if want:
            run.append(ch)
        else:
            _one(ch, covered, run)
    flush()
    return "".join(out).replace("\n", "<br/>")
