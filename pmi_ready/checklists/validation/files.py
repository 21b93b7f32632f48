"""One file on its own (the first pass): its kind, its id, then the validator of that kind.

`FILE_KINDS` is the registry of kinds, in the order the error message lists them.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping

from pmi_ready.checklists.validation.base import ID_RE, Ctx, FileResult
from pmi_ready.checklists.validation.checklist import check_checklist
from pmi_ready.checklists.validation.contacts import check_contacts
from pmi_ready.checklists.validation.data import DATA_VALIDATORS, check_data
from pmi_ready.checklists.validation.profile import check_profile
from pmi_ready.checklists.validation.sources import check_sources_file
from pmi_ready.checklists.yamlnodes import ParsedFile, YMap, YScalar

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
        ctx.add(parsed.root, "the file is empty")
        return res
    root = ctx.mapping(parsed.root, "the top of the file")
    if root is None:
        return res
    kind_node = root.get("kind")
    kind = "checklist"
    if kind_node is not None:
        k = ctx.string(kind_node, "kind")
        if k is not None and k not in KINDS:
            near = difflib.get_close_matches(k, KINDS, n=1)
            hint = f"; did you mean '{near[0]}'?" if near else f" (one of: {', '.join(KINDS)})"
            ctx.add(kind_node, f"unknown kind '{k}'{hint}")
            return res
        kind = k or kind
    res.kind = kind
    res.id_node = root.get("id")
    res.doc_id = (
        ctx.string(
            res.id_node, "id", pattern=ID_RE, hint=" (use lower-case letters, digits and '-')"
        )
        or ""
    )
    FILE_KINDS[kind](root, ctx, res)
    return res
