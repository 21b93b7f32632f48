"""A missing extra's hint names the command for the way pmi-ready was installed (#19 item 5):
pip, pipx (`pipx inject`), uv (`uv tool install`) or the PyInstaller build."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pmi_ready.core import localize
from pmi_ready.core.extras import install_hint, installed_with


@pytest.fixture
def prefix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    monkeypatch.delattr(sys, "frozen", raising=False)
    return tmp_path


def test_pip(prefix: Path) -> None:
    assert installed_with() == "pip"
    hint = install_hint("xlsx")
    assert 'python -m pip install "pmi-ready[xlsx]"' in hint
    assert "pipx inject pmi-ready openpyxl" in hint


def test_pipx(prefix: Path) -> None:
    (prefix / "pipx_metadata.json").write_text("{}", encoding="utf-8")
    assert installed_with() == "pipx"
    assert install_hint("xlsx") == "Install it with: pipx inject pmi-ready openpyxl"
    assert install_hint("postgres") == 'Install it with: pipx inject pmi-ready "psycopg[binary]"'


def test_uv(prefix: Path) -> None:
    (prefix / "uv-receipt.toml").write_text("[tool]\n", encoding="utf-8")
    assert installed_with() == "uv"
    assert 'uv tool install ".[xlsform]"' in install_hint("xlsform")


def test_app(prefix: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert installed_with() == "app"
    hint = install_hint("xlsx")
    assert "built without openpyxl" in hint and "python tools/build_app.py" in hint


@pytest.mark.parametrize("where", ["pip", "pipx", "uv", "app"])
def test_every_hint_is_in_indonesian(
    where: str, prefix: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmi_ready.i18n import translator

    if where == "pipx":
        (prefix / "pipx_metadata.json").write_text("{}", encoding="utf-8")
    if where == "uv":
        (prefix / "uv-receipt.toml").write_text("[tool]\n", encoding="utf-8")
    if where == "app":
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    for extra in ("xlsx", "xlsform", "postgres"):
        hint = install_hint(extra)
        text = localize(hint, translator("id")._, "id")
        assert text != str(hint), text
        assert "Pasang" in text or "dibuat tanpa" in text, text
