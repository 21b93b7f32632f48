from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

# No per-example deadline: CI machines are shared and loaded, and timing is the benchmarks' job
# (never an assertion in a test). An example that runs slowly once is not a failure.
settings.register_profile("pmi-ready", deadline=None)
settings.load_profile("pmi-ready")

if TYPE_CHECKING:
    from pmi_ready.store import Store

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Deterministic output: no colour forcing, a fixed width, Indonesian unless a test says so,
    and a private database per test."""
    for var in (
        "FORCE_COLOR",
        "TTY_COMPATIBLE",
        "PMI_READY_LANG",
        "PMI_READY_DEBUG",
        "LC_ALL",
        "LC_MESSAGES",
        "LANGUAGE",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("PMI_READY_DB", str(tmp_path / "pmi-ready.db"))
    monkeypatch.setenv("PMI_READY_CACHE", str(tmp_path / "cache"))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """``--db`` for a new database on each back end: the store tests run on both."""
    from tests.backends import database

    with database(request.param, tmp_path) as target:
        yield target


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    """An open store on a new database, on each back end."""
    from pmi_ready.store import open_store

    s = open_store(db_target)
    yield s
    s.close()


def mini_sign_ids(profile: dict[str, str]) -> list[str]:
    """The built-in warning-sign questions a walk with the mini set asks for this profile, in
    order: a folder with its own profile keeps them, asked after its own questions."""
    from pmi_ready.checklists import load_catalog
    from pmi_ready.core import applicable

    catalog = load_catalog([MINI])
    own = {"docs", "flags"}
    return [
        it.id
        for c, it in applicable(catalog.checklists, profile, {})
        if c.id not in own and it.from_profile is None
    ]


def mini_signs(profile: dict[str, str]) -> int:
    """How many built-in warning-sign questions a walk with the mini set asks (`mini_sign_ids`)."""
    return len(mini_sign_ids(profile))
