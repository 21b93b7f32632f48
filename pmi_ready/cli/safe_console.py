"""The sanitiser at the edge of the CLI: a rich render hook that passes the text of everything a
console prints through `pmi_ready.core.for_terminal`, whoever built the renderable; and
`for_stdout`, the same for data written straight to a terminal."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TextIO, cast

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook
from rich.measure import Measurement
from rich.segment import Segment

from pmi_ready.core import for_terminal


class _Cleaned:
    """A renderable drawn as ``inner`` is, with the text of each of its segments made safe (the
    segments rich itself adds to move the cursor, ``control`` ones, are left as they are)."""

    def __init__(self, inner: ConsoleRenderable) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for segment in console.render(self.inner, options):
            if segment.control or not segment.text:
                yield segment
                continue
            safe = for_terminal(segment.text)
            yield segment if safe is segment.text else Segment(safe, segment.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.inner)


class SafeText(RenderHook):
    """Installed on every console the CLI makes (`pmi_ready.cli.app.console`)."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Cleaned(r) for r in renderables]


class _TerminalStream(io.TextIOBase):
    """Writes to ``inner`` what `pmi_ready.core.for_terminal` makes of each piece (a CSV row's
    ``\\r\\n`` as a plain line break)."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.inner.write(for_terminal(text.replace("\r\n", "\n")))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()


def for_stdout(stream: TextIO) -> TextIO:
    """Where data meant for a file or a pipe (CSV, JSON lines) goes when it is written to
    standard output: ``stream`` itself when that is a file or a pipe, so the data is exact; a
    cleaning stream when it is a terminal, so a name or a note cannot control it."""
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    return cast("TextIO", _TerminalStream(stream)) if terminal else stream
