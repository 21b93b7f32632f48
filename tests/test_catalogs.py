"""The gettext catalogs: template up to date, every message translated, placeholders kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pmi_ready.i18n import both, choose_lang, translator

ROOT = Path(__file__).resolve().parent.parent


def test_catalogs_are_complete_and_fresh() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "catalogs.py"), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_both_languages() -> None:
    assert both("Checklists").id == "Daftar periksa"
    assert both("Checklists").en == "Checklists"


def test_language_choice(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert choose_lang(None) == "en"
    monkeypatch.setenv("PMI_READY_LANG", "id")
    assert choose_lang(None) == "id"
    assert choose_lang("en") == "en"
    monkeypatch.delenv("PMI_READY_LANG")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert choose_lang(None) == "id"


def test_babel_formats() -> None:
    import datetime as dt
    from decimal import Decimal

    id_, en = translator("id"), translator("en")
    assert id_.date(dt.date(2026, 11, 28)) == "28 November 2026"
    assert en.date(dt.date(2026, 11, 28)) == "November 28, 2026"
    assert id_.money(Decimal(1500000)) == "Rp1.500.000"


def test_the_source_checkout_reader_agrees_with_babel() -> None:
    from babel.messages.pofile import read_po

    from pmi_ready.i18n import _PoTranslations

    for lang in ("id", "en"):
        path = ROOT / "locales" / lang / "LC_MESSAGES" / "pmi_ready.po"
        mine = _PoTranslations(path)
        with path.open("rb") as f:
            catalog = read_po(f)
        for m in catalog:
            if not m.id:
                continue
            if isinstance(m.id, tuple):
                assert mine.ngettext(m.id[0], m.id[1], 1) == m.string[0]
                assert mine.ngettext(m.id[0], m.id[1], 2) == m.string[-1]
            else:
                assert mine.gettext(m.id) == m.string, m.id
