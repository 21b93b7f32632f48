"""Every PDF carries every name (Latin diacritics, Arabic, Chinese, Korean) and says what it is:
language, title, bookmarks, a real creation date."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from pmi_ready.render import Format, render
from pmi_ready.render.arabic import shape, visual
from tests.report_cases import READY_ANSWERS, READY_PROFILE, context

NAME = "Ṣāliḥ 李小明 عائشة 김민지"
pypdf = pytest.importorskip("pypdf")


def _named_pdf(lang: str = "both") -> bytes:
    profile = {**READY_PROFILE, "name": NAME, "officer": "Budi Łódź"}
    ctx = context(profile, READY_ANSWERS, aid="5e1f0c2a-0000-4000-8000-000000000001", lang=lang)  # type: ignore[arg-type]
    data = render(Format.PDF, ctx)
    assert isinstance(data, bytes)
    return data


def _logical(text: str) -> str:
    """Extracted text with presentation forms folded back to letters."""
    return unicodedata.normalize("NFKC", text)


def test_a_report_pdf_carries_every_script_of_a_name() -> None:
    data = _named_pdf()
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = _logical(reader.pages[0].extract_text())  # the summary page: the name
    for part in ("Ṣāliḥ", "李小明", "김민지"):
        assert part in text
    assert "Łódź" in _logical(reader.pages[1].extract_text())  # the report's header: the officer
    assert "?" not in text.split("Ṣāliḥ")[1].split("\n")[0]
    page_fonts = reader.pages[0]["/Resources"]["/Font"].values()
    fonts = {str(f.get_object()["/BaseFont"]) for f in page_fonts}
    assert any("DejaVuSans" in f for f in fonts)
    assert any("DroidSansFallback" in f for f in fonts)  # the Chinese, embedded


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext not installed")
def test_pdftotext_finds_the_name(tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(_named_pdf("en"))
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    text = _logical(out.stdout)
    assert "Ṣāliḥ" in text and "李小明" in text and "김민지" in text
    assert "عائشة" in text.replace("\u202b", "").replace("\u202c", "")


def test_pdf_metadata_language_title_bookmarks_and_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(seconds=2)
    reader = pypdf.PdfReader(io.BytesIO(_named_pdf("en")))
    meta = reader.metadata
    assert meta is not None and meta.title and "Readiness report" in meta.title
    created = meta.creation_date
    assert created is not None and created.astimezone(dt.UTC) >= before
    assert str(reader.trailer["/Root"]["/Lang"]) == "en"
    titles = [o.title for o in _flatten(reader.outline)]
    assert "Readiness summary" in titles[0]  # the summary page comes first
    assert any("Readiness report" in t for t in titles[1:])
    assert len(titles) >= 4  # the report and its sections
    assert str(reader.trailer["/Root"]["/PageMode"]) == "/UseOutlines"


def _flatten(outline: list[object]) -> list[object]:
    out: list[object] = []
    for entry in outline:
        out += _flatten(entry) if isinstance(entry, list) else [entry]
    return out


def test_indonesian_report_is_tagged_indonesian() -> None:
    reader = pypdf.PdfReader(io.BytesIO(_named_pdf("id")))
    assert str(reader.trailer["/Root"]["/Lang"]) == "id"


def test_source_date_epoch_makes_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")
    first = _named_pdf()
    assert first == _named_pdf()
    assert b"20251202" in first


def test_markup_sets_chinese_and_korean_in_fonts_that_have_them() -> None:
    from pmi_ready.render import pdfkit

    out = pdfkit.markup("A 李 <b> 김")
    assert '<font face="PmiCJK">李 </font>' in out
    assert '<font face="HYGothic-Medium">김</font>' in out
    assert "&lt;b&gt;" in out
    assert pdfkit.sanitize("李") == "?"  # one-font canvas text cannot switch fonts


def test_arabic_is_shaped_and_drawn_right_to_left() -> None:
    word = "عائشة"
    drawn = visual(word)
    assert drawn != word
    assert unicodedata.normalize("NFKC", drawn)[::-1] == word
    # ain initial, alef final, hamza-on-yeh initial, sheen medial, teh marbuta final
    assert [unicodedata.name(c).split()[-2] for c in shape(word)] == [
        "INITIAL",
        "FINAL",
        "INITIAL",
        "MEDIAL",
        "FINAL",
    ]
    assert unicodedata.name(shape("لا")) == "ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM"
    assert visual("Siti 12") == "Siti 12"
    assert visual("Ali عائشة 12").startswith("Ali ") and visual("Ali عائشة 12").endswith(" 12")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأؤإئةى")))
def test_shaping_keeps_every_letter(text: str) -> None:
    """Folding the presentation forms back gives the letters back, in reverse drawing order."""
    drawn = visual(text)
    back = unicodedata.normalize("NFKC", drawn)
    assert sorted(back.replace(" ", "")) == sorted(
        unicodedata.normalize("NFKC", text).replace(" ", "")
    )
