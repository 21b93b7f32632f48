"""Numbers as people type them: amounts of money, yearly interest, terms and exchange rates.

``1.500.000``, ``1,500,000``, ``1500000``, ``Rp 2.000.000``, ``1,5 jt``, ``1.5jt``, ``15 juta``,
``30jt``, ``500rb``, ``NT$22,000.50`` all parse. Every function returns a `Decimal` (or an `int`
for months) or raises `AmountError` with a message and an example to show when asking again.
Pure: no I/O.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING

from pmi_ready.core import Msg, PmiReadyError, Verbatim
from pmi_ready.i18n import _

if TYPE_CHECKING:
    from pmi_ready.i18n import Translator

MAX_AMOUNT = Decimal(10_000_000_000)  # Rp10 miliar: more is a typing slip, not a PMI's cost
MAX_INTEREST = Decimal(500)  # percent a year; informal lenders abroad charge up to ~120 %
MAX_MONTHS = 360
MAX_RATE = Decimal(100_000)  # rupiah per unit of the wage currency (the dinar is ~50,000)

AMOUNT_EXAMPLE = _("1.500.000 or 1,5 jt or 30jt")
PERCENT_EXAMPLE = _("6 or 6,5 or 24%")
MONTHS_EXAMPLE = _("24 or 36 months or 2 years")
RATE_EXAMPLE = _("515 or 515,5 (rupiah for one unit of the wage currency)")

_MULTIPLIERS = {
    "jt": Decimal(1_000_000),
    "juta": Decimal(1_000_000),
    "rb": Decimal(1_000),
    "ribu": Decimal(1_000),
    "k": Decimal(1_000),
    "miliar": Decimal(1_000_000_000),
    "milyar": Decimal(1_000_000_000),
}
_PREFIX = re.compile(r"^(?:rp\.?|idr|[a-z]{0,3}[$¥₩€£]|[a-z]{2,3}(?=\d))")
_SUFFIX_CURRENCY = re.compile(r"(?:rupiah|idr|rp)$")
_SUFFIX = re.compile(r"(juta|jt|ribu|rb|k|miliar|milyar)$")
_NUMBER = re.compile(r"^\d[\d.,]*$")
_GROUPS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")


class AmountError(PmiReadyError):
    """A typed number that cannot be used. The message and the example are gettext msgids, so
    that a prompt can repeat them in the user's language (`localized`); as an error its message
    and hint are `Msg`s (what was typed kept as written)."""

    def __init__(self, msgid: str, example: str, *, what: str, **params: object) -> None:
        self.msgid, self.example, self.what, self.params = msgid, example, what, params
        typed = {k: Verbatim(v) if type(v) is str else v for k, v in params.items()}
        super().__init__(
            Msg(msgid, what=Msg(what), **typed),
            hint=Msg(_("For example: {example}"), example=Msg(example)),
        )

    def localized(self, tr: Translator) -> tuple[str, str]:
        """The message and the example line in the translator's language."""
        message = tr._(self.msgid).format(what=tr._(self.what), **self.params)
        return message, tr._("For example: {example}").format(example=tr._(self.example))


def _clean(text: str) -> str:
    s = text.strip().lower()
    for ch in (" ", "\xa0", "\u202f", "_", "'"):
        s = s.replace(ch, "")
    return s.replace("\u2212", "-").replace("\u2013", "-")


def _number(body: str, *, has_suffix: bool, grouping: bool = True) -> Decimal | None:
    """Digits with '.' and ',' in either role, as Indonesians and English speakers write them.
    Without ``grouping`` (a percentage, never in the thousands) one separator is a decimal point."""
    if not _NUMBER.match(body) or not body[-1].isdigit():
        return None
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        dec = "." if body.rfind(".") > body.rfind(",") else ","
        thousands = "," if dec == "." else "."
        whole, _, frac = body.rpartition(dec)
        if body.count(dec) != 1 or not _GROUPS.match(whole):
            return None
        normal = whole.replace(thousands, "") + "." + frac
    elif dots + commas == 0:
        normal = body
    elif dots > 1 or commas > 1:
        if not _GROUPS.match(body):
            return None
        normal = body.replace(".", "").replace(",", "")
    else:
        sep = "." if dots else ","
        whole, _, frac = body.partition(sep)
        if grouping and len(frac) == 3 and not has_suffix and whole != "0":
            normal = whole + frac  # 1.500 / 1,500: a thousands separator
        else:
            normal = whole + "." + frac  # 1,5 jt / 6.5 / 0.605: a decimal point
    try:
        return Decimal(normal)
    except InvalidOperation:
        return None


