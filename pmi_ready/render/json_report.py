"""The report as JSON: a stable, documented schema (docs/report-json.md) with `SCHEMA_VERSION`.

The document carries its inputs (profile, answers, checklist versions), so the same report can be
produced again. Texts are always given in both languages, whatever the language mode.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pmi_ready.core import Text, json_safe

if TYPE_CHECKING:
    from pmi_ready.core import Item, ItemResult
    from pmi_ready.render.context import ReportContext

SCHEMA_VERSION = 2


def _t(text: Text | None) -> dict[str, str] | None:
    return {"id": text.id, "en": text.en} if text is not None else None


def _item(item: Item) -> dict[str, object]:
    return {
        "id": item.id,
        "checklist": item.checklist_id,
        "level": item.level.value,
        "red_flag": item.red_flag,
        "ask": _t(item.ask),
        "why": _t(item.why),
        "how": _t(item.how),
        "office": _t(item.office),
        "sources": list(item.source_ids),
    }


def _result(r: ItemResult) -> dict[str, object]:
    return {
        "item": r.item.id,
        "level": r.item.level.value,
        "answer": r.answer.value if r.answer else None,
        "ready": r.ready,
        "note": r.note,
    }


def document(ctx: ReportContext) -> dict[str, object]:
    """The JSON document as Python data."""
    r = ctx.readiness
    contacts = ctx.contacts
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": "pmi-ready",
        "assessment": {
            "id": ctx.meta.assessment_id,
            "created": ctx.meta.created.isoformat(),
            "name": ctx.meta.name or None,
            "officer": ctx.meta.officer or None,
        },
        "lang": ctx.lang_mode,
        "status": {
            "code": r.status.value,
            "label": _t(ctx.status_text),
            "explanation": _t(ctx.labels.status_why[r.status]),
        },
        "red_flags": [
            {
                "code": fv.flag.code,
                "title": _t(fv.flag.title),
                "detail": _t(fv.flag.detail),
                "answer": fv.result.answer.value if fv.result and fv.result.answer else None,
                "how": _t(fv.result.item.how) if fv.result else None,
                "sources": list(fv.flag.source_ids),
            }
            for fv in ctx.flags
        ],
        "cautions": [
            {
                "code": f.code,
                "title": _t(f.title),
                "detail": _t(f.detail),
                "sources": list(f.source_ids),
            }
            for f in r.cautions
        ],
        "counts": dict(r.counts),
        "sections": [
            {
                "id": s.checklist.id,
                "title": _t(s.checklist.title),
                "applicable": s.applicable,
                "answered": s.answered,
                "ready": s.ready,
                "share": round(s.share, 4),
                "items": [_result(x) for x in s.results],
            }
            for s in r.sections
        ],
        "next_steps": [
            {**_item(x.item), "answer": x.answer.value if x.answer else None} for x in r.next_steps
        ],
        "extras": [
            {
                "key": e.key,
                "title": _t(e.title),
                "rows": [{"label": _t(a), "value": _t(b)} for a, b in e.rows],
                "notes": [_t(n) for n in e.notes],
                "warnings": [_t(w) for w in e.warnings],
                "data": dict(e.data),
            }
            for e in ctx.extras
        ],
        "contacts": None
        if contacts is None
        else {
            "verified": contacts.verified.isoformat()[:7]
            if contacts.verified_month_only
            else contacts.verified.isoformat(),
            "reviewed": contacts.reviewed.isoformat(),
            "sources": list(contacts.source_ids),
            "contacts": [
                {
                    "id": c.id,
                    "kind": c.kind,
                    "value": c.value,
                    "label": _t(c.label),
                    "note": _t(c.note),
                }
                for c in contacts.contacts
            ],
        },
        "sources": [
            {"id": s.id, "title": s.title, "url": s.url, "verified": s.verified}
            for s in ctx.sources_used
        ],
        "disclaimer": _t(ctx.labels.disclaimer),
        "inputs": {
            "profile": dict(r.profile),
            "answers": {
                k: {"value": a.value.value, "note": a.note, "answered_at": a.answered_at}
                for k, a in r.answers.items()
            },
            "versions": {k: dict(v) for k, v in r.versions.items()},
        },
    }


def render(ctx: ReportContext) -> str:
    return json_safe(json.dumps(document(ctx), ensure_ascii=False, indent=2, default=str)) + "\n"
