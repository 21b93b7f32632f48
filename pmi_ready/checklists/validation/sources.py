"""Sources: a ``kind: sources`` file, and the ``sources:`` a checklist may declare itself."""

from __future__ import annotations

from pmi_ready.checklists.validation.base import COMMON_KEYS, ID_RE, Ctx, FileResult
from pmi_ready.checklists.yamlnodes import YMap, YNode
from pmi_ready.core import Source

SOURCES_KEYS = (*COMMON_KEYS, "title", "sources")
_SOURCE_KEYS = ("title", "url", "publisher", "date", "note", "verified")


def check_sources_file(root: YMap, ctx: Ctx, res: FileResult) -> None:
    ctx.keys(root, SOURCES_KEYS, ("id", "reviewed", "sources"), "a sources file")
    ctx.date(root.get("reviewed"), "reviewed")
    res.sources = check_sources(root.get("sources"), ctx)


def check_sources(node: YNode | None, ctx: Ctx) -> list[Source]:
    m = ctx.mapping(node, "sources")
    out: list[Source] = []
    if m is None:
        return out
    for sid, (knode, val) in m.entries.items():
        if not ID_RE.match(sid):
            ctx.add(knode, f"source id '{sid}' is not valid (use lower-case letters, digits, '-')")
            continue
        sm = ctx.mapping(val, f"source '{sid}'")
        if sm is None:
            continue
        ctx.keys(sm, _SOURCE_KEYS, ("title",), f"source '{sid}'")
        title = ctx.string(sm.get("title"), f"source '{sid}': title") if "title" in sm else None
        opt: dict[str, str | None] = {}
        for key in ("url", "publisher", "note", "date"):
            n = sm.get(key)
            opt[key] = ctx.string(n, f"source '{sid}': {key}") if n is not None else None
        url = opt["url"]
        if url and not url.startswith(("https://", "http://")):
            ctx.add(sm.get("url"), f"source '{sid}': url must start with https://")
        verified = (
            ctx.boolean(sm.get("verified"), f"source '{sid}': verified")
            if "verified" in sm
            else True
        )
        if title:
            out.append(
                Source(
                    sid,
                    title,
                    url,
                    opt["publisher"],
                    opt["date"],
                    opt["note"],
                    verified,
                    ctx.shown,
                    knode.line,
                )
            )
    return out
