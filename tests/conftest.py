from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: CI machines are shared and loaded, and timing is the benchmarks' job
# (never an assertion in a test). An example that runs slowly once is not a failure.
settings.register_profile("pmi-ready", deadline=None)
settings.load_profile("pmi-ready")

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
