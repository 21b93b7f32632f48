"""Sources: a ``kind: sources`` file, and the ``sources:`` a checklist may declare itself."""

from __future__ import annotations

from pmi_ready.checklists.validation.base import COMMON_KEYS, ID_RE, Ctx, FileResult, at, key, msg
from pmi_ready.checklists.yamlnodes import YMap, YNode
from pmi_ready.core import N_, Source

SOURCES_KEYS = (*COMMON_KEYS, "title", "sources")
_SOURCE_KEYS = ("title", "url", "publisher", "date", "note", "verified")


def check_sources_file(root: YMap, ctx: Ctx, res: FileResult) -> None:
    ctx.keys(root, SOURCES_KEYS, ("id", "reviewed", "sources"), msg(N_("a sources file")))
    ctx.date(root.get("reviewed"), key("reviewed"))
    res.sources = check_sources(root.get("sources"), ctx)


def check_sources(node: YNode | None, ctx: Ctx) -> list[Source]:
    m = ctx.mapping(node, key("sources"))
    out: list[Source] = []
    if m is None:
        return out
    for sid, (knode, val) in m.entries.items():
        if not ID_RE.match(sid):
            ctx.add(
                knode,
                msg(
                    N_("source id '{id}' is not valid (use lower-case letters, digits, '-')"),
                    id=sid,
                ),
            )
            continue
        what = msg(N_("source '{id}'"), id=sid)
        sm = ctx.mapping(val, what)
        if sm is None:
            continue
        ctx.keys(sm, _SOURCE_KEYS, ("title",), what)
        title = ctx.string(sm.get("title"), at(what, "title")) if "title" in sm else None
        opt: dict[str, str | None] = {}
        for k in ("url", "publisher", "note", "date"):
            n = sm.get(k)
            opt[k] = ctx.string(n, at(what, k)) if n is not None else None
        url = opt["url"]
        if url and not url.startswith(("https://", "http://")):
            ctx.add(sm.get("url"), msg(N_("{what}: url must start with https://"), what=what))
        verified = (
            ctx.boolean(sm.get("verified"), at(what, "verified")) if "verified" in sm else True
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
