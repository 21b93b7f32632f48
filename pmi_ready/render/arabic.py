"""Arabic letters for a PDF library that neither shapes nor reorders text.

reportlab draws each character's isolated glyph from left to right, so "عائشة" would print as
separate letters in the wrong order. `visual(text)` replaces each Arabic letter by its contextual
presentation form (isolated, initial, medial, final; lam-alef as one ligature) and reverses each
run of Arabic words, so that drawn left to right the name reads as it is written. The forms come
from the Unicode database (`unicodedata`), not from a hand-made table. Numbers and Latin text
outside the Arabic runs keep their order. Pure: no reportlab.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_FORMS = ("isolated", "final", "initial", "medial")
_TATWEEL = "\u0640"


@cache
def _tables() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """(letter -> {form: glyph}, lam+alef -> {form: ligature}) from Presentation Forms-B."""
    single: dict[str, dict[str, str]] = {}
    pairs: dict[str, dict[str, str]] = {}
    for code in range(0xFE70, 0xFEFD):
        glyph = chr(code)
        decomposition = unicodedata.decomposition(glyph).split()
        if len(decomposition) < 2 or decomposition[0].strip("<>") not in _FORMS:
            continue
        form = decomposition[0].strip("<>")
        base = "".join(chr(int(x, 16)) for x in decomposition[1:])
        (single if len(base) == 1 else pairs).setdefault(base, {})[form] = glyph
    return single, pairs


def is_arabic(ch: str) -> bool:
    """An Arabic letter or mark (Arabic digits read left to right, like ours)."""
    in_block = "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"
    return in_block and unicodedata.category(ch) != "Nd"


def _joins_next(ch: str) -> bool:
    """Whether ``ch`` connects to the letter after it (dual-joining letters and tatweel)."""
    forms = _tables()[0].get(ch, {})
    return ch == _TATWEEL or "initial" in forms


def _joins_previous(ch: str) -> bool:
    forms = _tables()[0].get(ch, {})
    return ch == _TATWEEL or "final" in forms


def shape(word: str) -> str:
    """The presentation forms of an Arabic text, still in logical (reading) order."""
    single, pairs = _tables()
    letters = list(word)
    out: list[str] = []
    i = 0
    while i < len(letters):
        ch = letters[i]
        if ch not in single:
            out.append(ch)
            i += 1
            continue
        prev = _neighbour(letters, i, -1)
        before = prev is not None and _joins_next(prev)
        pair = ch + letters[i + 1] if i + 1 < len(letters) else ""
        if pair in pairs:  # lam-alef: one ligature, isolated or final
            out.append(pairs[pair]["final" if before else "isolated"])
            i += 2
            continue
        nxt = _neighbour(letters, i, 1)
        after = nxt is not None and _joins_previous(nxt) and _joins_next(ch)
        forms = single[ch]
        form = {
            (False, False): "isolated",
            (True, False): "final",
            (False, True): "initial",
            (True, True): "medial",
        }[(before and "final" in forms, after)]
        out.append(forms.get(form, forms.get("isolated", ch)))
        i += 1
    return "".join(out)


def _neighbour(letters: list[str], i: int, step: int) -> str | None:
    """The nearest letter before or after ``i``, skipping vowel marks."""
    j = i + step
    while 0 <= j < len(letters) and unicodedata.category(letters[j]) == "Mn":
        j += step
    if 0 <= j < len(letters) and (letters[j] in _tables()[0] or letters[j] == _TATWEEL):
        return letters[j]
    return None


def visual(text: str) -> str:
    """``text`` with each run of Arabic words shaped and reversed (left-to-right drawing)."""
    if not any(is_arabic(c) for c in text):
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        if not is_arabic(text[i]):
            out.append(text[i])
            i += 1
            continue
        j = i
        # a run: Arabic letters and marks, and the spaces between Arabic words
        while j < len(text) and (
            is_arabic(text[j])
            or unicodedata.category(text[j]) == "Mn"
            or (text[j] == " " and j + 1 < len(text) and is_arabic(text[j + 1]))
        ):
            j += 1
        out.append(_reverse(shape(text[i:j])))
        i = j
    return "".join(out)


def _reverse(text: str) -> str:
    """Reverse the characters, keeping each vowel mark after the letter it belongs to."""
    clusters: list[str] = []
    for ch in text:
        if clusters and unicodedata.category(ch) == "Mn":
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return "".join(reversed(clusters))
