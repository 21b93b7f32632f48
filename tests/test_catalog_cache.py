"""The validated-catalog cache: byte-identical files only, silent on every failure."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import stat
import sys
from pathlib import Path

import pytest

from pmi_ready.checklists import cache as catalog_cache, load_catalog, validate
from tests.conftest import MINI


def test_cached_catalog_equals_a_fresh_load(tmp_path: Path) -> None:
    first = load_catalog()
    assert list((tmp_path / "cache").glob("catalog-*"))
    second = load_catalog()
    fresh, problems = validate([Path(__file__).parent.parent / "checklists"])
    assert problems == []
    assert first == second
    # the same values of the same types (a StrEnum equals its text, so == alone would not see it)
    assert catalog_cache.dumps(second) == catalog_cache.dumps(fresh)  # type: ignore[arg-type]
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
    for f in (tmp_path / "cache").glob("catalog-*"):
        f.write_bytes(b"not a catalog")
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


class _Plant:
    """A pickle that, loaded, creates the file ``marker``: what anyone who can write the cache
    folder could make pmi-ready do if the cache were a pickle."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def _cache_files(tmp_path: Path) -> list[Path]:
    load_catalog()
    files = sorted((tmp_path / "cache").glob("catalog-*"))
    assert files
    return files


def test_a_planted_cache_file_runs_no_code(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    for f in _cache_files(tmp_path):
        f.write_bytes(pickle.dumps(_Plant(marker)))
    assert load_catalog().checklist("documents") is not None
    assert not marker.exists()


def _altered(tmp_path: Path) -> Path:
    """The cache file of the built-in catalog, holding a catalog with another profile title."""
    [f] = _cache_files(tmp_path)
    key = f.name.removeprefix("catalog-").split(".")[0]
    real = load_catalog()
    title = dataclasses.replace(real.profile.title, en="PLANTED")
    catalog_cache.put(
        key, dataclasses.replace(real, profile=dataclasses.replace(real.profile, title=title))
    )
    assert load_catalog().profile.title.en == "PLANTED"  # the test can plant one
    return f


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_cache_file_others_can_write_is_not_used(tmp_path: Path) -> None:
    f = _altered(tmp_path)
    f.chmod(0o666)
    assert load_catalog().profile.title.en != "PLANTED"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_cache_folder_others_can_write_is_not_used(tmp_path: Path) -> None:
    f = _altered(tmp_path)
    f.parent.chmod(0o777)
    assert load_catalog().profile.title.en != "PLANTED"
    assert {p.name for p in f.parent.iterdir()} == {f.name}  # nothing written there either


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_the_cache_folder_is_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o277)
    try:
        [f] = _cache_files(tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(f.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(f.stat().st_mode) == 0o600


def test_the_cache_builds_every_class_of_the_model_and_no_other() -> None:
    import enum

    from pmi_ready.core import catalog, model, profile

    classes = {
        name
        for module in (model, profile, catalog)
        for name, obj in vars(module).items()
        if isinstance(obj, type)
        and obj.__module__ == module.__name__
        and (dataclasses.is_dataclass(obj) or issubclass(obj, enum.Enum))
    }
    assert set(catalog_cache._classes()) == classes
