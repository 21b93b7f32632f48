"""The contacts file (``kind: contacts``): whom to call, its sources, the day it was checked."""

from __future__ import annotations

import datetime as dt
import re

from pmi_ready.checklists.validation.base import (
    COMMON_KEYS,
    ID_RE,
    Ctx,
    FileResult,
    key,
    msg,
    names,
)
from pmi_ready.checklists.yamlnodes import YMap, YScalar, YSeq
from pmi_ready.core import N_, Contact, Contacts

CONTACT_KINDS = ("phone", "whatsapp", "office", "app", "web", "email")
_CONTACTS_KEYS = (*COMMON_KEYS, "title", "verified", "source", "contacts")
_CONTACT_KEYS = ("id", "kind", "value", "label", "note")


def check_contacts(root: YMap, ctx: Ctx, res: FileResult) -> None:
    ctx.keys(
        root,
        _CONTACTS_KEYS,
        ("id", "reviewed", "verified", "source", "contacts"),
        msg(N_("the contacts file")),
    )
    reviewed = ctx.date(root.get("reviewed"), key("reviewed")) if "reviewed" in root else None
    verified, month_only = None, False
    vnode = root.get("verified")
    if isinstance(vnode, YScalar) and re.fullmatch(r"\d{4}-\d{2}", vnode.raw.strip()):
        try:  # a month alone, when the source names no day
            verified, month_only = dt.date.fromisoformat(vnode.raw.strip() + "-01"), True
        except ValueError:
            ctx.add(
                vnode,
                msg(
                    N_("{what} must be a date written YYYY-MM-DD, or a month YYYY-MM"),
                    what=key("verified"),
                ),
            )
    elif vnode is not None:
        verified = ctx.date(vnode, key("verified"))
    src = root.get("source")
    for s in src.items if isinstance(src, YSeq) else [src] if src is not None else []:
        if ctx.string(s, key("source")) is not None:
            assert isinstance(s, YScalar)
            res.contact_sources.append(s)
    contacts: list[Contact] = []
    seen: set[str] = set()
    nodes = ctx.sequence(root.get("contacts"), key("contacts")) if "contacts" in root else []
    for node in nodes:
        m = ctx.mapping(node, msg(N_("a contact")))
        if m is None:
            continue
        ctx.keys(m, _CONTACT_KEYS, ("id", "kind", "label"), msg(N_("a contact")))
        cid = ctx.string(m.get("id"), msg(N_("contact id")), pattern=ID_RE) if "id" in m else None
        kind = ctx.string(m.get("kind"), msg(N_("contact kind"))) if "kind" in m else None
        if kind and kind not in CONTACT_KINDS:
            ctx.add(
                m.get("kind"),
                msg(
                    N_("unknown contact kind '{kind}' ({kinds})"),
                    kind=kind,
                    kinds=names(CONTACT_KINDS),
                ),
            )
            kind = None
        value = ctx.string(m.get("value"), msg(N_("contact value"))) if "value" in m else None
        label = ctx.text(m.get("label"), msg(N_("contact label"))) if "label" in m else None
        note = ctx.text(m.get("note"), msg(N_("contact note"))) if "note" in m else None
        if cid and cid in seen:
            ctx.add(node, msg(N_("duplicate contact id '{id}'"), id=cid))
        elif cid and kind and label:
            seen.add(cid)
            contacts.append(Contact(cid, kind, label, value, note))
    if reviewed and verified:
        res.contacts = Contacts(
            reviewed,
            verified,
            tuple(s.raw.strip() for s in res.contact_sources),
            tuple(contacts),
            ctx.shown,
            month_only,
        )
