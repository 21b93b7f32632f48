"""The checklists as an XLSForm (``.xlsx``) for ODK Collect and KoboToolbox.

Sheets ``survey``, ``choices`` and ``settings``. The profile questions come first, as one group;
then one group per checklist with a ``select_one`` per item (yes / no / not sure, and "does not
apply" where the item allows it). The `when` / `unless` conditions become ``relevant``
expressions on the profile answers, critical items are ``required``, and two ``calculate`` fields
count the critical items not ready and the warning signs answered the risky way.
Needs the optional ``openpyxl`` (``pip install "pmi-ready[xlsform]"``).
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable, Mapping

from pmi_ready.core import (
    AnswerValue,
    Checklist,
    Condition,
    FieldType,
    Item,
    Lang,
    Level,
    PmiReadyError,
    ProfileSpec,
    Range,
    Text,
)
from pmi_ready.export.selection import Sheet
from pmi_ready.export.words import fmt

LANG_NAMES: dict[Lang, str] = {"id": "Bahasa Indonesia (id)", "en": "English (en)"}
ANSWERS = "yes_no_unsure"
ANSWERS_NA = "yes_no_unsure_na"
YES_NO = "yes_no"
CRITICAL_NOT_READY = "critical_not_ready"
WARNING_SIGNS = "warning_signs"
_NAME_RE = re.compile(r"[^A-Za-z0-9_.-]")


def render(sheet: Sheet) -> bytes:
    """The XLSForm workbook as ``.xlsx`` bytes."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError:
        raise PmiReadyError(
            "writing an XLSForm needs the openpyxl library, which is not installed",
            hint='Install it with: pip install "pmi-ready[xlsform]"',
        ) from None
    form = build(sheet)
    wb = Workbook()
    first = True
    for title, rows in (
        ("survey", form.survey),
        ("choices", form.choices),
        ("settings", form.settings),
    ):
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title
        header = list(rows[0].keys()) if rows else []
        for row in rows[1:]:
            header += [k for k in row if k not in header]
        ws.append(header)
        for row in rows:
            ws.append([row.get(k, "") for k in header])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for col, key in zip(ws.columns, header, strict=True):
            longest = max(len(str(c.value or "")) for c in col)
            ws.column_dimensions[col[0].column_letter].width = min(
                60, max(10, len(key) + 2, longest + 2)
            )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class Form:
    """The three sheets as lists of rows (column name -> cell text)."""

    def __init__(self) -> None:
        self.survey: list[dict[str, str]] = []
        self.choices: list[dict[str, str]] = []
        self.settings: list[dict[str, str]] = []


def build(sheet: Sheet) -> Form:
    """The sheets as plain rows: the testable heart of the XLSForm."""
    spec = sheet.catalog.profile
    w = sheet.words
    form = Form()
    names = _Names()
    fields = {f.id: names.take(f.id) for f in spec.fields}

    def labels(kind: str, text: Text) -> dict[str, str]:
        return {f"{kind}::{LANG_NAMES[lang]}": text.get(lang) for lang in sheet.langs}

    form.survey.append(
        {"type": "begin_group", "name": names.take("profile"), **labels("label", spec.title)}
    )
    for f in spec.fields:
        row: dict[str, str] = {"name": fields[f.id], **labels("label", f.ask)}
        if f.help is not None:
            row.update(labels("hint", f.help))
        if f.type is FieldType.CHOICE:
            row["type"] = f"select_one {fields[f.id]}"
            for c in f.choices:
                form.choices.append(
                    {"list_name": fields[f.id], "name": c.value, **labels("label", c.label)}
                )
        elif f.type is FieldType.YES_NO:
            row["type"] = f"select_one {YES_NO}"
        elif f.type in (FieldType.AGE, FieldType.NUMBER):
            row["type"] = "integer" if f.type is FieldType.AGE else "decimal"
            bounds = [f". >= {f.min:g}"] if f.min is not None else []
            bounds += [f". <= {f.max:g}"] if f.max is not None else []
            if bounds:
                row["constraint"] = " and ".join(bounds)
                row.update(labels("constraint_message", _range_text(f.min, f.max, w.number_range)))
            if f.type is FieldType.AGE and f.help is None:
                row.update(labels("hint", w.age_in_years))
        else:
            row["type"] = "text"
        if f.required:
            row["required"] = "yes"
        form.survey.append(row)
    form.survey.append({"type": "end_group"})

    yes_no_unsure = (
        (AnswerValue.YES, w.yes),
        (AnswerValue.NO, w.no),
        (AnswerValue.UNSURE, w.unsure),
    )
    for list_name, answers in (
        (ANSWERS, yes_no_unsure),
        (ANSWERS_NA, (*yes_no_unsure, (AnswerValue.NA, w.na))),
        (YES_NO, yes_no_unsure[:2]),
    ):
        for value, text in answers:
            form.choices.append(
                {"list_name": list_name, "name": value.value, **labels("label", text)}
            )

    critical: list[str] = []
    warnings: list[str] = []
    for section in sheet.sections:
        chk = section.checklist
        group_rel = relevant(chk.when, chk.unless, spec, fields)
        group = {"type": "begin_group", "name": names.take(chk.id), **labels("label", chk.title)}
        if group_rel:
            group["relevant"] = group_rel
        form.survey.append(group)
        if chk.intro is not None:
            form.survey.append(
                {
                    "type": "note",
                    "name": names.take(f"{chk.id}_intro"),
                    **labels("label", chk.intro),
                }
            )
        for entry in section.entries:
            it = entry.item
            name = names.take(it.id)
            row = {
                "type": f"select_one {ANSWERS_NA if it.allow_na else ANSWERS}",
                "name": name,
                **labels("label", it.ask),
                **labels("hint", it.why),
            }
            item_rel = relevant(it.when, it.unless, spec, fields)
            if item_rel:
                row["relevant"] = item_rel
            if it.level is Level.CRITICAL:
                row["required"] = "yes"
                critical.append(_not_ready(it, name, _and(group_rel, item_rel)))
            if it.red_flag:
                warnings.append(f"if(${{{name}}} = 'yes' or ${{{name}}} = 'unsure', 1, 0)")
            form.survey.append(row)
        form.survey.append({"type": "end_group"})

    form.survey.append(
        {
            "type": "calculate",
            "name": names.take(CRITICAL_NOT_READY),
            "calculation": " + ".join(critical) or "0",
        }
    )
    form.survey.append(
        {
            "type": "calculate",
            "name": names.take(WARNING_SIGNS),
            "calculation": " + ".join(warnings) or "0",
        }
    )
    summary = Text(
        fmt(w.xls_critical_not_ready, n=f"${{{CRITICAL_NOT_READY}}}").id
        + "\n"
        + fmt(w.xls_warning_signs, n=f"${{{WARNING_SIGNS}}}").id,
        fmt(w.xls_critical_not_ready, n=f"${{{CRITICAL_NOT_READY}}}").en
        + "\n"
        + fmt(w.xls_warning_signs, n=f"${{{WARNING_SIGNS}}}").en,
    )
    form.survey.append({"type": "note", "name": names.take("summary"), **labels("label", summary)})
    form.settings.append(
        {
            "form_title": sheet.join(w.xls_form_title, " / "),
            "form_id": form_id(sheet),
            "version": version(sheet),
            "default_language": LANG_NAMES[sheet.langs[0]],
        }
    )
    return form


