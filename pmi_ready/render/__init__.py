"""Readiness reports in five formats. Renderers never compute: they lay out a `ReportContext`.

`render(fmt, ctx)` returns ``str`` (terminal, md, html, json) or ``bytes`` (pdf). Each format's
module is imported only when it is used (reportlab only for PDF).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

from pmi_ready._lazy import lazy_exports

if TYPE_CHECKING:
    from rich.console import Console

    from pmi_ready.render.context import (
        LANG_MODES as LANG_MODES,
        ExtraSection as ExtraSection,
        LangMode as LangMode,
        ReportContext as ReportContext,
        build_context as build_context,
    )
    from pmi_ready.render.htmlkit import (
        contact_link as contact_link,
        esc as esc,
        page as page,
    )
    from pmi_ready.render.pdfkit import (
        CONTENT_WIDTH as CONTENT_WIDTH,
        FONT as FONT,
        FONT_BOLD as FONT_BOLD,
        FONT_ITALIC as FONT_ITALIC,
        Checkbox as Checkbox,
        build_pdf as build_pdf,
        keep as keep,
        markup as markup,
        sanitize as sanitize,
        styles as styles,
    )
    from pmi_ready.render.stats_html import render_stats_html as render_stats_html
    from pmi_ready.render.stats_pdf import render_stats_pdf as render_stats_pdf


class Format(StrEnum):
    TERMINAL = "terminal"
    MD = "md"
    HTML = "html"
    PDF = "pdf"
    JSON = "json"
    SUMMARY = "summary"

    @property
    def extension(self) -> str:
        return "txt" if self in (Format.TERMINAL, Format.SUMMARY) else self.value

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
    if fmt is Format.SUMMARY:
        from pmi_ready.render import summary

        return summary.render(ctx, width=width)
    if fmt is Format.JSON:
        from pmi_ready.render import json_report as json

        return json.render(ctx)
    assert_never(fmt)


def print_terminal(console: Console, ctx: ReportContext) -> None:
    """The terminal report printed to a rich console, at its width."""
    from pmi_ready.render import terminal

    terminal.print_to(console, ctx)


__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "build_context": "context",
        "build_pdf": "pdfkit",
        "Checkbox": "pdfkit",
        "contact_link": "htmlkit",
        "CONTENT_WIDTH": "pdfkit",
        "esc": "htmlkit",
        "ExtraSection": "context",
        "FONT": "pdfkit",
        "FONT_BOLD": "pdfkit",
        "FONT_ITALIC": "pdfkit",
        "keep": "pdfkit",
        "LANG_MODES": "context",
        "LangMode": "context",
        "markup": "pdfkit",
        "page": "htmlkit",
        "ReportContext": "context",
        "render_stats_html": "stats_html",
        "render_stats_pdf": "stats_pdf",
        "sanitize": "pdfkit",
        "styles": "pdfkit",
    },
)
