"""What a person types during the assessment, parsed per language: answer keys, command keys,
profile values (choices, yes/no, ages and dates of birth, numbers) and free text.

Pure, and shared: the assessment (`flow.py`) and answers files (`answers_file.py`) use the same
rules, so the scripted tests exercise what a person at a keyboard gets.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import StrEnum
from typing import Literal

from pmi_ready.core import AnswerValue, FieldType, ProfileField, has_replacement, normalize_name

ANSWER_KEYS: dict[str, dict[AnswerValue, tuple[str, ...]]] = {
    "id": {
        AnswerValue.YES: ("y", "ya"),
        AnswerValue.NO: ("t", "tidak"),
        AnswerValue.UNSURE: ("?",),
        AnswerValue.NA: ("tb", "na"),
    },
    "en": {
        AnswerValue.YES: ("y", "yes"),
        AnswerValue.NO: ("n", "no"),
        AnswerValue.UNSURE: ("?",),
        AnswerValue.NA: ("na",),
    },
}


class Command(StrEnum):
    BACK = "b"
    SKIP = "s"
    INFO = "i"
    NOTE = "c"
    LANG = "l"
    QUIT = "q"
    REVIEW = "r"


Problem = Literal[
    "key",  # not an answer or command key
    "choice",  # not one of the numbered choices
    "age",  # not a number of years or a date
    "future",  # a date of birth in the future
    "range",  # a number outside min..max
    "required",  # this question cannot be skipped or left empty
    "na",  # "does not apply" is not accepted for this item
    "first",  # `b` on the first question
    "jump",  # a review entry that does not exist
    "unanswered",  # finishing with unanswered items: Enter again to confirm
    "encoding",  # typed bytes that are not UTF-8 (read as U+FFFD): a name is asked again
]


def parse_answer(text: str, lang: str) -> AnswerValue | None:
    low = text.strip().lower()
    for value, keys in ANSWER_KEYS["en" if lang == "en" else "id"].items():
        if low in keys:
            return value
    return None


def parse_command(text: str) -> Command | None:
    low = text.strip().lower()
    try:
        return Command(low)
    except ValueError:
        return None


_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")  # YYYY-MM-DD
_DMY_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")  # DD-MM-YYYY, as people write
_YEARS = re.compile(
    r"^(\d{1,3})(?:[.,]\d+)?\s*(?:tahun|thn|th|tah|years?|yrs?|y)?\.?$", re.IGNORECASE
)  # "24", "24 tahun", "24 thn", "24 years", "24,5"


def years_between(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def parse_age(text: str, today: dt.date) -> tuple[int | None, Problem | None]:
    """An age as people write it: whole years ("24", "24 tahun", "24 years") or a date of birth,
    ``DD-MM-YYYY`` or ``YYYY-MM-DD`` (also with ``/`` or ``.``), turned into whole years on
    ``today``. Stored the same way whichever was typed: the number of years."""
    raw = " ".join(text.split())
    years = _YEARS.match(raw)
    if years:
        return int(years.group(1)), None
    iso = _ISO_DATE.match(raw)
    dmy = _DMY_DATE.match(raw)
    if iso is not None:
        year, month, day = iso.group(1), iso.group(2), iso.group(3)
    elif dmy is not None:
        year, month, day = dmy.group(3), dmy.group(2), dmy.group(1)
    else:
        return None, "age"
    try:
        born = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None, "age"
    if born > today:
        return None, "future"
    return years_between(born, today), None


def parse_profile_value(
    f: ProfileField, text: str, lang: str, today: dt.date
) -> tuple[str | None, Problem | None]:
    """The stored value for what was typed, or a problem. ``(None, None)`` = left empty."""
    raw = text.strip()
    if raw == "":
        return (None, "required") if f.required else (None, None)
    if f.type is FieldType.CHOICE:
        if raw.isdigit() and 1 <= int(raw) <= len(f.choices):
            return f.choices[int(raw) - 1].value, None
        chosen = f.resolve(raw)  # its value, a label or an alias ("Burma"), any case or accent
        return (chosen.value, None) if chosen is not None else (None, "choice")
    if f.type is FieldType.YES_NO:
        ans = parse_answer(raw, lang)
        if ans in (AnswerValue.YES, AnswerValue.NO):
            return ans.value, None
        return None, "key"
    if f.type is FieldType.AGE:
        age, problem = parse_age(raw, today)
        if problem is not None:
            return None, problem
        assert age is not None
        if (f.min is not None and age < f.min) or (f.max is not None and age > f.max):
            return None, "range"
        return str(age), None
    if f.type is FieldType.NUMBER:
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            return None, "range"
        if not math.isfinite(number):  # "nan", "inf": numbers to Python, not to people
            return None, "range"
        if (f.min is not None and number < f.min) or (f.max is not None and number > f.max):
            return None, "range"
        return (str(int(number)) if number == int(number) else str(number)), None
    if has_replacement(raw):
        return None, "encoding"
    name = normalize_name(clean_text(raw))
    if not name:
        return (None, "required") if f.required else (None, None)
    return name, None


MAX_TEXT = 500  # characters kept of a typed name or note


def clean_text(text: str) -> str:
    """Typed free text as it is stored: control characters removed (format characters such as
    the joiners inside emoji and right-to-left marks stay), NFC, at most MAX_TEXT characters."""
    import unicodedata

    spaced = re.sub(r"[\t\n\r\v\f]", " ", text)
    kept = "".join(ch for ch in spaced if unicodedata.category(ch) != "Cc")
    return unicodedata.normalize("NFC", " ".join(kept.split()))[:MAX_TEXT]
