"""The checklists as an XLSForm (``.xlsx``) for ODK Collect and KoboToolbox.

Sheets ``survey``, ``choices`` and ``settings``. The consent question comes first: it is required,
says where the answers go, and when it is refused nothing else is asked (every group is
``relevant`` only after a Yes). Then the profile questions, as one group (the age as years or a
date of birth), then one group per checklist with a ``select_one`` per item (yes / no / not sure,
and "does not apply" where the item allows it). The `when` / `unless` conditions become
``relevant`` expressions on the profile answers, critical items are ``required``, and two
``calculate`` fields count the critical items not ready and the warning signs answered the risky
way. Two more ``calculate`` fields record the form's version and the checklist versions in every
submission, so that ``records import`` knows what was answered; ``instance_name`` names a
submission by destination, job and date (never by name). `Form.fields` lists every question with
its group, for the import.
Needs the optional ``openpyxl`` (``pip install "pmi-ready[xlsform]"``).
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterable

from pmi_ready.core import (
    N_,
    OTHER,
    AnswerValue,
    Checklist,
    FieldType,
    Item,
    Lang,
    Level,
    PmiReadyError,
    Text,
    frozen,
)
from pmi_ready.export.selection import Sheet
from pmi_ready.export.words import fmt
from pmi_ready.export.xlsform_funds import funds_part
from pmi_ready.export.xpath import (
    age_constraint,
    age_years,
    and_,
    answer_relevant,
    derived,
    not_ready,
    quote,
    relevant,
)

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
_NAME_RE = re.compile(r"[^A-Za-z0-9_.-]")


def render(sheet: Sheet) -> bytes:
    """The XLSForm workbook as ``.xlsx`` bytes."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError:
        from pmi_ready.core import install_hint

        raise PmiReadyError(
            N_("writing an XLSForm needs the openpyxl library, which is not installed"),
            hint=install_hint("xlsform"),
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
            ws.append([_checked(row.get(k, ""), title, k) for k in header])
        for line in ws.iter_rows(min_row=2):
            for cell in line:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # a label "=…" stays text, never a formula
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


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""What a workbook cannot hold (openpyxl refuses it)."""


def _checked(value: object, sheet: str, column: str) -> object:
    """A cell's value, or one clear message when its text holds a control character."""
    if isinstance(value, str):
        bad = _CONTROL.search(value)
        if bad is not None:
            from pmi_ready.core import for_terminal

            raise PmiReadyError(
                N_(
                    "the checklist text '{text}' (sheet {sheet}, column {column}) holds a "
                    "control character (U+{code}), which a workbook cannot hold"
                ),
                hint=N_("Remove it from the checklist file and export again."),
                text=for_terminal(value[:60]),
                sheet=sheet,
                column=column,
                code=f"{ord(bad.group()):04X}",
            )
    return value


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


def build(sheet: Sheet) -> Form:
    """The sheets as plain rows: the testable heart of the XLSForm."""
    spec = sheet.catalog.profile
    w = sheet.words
    form = Form()
    names = _Names()
    fields = {f.id: names.take(f.id) for f in spec.fields}
    refs = dict(fields)  # what conditions refer to: the age in years, not as typed

    def labels(kind: str, text: Text) -> dict[str, str]:
        return {f"{kind}::{LANG_NAMES[lang]}": text.get(lang) for lang in sheet.langs}

    gate = ""
    consent = spec.field(CONSENT)
    if consent is not None:
        name = fields[CONSENT]
        form.survey.append(
            {
                "type": f"select_one {YES_NO}",
                "name": name,
                **labels("label", w.xls_consent),
                "required": "yes",
            }
        )
        form.fields.append(FormField(None, name, "consent", CONSENT, w.xls_consent))
        form.survey.append(
            {
                "type": "note",
                "name": names.take(CONSENT_REFUSED),
                **labels("label", w.xls_consent_refused),
                "relevant": f"${{{name}}} = 'no'",
            }
        )
        gate = f"${{{name}}} = 'yes'"

    group_name = names.take("profile")
    profile_group = {"type": "begin_group", "name": group_name, **labels("label", spec.title)}
    if gate:
        profile_group["relevant"] = gate
    form.survey.append(profile_group)
    for f in spec.fields:
        if f.id == CONSENT and consent is not None:
            continue
        row: dict[str, str] = {"name": fields[f.id], **labels("label", f.ask)}
        form.fields.append(FormField(group_name, fields[f.id], "profile", f.id, f.ask, spec.title))
        if f.help is not None:
            row.update(labels("hint", f.help))
        age_row: dict[str, str] | None = None
        if f.type is FieldType.CHOICE:
            row["type"] = f"select_one {fields[f.id]}"
            for c in f.choices:
                form.choices.append(
                    {"list_name": fields[f.id], "name": c.value, **labels("label", c.label)}
                )
        elif f.type is FieldType.YES_NO:
            row["type"] = f"select_one {YES_NO}"
        elif f.type is FieldType.AGE:
            row["type"] = "text"
            row["constraint"] = age_constraint(f.min, f.max)
            row.update(labels("constraint_message", w.xls_age_or_birth))
            if f.help is None:
                row.update(labels("hint", w.xls_age_or_birth))
            refs[f.id] = names.take(AGE_YEARS)
            age_row = {
                "type": "calculate",
                "name": refs[f.id],
                "calculation": age_years(fields[f.id]),
            }
            form.fields.append(FormField(group_name, refs[f.id], "other", f.id))
        elif f.type is FieldType.NUMBER:
            row["type"] = "decimal"
            bounds = [f". >= {f.min:g}"] if f.min is not None else []
            bounds += [f". <= {f.max:g}"] if f.max is not None else []
            if bounds:
                row["constraint"] = " and ".join(bounds)
                row.update(labels("constraint_message", _range_text(f.min, f.max, w.number_range)))
        else:
            row["type"] = "text"
        if f.required:
            row["required"] = "yes"
        form.survey.append(row)
        if age_row is not None:
            form.survey.append(age_row)
        follow = f.follow_up()
        if follow is not None:  # "another country": which one, typed
            other = names.take(follow.id)
            form.survey.append(
                {
                    "type": "text",
                    "name": other,
                    **labels("label", follow.ask),
                    "relevant": f"${{{fields[f.id]}}} = {quote(OTHER)}",
                    "required": "yes",
                }
            )
            form.fields.append(
                FormField(group_name, other, "profile", follow.id, follow.ask, spec.title)
            )
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
        group_rel = relevant(chk.when, chk.unless, spec, refs)
        name = names.take(chk.id)
        group = {"type": "begin_group", "name": name, **labels("label", chk.title)}
        if and_(gate, group_rel):
            group["relevant"] = and_(gate, group_rel)
        form.survey.append(group)
        if chk.intro is not None:
            intro = names.take(f"{chk.id}_intro")
            form.survey.append({"type": "note", "name": intro, **labels("label", chk.intro)})
            form.fields.append(FormField(name, intro, "other", chk.id))
        for entry in section.entries:
            it = entry.item
            item_name = names.take(it.id)
            if it.from_profile is not None:  # never asked: worked out from the profile
                refs[it.id] = item_name
                item_rel = relevant(it.when, it.unless, spec, refs)
                bad = AnswerValue.NO if it.ready_when is AnswerValue.YES else AnswerValue.YES
                is_bad = f"${{{item_name}}} = {quote(bad.value)}"
                form.survey += _derived_rows(
                    it,
                    item_name,
                    derived(it.from_profile, spec, refs),
                    item_rel,
                    is_bad,
                    labels,
                    names.take,
                )
                form.fields.append(FormField(name, item_name, "other", it.id))
                counted = f"if({and_(gate, group_rel, item_rel, is_bad)}, 1, 0)"
                if it.level is Level.CRITICAL:
                    critical.append(counted)
                if it.red_flag:
                    warnings.append(counted)
                continue
            row = {
                "type": f"select_one {ANSWERS_NA if it.allow_na else ANSWERS}",
                "name": item_name,
                **labels("label", it.ask),
                **labels("hint", it.why),
            }
            form.fields.append(FormField(name, item_name, "item", it.id, it.ask, chk.title))
            refs[it.id] = item_name  # later conditions may name this item's answer
            item_rel = and_(
                relevant(it.when, it.unless, spec, refs), answer_relevant(it.if_answer, refs)
            )
            if item_rel:
                row["relevant"] = item_rel
            if it.level is Level.CRITICAL:
                row["required"] = "yes"
                critical.append(not_ready(it, item_name, and_(gate, group_rel, item_rel)))
            if it.red_flag:
                warnings.append(
                    f"if(${{{item_name}}} = 'yes' or ${{{item_name}}} = 'unsure', 1, 0)"
                )
            form.survey.append(row)
        form.survey.append({"type": "end_group"})

    funds_rows, funds_choices, funds_fields = funds_part(
        sheet, names.take, labels, gate, fields.get("funding")
    )
    form.survey += funds_rows
    form.choices += funds_choices
    form.fields += funds_fields
    for name, calculation in (
        (CRITICAL_NOT_READY, " + ".join(critical) or "0"),
        (WARNING_SIGNS, " + ".join(warnings) or "0"),
        (FORM_VERSION, quote(version(sheet))),
        (CHECKLIST_VERSIONS, quote(checklist_versions(sheet))),
    ):
        taken = names.take(name)
        form.survey.append({"type": "calculate", "name": taken, "calculation": calculation})
        kind = {FORM_VERSION: "version", CHECKLIST_VERSIONS: "checklists"}.get(name, "other")
        form.fields.append(FormField(None, taken, kind, name))
    summary = Text(
        fmt(w.xls_critical_not_ready, n=f"${{{CRITICAL_NOT_READY}}}").id
        + "\n"
        + fmt(w.xls_warning_signs, n=f"${{{WARNING_SIGNS}}}").id,
        fmt(w.xls_critical_not_ready, n=f"${{{CRITICAL_NOT_READY}}}").en
        + "\n"
        + fmt(w.xls_warning_signs, n=f"${{{WARNING_SIGNS}}}").en,
    )
    summary_row = {"type": "note", "name": names.take("summary"), **labels("label", summary)}
    if gate:
        summary_row["relevant"] = gate
    form.survey.append(summary_row)
    form.fields.append(FormField(None, summary_row["name"], "other", "summary"))
    settings = {
        "form_title": sheet.join(w.xls_form_title, " / ") + _set_name(sheet),
        "form_id": form_id(sheet),
        "version": version(sheet),
        "default_language": LANG_NAMES[sheet.langs[0]],
    }
    named = [f"${{{fields[f]}}}" for f in ("destination", "job") if f in fields]
    if named:
        settings["instance_name"] = "concat(" + ", ' ', ".join([*named, "today()"]) + ")"
    form.settings.append(settings)
    return form


def _derived_rows(
    it: Item,
    name: str,
    calculation: str,
    rel: str,
    is_bad: str,
    labels: Callable[[str, Text], dict[str, str]],
    take: Callable[[str], str],
) -> list[dict[str, str]]:
    """A rule from the profile: a ``calculate`` (the phone never asks it) and, for a warning
    sign, a note that says the danger as soon as the profile raises it."""
    row = {"type": "calculate", "name": name, "calculation": calculation}
    if rel:
        row["relevant"] = rel
    rows = [row]
    if it.red_flag:
        rows.append(
            {
                "type": "note",
                "name": take(f"{name}_note"),
                **labels("label", it.flag or it.ask),
                **labels("hint", it.why),
                "relevant": and_(rel, is_bad),
            }
        )
    return rows


def checklist_versions(sheet: Sheet) -> str:
    """``profile@2026.11#1a2b3c4d documents@2026.11#…``: each checklist's version and the start
    of its SHA-256, as recorded in every submission."""
    p = sheet.catalog.profile
    parts = [(p.id, p.version, p.sha256)]
    parts += [(s.checklist.id, s.checklist.version, s.checklist.sha256) for s in sheet.sections]
    return " ".join(f"{cid}@{v}#{sha[:8]}" for cid, v, sha in parts)


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


def _set_name(sheet: Sheet) -> str:
    """The checklist set in the form's title when it is not the built-in one."""
    origin = sheet.catalog.origin
    return f" ({origin.name} {origin.fingerprint})" if origin is not None and origin.name else ""
