"""The printable blank checklists: Markdown and HTML against reviewed golden files, PDF by its
extracted text, page count and fonts.

Regenerate the golden files after a deliberate change with
``PMI_READY_UPDATE_GOLDEN=1 python -m pytest tests/test_export_printable.py`` and review the diff.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pmi_ready.checklists import load_catalog
from pmi_ready.export import ExportFormat, render
from pmi_ready.export.blank_md import esc
from pmi_ready.export.selection import Sheet, select

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden" / "export"
MINI = load_catalog([DATA / "mini"], builtin=False)
EXTRA = load_catalog([DATA / "mini", DATA / "export-extra"], builtin=False)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("PMI_READY_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


@pytest.mark.parametrize(
    ("name", "fmt", "options"),
    [
        ("mini.md", ExportFormat.MD, {}),
        ("mini.html", ExportFormat.HTML, {}),
        ("mini-tw-en.md", ExportFormat.MD, {"destination": "TW", "langs": ("en",)}),
    ],
)
def test_golden(name: str, fmt: ExportFormat, options: dict[str, object]) -> None:
    _golden(name, render(select(MINI, **options), fmt).decode("utf-8"))  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_every_format_renders(fmt: ExportFormat) -> None:
    data = render(select(EXTRA), fmt)
    magic = {
        ExportFormat.PDF: b"%PDF-",
        ExportFormat.XLSFORM: b"PK",
        ExportFormat.HTML: b"<!DOCTYPE html>",
        ExportFormat.MD: b"# ",
    }
    assert data.startswith(magic[fmt])


def test_markdown_content() -> None:
    md = render(select(EXTRA), ExportFormat.MD).decode()
    assert "☐ Ya / Yes   ☐ Tidak / No   ☐ Tidak yakin / Not sure" in md
    assert "☐ Tidak berlaku / Does not apply" in md  # allow_na
    assert "*Hanya jika negara tujuan: Taiwan*  \n*Only if destination: Taiwan*" in md
    assert "■■■ **Wajib / Critical**" in md and "■□□ **Saran / Advice**" in md
    assert "⚠ **Tanda bahaya: jawaban yang aman adalah Tidak" in md
    assert "**0000-TEST** — Nomor uji / Test number" in md  # from contacts.yaml
    assert "Tes wajib \\<b\\>EPS-TOPIK\\</b\\> \\& lainnya." in md  # escaped, not markup
    assert "Ditinjau / Reviewed: 20 November 2026 / November 20, 2026" in md
    assert esc("a*b_[c]") == "a\\*b\\_\\[c\\]"


def test_html_is_self_contained_escaped_and_printable() -> None:
    html = render(select(EXTRA), ExportFormat.HTML).decode()
    assert "<b>EPS-TOPIK</b>" not in html and "&lt;b&gt;EPS-TOPIK&lt;/b&gt;" in html
    assert not re.search(
        r"""(src|href)=["']?(https?:)?//""",
        html.replace(
            'href="https://',
            "",  # links to the sources are fine; nothing is loaded from them
        ),
    )
    assert "<script" not in html and "@import" not in html
    assert "size: A4" in html and "counter(pages)" in html and "@top-center" in html
    assert "break-inside: avoid" in html
    assert html.count('<article class="item') == 9
    assert html.count('<span class="box">') == 9 * 3 + 1  # one item allows "does not apply"
    assert 'class="item critical red-flag"' in html
    assert (
        "Hanya jika negara tujuan: Taiwan<br>"
        '<span class="en" lang="en">Only if destination: Taiwan</span>'
    ) in html


def test_one_language_only() -> None:
    md = render(select(EXTRA, langs=("en",)), ExportFormat.MD).decode()
    assert "☐ Yes   ☐ No   ☐ Not sure" in md
    assert "Only if destination: Taiwan" in md
    for indonesian in ("Hanya jika", "Tidak yakin", "Sudah punya paspor", "Wajib", "Catatan"):
        assert indonesian not in md
    html = render(select(EXTRA, langs=("id",)), ExportFormat.HTML).decode()
    assert '<html lang="id">' in html and "Not sure" not in html and "Tidak yakin" in html


