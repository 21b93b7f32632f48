"""The XLSForm being built: its rows (`Form`), the fields a submission holds (`FormField`), XML
names unique across the form, and the names of its fixed questions and choice lists."""

from __future__ import annotations

import re

from pmi_ready.core import Lang, Text, frozen
from pmi_ready.export.selection import Sheet

LANG_NAMES: dict[Lang, str] = {"id": "Bahasa Indonesia (id)", "en": "English (en)"}
ANSWERS = "yes_no_unsure"
ANSWERS_NA = "yes_no_unsure_na"
YES_NO = "yes_no"
CRITICAL_NOT_READY = "critical_not_ready"
WARNING_SIGNS = "warning_signs"
CONSENT = "consent"
CONSENT_REFUSED = "consent_refused"
AGE_YEARS = "age_years"
FORM_VERSION = "pmi_form_version"
CHECKLIST_VERSIONS = "pmi_checklists"
NAME_RE = re.compile(r"[^A-Za-z0-9_.-]")


@frozen
class FormField:
    """One field of the form as it appears in a submission: its group (``None`` at the top),
    its XML name, what it holds (``profile``, ``item``, ``consent``, ``version``,
    ``checklists`` or ``other``), the profile field or item id, and its labels."""

    group: str | None
    name: str
    kind: str
    ref: str
    label: Text | None = None
    group_label: Text | None = None


class Form:
    """The three sheets as lists of rows (column name -> cell text), and the fields."""

    def __init__(self) -> None:
        self.survey: list[dict[str, str]] = []
        self.choices: list[dict[str, str]] = []
        self.settings: list[dict[str, str]] = []
        self.fields: list[FormField] = []


class Names:
    """XML names for the form, unique across it (pyxform refers to questions by name)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        base = NAME_RE.sub("_", wanted)
        if not base or not (base[0].isalpha() or base[0] == "_"):
            base = f"_{base}"
        name, n = base, 2
        while name.lower() in self.used:
            name, n = f"{base}_{n}", n + 1
        self.used.add(name.lower())
        return name


class Draft:
    """A form on its way: the rows so far, the names taken, the XML name of each profile field
    (`fields`) and what conditions refer to (`refs`: an age in years, not as typed; an item's
    answer), the consent `gate` every group waits for, and the terms of the two counts."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.form = Form()
        self.names = Names()
        self.fields = {f.id: self.names.take(f.id) for f in sheet.catalog.profile.fields}
        self.refs = dict(self.fields)
        self.gate = ""
        self.critical: list[str] = []
        self.warnings: list[str] = []

    def labels(self, kind: str, text: Text) -> dict[str, str]:
        """``label::English (en)`` and so on: one column per language of the form."""
        return {f"{kind}::{LANG_NAMES[lang]}": text.get(lang) for lang in self.sheet.langs}

    def row(self, row: dict[str, str], field: FormField | None = None) -> None:
        self.form.survey.append(row)
        if field is not None:
            self.form.fields.append(field)
