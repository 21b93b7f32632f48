"""The loader and validator: every kind of problem with its exact FILE:LINE, and the happy path."""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from pmi_ready.checklists import load_catalog, validate
from pmi_ready.core import AnswerValue, Level, ProblemsError, Range
from tests.conftest import MINI


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini catalog in the current folder, so messages show short relative paths."""
    shutil.copytree(MINI, tmp_path / "mini")
    monkeypatch.chdir(tmp_path)
    return Path("mini")


def problems_with(work: Path, name: str, text: str | bytes) -> list[str]:
    path = work / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    _, problems = validate([work])
    return [str(p) for p in problems]


HEADER = """\
id: extra
version: "1"
reviewed: 2026-11-28
title: {id: Tambahan, en: Extra}
"""

ITEM = """\
  - id: {id}
    ask: {{id: "Tanya?", en: "Ask?"}}
    why: {{id: "Karena.", en: "Because."}}
    how: {{id: "Begini.", en: "Like this."}}
    level: important
    source: uu18-p13
"""


def test_mini_catalog_loads() -> None:
    cat = load_catalog([MINI], builtin=False)
    assert [c.id for c in cat.checklists] == ["docs", "flags"]
    docs = cat.checklist("docs")
    assert docs is not None
    assert docs.items[0].level is Level.CRITICAL
    assert docs.items[0].ready_when is AnswerValue.YES
    flag = cat.item("passport-held")
    assert flag is not None and flag.red_flag and flag.ready_when is AnswerValue.NO
    married = cat.item("marriage-book")
    assert married is not None and married.when is not None
    assert married.when.terms == (("marital", frozenset({"married"})),)
    assert cat.contacts is not None and cat.contacts.contacts[0].value == "0000-TEST"
    assert not cat.sources["test-unverified"].verified
    assert len(docs.sha256) == 64


def test_clean_extra_file(work: Path) -> None:
    assert problems_with(work, "extra.yaml", HEADER + "items:\n" + ITEM.format(id="x1")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "id: extra\ntitle: {id: a, en: b\n",
            "mini/bad.yaml:3: YAML syntax error: ",
            id="syntax",
        ),
        pytest.param(
            HEADER + "version: '2'\nitems: []\n",
            "mini/bad.yaml:5: duplicate key 'version' (first at line 2)",
            id="duplicate-key",
        ),
        pytest.param(
            HEADER + "items:\n" + ITEM.format(id="x1").replace("    level:", "    levle:"),
            "mini/bad.yaml:10: unknown key 'levle' in an item; did you mean 'level'?",
            id="unknown-key-did-you-mean",
        ),
        pytest.param(
            HEADER + "items:\n" + ITEM.format(id="x1").replace("important", "urgent"),
            "mini/bad.yaml:10: unknown level 'urgent' (critical, important or advice)",
            id="unknown-level",
        ),
        pytest.param(
            HEADER + "items:\n" + ITEM.format(id="x1").replace('en: "Because."', 'en: ""'),
            "mini/bad.yaml:8: item 'x1': why has an empty English text ('en:')",
            id="empty-en",
        ),
        pytest.param(
            HEADER + "items:\n" + ITEM.format(id="x1").replace(', en: "Like this."', ""),
            "mini/bad.yaml:9: item 'x1': how has no English text ('en:')",
            id="missing-en",
        ),
        pytest.param(
            HEADER + "items:\n" + ITEM.format(id="x1") + "    when: {destinaton: [TW]}\n",
            "mini/bad.yaml:12: item 'x1': when uses the unknown profile field 'destinaton'; "
            "did you mean 'destination'?",
            id="unknown-field",
        ),
        pytest.param(
            HEADER + "items:\n" + ITEM.format(id="x1") + "    when: {destination: [TWN]}\n",
            "mini/bad.yaml:12: item 'x1': when: 'TWN' is not a value of the profile field "
            "'destination'; did you mean 'TW'?",
            id="unknown-value",
        ),
        pytest.param(
            HEADER + "items:\n" + ITEM.format(id="x1").replace("uu18-p13", "uu18-p131"),
            "mini/bad.yaml:11: item 'x1' refers to the undeclared source 'uu18-p131'; "
            "did you mean 'uu18-p13'?",
            id="undeclared-source",
        ),
        pytest.param(
            HEADER + "items: []\n",
            "mini/bad.yaml:5: the checklist has no items",
            id="empty-checklist",
        ),
        pytest.param("", "mini/bad.yaml:1: the file is empty", id="empty-file"),
        pytest.param("# only a comment\n", "mini/bad.yaml:1: the file is empty", id="comment-only"),
        pytest.param(
            "- a\n- b\n",
            "mini/bad.yaml:1: the top of the file must be a mapping of 'key: value' lines, "
            "not a list",
            id="list-not-mapping",
        ),
        pytest.param(
            HEADER + "items: !!python/object:os.system\n  - x\n",
            "mini/bad.yaml:5: the tag !!python/object:os.system is not allowed",
            id="python-tag",
        ),
        pytest.param(
            HEADER + "x: &a [1]\nitems:\n" + ITEM.format(id="x1") + "    note: *a\n",
            "mini/bad.yaml:5: anchors and aliases (& and *) are not allowed; write it out",
            id="alias",
        ),
        pytest.param(
            HEADER + "items:\n" + ITEM.format(id="passport"),
            # files are read in sorted order: bad.yaml comes first, so docs.yaml is the repeat
            "mini/docs.yaml:8: item id 'passport' is already used at mini/bad.yaml:6",
            id="duplicate-item-across-files",
        ),
        pytest.param(
            HEADER.replace("id: extra", "id: docs") + "items:\n" + ITEM.format(id="x1"),
            "mini/docs.yaml:2: the id 'docs' is already used by mini/bad.yaml",
            id="duplicate-checklist-id",
        ),
        pytest.param(
            "kind: chekclist\n" + HEADER,
            "mini/bad.yaml:1: unknown kind 'chekclist'; did you mean 'checklist'?",
            id="unknown-kind",
        ),
        pytest.param(
            HEADER.replace("2026-11-28", "28/11/2026") + "items:\n" + ITEM.format(id="x1"),
            "mini/bad.yaml:3: reviewed must be a date written YYYY-MM-DD",
            id="bad-date",
        ),
        pytest.param(
            HEADER + "items:\n" + ITEM.format(id="x1") + "    red_flag: true\n"
            '    ready_when: "yes"\n',
            "mini/bad.yaml:13: item 'x1': a red_flag item is ready when the answer is \"no\"",
            id="red-flag-ready-yes",
        ),
        pytest.param(
            HEADER + "items:\n" + ITEM.format(id="x1") + "    sensitive: maybe\n",
            "mini/bad.yaml:12: item 'x1': sensitive must be true or false",
            id="sensitive-not-boolean",
        ),
        pytest.param(
            HEADER + "items:\n" + ITEM.format(id="X 1"),
            "mini/bad.yaml:6: item id 'X 1' is not valid (use lower-case letters, digits and '-')",
            id="bad-item-id",
        ),
        pytest.param(
            "a: 1\n---\nb: 2\n",
            "mini/bad.yaml:2: YAML syntax error: the file holds more than one YAML document "
            "(remove the '---' separators) (column 1)",
            id="two-documents",
        ),
    ],
)
def test_each_problem_has_file_and_line(work: Path, text: str, expected: str) -> None:
    found = problems_with(work, "bad.yaml", text)
    assert any(p.startswith(expected) for p in found), "\n".join(found)


def test_not_utf8(work: Path) -> None:
    data = (HEADER + "items:\n" + ITEM.format(id="x1")).encode()
    data = data.replace(b"Tanya?", b"Tanya\xe9?")
    found = problems_with(work, "bad.yaml", data)
    assert found == [
        "mini/bad.yaml:7: the file is not valid UTF-8 (byte 0xe9 at column 21); save it as UTF-8"
    ]


def test_huge_file_is_refused_without_reading_it(work: Path) -> None:
    path = work / "huge.yaml"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    _, problems = validate([work])
    assert [str(p) for p in problems] == [
        "mini/huge.yaml:1: the file is too large (50.0 MB; a checklist file may be at most 2 MB)"
    ]


def test_alias_bomb_is_bounded(work: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    found = problems_with(work, "bomb.yaml", "\n".join(lines) + "\n")
    assert any("anchors and aliases" in p for p in found)


def test_every_problem_reported_not_just_the_first(work: Path) -> None:
    text = HEADER + "items:\n" + ITEM.format(id="x1").replace("important", "urgent")
    text += ITEM.format(id="x2").replace("uu18-p13", "nope")
    found = problems_with(work, "bad.yaml", text)
    assert len([p for p in found if p.startswith("mini/bad.yaml")]) == 2


def test_no_profile(tmp_path: Path) -> None:
    shutil.copy(MINI / "docs.yaml", tmp_path / "docs.yaml")
    _, problems = validate([tmp_path])
    assert any("no profile file" in p.message for p in problems)


def test_second_profile_is_one_problem(work: Path) -> None:
    shutil.copy(work / "profile.yaml", work / "profile2.yaml")
    found = problems_with(work, "x.yaml", HEADER + "items:\n" + ITEM.format(id="x1"))
    assert found == [
        "mini/profile2.yaml:4: a second profile file (the first is mini/profile.yaml); "
        "only one may be loaded"
    ]


def test_age_range_condition(work: Path) -> None:
    text = HEADER + "items:\n" + ITEM.format(id="x1") + "    when: {age: {max: 17}}\n"
    assert problems_with(work, "extra.yaml", text) == []
    cat = load_catalog([work], builtin=False)
    item = cat.item("x1")
    assert item is not None and item.when is not None
    assert item.when.terms == (("age", Range(None, 17)),)


def test_missing_path(tmp_path: Path) -> None:
    _, problems = validate([tmp_path / "nope"])
    assert [p.message for p in problems] == ["no such file or folder"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_loop_in_folder(work: Path) -> None:
    (work / "loop.yaml").symlink_to("loop.yaml")
    (work / "again").symlink_to(".")
    _, problems = validate([work])
    assert [str(p) for p in problems] == [
        "mini/loop.yaml:0: cannot read the file: a link that leads nowhere or in a loop"
    ]


def test_load_catalog_raises_problems_error(work: Path) -> None:
    (work / "bad.yaml").write_text("", encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        load_catalog([work], builtin=False)
    assert [str(p) for p in info.value.problems] == ["mini/bad.yaml:1: the file is empty"]


def test_anchors_and_aliases_are_each_flagged_where_they_stand(work: Path) -> None:
    text = HEADER + "x: &a [1]\ny: *a\nz: *nowhere\n"
    found = problems_with(work, "bad.yaml", text)
    message = "anchors and aliases (& and *) are not allowed; write it out"
    assert f"mini/bad.yaml:5: {message}" in found  # the anchor
    assert f"mini/bad.yaml:6: {message}" in found  # the alias
    assert f"mini/bad.yaml:7: {message}" in found  # an alias to nothing: not a syntax error


def test_a_duplicate_key_skips_its_value_and_a_bad_tag_its_subtree(work: Path) -> None:
    text = HEADER + "x: 1\nx: !!python/object [*a]\ny: !custom {k: *b}\n"
    found = problems_with(work, "bad.yaml", text)
    assert "mini/bad.yaml:6: duplicate key 'x' (first at line 5)" in found
    assert "mini/bad.yaml:7: the tag !custom is not allowed" in found
    assert not any("anchors and aliases" in p for p in found)  # inside skipped values


def test_sensitive_item_is_read(work: Path) -> None:
    (work / "extra.yaml").write_text(
        HEADER + "items:\n" + ITEM.format(id="x1") + "    sensitive: true\n"
        "\n" + ITEM.format(id="x2"),
        encoding="utf-8",
    )
    cat, problems = validate([work])
    assert problems == [] and cat is not None
    x1, x2 = cat.item("x1"), cat.item("x2")
    assert x1 is not None and x1.sensitive
    assert x2 is not None and not x2.sensitive
