"""Styled lines laid out for a fixed width: word wrap, side-by-side columns, hanging indents,
boxes and two-column grids, measured in terminal cells.

The terminal report is built from these instead of rich renderables: the layout is the same, but
it costs a few milliseconds instead of rich's ~50 for a long bilingual report, and a report written
to a file needs no rich console at all. A `Span` is ``(text, style)`` where the style is a rich
style string ("" for none); a `Line` is a list of spans. Text is cleaned of control characters
here, so nothing from YAML or a user can move the cursor or recolour the terminal.

The wrapping follows rich's `Text.wrap` (greedy, words keep their trailing spaces, a word longer
than the line is folded), so reports read the same as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from rich.cells import cell_len as _rich_cell_len, chop_cells

from pmi_ready.core import for_terminal

Span = tuple[str, str]
Line = list[Span]

MIN_COLUMN = 8  # narrowest column anything is wrapped to
_WORD = re.compile(r"(\s*\S+)(\s*)")  # a word: its visible part, then its spaces
_STYLE_SPACES = re.compile(r"\s+")


def cell_len(text: str) -> int:
    """Width of ``text`` in terminal cells (wide CJK characters count two)."""
    return len(text) if text.isascii() else _rich_cell_len(text)


def clean(text: str) -> str:
    """``text`` safe to print: `pmi_ready.core.for_terminal` (tabs as spaces, escape sequences
    and control characters as U+FFFD, bidi overrides removed)."""
    return for_terminal(text)


def style_join(*styles: str) -> str:
    """Several rich style strings as one ("bold" + "dim" = "bold dim")."""
    return _STYLE_SPACES.sub(" ", " ".join(styles)).strip()


def plain(line: Line) -> str:
    return "".join(text for text, _ in line)


def width_of(line: Line) -> int:
    return cell_len(plain(line))


def rstrip(line: Line) -> Line:
    """``line`` without trailing whitespace (spans that become empty are dropped)."""
    out = list(line)
    while out:
        text, style = out[-1]
        stripped = text.rstrip()
        if stripped:
            out[-1] = (stripped, style)
            break
        out.pop()
    return out


def _breaks(text: str, width: int) -> list[int]:
    """Where to break ``text`` (character offsets) so each piece fits ``width`` cells.

    Greedy: a word (with the spaces after it) goes on the current line if its visible part fits,
    else on the next; a word wider than a whole line is folded across lines."""
    measure = len if text.isascii() else cell_len
    breaks: list[int] = []
    offset = 0  # cells used on the current line
    for match in _WORD.finditer(text):
        start = match.start()
        visible = measure(match.group(1))
        if width - offset >= visible:
            offset += visible + measure(match.group(2))
        elif visible > width:
            pieces = chop_cells(match.group(1), width)
            for i, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if i == len(pieces) - 1:
                    offset = measure(piece) + measure(match.group(2))
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = visible + measure(match.group(2))
    return breaks


def _cut(spans: Sequence[Span], bounds: Sequence[int]) -> list[Line]:
    """Split ``spans`` at the character offsets ``bounds`` (increasing) into lines."""
    edges = [0, *bounds, sum(len(text) for text, _ in spans)]
    lines: list[Line] = []
    i, pos = 0, 0  # the current span and where it starts
    for a, b in pairwise(edges):
        line: Line = []
        while i < len(spans):
            text, style = spans[i]
            end = pos + len(text)
            lo, hi = max(pos, a), min(end, b)
            if lo < hi:
                line.append((text[lo - pos : hi - pos], style))
            if end > b:
                break
            i, pos = i + 1, end
        lines.append(line)
    return lines


def wrap(spans: Sequence[Span], width: int) -> list[Line]:
    """Word-wrap styled text to ``width`` cells; a newline in the text starts a new line.

    Every line comes back without trailing whitespace; an empty text is one empty line."""
    width = max(1, width)
    out: list[Line] = []
    for part in _split_newlines([(clean(t), s) for t, s in spans if t]):
        text = plain(part)
        if cell_len(text) <= width:
            out.append(rstrip(part))
            continue
        for line in _cut(part, _breaks(text, width)):
            line = rstrip(line)
            if width_of(line) > width:  # only a wide character at a fold can do this
                line = _crop(line, width)
            out.append(line)
    return out


def _split_newlines(spans: Sequence[Span]) -> list[Line]:
    parts: list[Line] = [[]]
    for text, style in spans:
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                parts.append([])
            if piece:
                parts[-1].append((piece, style))
    return parts


def _crop(line: Line, width: int) -> Line:
    out: Line = []
    used = 0
    for text, style in line:
        keep = ""
        for ch in text:
            w = cell_len(ch)
            if used + w > width:
                break
            keep += ch
            used += w
        if keep:
            out.append((keep, style))
        if used >= width or len(keep) < len(text):
            break
    return out


def indent(lines: Iterable[Line], n: int) -> list[Line]:
    """``lines`` moved right by ``n`` cells (empty lines stay empty)."""
    pad = " " * n
    return [[(pad, ""), *line] if line and n else line for line in lines]


def side_by_side(
    left: Sequence[Span], right: Sequence[Span], width: int, gap: int = 2
) -> list[Line]:
    """Two texts in two equal columns."""
    col = max(MIN_COLUMN, (width - gap) // 2)
    a, b = wrap(left, col), wrap(right, col)
    out: list[Line] = []
    for i in range(max(len(a), len(b))):
        line: Line = list(a[i]) if i < len(a) else []
        if i < len(b) and b[i]:
            line.append((" " * max(0, col - width_of(line) + gap), ""))
            line.extend(b[i])
        out.append(line)
    return out


def hanging(prefix: Sequence[Span], body: Sequence[Span], width: int) -> list[Line]:
    """``prefix`` then ``body``; wrapped lines start under the body, not under the prefix."""
    lead = width_of(list(prefix))
    lines = wrap(body, max(MIN_COLUMN, width - lead - 1))
    out: list[Line] = []
    for i, part in enumerate(lines):
        head: Line = list(prefix) if i == 0 else [(" " * lead, "")]
        out.append(rstrip([*head, (" ", ""), *part]))
    return out


def centred(text: str, style: str, width: int) -> list[Line]:
    """``text`` wrapped and centred, each line filled to ``width`` with its style (so a
    background colour makes a full-width band)."""
    out: list[Line] = []
    for line in wrap([(text, style)], width):
        t = plain(line)
        left = max(0, (width - cell_len(t)) // 2)
        right = max(0, width - left - cell_len(t))
        out.append([(" " * left + t + " " * right, style)])
    return out


def box(
    body: Sequence[Line],
    width: int,
    *,
    title: Sequence[Span] = (),
    title_align: str = "center",
    border: str = "",
) -> list[Line]:
    """A rounded box the full ``width``, around ``body`` laid out for `inner_width` cells."""
    inner = inner_width(width)
    top: Line = [("╭─", border)]
    rule = inner
    if title:
        label = _crop([(" ", ""), *title, (" ", "")], rule)
        spare = rule - width_of(label)
        left = 0 if title_align == "left" else spare // 2
        top += [("─" * left, border), *label, ("─" * (spare - left), border)]
    else:
        top.append(("─" * rule, border))
    top.append(("─╮", border))
    out = [top]
    for line in body:
        fill = max(0, inner - width_of(line))
        out.append([("│ ", border), *line, (" " * fill, ""), (" │", border)])
    out.append([("╰" + "─" * (inner + 2) + "╯", border)])
    return out


def inner_width(width: int) -> int:
    """The width a `box` of ``width`` gives its body."""
    return max(1, width - 4)


def grid(rows: Sequence[tuple[Sequence[Span], Sequence[Span]]], width: int) -> list[Line]:
    """Label and value pairs in two columns: the labels as wide as the widest, the values
    wrapped in the rest. When that leaves the values too little room (a narrow terminal, or a
    word such as an assessment id that would have to be split), each label is on its own line
    and its value under it, indented."""
    label_w = max((width_of(list(label)) for label, _ in rows), default=0)
    value_w = width - label_w - 1
    longest = max((cell_len(w) for _, value in rows for w in plain(list(value)).split()), default=0)
    out: list[Line] = []
    # room for a 36-character assessment id unsplit; a longer word folds either way
    if value_w < max(20, width // 3, min(longest, 40)):
        for label, value in rows:
            out.extend(wrap(label, width))
            out.extend(indent(wrap(value, width - 2), 2))
        return out
    for label, value in rows:
        lines = wrap(value, value_w)
        head = list(label)
        for i, line in enumerate(lines):
            cell = head if i == 0 else []
            pad = (" " * (label_w - width_of(cell) + 1), "")
            out.append(rstrip([*cell, pad, *line]))
    return out
