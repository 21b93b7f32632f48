"""Submission files as KoboToolbox and ODK Central write them, for the form pmi-ready exports.

The fields and their order come from the XForm that pyxform builds from our XLSForm (the instance
is what a phone fills in); the layouts follow the projects' own code (docs/trainers.md, "Where
the file layouts come from"): formpack's ``Export.to_csv`` (``;``, every cell quoted, copy
fields, ``name/choice`` columns for a select_multiple), kpi's data API (``results``, flat
``group/field`` keys), ODK Central's ``streamBriefcaseCsvs`` (``SubmissionDate``, ``-`` group
paths, ``KEY`` …) and ``submissionToOData`` (nested groups, sanitised names, ``__system``).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl import Workbook
from pyxform.xls2xform import convert

from pmi_ready.core import Catalog
from pmi_ready.export import select, xlsform
from pmi_ready.records.submissions.columns import ODK_TAIL

KOBO_COPY = (
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "meta/rootUuid",
    "_index",
)


@dataclass
class Sub:
    """One filled-in form: XML values by path (``profile/age``), as the phone sends them."""

    uuid: str
    time: str  # "2026-11-20T10:00:00"
    values: dict[str, str]
    extra_multi: dict[str, list[str]] = field(default_factory=dict)
    """A trainer's own select_multiple questions (``topics`` -> chosen values)."""


@dataclass
class FormShape:
    paths: list[str]  # every instance leaf but meta, in order
    labels: dict[str, dict[str, str]]  # path -> {"id": label, "en": label}
    choice_labels: dict[str, dict[str, dict[str, str]]]  # path -> value -> {"id", "en"}
    version: str
    checklists: str
    groups: dict[str, dict[str, str]]
    multi: dict[str, list[str]] = field(default_factory=dict)  # select_multiple -> choices


def form_shape(catalog: Catalog) -> FormShape:
    sheet = select(catalog)
    data = xlsform.render(sheet)
    xform = convert(xlsform=io.BytesIO(data), warnings=[], file_type=".xlsx").xform
    body = xform[xform.index("<instance>") : xform.index("</instance>")]
    paths: list[str] = []
    stack: list[str] = []
    for m in re.finditer(r"<(/?)([A-Za-z_][\w.-]*)(/?)[^>]*>", body):
        closing, name, empty = m.groups()
        if name in ("instance",):
            continue
        if closing:
            stack.pop()
        elif empty:
            paths.append("/".join([*stack[1:], name]))
        else:
            stack.append(name)
    paths = [p for p in paths if not p.startswith("meta/")]
    form = xlsform.build(sheet)
    labels: dict[str, dict[str, str]] = {}
    groups: dict[str, dict[str, str]] = {}
    lists: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    group: str | None = None
    for row in form.survey:
        kind = row.get("type", "")
        text = {
            "id": row.get("label::Bahasa Indonesia (id)", ""),
            "en": row.get("label::English (en)", ""),
        }
        if kind == "begin_group":
            group = row["name"]
            groups[group] = text
            continue
        if kind == "end_group":
            group = None
            continue
        path = f"{group}/{row['name']}" if group else row["name"]
        if text["en"]:
            labels[path] = text
        if kind.startswith(("select_one ", "select_multiple ")):
            lists[path] = kind.split(" ", 1)[1]
        if kind.startswith("select_multiple "):
            multi[path] = []
    choices: dict[str, dict[str, dict[str, str]]] = {}
    for c in form.choices:
        for path, list_name in lists.items():
            if list_name == c["list_name"]:
                choices.setdefault(path, {})[c["name"]] = {
                    "id": c["label::Bahasa Indonesia (id)"],
                    "en": c["label::English (en)"],
                }
                if path in multi:
                    multi[path].append(c["name"])
    return FormShape(
        paths,
        labels,
        choices,
        xlsform.version(sheet),
        xlsform.checklist_versions(sheet),
        groups,
        multi,
    )


def _hidden(shape: FormShape, sub: Sub) -> dict[str, str]:
    values = {"pmi_form_version": shape.version, "pmi_checklists": shape.checklists}
    values.update(sub.values)
    return values


