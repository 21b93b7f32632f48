"""One file on its own (the first pass): its kind, its id, then the validator of that kind.

`FILE_KINDS` is the registry of kinds, in the order the error message lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pmi_ready.checklists.validation.base import (
    ID_RE,
    INVALID_ID,
    Ctx,
    FileResult,
    key,
    msg,
    unknown,
)
from pmi_ready.checklists.validation.checklist import check_checklist
from pmi_ready.checklists.validation.contacts import check_contacts
from pmi_ready.checklists.validation.data import DATA_VALIDATORS, check_data
from pmi_ready.checklists.validation.profile import check_profile
from pmi_ready.checklists.validation.sources import check_sources_file
from pmi_ready.checklists.yamlnodes import ParsedFile, YMap, YScalar
from pmi_ready.core import N_

KindValidator = Callable[[YMap, Ctx, FileResult], None]

FILE_KINDS: Mapping[str, KindValidator] = {
    "checklist": check_checklist,
    "profile": check_profile,
    "sources": check_sources_file,
    "contacts": check_contacts,
    **dict.fromkeys(DATA_VALIDATORS, check_data),
}
KINDS = tuple(FILE_KINDS)


def check_file(parsed: ParsedFile) -> FileResult:
    res = FileResult(parsed)
    ctx = Ctx(parsed.shown, parsed.problems)
    if parsed.root is None:
        return res
    if isinstance(parsed.root, YScalar) and parsed.root.is_null:
        ctx.add(parsed.root, N_("the file is empty"))
        return res
    root = ctx.mapping(parsed.root, msg(N_("the top of the file")))
    if root is None:
        return res
    kind_node = root.get("kind")
    kind = "checklist"
    if kind_node is not None:
        k = ctx.string(kind_node, key("kind"))
        if k is not None and k not in KINDS:
            problem = unknown(
                k,
                KINDS,
                N_("unknown kind '{kind}'; did you mean '{near}'?"),
                N_("unknown kind '{kind}' (one of: {known})"),
                kind=k,
            )
            ctx.add(kind_node, problem)
            return res
        kind = k or kind
    res.kind = kind
    res.id_node = root.get("id")
    res.doc_id = ctx.string(res.id_node, key("id"), pattern=ID_RE, invalid=INVALID_ID) or ""
    FILE_KINDS[kind](root, ctx, res)
    return res