def _decimal(
    text: str, *, what: str, example: str, allow_suffix: bool = True, grouping: bool = True
) -> Decimal:
    s = _clean(text)
    if not s:
        raise AmountError(_("{what}: nothing was typed"), example, what=what)
    if s.startswith(("-", "(")) or re.match(r"^[^\d]*-", s):
        raise AmountError(_("{what} cannot be negative"), example, what=what)
    s = s.removeprefix("+")
    m = _PREFIX.match(s)
    if m:
        s = s[m.end() :]
    s = _SUFFIX_CURRENCY.sub("", s)
    mult = Decimal(1)
    sm = _SUFFIX.search(s) if allow_suffix else None
    if sm:
        mult = _MULTIPLIERS[sm.group(1)]
        s = s[: sm.start()]
    value = _number(s, has_suffix=sm is not None, grouping=grouping)
    if value is None:
        raise AmountError(
            _('{what}: "{text}" is not a number this tool understands'),
            example,
            what=what,
            text=text.strip(),
        )
    return value * mult


def parse_amount(text: str, *, what: str = _("the amount")) -> Decimal:
    """A sum of money, zero or more. ``'1,5 jt'`` -> ``Decimal('1500000.0')``."""
    return check_amount(_decimal(text, what=what, example=AMOUNT_EXAMPLE), text, what=what)


def check_amount(value: Decimal, text: str, *, what: str = _("the amount")) -> Decimal:
    """``value`` if it is a believable sum of money (``text`` is how it was written)."""
    if value < 0:
        raise AmountError(_("{what} cannot be negative"), AMOUNT_EXAMPLE, what=what)
    if value > MAX_AMOUNT:
        raise AmountError(
            _('{what}: "{text}" is far too large; check the number of zeros'),
            AMOUNT_EXAMPLE,
            what=what,
            text=text.strip(),
        )
    return value


def parse_percent(text: str, *, what: str = _("the yearly interest")) -> Decimal:
    """A yearly interest rate in percent, 0 to 500: ``'6,5%'`` -> ``Decimal('6.5')``."""
    s = _clean(text)
    for unit in ("%", "persen", "percent", "%/tahun", "%/year"):
        s = s.removesuffix(unit)
    value = _decimal(
        s or text, what=what, example=PERCENT_EXAMPLE, allow_suffix=False, grouping=False
    )
    return check_percent(value, text, what=what)


def check_percent(value: Decimal, text: str, *, what: str = _("the yearly interest")) -> Decimal:
    """``value`` if it is a believable yearly interest in percent, 0 to 500."""
    if value < 0:
        raise AmountError(_("{what} cannot be negative"), PERCENT_EXAMPLE, what=what)
    if value > MAX_INTEREST:
        raise AmountError(
            _(
                "{what}: {text} % a year is not a believable rate (at most {limit} %); type the "
                "rate for a whole year, and for a monthly rate multiply by 12"
            ),
            PERCENT_EXAMPLE,
            what=what,
            text=text.strip().rstrip("%").strip(),
            limit=int(MAX_INTEREST),
        )
    return value


_YEARS = ("tahun", "thn", "th", "years", "year", "yrs", "yr")
_MONTHS = ("bulan", "bln", "months", "month", "mo")


def parse_months(text: str, *, what: str = _("the term")) -> int:
    """A whole number of months, 1 to 360; ``'2 tahun'`` / ``'2 years'`` -> 24."""
    s = _clean(text)
    factor = 1
    unit = re.search("(" + "|".join(_YEARS + _MONTHS) + ")$", s)
    if unit:
        factor = 12 if unit.group(1) in _YEARS else 1
        s = s[: unit.start()]
    if not s:
        raise AmountError(_("{what}: nothing was typed"), MONTHS_EXAMPLE, what=what)
    if s.startswith("-"):
        raise AmountError(_("{what} cannot be negative"), MONTHS_EXAMPLE, what=what)
    if not s.isdigit():
        raise AmountError(
            _('{what}: "{text}" is not a whole number of months'),
            MONTHS_EXAMPLE,
            what=what,
            text=text.strip(),
        )
    months = int(s) * factor
    if months < 1:
        raise AmountError(_("{what} must be at least 1 month"), MONTHS_EXAMPLE, what=what)
    if months > MAX_MONTHS:
        raise AmountError(
            _("{what}: {months} months is more than {limit} (30 years)"),
            MONTHS_EXAMPLE,
            what=what,
            months=months,
            limit=MAX_MONTHS,
        )
    return months


