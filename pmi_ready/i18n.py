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
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path

from pmi_ready.core import LANGS, Contacts, Lang, Text, frozen
from pmi_ready.resources import locales_dir

DOMAIN = "pmi_ready"
DEFAULT_LANG: Lang = "id"
BABEL_LOCALE = {"id": "id_ID", "en": "en_US"}


def lang_code(value: str) -> Lang | None:
    """``id``, ``in``, ``id_ID.UTF-8``, ``en-GB``, ``EN`` → the language; anything else → None."""
    code = value.strip().split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
    if code in ("id", "in"):
        return "id"
    return "en" if code == "en" else None


def system_lang(environ: Mapping[str, str] | None = None) -> Lang | None:
    """The language the environment asks for, in gettext's order, or None for no choice.

    ``PMI_READY_LANG`` first. Then the locale (the first set of ``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``): when it is ``C`` or ``POSIX`` nothing is chosen, and ``LANGUAGE`` is ignored as
    GNU gettext ignores it. Otherwise ``LANGUAGE``, a list by preference (``fr:en:id``), where the
    first language pmi-ready has wins; then the locale itself."""
    env = os.environ if environ is None else environ
    own = env.get("PMI_READY_LANG", "")
    if own and lang_code(own):
        return lang_code(own)
    locale = next((env[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(v)), "")
    if locale.split(".")[0] in ("C", "POSIX"):
        return None
    for entry in env.get("LANGUAGE", "").split(":"):
        if entry.split(".")[0] in ("C", "POSIX"):
            return None
        if entry and lang_code(entry):
            return lang_code(entry)
    return lang_code(locale) if locale else None


def choose_lang(option: str | None = None) -> Lang:
    """`--lang`, else the environment (`system_lang`), else Bahasa Indonesia."""
    if option:
        lang = lang_code(option)
        if lang is None:
            from pmi_ready.core import UsageError

            raise UsageError(_("unknown language '{value}'; use 'id' or 'en'"), value=option)
        return lang
    return system_lang() or DEFAULT_LANG


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
    """Reads a .po file directly (source checkouts, where no .mo is built).

    A small reader for the catalogs `tools/catalogs.py` writes: entries of msgid / msgid_plural /
    msgstr / msgstr[n] lines with quoted continuation lines; fuzzy entries are skipped.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._cat: dict[str, str] = {}
        self._plural: dict[str, tuple[str, ...]] = {}
        for entry in path.read_text(encoding="utf-8").split("\n\n"):
            fields: dict[str, str] = {}
            key = ""
            fuzzy = False
            for line in entry.splitlines():
                if line.startswith("#,") and "fuzzy" in line:
                    fuzzy = True
                elif line.startswith("msg"):
                    key, _, rest = line.partition(" ")
                    fields[key] = _unquote(rest)
                elif line.startswith('"') and key:
                    fields[key] += _unquote(line)
            msgid = fields.get("msgid")
            if not msgid or fuzzy:
                continue
            if "msgid_plural" in fields:
                forms = tuple(v for k, v in sorted(fields.items()) if k.startswith("msgstr["))
                if forms and all(forms):
                    self._plural[msgid] = forms
            elif fields.get("msgstr"):
                self._cat[msgid] = fields["msgstr"]

    def gettext(self, message: str) -> str:
        return self._cat.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = self._plural.get(msgid1)
        if not forms:
            return msgid1 if n == 1 else msgid2
        return forms[0] if n == 1 or len(forms) == 1 else forms[1]


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    if "\\" not in body:
        return body
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


@frozen
class Translator:
    """Interface strings and formatting for one language."""

    lang: Lang

    def _(self, message: str) -> str:
        return _translations(self.lang).gettext(message)

    def n_(self, singular: str, plural: str, n: int) -> str:
        return _translations(self.lang).ngettext(singular, plural, n)

    def answer(self, value: str | None, empty: str = "") -> str:
        """An answer value (yes, no, unsure, na) as a word in this language."""
        _ = self._
        words = {
            "yes": _("yes"),
            "no": _("no"),
            "unsure": _("not sure"),
            "na": _("does not apply"),
        }
        return empty if value is None else words.get(value, value)

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
        """``Rp1.329.618`` / ``Rp1,329,618``, ``NT$22.000`` / ``NT$22,000``, ``MYR 1,500.50``.

        Rupiah (and won and yen) without decimals; other currencies show cents only when the amount
        has them. A currency shown by its three-letter code is kept apart from the digits."""
        from babel.numbers import format_currency, format_decimal

        value = Decimal(amount)
        if currency == "IDR":  # Babel writes "IDR" in English; people write "Rp" in both
            digits = format_decimal(abs(value), format="#,##0", locale=self.locale)
            return f"{'-' if value < 0 else ''}Rp{digits}"
        whole = currency in ("KRW", "JPY") or value == value.to_integral_value()
        text = str(
            format_currency(
                value,
                currency,
                format="¤#,##0" if whole else None,
                locale=self.locale,
                currency_digits=not whole,
            )
        ).replace("\xa0", " ")
        code = re.match(r"^-?([A-Z]{3})(?=[\d-])", text)
        if code:
            text = text[: code.end(1)] + " " + text[code.end(1) :]
        return text


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
