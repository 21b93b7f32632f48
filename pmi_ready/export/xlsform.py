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
from collections.abc import Iterable

from pmi_ready.core import N_, Checklist, PmiReadyError, Text
from pmi_ready.export.selection import Sheet
from pmi_ready.export.words import fmt
from pmi_ready.export.xlsform_form import (
    CHECKLIST_VERSIONS,
    CRITICAL_NOT_READY,
    FORM_VERSION,
    LANG_NAMES,
    NAME_RE,
    WARNING_SIGNS,
    Draft,
    Form,
    FormField,
)
from pmi_ready.export.xlsform_funds import funds_part
from pmi_ready.export.xlsform_questions import (
    answer_choices,
    checklist_group,
    consent,
    profile_group,
)
from pmi_ready.export.xpath import quote


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


def build(sheet: Sheet) -> Form:
    """The sheets as plain rows: the testable heart of the XLSForm."""
    d = Draft(sheet)
    consent(d)
    profile_group(d)
    answer_choices(d)
    for section in sheet.sections:
        checklist_group(d, section)
    funds_rows, funds_choices, funds_fields = funds_part(
        sheet, d.names.take, d.labels, d.gate, d.fields.get("funding")
    )
    d.form.survey += funds_rows
    d.form.choices += funds_choices
    d.form.fields += funds_fields
    _calculations(d)
    _summary(d)
    d.form.settings.append(_settings(d))
    return d.form


def _calculations(d: Draft) -> None:
    """The two counts, the form's version and the checklist versions, in every submission."""
    for name, calculation in (
        (CRITICAL_NOT_READY, " + ".join(d.critical) or "0"),
        (WARNING_SIGNS, " + ".join(d.warnings) or "0"),
        (FORM_VERSION, quote(version(d.sheet))),
        (CHECKLIST_VERSIONS, quote(checklist_versions(d.sheet))),
    ):
        taken = d.names.take(name)
        kind = {FORM_VERSION: "version", CHECKLIST_VERSIONS: "checklists"}.get(name, "other")
        d.row(
            {"type": "calculate", "name": taken, "calculation": calculation},
            FormField(None, taken, kind, name),
        )


def _summary(d: Draft) -> None:
    """The note at the end: how many critical items are not ready, how many warning signs."""
    w = d.sheet.words
    critical = fmt(w.xls_critical_not_ready, n=f"${{{CRITICAL_NOT_READY}}}")
    warnings = fmt(w.xls_warning_signs, n=f"${{{WARNING_SIGNS}}}")
    summary = Text(critical.id + "\n" + warnings.id, critical.en + "\n" + warnings.en)
    row = {"type": "note", "name": d.names.take("summary"), **d.labels("label", summary)}
    if d.gate:
        row["relevant"] = d.gate
    d.row(row, FormField(None, row["name"], "other", "summary"))


def _settings(d: Draft) -> dict[str, str]:
    """The settings row; ``instance_name`` names a submission by destination, job and date."""
    sheet = d.sheet
    settings = {
        "form_title": sheet.join(sheet.words.xls_form_title, " / ") + _set_name(sheet),
        "form_id": form_id(sheet),
        "version": version(sheet),
        "default_language": LANG_NAMES[sheet.langs[0]],
    }
    named = [f"${{{d.fields[f]}}}" for f in ("destination", "job") if f in d.fields]
    if named:
        settings["instance_name"] = "concat(" + ", ' ', ".join([*named, "today()"]) + ")"
    return settings


def checklist_versions(sheet: Sheet) -> str:
    """``profile@2026.11#1a2b3c4d documents@2026.11#…``: each checklist's version and the start
    of its SHA-256, as recorded in every submission."""
    p = sheet.catalog.profile
    parts = [(p.id, p.version, p.sha256)]
    parts += [(s.checklist.id, s.checklist.version, s.checklist.sha256) for s in sheet.sections]
    return " ".join(f"{cid}@{v}#{sha[:8]}" for cid, v, sha in parts)


def form_id(sheet: Sheet) -> str:
    bits = ["pmi_ready"] + [v for _, v in sorted(sheet.profile.items())]
    return NAME_RE.sub("_", "_".join(bits)).lower()


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