def parse_rate(text: str, *, what: str = _("the exchange rate")) -> Decimal:
    """Rupiah for one unit of the wage currency, more than 0 and at most 100,000."""
    value = _decimal(text, what=what, example=RATE_EXAMPLE, allow_suffix=False)
    return check_rate(value, text, what=what)


def check_rate(value: Decimal, text: str, *, what: str = _("the exchange rate")) -> Decimal:
    """``value`` if it is a believable exchange rate: more than 0, at most 100,000."""
    if value <= 0:
        raise AmountError(_("{what} must be more than 0"), RATE_EXAMPLE, what=what)
    if value > MAX_RATE:
        raise AmountError(
            _(
                "{what}: {text} rupiah for one unit is not believable (at most {limit}); type "
                "how many rupiah one unit of the wage currency buys"
            ),
            RATE_EXAMPLE,
            what=what,
            text=text.strip(),
            limit=int(MAX_RATE),
        )
    return value


_CANONICAL = re.compile(r"\d{1,40}(?:\.\d{1,40})?")


def canonical(value: Decimal) -> str:
    """The one form a number is stored in: digits, a '.' before any decimals, no grouping, no
    exponent, no trailing zeros (``Decimal('2250000.000')`` -> ``'2250000'``). `stored` reads it
    back exactly; `parse_amount` is for what people type, where ``2.250`` is two thousand."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def stored(value: object) -> Decimal | None:
    """A number as the store keeps it, read with `Decimal`: the `canonical` form (which earlier
    versions wrote too, with trailing zeros: ``'2250000.000'`` is 2,250,000), or a JSON integer.
    None when ``value`` is in neither form (a value written by hand such as ``'30jt'``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value) if abs(value) < 10**40 else None
    if isinstance(value, str) and _CANONICAL.fullmatch(value):
        return Decimal(value)
    return None


def rupiah(value: Decimal) -> Decimal:
    """Whole rupiah, half up."""
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


# Currency signs as people write them before an amount, and the code each one means. A sign that
# several currencies share ($, ¥) names no currency: the person is asked for the code.
_SIGNS = {
    "rp": "IDR",
    "rp.": "IDR",
    "nt$": "TWD",
    "hk$": "HKD",
    "s$": "SGD",
    "us$": "USD",
    "rm": "MYR",
    "₩": "KRW",
    "€": "EUR",
    "£": "GBP",
}
_SIGN_PREFIX = re.compile(r"^(rp\.?|nt\$|hk\$|s\$|us\$|rm|[a-z]{0,3}[$¥₩€£])(?=[\d.,])")
_CODE_PREFIX = re.compile(r"^([a-z]{3})(?=\d)")
_CODE_SUFFIX = re.compile(r"^(.*\d)([a-z]{3})$")
_RUPIAH_WORD = re.compile(r"(juta|jt|ribu|rb|miliar|milyar|rupiah|idr)$|^(rp|idr)")
CURRENCY_EXAMPLE = _("17000 TWD or 1,5 jt")


def parse_money(text: str, *, what: str = _("the amount")) -> tuple[Decimal, str | None]:
    """A sum of money and its currency, as people type them: ``'17000 TWD'``, ``'TWD 17,000'``,
    ``'NT$17000'`` and ``'RM 1800'`` are in that currency; ``'1,5 jt'``, ``'500rb'`` and
    ``'Rp 350.000'`` are rupiah (``'IDR'``); a bare number names no currency (``None``: the
    caller decides, rupiah for a cost). A sign that names no one currency (``'$500'``) is refused
    with a request for the three-letter code; an exchange rate is never assumed."""
    s = _clean(text)
    code: str | None = None
    if _RUPIAH_WORD.search(s):
        code = "IDR"
    sign = _SIGN_PREFIX.match(s)
    prefix = _CODE_PREFIX.match(s)
    suffix = _CODE_SUFFIX.match(s)
    if sign is not None:
        found = _SIGNS.get(sign.group(1))
        if found is None:
            raise AmountError(
                _('{what}: "{text}" does not say which currency; type its three-letter code'),
                CURRENCY_EXAMPLE,
                what=what,
                text=text.strip(),
            )
        code, s = found, s[sign.end() :]
    elif prefix is not None:
        code, s = prefix.group(1).upper(), s[prefix.end() :]
    elif suffix is not None and suffix.group(2) not in ("bln", "thn"):
        code, s = suffix.group(2).upper(), suffix.group(1)
    return parse_amount(s, what=what), code