# ----------------------------------------------------------------------------- KoboToolbox
def kobo_rows(
    shape: FormShape,
    subs: list[Sub],
    *,
    lang: str | None = None,
    hierarchy: bool = False,
    sep: str = "/",
) -> list[list[str]]:
    """Header and rows as formpack's `Export` makes them (``lang=None``: XML values and
    headers; else labels in that language), ``multiple_select='both'``."""
    extra = sorted({(q, tuple(sorted(o))) for s in subs for q, o in s.extra_multi.items()})
    options: dict[str, list[str]] = {}
    for q, _ in extra:
        options.setdefault(q, [])
    for s in subs:
        for q, chosen in s.extra_multi.items():
            options[q] = sorted(set(options[q]) | set(chosen))

    def head(path: str) -> str:
        parts = path.split("/")
        if lang is None:
            names = parts
        else:
            names = [
                shape.groups.get(p, {}).get(lang, p) if i < len(parts) - 1 else p
                for i, p in enumerate(parts)
            ]
            names[-1] = shape.labels.get(path, {}).get(lang) or parts[-1]
        return sep.join(names) if hierarchy else names[-1]

    header = []
    for p in shape.paths:
        header.append(head(p))
        for o in shape.multi.get(p, []):  # formpack: label + group_sep + choice label
            option = o if lang is None else shape.choice_labels[p][o][lang]
            header.append(f"{head(p)}{sep}{option}")
    for q, opts in options.items():
        header += [q] + [f"{q}/{o}" for o in opts]
    header += list(KOBO_COPY)
    rows = [header]
    for n, s in enumerate(subs, start=1):
        values = _hidden(shape, s)
        row = []
        for p in shape.paths:
            v = values.get(p, "")
            if p in shape.multi:
                chosen = v.split()
                shown = [shape.choice_labels[p][c][lang] for c in chosen] if lang else chosen
                row.append(" ".join(shown))
                row += [("1" if o in chosen else "0") if v else "" for o in shape.multi[p]]
                continue
            if lang is not None and v in shape.choice_labels.get(p, {}):
                v = shape.choice_labels[p][v][lang]
            row.append(v)
        for q, opts in options.items():
            chosen = s.extra_multi.get(q)
            row.append(" ".join(chosen) if chosen else "")
            row += [("1" if o in chosen else "0") if chosen else "" for o in opts]
        row += [
            str(1000 + n),
            s.uuid,
            s.time,
            "",
            "",
            "submitted_via_web",
            "",
            "vKoboVersionUid",
            "",
            f"uuid:{s.uuid}",
            str(n),
        ]
        rows.append(row)
    return rows


def kobo_csv(shape: FormShape, subs: list[Sub], **kw: object) -> bytes:
    def line(cells: list[str]) -> str:
        return '"' + '";"'.join(c.replace('"', '""') for c in cells) + '"'

    return "".join(line(r) + "\r\n" for r in kobo_rows(shape, subs, **kw)).encode()  # type: ignore[arg-type]


def kobo_xlsx(shape: FormShape, subs: list[Sub], **kw: object) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "pmi-ready"
    for row in kobo_rows(shape, subs, **kw):  # type: ignore[arg-type]
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def kobo_json(shape: FormShape, subs: list[Sub]) -> bytes:
    results = []
    for n, s in enumerate(subs, start=1):
        rec: dict[str, object] = {
            "_id": 1000 + n,
            "formhub/uuid": "f0e1d2c3",
            "__version__": "vKoboVersionUid",
            "meta/instanceID": f"uuid:{s.uuid}",
            "meta/rootUuid": f"uuid:{s.uuid}",
            "_xform_id_string": "pmi_ready",
            "_uuid": s.uuid,
            "_attachments": [],
            "_status": "submitted_via_web",
            "_geolocation": [None, None],
            "_submission_time": s.time,
            "_tags": [],
            "_notes": [],
            "_validation_status": {},
            "_submitted_by": None,
        }
        rec.update({k: v for k, v in _hidden(shape, s).items() if v != ""})
        for q, chosen in s.extra_multi.items():
            rec[q] = " ".join(chosen)
        results.append(rec)
    doc = {"count": len(results), "next": None, "previous": None, "results": results}
    return json.dumps(doc, ensure_ascii=False).encode()


# ------------------------------------------------------------------------------ ODK Central
def odk_csv(shape: FormShape, subs: list[Sub]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    paths = [*shape.paths, "meta/instanceID", "meta/instanceName"]
    w.writerow(["SubmissionDate", *(p.replace("/", "-") for p in paths), *ODK_TAIL])
    for s in subs:
        values = _hidden(shape, s)
        values["meta/instanceID"] = f"uuid:{s.uuid}"
        values["meta/instanceName"] = " ".join(
            x for x in (values.get("profile/destination"), values.get("profile/job")) if x
        )
        when = s.time + ".000Z"
        row = [when, *(values.get(p, "") for p in paths)]
        row += [f"uuid:{s.uuid}", "5", "Ani", "0", "0", "", "", "", "0", shape.version]
        w.writerow(row)
    return out.getvalue().encode()


def odk_zip(shape: FormShape, subs: list[Sub]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("pmi_ready.csv", odk_csv(shape, subs))
    return out.getvalue()


def _odata_name(name: str) -> str:
    start = re.sub(r"^([^a-z_])", r"_\1", name, flags=re.I)
    return re.sub(r"([^a-z0-9_]+)", "_", start, flags=re.I)


def odata(shape: FormShape, subs: list[Sub]) -> bytes:
    value = []
    for s in subs:
        values = _hidden(shape, s)
        rec: dict[str, object] = {"__id": f"uuid:{s.uuid}"}
        rec["__system"] = {
            "submissionDate": s.time + ".000Z",
            "updatedAt": None,
            "submitterId": "5",
            "submitterName": "Ani",
            "attachmentsPresent": 0,
            "attachmentsExpected": 0,
            "status": None,
            "reviewState": None,
            "deviceId": None,
            "edits": 0,
            "formVersion": shape.version,
            "deletedAt": None,
        }
        for p in shape.paths:
            node = rec
            *groups, name = p.split("/")
            for g in groups:
                node = node.setdefault(_odata_name(g), {})  # type: ignore[assignment]
            node[_odata_name(name)] = values.get(p) or None
        rec["meta"] = {"instanceID": f"uuid:{s.uuid}"}
        value.append(rec)
    context = "https://central.example/v1/projects/1/forms/pmi_ready.svc/$metadata#Submissions"
    doc = {"@odata.context": context, "value": value}
    return json.dumps(doc, ensure_ascii=False).encode()
