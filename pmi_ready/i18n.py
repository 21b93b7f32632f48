"""Languages: choosing one, gettext catalogs for each, and Babel formatting of dates and money.

Interface strings are written in English in the code, marked with ``_()`` for extraction
(``pybabel extract``), and looked up in ``locales/<lang>/LC_MESSAGES/pmi_ready.po``. An installed
wheel carries compiled ``.mo`` files; a source checkout reads the ``.po`` directly.
Nothing here is global state: callers hold a `Translator` and pass it on.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from pmi_ready.model import LANGS, Contacts, Lang, Text
from pmi_ready.resources import locales_dir

DOMAIN = "pmi_ready"
DEFAULT_LANG: Lang = "id"
BABEL_LOCALE = {"id": "id_ID", "en": "en_US"}


def choose_lang(option: str | None = None) -> Lang:
    """`--lang`, then PMI_READY_LANG, then the system locale (LC_ALL, LC_MESSAGES, LANG); or id."""
    candidates = [option, os.environ.get("PMI_READY_LANG")]
    if option is None and not os.environ.get("PMI_READY_LANG"):
        candidates += [os.environ.get(v) for v in ("LC_ALL", "LC_MESSAGES", "LANG")]
    for c in candidates:
        if not c:
            continue
        code = c.split(".")[0].split("_")[0].split("-")[0].lower()
        if code in ("id", "in"):
            return "id"
        if code == "en":
            return "en"
        if c is option:
            from pmi_ready.errors import UsageError

            raise UsageError(f"unknown language '{option}'; use 'id' or 'en'")
    return DEFAULT_LANG


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    base = locales_dir() / lang / "LC_MESSAGES"
    mo = base / f"{DOMAIN}.mo"
    if mo.is_file():
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    po = base / f"{DOMAIN}.po"
    if po.is_file():
        return _PoTranslations(po)
    return gettext.NullTranslations()


class _PoTranslations(gettext.NullTranslations):
    """Reads a .po file directly (source checkouts, where no .mo is built)."""

    def __init__(self, path: os.PathLike[str]) -> None:
        super().__init__()
        from babel.messages.pofile import read_po

        with Path(path).open("rb") as f:
            catalog = read_po(f)
        self._cat: dict[str, str] = {}
        self._plural: dict[str, tuple[str, ...]] = {}
        for m in catalog:
            if not m.id or m.fuzzy:
                continue
            if isinstance(m.id, tuple | list):
                strs = (
                    tuple(str(x) for x in m.string if x)
                    if isinstance(m.string, tuple | list)
                    else ()
                )
                if strs:
                    self._plural[str(m.id[0])] = strs
            elif m.string:
                self._cat[str(m.id)] = str(m.string)
        self._nplurals = catalog.num_plurals
        self._plural_expr = catalog.plural_expr

    def gettext(self, message: str) -> str:
        return self._cat.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = self._plural.get(msgid1)
        if not forms:
            return msgid1 if n == 1 else msgid2
        idx = 0 if len(forms) == 1 else (0 if n == 1 else 1)
        return forms[min(idx, len(forms) - 1)]


@dataclass(frozen=True)
class Translator:
    """Interface strings and formatting for one language."""

    lang: Lang

    def _(self, message: str) -> str:
        return _translations(self.lang).gettext(message)

    def n_(self, singular: str, plural: str, n: int) -> str:
        return _translations(self.lang).ngettext(singular, plural, n)

    @property
    def locale(self) -> str:
        return BABEL_LOCALE[self.lang]

    def date(self, d: dt.date | dt.datetime) -> str:
        from babel.dates import format_date

        day = d.date() if isinstance(d, dt.datetime) else d
        return str(format_date(day, format="long", locale=self.locale))

    def month(self, d: dt.date) -> str:
        """``April 2025`` in both languages."""
        from babel.dates import format_date

        return str(format_date(d, format="MMMM y", locale=self.locale))

    def verified(self, contacts: Contacts) -> str:
        """The date the contacts were verified, as precise as the source is."""
        if contacts.verified_month_only:
            return self.month(contacts.verified)
        return self.date(contacts.verified)

    def datetime(self, d: dt.datetime) -> str:
        from babel.dates import format_datetime

        text = format_datetime(d, format="medium", locale=self.locale)
        return str(text).replace("\u202f", " ")

    def number(self, n: int | float | Decimal) -> str:
        from babel.numbers import format_decimal

        return str(format_decimal(n, locale=self.locale))

    def percent(self, share: float | Decimal) -> str:
        from babel.numbers import format_percent

        return str(format_percent(share, locale=self.locale))

    def money(self, amount: Decimal | int, currency: str = "IDR") -> str:
        """``Rp1.500.000`` / ``IDR 1,500,000``-style amounts; rupiah without decimals."""
        from babel.numbers import format_currency

        digits = currency in ("IDR", "KRW", "JPY")
        fmt = "¤#,##0" if digits else None
        text = format_currency(
            amount, currency, format=fmt, locale=self.locale, currency_digits=not digits
        )
        return (
            str(text).replace("\xa0", " ") if currency != "IDR" else str(text).replace("\xa0", "")
        )


def translator(lang: str) -> Translator:
    if lang not in LANGS:
        raise ValueError(lang)
    return Translator("en" if lang == "en" else "id")


def both(message: str) -> Text:
    """One interface message in both languages."""
    return Text(translator("id")._(message), translator("en")._(message))


def _(message: str) -> str:
    """Marks a string for extraction where it is translated later (``both(_("…"))``)."""
    return message
