"""Every format renders; language modes; side by side or stacked; PDF text; hostile text."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest

from pmi_ready.core import Text
from pmi_ready.render import Format, ReportContext, render
from tests.report_cases import (
    FLAGS_ANSWERS,
    FLAGS_PROFILE,
    catalog,
    context,
    flags_context,
    ready_context,
)

HOSTILE = "[bold red]X[/] <script>alert(1)</script> **md** _u_ | # `c` &amp; 😀"


def pdf_text(data: bytes) -> tuple[str, int]:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_renders_both_cases(fmt: Format) -> None:
    for ctx in (ready_context(), flags_context()):
        out = render(fmt, ctx)
        assert isinstance(out, bytes) is fmt.binary
        assert len(out) > 500


@pytest.mark.parametrize("fmt", [Format.TERMINAL, Format.MD, Format.HTML])
def test_single_language_modes_show_one_language(fmt: Format) -> None:
    id_only = render(fmt, flags_context("id"))
    en_only = render(fmt, flags_context("en"))
    both = render(fmt, flags_context("both"))
    assert isinstance(id_only, str) and isinstance(en_only, str) and isinstance(both, str)
    assert "berhenti dulu" in id_only.lower() and "stop for now" not in id_only.lower()
    assert "stop for now" in en_only.lower() and "berhenti dulu" not in en_only.lower()
    assert "Is someone else holding your passport?" not in id_only
    assert "Apakah paspor Anda dipegang orang lain?" not in en_only
    assert "berhenti dulu" in both.lower() and "stop for now" in both.lower()


def test_red_flags_come_first_with_the_contacts() -> None:
    out = render(Format.MD, flags_context())
    assert isinstance(out, str)
    assert out.index("Tanda bahaya / Warning signs") < out.index("Kemajuan per bagian")
    box = out[out.index("Warning signs") : out.index("## Kemajuan")]
    assert "0000-TEST" in box  # from the catalog's contacts file, never hard-coded
    assert "Minta kembali paspor Anda." in box and "Umur di bawah 18 tahun" in box
    ready = render(Format.MD, ready_context())
    assert "Warning signs" not in ready


def test_terminal_side_by_side_when_wide_stacked_when_narrow() -> None:
    from pmi_ready.render import terminal

    wide = terminal.render(flags_context(), width=120)
    narrow = terminal.render(flags_context(), width=60)
    assert any(
        "Umur di bawah 18 tahun" in ln and "Under 18 years old" in ln for ln in wide.splitlines()
    )
    assert not any(
        "Umur di bawah 18 tahun" in ln and "Under 18 years old" in ln for ln in narrow.splitlines()
    )
    assert max(len(ln) for ln in narrow.splitlines()) <= 60
    # the status in words, never colour alone
    assert "BERHENTI DULU: ADA TANDA BAHAYA / STOP FOR NOW: WARNING SIGNS" in wide


def test_terminal_colour_only_when_asked() -> None:
    from pmi_ready.render import terminal

    assert "\x1b[" not in terminal.render(ready_context())
    assert "\x1b[" in terminal.render(ready_context(), color=True)


def test_html_is_self_contained() -> None:
    out = render(Format.HTML, flags_context())
    assert isinstance(out, str)
    assert "<script" not in out and "<link" not in out and "src=" not in out
    assert "@media print" in out and "size:A4" in out and "viewport" in out


def test_json_carries_the_inputs_to_reproduce_the_report() -> None:
    from pmi_ready.core import Answer, AnswerValue, assess
    from pmi_ready.render import build_context

    data = json.loads(str(render(Format.JSON, flags_context())))
    assert data["schema_version"] == 2
    inputs = data["inputs"]
    answers = {
        k: Answer(k, AnswerValue(v["value"]), v["note"], v["answered_at"])
        for k, v in inputs["answers"].items()
    }
    again = assess(catalog(), inputs["profile"], answers)
    assert {k: dict(v) for k, v in again.versions.items()} == inputs["versions"]
    ctx = build_context(
        again,
        catalog(),
        assessment_id=data["assessment"]["id"],
        created=flags_context().meta.created,
    )
    assert json.loads(str(render(Format.JSON, ctx))) == data


def test_pdf_has_every_item_both_languages_and_page_numbers() -> None:
    for ctx in (ready_context(), flags_context()):
        data = render(Format.PDF, ctx)
        assert isinstance(data, bytes) and data.startswith(b"%PDF")
        text, pages = pdf_text(data)
        text = flat(text)
        assert 2 <= pages <= 4  # the summary page, then the report
        for r in ctx.readiness.results:  # items done: in the first language only
            assert flat(r.item.ask.id) in text
            assert (r.ready and not r.note) or flat(r.item.ask.en) in text
        for word in ("Laporan kesiapan", "Readiness report", "Sumber", "Sources"):
            assert word in text
        assert f"Halaman {pages} dari {pages} / Page {pages} of {pages}" in text
        assert "0000-TEST" in text
    text, _ = pdf_text(render(Format.PDF, flags_context("en")))  # type: ignore[arg-type]
    assert "Readiness report" in text and "Laporan kesiapan" not in text


def _hostile_context(lang: str = "both") -> ReportContext:
    cat = catalog()
    docs = cat.checklists[0]
    items = tuple(
        dataclasses.replace(it, ask=Text(HOSTILE, HOSTILE), how=Text(HOSTILE, HOSTILE))
        if it.id == "work-visa"
        else it
        for it in docs.items
    )
    cat = dataclasses.replace(
        cat, checklists=(dataclasses.replace(docs, items=items), *cat.checklists[1:])
    )
    profile = {**FLAGS_PROFILE, "name": HOSTILE, "officer": "<b>officer</b>"}
    return context(
        profile, FLAGS_ANSWERS, aid="abc", notes={"passport": HOSTILE}, cat=cat, lang=lang
    )  # type: ignore[arg-type]


def test_hostile_text_renders_literally_in_every_format() -> None:
    ctx = _hostile_context()
    term = render(Format.TERMINAL, ctx, width=200)
    assert isinstance(term, str)
    assert "[bold red]X[/] <script>alert(1)</script> **md** _u_ | # `c` &amp; 😀" in term

    md = str(render(Format.MD, ctx))
    assert "<script>" not in md and "<b>" not in md
    assert (
        r"\[bold red\]X\[/\] \<script\>alert(1)\</script\> \*\*md\*\* \_u\_ \| \# \`c\` "
        r"&amp;amp; 😀" in md
    )

    page = str(render(Format.HTML, ctx))
    assert "<script>" not in page and "<b>officer</b>" not in page
    assert (
        "[bold red]X[/] &lt;script&gt;alert(1)&lt;/script&gt; **md** _u_ | # `c` &amp;amp; 😀"
        in page
    )

    data = json.loads(str(render(Format.JSON, ctx)))
    assert data["assessment"]["name"] == HOSTILE
    assert data["inputs"]["answers"]["passport"]["note"] == HOSTILE

    text, _ = pdf_text(render(Format.PDF, ctx))  # type: ignore[arg-type]
    assert "[bold red]X[/] <script>alert(1)</script> **md** _u_ | # `c` &amp; ?" in flat(text)
    assert "<b>officer</b>" in text


def test_rich_console_with_markup_prints_hostile_text_literally() -> None:
    from rich.console import Console

    from pmi_ready.render import terminal

    buf = io.StringIO()
    console = Console(file=buf, width=200, markup=True, no_color=True, emoji=True)
    terminal.print_to(console, _hostile_context())
    assert "[bold red]X[/] <script>" in buf.getvalue()
