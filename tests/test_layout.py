"""The terminal report's line layout: wrapping, columns, boxes, grids (pure, no console)."""

from __future__ import annotations

from hypothesis import given, strategies as st
from rich.cells import cell_len

from pmi_ready.render.layout import (
    Line,
    box,
    centred,
    clean,
    grid,
    hanging,
    plain,
    side_by_side,
    style_join,
    wrap,
)


def texts(lines: list[Line]) -> list[str]:
    return [plain(line) for line in lines]


def test_wrap_breaks_between_words_and_keeps_styles() -> None:
    lines = wrap([("Jawaban Anda: ", "bold"), ("Tidak tahu sama sekali", "")], 20)
    assert texts(lines) == ["Jawaban Anda: Tidak", "tahu sama sekali"]
    assert lines[0] == [("Jawaban Anda: ", "bold"), ("Tidak", "")]
    assert lines[1] == [("tahu sama sekali", "")]


def test_wrap_folds_a_word_longer_than_the_line() -> None:
    assert texts(wrap([("id: 656ba23b-c8bd-4038-8ed4", "")], 10)) == [
        "id:",
        "656ba23b-c",
        "8bd-4038-8",
        "ed4",
    ]


def test_wrap_counts_wide_characters_as_two_cells() -> None:
    lines = texts(wrap([("王小明 王小明 王小明", "")], 8))
    assert lines == ["王小明", "王小明", "王小明"]
    assert all(cell_len(line) <= 8 for line in lines)


def test_wrap_newlines_and_empty_text() -> None:
    assert texts(wrap([("satu\ndua", "")], 40)) == ["satu", "dua"]
    assert wrap([("", "")], 40) == [[]]
    assert texts(wrap([("a\n\nb", "")], 40)) == ["a", "", "b"]


def test_control_characters_are_shown_not_obeyed() -> None:
    assert clean("a\x1b[31mb\tc\x07") == "a\ufffdb c\ufffd"  # a whole escape sequence: one �
    assert "\x1b" not in plain(wrap([("\x1b]0;title\x07x", "")], 40)[0])


def test_side_by_side_columns() -> None:
    lines = texts(side_by_side([("Paspor Anda", "")], [("Your passport", "dim")], 20))
    assert lines == ["Paspor     Your", "Anda       passport"]  # columns of 9, gap 2


def test_hanging_indent_puts_wrapped_lines_under_the_text() -> None:
    lines = texts(hanging([("1.", "bold")], [("Apakah paspor Anda masih berlaku?", "")], 20))
    assert lines == ["1. Apakah paspor", "   Anda masih", "   berlaku?"]


def test_centred_fills_the_width_with_the_style() -> None:
    (line,) = centred("SIAP", "bold white on green", 10)
    assert line == [("   SIAP   ", "bold white on green")]


def test_box_with_title() -> None:
    lines = texts(box([[("isi", "")]], 16, title=[("Judul", "bold")], title_align="left"))
    assert lines == ["╭─ Judul ──────╮", "│ isi          │", "╰──────────────╯"]
    centre = texts(box([], 16, title=[("Judul", "")]))
    assert centre[0] == "╭─── Judul ────╮"


def test_grid_two_columns_or_stacked_when_narrow() -> None:
    rows = [([("Nama", "bold")], [("Siti Aminah", "")]), ([("Tujuan", "bold")], [("Taiwan", "")])]
    assert texts(grid(rows, 40)) == ["Nama   Siti Aminah", "Tujuan Taiwan"]
    assert texts(grid(rows, 20)) == ["Nama", "  Siti Aminah", "Tujuan", "  Taiwan"]


def test_style_join() -> None:
    assert style_join("", "dim") == "dim"
    assert style_join("bold red", "dim") == "bold red dim"


words = st.text(alphabet=st.sampled_from(list("abcdefghij王😀é-/")), min_size=1, max_size=15)
spans = st.lists(
    st.tuples(
        st.lists(words, min_size=1, max_size=8).map(" ".join),
        st.sampled_from(["", "bold", "dim"]),
    ),
    min_size=1,
    max_size=5,
)


@given(spans, st.integers(min_value=2, max_value=60))
def test_wrap_fits_and_loses_nothing(parts: list[tuple[str, str]], width: int) -> None:
    lines = wrap(parts, width)
    assert all(cell_len(plain(line)) <= width for line in lines)
    # every non-space character survives, in order, with its style
    styled_in = [(ch, s) for text, s in parts for ch in text if not ch.isspace()]
    styled_out = [(ch, s) for line in lines for text, s in line for ch in text if not ch.isspace()]
    assert styled_out == styled_in


@given(spans, spans, st.integers(min_value=18, max_value=120))
def test_side_by_side_fits(
    left: list[tuple[str, str]], right: list[tuple[str, str]], width: int
) -> None:
    for line in side_by_side(left, right, width):
        assert cell_len(plain(line)) <= width


def test_a_folded_word_does_not_push_its_spaces_onto_the_next_line() -> None:
    assert texts(wrap([("abcdefghij  x", "")], 5)) == ["abcde", "fghij", "x"]
    assert texts(wrap([("abcdefghijk  x", "")], 5)) == ["abcde", "fghij", "k  x"]


@given(st.integers(min_value=20, max_value=220))
def test_every_report_line_fits_the_terminal(width: int) -> None:
    from pmi_ready.render import terminal
    from tests.report_cases import flags_context, ready_context
    from tests.test_render_formats import _hostile_context

    for ctx in (flags_context(), ready_context("en"), _hostile_context()):
        for line in terminal.lines(ctx, width):
            assert cell_len(plain(line)) <= width, plain(line)


@given(
    st.lists(words, min_size=1, max_size=12).map(" ".join).filter(lambda t: t.strip()),
    st.integers(min_value=4, max_value=60),
)
def test_wrap_breaks_lines_where_rich_does(text: str, width: int) -> None:
    """The layout wraps like rich's `Text.wrap`, so reports read the same as when rich drew them.
    Words wider than the line are left out: there the layout folds the word without carrying its
    trailing spaces to the next line, and the lines after it may then break differently (see
    `test_a_folded_word_does_not_push_its_spaces_onto_the_next_line`)."""
    from hypothesis import assume
    from rich.console import Console
    from rich.text import Text as RichText

    assume(all(cell_len(word) <= width for word in text.split()))

    console = Console(width=200, file=None, force_terminal=False)
    theirs = [ln.plain.strip() for ln in RichText(text).wrap(console, width)]
    ours = [plain(ln).strip() for ln in wrap([(text, "")], width)]
    assert [x for x in ours if x] == [x for x in theirs if x]
