"""Blank checklists for trainers (Markdown, HTML, PDF) and the checklists as an XLSForm.

    sheet = select(catalog, destination="TW", langs=("id", "en"))
    data = render(sheet, ExportFormat.PDF)     # bytes, ready to write to a file

`select` decides what is printed; each renderer only lays the `Sheet` out. The renderer modules
import their heavy libraries (reportlab, openpyxl) themselves, so importing this package is cheap.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

from pmi_ready._lazy import lazy_exports

if TYPE_CHECKING:
    from pmi_ready.export.selection import (
        Sheet,
        select as select,
    )
    from pmi_ready.export.xlsform_form import Form, FormField as FormField


class ExportFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"
    MD = "md"
    XLSFORM = "xlsform"

    @property
    def suffix(self) -> str:
        return {"pdf": ".pdf", "html": ".html", "md": ".md", "xlsform": ".xlsx"}[self.value]


def render(sheet: Sheet, fmt: ExportFormat) -> bytes:
    """The export in one format, as the bytes of the file."""
    if fmt is ExportFormat.PDF:
        from pmi_ready.export import blank_pdf

        return blank_pdf.render(sheet)
    if fmt is ExportFormat.HTML:
        from pmi_ready.export import blank_html

        return blank_html.render(sheet).encode("utf-8")
    if fmt is ExportFormat.MD:
        from pmi_ready.export import blank_md

        return blank_md.render(sheet).encode("utf-8")
    if fmt is ExportFormat.XLSFORM:
        from pmi_ready.export import xlsform

        return xlsform.render(sheet)
    assert_never(fmt)


def xlsform_fields(sheet: Sheet) -> Form:
    """The XLSForm's fields for this selection, as `render` writes them."""
    from pmi_ready.export import xlsform

    return xlsform.build(sheet)


def xlsform_version(sheet: Sheet) -> str:
    """The form version an XLSForm of this selection carries."""
    from pmi_ready.export import xlsform

    return xlsform.version(sheet)


__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "FormField": "xlsform_form",
        "select": "selection",
    },
)
