"""Readiness reports in five formats. Renderers never compute: they lay out a `ReportContext`.

`render(fmt, ctx)` returns ``str`` (terminal, md, html, json) or ``bytes`` (pdf). Each format's
module is imported only when it is used (reportlab only for PDF).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

if TYPE_CHECKING:
    from pmi_ready.render.context import ReportContext


class Format(StrEnum):
    TERMINAL = "terminal"
    MD = "md"
    HTML = "html"
    PDF = "pdf"
    JSON = "json"

    @property
    def extension(self) -> str:
        return "txt" if self is Format.TERMINAL else self.value

    @property
    def binary(self) -> bool:
        return self is Format.PDF


def render(fmt: Format, ctx: ReportContext, *, width: int = 100) -> str | bytes:
    """The report in one format. ``width`` is the terminal width for the terminal format."""
    if fmt is Format.TERMINAL:
        from pmi_ready.render import terminal

        return terminal.render(ctx, width=width)
    if fmt is Format.MD:
        from pmi_ready.render import markdown

        return markdown.render(ctx)
    if fmt is Format.HTML:
        from pmi_ready.render import html

        return html.render(ctx)
    if fmt is Format.PDF:
        from pmi_ready.render import pdf

        return pdf.render(ctx)
    if fmt is Format.JSON:
        from pmi_ready.render import json

        return json.render(ctx)
    assert_never(fmt)
