"""The PDFs as pages: the summary page is one page and never mostly empty, no heading is left
alone at the foot of a page, and every PDF (report, printable checklist) carries a name in
every script as text a phone or `pdftotext` can find."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from pmi_ready.checklists import load_catalog
from pmi_ready.export import ExportFormat, render as render_sheet
from pmi_ready.export.selection import select
from pmi_ready.render import Format, render
from pmi_ready.render.pdfkit import FRAME_HEIGHT, build_pdf, height, keep, para, styles
from tests.report_cases import MINI, NAME, builtin_catalog, builtin_context

FOOTER = 20 * mm  # the page numbers live below this line
HEADING_SIZE = 10.5  # h3 and up; body text, even bold, is smaller


def _report(kind: str) -> bytes:
    data = render(Format.PDF, builtin_context(kind))
    assert isinstance(data, bytes)
    return data


def _checklist(tmp_path: Path) -> bytes:
    """A printable checklist of a folder whose checklist title holds the name."""
    folder = tmp_path / "named"
    shutil.copytree(MINI, folder)
    docs = folder / "docs.yaml"
    docs.write_text(
        docs.read_text(encoding="utf-8").replace(
            "title: {id: Dokumen, en: Documents}", f'title: {{id: "Dokumen {NAME}", en: Documents}}'
        ),
        encoding="utf-8",
    )
    return render_sheet(select(load_catalog([folder], builtin=False)), ExportFormat.PDF)


def _lines(page: Any) -> list[tuple[float, float, str, str]]:
    """(height above the page's foot, font size, font name, text) of every text run."""
    out: list[tuple[float, float, str, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(tm[3] * cm[3]) or 1.0
            name = str(font.get("/BaseFont", "")) if font else ""
            out.append((y, size * scale, name, text.strip()))

    page.extract_text(visitor_text=visit)
    return out


def _lowest(page: Any) -> tuple[float, float, str, str]:
    body = [line for line in _lines(page) if FOOTER < line[0] < A4[1] - 15 * mm]
    return min(body, key=lambda line: line[0])


def _headings_at_foot(data: bytes) -> Iterator[str]:
    pages = PdfReader(io.BytesIO(data)).pages
    for n, page in enumerate(pages[:-1], 1):  # the last page may end where it likes
        _, size, font, text = _lowest(page)
        if "Bold" in font and size >= HEADING_SIZE:
            yield f"page {n}: {text}"


def _text(data: bytes, page: int) -> str:
    return unicodedata.normalize("NFKC", PdfReader(io.BytesIO(data)).pages[page].extract_text())


@pytest.mark.parametrize("kind", ["ready", "typical", "flags"])
def test_the_summary_is_page_one_and_page_one_is_full_enough(kind: str) -> None:
    data = _report(kind)
    first, second = _text(data, 0), _text(data, 1)
    assert "Readiness summary" in first and "The whole report" in first  # all of it on page 1
    assert "Laporan kesiapan / Readiness report" in second.split("Nama / Name")[0]  # page 2
    lowest = _lowest(PdfReader(io.BytesIO(data)).pages[0])[0]
    assert lowest < A4[1] * 2 / 3, "page one is two-thirds empty"


def test_a_ready_summary_fills_its_page_with_progress_and_contacts() -> None:
    first = _text(_report("ready"), 0)
    assert "Progress by section" in first
    assert "0800-1000" in first and "Last verified" in first


def test_many_warning_signs_still_fit_the_summary_page() -> None:
    first = _text(_report("flags"), 0)
    assert "more warning signs" in first
    assert "Do these first" in first


@pytest.mark.parametrize("kind", ["ready", "typical", "flags"])
def test_no_heading_alone_at_the_foot_of_a_report_page(kind: str) -> None:
    assert list(_headings_at_foot(_report(kind))) == []


def test_no_heading_alone_at_the_foot_of_a_printable_checklist_page() -> None:
    sheet = select(builtin_catalog(), destination="TW", job="cook")
    assert list(_headings_at_foot(render_sheet(sheet, ExportFormat.PDF))) == []


def test_a_heading_that_would_end_a_page_moves_to_the_next() -> None:
    """Filler up to just above the foot, then a heading and its text: both on page 2."""
    filler = Paragraph("filler", styles()["body"])
    heading = para("Kontak resmi / Official contacts", "h2")
    room = FRAME_HEIGHT - height([filler, heading]) - 2  # the heading fits, its text does not
    story = [Spacer(1, room), filler, heading, keep(para("0800-1000"), para("Layanan pengaduan"))]
    data = build_pdf(story, title="t", header="h")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    assert "Official contacts" in reader.pages[1].extract_text()
    assert list(_headings_at_foot(data)) == []


def test_the_detector_sees_a_heading_at_the_foot() -> None:
    """The check above can fail: a page ending on a heading (no keep-with-next) is found."""
    loose = styles()["h2"].clone("h2-loose", keepWithNext=0)
    room = FRAME_HEIGHT - height([Paragraph("x", loose)]) - 2
    story = [Spacer(1, room), Paragraph("Sumber / Sources", loose), keep(para("text"))]
    assert list(_headings_at_foot(build_pdf(story, title="t", header="h"))) == [
        "page 1: Sumber / Sources"
    ]


def test_pdf_report_stays_small_enough_to_share() -> None:
    """Every script in the name, every warning sign raised: still under 200 KB (font subsets)."""
    for kind in ("ready", "flags"):
        assert len(_report(kind)) < 200_000


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext not installed")
@pytest.mark.parametrize("what", ["report", "checklist"])
def test_pdftotext_finds_the_name_in_every_pdf(what: str, tmp_path: Path) -> None:
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(_report("typical") if what == "report" else _checklist(tmp_path))
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    text = unicodedata.normalize("NFKC", out.stdout).replace("\u202b", "").replace("\u202c", "")
    assert NAME in text
    if what == "report":  # on the summary page, the page to share, too
        first = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True
        )
        assert NAME in unicodedata.normalize("NFKC", first.stdout).replace("\u202b", "")


@pytest.mark.parametrize("what", ["report", "checklist"])
def test_every_pdf_embeds_the_shipped_fonts(what: str, tmp_path: Path) -> None:
    data = _report("typical") if what == "report" else _checklist(tmp_path)
    fonts: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for f in page["/Resources"]["/Font"].values():
            fonts.add(str(f.get_object()["/BaseFont"]))
    assert any("DejaVuSans" in f for f in fonts)
    assert any("DroidSansFallback" in f for f in fonts)
    assert all("+" in f for f in fonts if "DejaVu" in f or "Droid" in f)  # subsets