def _pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, re.sub(r"\s+", " ", text)


def test_pdf_text_pages_and_fonts() -> None:
    reader, text = _pdf_text(render(select(EXTRA), ExportFormat.PDF))
    assert len(reader.pages) == 3
    for needle in (
        "Daftar periksa kesiapan kerja ke luar negeri",
        "Readiness checklist for working abroad",
        "Sudah punya paspor?",
        "Do you have a passport?",
        "Ya / Yes",
        "Tidak yakin / Not sure",
        "Tidak berlaku / Does not apply",
        "Wajib / Critical",
        "Tanda bahaya: jawaban yang aman adalah Tidak",
        "Hanya jika negara tujuan: Taiwan Only if destination: Taiwan",
        "Mengapa / Why: Paspor wajib.",
        "Catatan / Notes:",
        "Nama pemohon / Applicant's name",
        "Tanda tangan pemohon / Applicant's signature",
        "0000-TEST",
        "Terakhir diperiksa / Last verified: 30 April 2025",
        "UU No. 18 Tahun 2017, Pasal 13",
        "Tes wajib <b>EPS-TOPIK</b> & lainnya.",  # printed as written, not as markup
        "pmi-ready bukan alat resmi pemerintah",
    ):
        assert needle in text, needle
    for n in (1, 2, 3):
        assert f"Halaman {n} dari 3 / Page {n} of 3" in text
    assert text.count("pmi-ready · Daftar periksa kesiapan") == 3  # the header on every page
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if ("/DescendantFonts" in font)
                else font.get("/FontDescriptor")
            )
            assert descriptor is not None, f"{font['/BaseFont']} is not embedded"
            assert "/FontFile2" in descriptor.get_object(), f"{font['/BaseFont']} not embedded"
            fonts.add(str(font["/BaseFont"]))
    assert fonts and all("DejaVu" in f for f in fonts)


def test_pdf_never_splits_an_item() -> None:
    """Each question with its answers and notes line is on one page."""
    many = select(EXTRA)
    reader, _ = _pdf_text(render(many, ExportFormat.PDF))
    for page in reader.pages:
        text = page.extract_text()
        questions = re.findall(r"^(\d+)\.$", text, flags=re.M)
        assert text.count("Catatan / Notes:") == len(questions)


def test_pdf_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")
    sheet = select(MINI, destination="TW")
    assert render(sheet, ExportFormat.PDF) == render(sheet, ExportFormat.PDF)


def _texts(sheet: Sheet) -> list[str]:
    """Every text a blank checklist prints."""
    out: list[str] = []
    for value in vars(sheet.words).values():
        out += list(value)
    out += list(sheet.scope)
    for section in sheet.sections:
        c = section.checklist
        out += [*c.title, *(c.intro or ()), c.version, *section.reviewed]
        for cond in section.conditions:
            out += list(cond)
        for e in section.entries:
            out += [*e.item.ask, *e.item.why, *e.level]
            for t in (*e.conditions, *e.answers):
                out += list(t)
    out += [r.source.title + " " + (r.source.url or "") for r in sheet.sources]
    if sheet.contacts is not None:
        for contact in sheet.contacts.contacts:
            out += [contact.value or "", *contact.label, *(contact.note or ())]
    return out


@pytest.mark.parametrize("catalog", ["fixture", "shipped"])
def test_the_pdf_font_covers_every_character_printed(catalog: str) -> None:
    """Nothing is replaced by the PDF sanitizer: the embedded font has every glyph."""
    from pmi_ready.render import sanitize

    cat = EXTRA if catalog == "fixture" else load_catalog()
    if not cat.checklists:
        pytest.skip("no checklists shipped yet")
    missing = {ch for t in _texts(select(cat)) for ch in t if sanitize(ch) != ch}
    assert missing == set()
