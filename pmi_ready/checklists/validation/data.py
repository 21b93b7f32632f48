"""Data files: a kind of file that holds data for one part of the program (``kind: funds``, the
costs-and-loan rules) rather than checklist items.

`DATA_VALIDATORS` is the registry: each data kind names the function that checks its node tree,
reports problems through `Ctx` and returns the source references it found (checked afterwards
against every declared source). A new data kind is one line here and its validator module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

from pmi_ready.checklists.validation.base import Ctx, FileResult, key
from pmi_ready.checklists.validation.funds import validate_funds
from pmi_ready.checklists.yamlnodes import YMap, YScalar, to_plain
from pmi_ready.core import DataFile

DataValidator = Callable[[YMap, Ctx], Iterable[YScalar] | None]

DATA_VALIDATORS: Mapping[str, DataValidator] = {
    "funds": validate_funds,
}


def check_data(root: YMap, ctx: Ctx, res: FileResult) -> None:
    """A data file of the kind ``res.kind``: checked by its validator, kept as plain data."""
    reviewed = ctx.date(root.get("reviewed"), key("reviewed"))
    res.data_sources = list(DATA_VALIDATORS[res.kind](root, ctx) or ())
    data = to_plain(root)
    assert isinstance(data, dict)
    res.data = DataFile(
        res.kind, res.doc_id, reviewed or dt.date.min, data, res.parsed.shown, res.parsed.sha256
    )