def relevant(
    when: Condition | None,
    unless: Condition | None,
    spec: ProfileSpec,
    fields: Mapping[str, str],
) -> str:
    """An XPath ``relevant`` expression for a `when` and an `unless` condition ("" for none).

    A condition is an AND of its fields and an OR of each field's values (or a numeric range).
    An ``unless`` hides the question when every field it names is answered and matches, and
    while one of them is still empty (as the walk does: a condition whose fields are unanswered
    does not apply yet).
    """
    parts: list[str] = []
    if when is not None:
        parts.append(_condition(when, spec, fields))
    if unless is not None:
        answered = [f"string-length(${{{fields[f]}}}) > 0" for f in unless.fields()]
        parts.append(" and ".join(answered) + f" and not({_condition(unless, spec, fields)})")
    return _and(*parts)


def _condition(cond: Condition, spec: ProfileSpec, fields: Mapping[str, str]) -> str:
    terms: list[str] = []
    for field_id, accepted in cond.terms:
        ref = f"${{{fields[field_id]}}}"
        if isinstance(accepted, Range):
            bits = [f"{ref} >= {accepted.min:g}"] if accepted.min is not None else []
            bits += [f"{ref} <= {accepted.max:g}"] if accepted.max is not None else []
            terms.append(" and ".join(bits) if len(bits) == 1 else f"({' and '.join(bits)})")
            continue
        f = spec.field(field_id)
        order = {c.value: i for i, c in enumerate(f.choices)} if f else {}
        values = sorted(accepted, key=lambda v: (order.get(v, 999), v))
        if f is not None and f.type is FieldType.YES_NO:
            values = [_yes_no(v) for v in values]
        ors = [f"{ref} = {_quote(v)}" for v in values]
        terms.append(ors[0] if len(ors) == 1 else f"({' or '.join(ors)})")
    return " and ".join(terms)


def _yes_no(value: str) -> str:
    return "yes" if value.lower() in ("yes", "true", "y", "ya") else "no"


def _not_ready(item: Item, name: str, rel: str) -> str:
    ready = [item.ready_when.value] + (["na"] if item.allow_na else [])
    is_ready = " or ".join(f"${{{name}}} = '{v}'" for v in ready)
    cond = f"not({is_ready})"
    return f"if({rel} and {cond}, 1, 0)" if rel else f"if({cond}, 1, 0)"


def _and(*parts: str) -> str:
    kept = [p for p in parts if p]
    if len(kept) <= 1:
        return kept[0] if kept else ""
    return " and ".join(f"({p})" for p in kept)


def _quote(value: str) -> str:
    return f"'{value}'" if "'" not in value else f'"{value}"'


def _range_text(lo: float | None, hi: float | None, template: Text) -> Text:
    return fmt(template, min="" if lo is None else f"{lo:g}", max="" if hi is None else f"{hi:g}")


class _Names:
    """XML names for the form, unique across it (pyxform refers to questions by name)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        base = _NAME_RE.sub("_", wanted)
        if not base or not (base[0].isalpha() or base[0] == "_"):
            base = f"_{base}"
        name, n = base, 2
        while name.lower() in self.used:
            name, n = f"{base}_{n}", n + 1
        self.used.add(name.lower())
        return name


def form_id(sheet: Sheet) -> str:
    bits = ["pmi_ready"] + [v for _, v in sorted(sheet.profile.items())]
    return _NAME_RE.sub("_", "_".join(bits)).lower()


def version(sheet: Sheet) -> str:
    """The latest reviewed date and a digest of the exported files: a new one for every change."""
    cats: Iterable[Checklist] = (s.checklist for s in sheet.sections)
    checklists = list(cats)
    latest = max([sheet.catalog.profile.reviewed, *(c.reviewed for c in checklists)])
    digest = hashlib.sha256()
    for part in [sheet.catalog.profile.sha256, *(c.sha256 for c in checklists)]:
        digest.update(part.encode())
    for s in sheet.sections:
        digest.update(" ".join(e.item.id for e in s.entries).encode())
    return f"{latest:%Y%m%d}-{digest.hexdigest()[:8]}"
