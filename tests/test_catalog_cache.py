"""The validated-catalog cache: byte-identical files only, silent on every failure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pmi_ready.checklists import cache as catalog_cache, load_catalog, validate
from tests.conftest import MINI


def test_cached_catalog_equals_a_fresh_load(tmp_path: Path) -> None:
    first = load_catalog()
    assert list((tmp_path / "cache").glob("catalog-*.pickle"))
    second = load_catalog()
    fresh, problems = validate([Path(__file__).parent.parent / "checklists"])
    assert problems == []
    assert first == second
    assert [c.id for c in second.checklists] == [c.id for c in fresh.checklists]  # type: ignore[union-attr]


def test_an_edited_file_is_loaded_again(tmp_path: Path) -> None:
    own = tmp_path / "own"
    shutil.copytree(MINI, own)
    assert load_catalog([own]).item("passport") is not None
    docs = own / "docs.yaml"
    docs.write_text(
        docs.read_text(encoding="utf-8").replace("id: passport", "id: paspor"), encoding="utf-8"
    )
    cat = load_catalog([own])
    assert cat.item("passport") is None and cat.item("paspor") is not None


def test_a_corrupt_cache_file_is_ignored(tmp_path: Path) -> None:
    load_catalog()
    for f in (tmp_path / "cache").glob("catalog-*.pickle"):
        f.write_bytes(b"not a pickle")
    assert load_catalog().checklist("documents") is not None


def test_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMI_READY_CACHE", "off")
    assert catalog_cache.cache_dir() is None
    load_catalog()
    assert not (tmp_path / "cache").exists()


def test_unwritable_cache_folder_is_silent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("PMI_READY_CACHE", str(blocker / "cache"))
    assert load_catalog().checklist("documents") is not None
