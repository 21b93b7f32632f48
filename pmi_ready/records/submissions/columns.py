"""Which question of pmi-ready's form each column of a submission file holds.

A column is named by the XML name (``age``), the group path (``profile/age`` in KoboToolbox,
``profile-age`` in ODK Central's CSV, ``profile/age`` after flattening OData, whose names are
sanitised: ``red_flags/cash_to_sponsor``), or, in a KoboToolbox export "with labels", by the
question's label in either language, perhaps after its group's label. The form is the one
pmi-ready exports today for every destination and job (`export.xlsform.build`), so an older
form's questions are found by their item ids, and a column that is none of them is reported.
Answers given as labels ("Ya", "Not sure") are turned back into values here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pmi_ready.core import AnswerValue, Catalog, FieldType, Text
from pmi_ready.export import FormField

ODK_TAIL = (
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
)
"""The columns after the fields in ODK Central's CSV (`streamBriefcaseCsvs`), in order."""
IGNORED_EXACT = frozenset(
    {
        *ODK_TAIL,
        "SubmissionDate",
        "PARENT_KEY",
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "instanceID",
        "instanceName",
    }
)
"""The metadata KoboToolbox and ODK Central add to every export (not questions)."""
IGNORED_PREFIXES = ("_", "meta/", "meta-", "formhub/", "__system/")

_ODATA_START = re.compile(r"^([^a-z_])", re.IGNORECASE)
_ODATA_REST = re.compile(r"([^a-z0-9_]+)", re.IGNORECASE)
_SEPARATORS = " /-:._|\\>"


def odata_name(name: str) -> str:
    """ODK Central's `sanitizeOdataIdentifier`: ``red-flags`` -> ``red_flags``."""
    return _ODATA_REST.sub("_", _ODATA_START.sub(r"_\1", name))


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Columns:
    """The form's fields by every name a column can have, and the answers' labels."""

    by_name: dict[str, FormField] = field(default_factory=dict)
    by_label: dict[str, list[FormField]] = field(default_factory=dict)
    group_labels: list[str] = field(default_factory=list)
    answer_words: dict[str, str] = field(default_factory=dict)
    multi_keys: list[str] = field(default_factory=list)
    """The names and labels of our select_multiple questions (their choices' columns follow)."""
    choice_words: dict[str, dict[str, str]] = field(default_factory=dict)
    """Funds questions with choices (lender, paid_to, yes/no): label -> value."""

    def resolve(self, column: str) -> FormField | str | None:
        """The field a column holds, ``None`` for metadata and pmi-ready's own counters, or the
        reason the column is not understood (``"unknown"`` or ``"ambiguous"``)."""
        name = column.strip()
        hit = self.by_name.get(name)
        if hit is not None:
            return hit
        if name in IGNORED_EXACT or name.startswith(IGNORED_PREFIXES):
            return None
        label = _key(name)
        found = self.by_label.get(label)
        if found is None:
            for group in self.group_labels:
                if label.startswith(group) and len(label) > len(group):
                    rest = label[len(group) :].lstrip(_SEPARATORS)
                    named = self.by_name.get(name[-len(rest) :]) if rest else None
                    if named is not None:  # a calculate or note: its name after the group
                        return named
                    inner = self.by_label.get(rest)
                    if inner is not None:
                        found = [f for f in inner if f.group_label and _in(group, f.group_label)]
                        found = found or inner
                        break
        if not found:
            for key in self.multi_keys:  # a select_multiple's column for one choice
                at = label.find(key)
                rest = label[at + len(key) :] if at >= 0 else ""
                if rest and rest[0] in _SEPARATORS:
                    return None
            return "unknown"
        if len(found) > 1:
            return "ambiguous"
        return found[0]

    def funds_value(self, key: str, text: str) -> str:
        """A funds answer as the answers file takes it: a choice's label becomes its value."""
        return self.choice_words.get(key, {}).get(_key(text), text.strip())

    def answer(self, text: str) -> str:
        """An item's answer as pmi-ready reads it: a label ("Tidak yakin") becomes its value."""
        return self.answer_words.get(_key(text), text.strip())


def _in(group_key: str, label: Text) -> bool:
    return group_key in (_key(label.id), _key(label.en))


def columns_for(catalog: Catalog) -> Columns:
    """Every name and label of the form pmi-ready exports for ``catalog`` (all destinations
    and jobs, both languages)."""
    from pmi_ready.export import select, xlsform_fields

    sheet = select(catalog, langs=("id", "en"))
    form = xlsform_fields(sheet)
    cols = Columns()
    groups: set[str] = set()
    for f in form.fields:
        names = [f.name, odata_name(f.name)]
        if f.group is not None:
            names += [
                f"{f.group}/{f.name}",
                f"{f.group}-{f.name}",
                f"{odata_name(f.group)}/{odata_name(f.name)}",
            ]
        for n in names:
            cols.by_name.setdefault(n, f)
        if f.kind == "funds" and f.ref == "costs":
            cols.multi_keys += [_key(n) for n in names]
            if f.label is not None:
                cols.multi_keys += [_key(f.label.id), _key(f.label.en)]
        if f.label is not None and f.kind in ("profile", "item", "consent", "funds"):
            for text in {_key(f.label.id), _key(f.label.en)}:
                cols.by_label.setdefault(text, []).append(f)
        if f.group_label is not None:
            groups.update({_key(f.group_label.id), _key(f.group_label.en)})
    cols.group_labels = sorted(groups, key=len, reverse=True)
    lists: dict[str, dict[str, str]] = {}
    for c in form.choices:
        words = lists.setdefault(c["list_name"], {})
        for k, v in c.items():
            if k.startswith("label::"):
                words[_key(v)] = c["name"]
    for row in form.survey:
        kind = row.get("type", "")
        if kind.startswith("select_one ") and row.get("name", "").startswith("funds_"):
            key = row["name"].removeprefix("funds_")
            cols.choice_words[key] = lists.get(kind.split(" ", 1)[1], {})
    w = sheet.words
    for value, word in (
        (AnswerValue.YES, w.yes),
        (AnswerValue.NO, w.no),
        (AnswerValue.UNSURE, w.unsure),
        (AnswerValue.NA, w.na),
    ):
        for label in (word.id, word.en):
            cols.answer_words[_key(label)] = value.value
    # Forms exported before the answer words were made one (0.x) said "Tidak tahu".
    cols.answer_words.setdefault(_key("Tidak tahu"), "unsure")
    return cols


def profile_value(catalog: Catalog, field_id: str, text: str, cols: Columns) -> str:
    """A profile value as the answers file takes it: the yes/no of consent from its label."""
    f = catalog.profile.field(field_id)
    if f is not None and f.type is FieldType.YES_NO:
        return cols.answer(text)
    return text.strip()
