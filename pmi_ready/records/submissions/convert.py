"""One submission -> one stored assessment, checked and scored exactly as ``assess --answers``.

Each row of a `Table` is written as an answers document (``profile:`` and ``answers:``, one line
per cell) and checked by `check_answers`, the same code that reads an answers file; its
problems come back as ``FILE:ROW: column: message``. The verdict is computed by `evaluate`
(through `answers_record`), never read from the file. A submission without consent is not
stored. The assessment's id is derived from the submission's instance id, so importing the same
file again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from pmi_ready.core import N_, Catalog, Msg, Problem, ProblemsError, Readiness
from pmi_ready.export import FormField
from pmi_ready.records.interchange import Incoming
from pmi_ready.records.submissions.columns import Columns, profile_value
from pmi_ready.records.submissions.tables import Table
from pmi_ready.store import StoredAssessment

NAMESPACE = uuid.UUID("5f1d9a52-8c4b-4d7e-9a61-3b2f0c7e4d18")
"""Assessment ids of imported submissions: uuid5(NAMESPACE, instance id without ``uuid:``)."""

ID_COLUMNS = (
    "meta/rootUuid",  # KoboToolbox: the same after an edit
    "KEY",  # ODK Central CSV
    "__id",  # ODK Central OData
    "meta/instanceID",
    "meta-instanceID",
    "_uuid",
)
TIME_COLUMNS = ("_submission_time", "SubmissionDate", "__system/submissionDate")
EDITED_COLUMNS = ("__system/updatedAt",)
"""When the submission was last edited on the server (ODK Central's OData): the newer wins."""
FORM_VERSION_COLUMNS = ("FormVersion", "__system/formVersion")
BLANK = frozenset({"", "n/a"})
"""Cells that hold no answer (KoboToolbox writes ``n/a`` in some exports for skipped cells)."""
_VERSION_RE = re.compile(r"^([A-Za-z0-9_.-]+)@([^#\s]+)#([0-9a-f]{8})$")


@dataclass
class Converted:
    """What one file gave: records to store, submissions left out and why, problems."""

    shown: str = ""
    records: list[tuple[StoredAssessment, Readiness]] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    """The row each record came from (assessment id -> row number), for its problems."""
    refused: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def convert(table: Table, catalog: Catalog, cols: Columns, lang: str) -> Converted:
    """Every row of ``table`` checked and scored; nothing is stored here."""
    out = Converted(shown=table.shown)
    resolved = {c: cols.resolve(c) for c in table.columns}
    unknown: dict[str, int] = {}
    first_row: dict[str, int] = {}
    versions_seen: set[str] = set()
    for number, cells in table.rows:
        for column, value in cells.items():
            res = resolved.get(column)
            if res is None and column not in resolved:
                res = resolved[column] = cols.resolve(column)
            if isinstance(res, str) and value.strip().casefold() not in BLANK:
                unknown[column] = unknown.get(column, 0) + 1
                first_row.setdefault(column, number)
        row = _row(table, number, cells, resolved, catalog, cols, lang, out)
        if row is not None:
            versions_seen.add(row)
    current = _current_version(catalog)
    older = sorted(v for v in versions_seen if v and v != current)
    for column, n in unknown.items():
        why = resolved.get(column)
        base = _group_of(column, unknown)
        if base is not None:
            continue  # a choice column of a select_multiple reported with its question
        text = Msg(
            N_("column '{column}' matches several questions; export with the groups in the headers")
            if why == "ambiguous"
            else N_("column '{column}' is not a question of these checklists"),
            column=column,
        )
        made = Msg(N_(" (made with form version {versions})"), versions=", ".join(older))
        left_out = (
            N_("{text}{made}: its answer in {n} submission was left out")
            if n == 1
            else N_("{text}{made}: its answer in {n} submissions was left out")
        )
        out.notices.append(
            Problem(
                table.shown,
                table.header_line or first_row[column],
                Msg(left_out, text=text, made=made if older else "", n=n),
            )
        )
    return out


def _group_of(column: str, unknown: dict[str, int]) -> str | None:
    """``topics/health`` belongs to the question ``topics`` when that column is reported too."""
    head, sep, _ = column.rpartition("/")
    return head if sep and head in unknown else None


def _current_version(catalog: Catalog) -> str:
    from pmi_ready.export import select, xlsform_version

    return xlsform_version(select(catalog, langs=("id", "en")))


def _row(
    table: Table,
    number: int,
    cells: dict[str, str],
    resolved: dict[str, FormField | str | None],
    catalog: Catalog,
    cols: Columns,
    lang: str,
    out: Converted,
) -> str | None:
    """Convert one row into ``out``; the form version it names (or ``None`` if it failed)."""
    shown = table.shown

    def problem(message: str) -> None:
        out.problems.append(Problem(shown, number, message))

    instance = next((cells[c].strip() for c in ID_COLUMNS if cells.get(c, "").strip()), "")
    short = instance.removeprefix("uuid:")
    if not instance:
        problem("no instance id (_uuid, meta/instanceID or KEY): is this a submissions export?")
        return None
    when = _time(next((cells[c] for c in TIME_COLUMNS if cells.get(c, "").strip()), ""))
    if when is None:
        problem(
            f"submission {instance}: no valid submission time (_submission_time or SubmissionDate)"
        )
        return None
    profile: dict[str, tuple[str, str]] = {}
    answers: dict[str, tuple[str, str]] = {}
    funds: dict[str, tuple[str, str]] = {}
    form_version = next((cells[c].strip() for c in FORM_VERSION_COLUMNS if cells.get(c)), "")
    checklists = ""
    for column, raw in cells.items():
        target = resolved.get(column)
        if not isinstance(target, FormField):
            continue
        value = raw.strip()
        if target.kind == "version" and value:
            form_version = value
        elif target.kind == "checklists":
            checklists = value
        if value.casefold() in BLANK:
            continue
        if target.kind in ("profile", "consent"):
            profile.setdefault(
                target.ref, (column, profile_value(catalog, target.ref, value, cols))
            )
        elif target.kind == "item":
            answers.setdefault(target.ref, (column, cols.answer(value)))
        elif target.kind == "funds" and target.ref != "costs":  # the amounts say which
            funds.setdefault(target.ref, (column, cols.funds_value(target.ref, value)))
    consent = profile.get("consent")
    if consent is None or consent[1].casefold() not in ("yes", "ya", "y", "true", "1"):
        said = N_("no answer") if consent is None else f"'{consent[1]}'"
        out.refused.append(
            Problem(
                shown,
                number,
                Msg(N_("submission {id}: no consent ({said}); not stored"), id=short, said=said),
            )
        )
        return form_version
    record = _checked(shown, number, instance, when, (profile, answers, funds), catalog, lang, out)
    if record is None:
        return None
    data = {"source": table.source.value, "instance_id": instance}
    if form_version:
        data["form_version"] = form_version
    stored, readiness = record
    edited = _time(next((cells[c] for c in EDITED_COLUMNS if cells.get(c, "").strip()), ""))
    stored = replace(
        stored,
        data={**stored.data, **data},
        versions=_versions(checklists, catalog),
        updated_at=max(when, edited) if edited else when,
    )
    out.records.append((stored, readiness))
    out.lines[stored.id] = number
    return form_version


def _checked(
    shown: str,
    number: int,
    instance: str,
    when: dt.datetime,
    parts: tuple[dict[str, tuple[str, str]], ...],
    catalog: Catalog,
    lang: str,
    out: Converted,
) -> tuple[StoredAssessment, Readiness] | None:
    from pmi_ready.assessment import answers_record, check_answers
    from pmi_ready.checklists import parse_bytes

    profile, answers, funds = parts
    lines: list[str] = []
    by_line: dict[int, str] = {}

    def put(indent: str, key: str, column: str, value: str) -> None:
        lines.append(f"{indent}{json.dumps(key)}: {json.dumps(value)}")
        by_line[len(lines)] = column

    lines.append("profile:")
    for key, (column, value) in profile.items():
        put("  ", key, column, value)
    lines.append("answers:")
    for key, (column, value) in answers.items():
        put("  ", key, column, value)
    if funds:  # the costs and loan check: the funds: part of an answers file
        lines.append("funds:")
        costs = {k.removeprefix("costs."): v for k, v in funds.items() if k.startswith("costs.")}
        if costs:
            lines.append("  costs:")
            for key, (column, value) in costs.items():
                put("    ", key, column, value)
        for key, (column, value) in funds.items():
            if not key.startswith("costs."):
                put("  ", key, column, value)
    doc = ("\n".join(lines) + "\n").encode("utf-8")
    parsed = parse_bytes(doc, Path(shown), shown, noun="submission")
    try:
        checked = check_answers(parsed, catalog, today=when.date())
    except ProblemsError as e:
        for p in e.problems:
            cell = by_line.get(p.line)
            message = Msg("{cell}: {message}", cell=cell, message=p.message) if cell else p.message
            out.problems.append(Problem(shown, number, message))
        return None
    stamp = when.isoformat(timespec="seconds")
    checked = replace(
        checked,
        answers={k: replace(a, answered_at=stamp) for k, a in checked.answers.items()},
    )
    aid = str(uuid.uuid5(NAMESPACE, instance.removeprefix("uuid:")))
    return answers_record(catalog, checked, lang, aid=aid, when=when)


def _time(text: str) -> dt.datetime | None:
    """``2026-11-28T09:41:19`` (KoboToolbox, UTC) or ``2026-11-28T09:41:19.123Z`` (ODK)."""
    raw = text.strip()
    if not raw:
        return None
    try:
        when = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _versions(text: str, catalog: Catalog) -> dict[str, dict[str, str]]:
    """The checklist versions a submission was answered with: the current ones where the
    submission names the same version and content, else what it names (so that ``report``
    says the checklist changed since)."""
    now = catalog.versions()
    if not text:
        return now
    out: dict[str, dict[str, str]] = {}
    for part in text.split():
        m = _VERSION_RE.match(part)
        if m is None:
            continue
        cid, ver, sha = m.groups()
        cur = now.get(cid)
        if cur is not None and cur.get("version") == ver and cur.get("sha256", "")[:8] == sha:
            out[cid] = dict(cur)
        else:
            out[cid] = {"version": ver, "sha256": sha}
    return out or now


def iter_records(converted: Converted) -> Iterator[Incoming]:
    for record, _ in converted.records:
        source = record.data.get("source")
        origin = f"form-server:{source}" if source else None
        yield Incoming(record, converted.shown, converted.lines.get(record.id, 0), origin)
