"""The sanitiser at the edge of the CLI: a rich render hook that passes the text of everything a
console prints through `pmi_ready.core.for_terminal`, whoever built the renderable."""

from __future__ import annotations

from collections.abc import Iterator

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
