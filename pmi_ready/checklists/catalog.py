"""Loading a validated catalog, through the cache: `load_catalog` is what commands call.

It is light to import: the YAML parser and the validator (`validation/`) are imported only when the
cache (`cache.py`) has no catalog for these exact files.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pmi_ready.checklists.cache import get, key_for, put
from pmi_ready.checklists.discover import builtin_paths, discover
from pmi_ready.core import N_, Catalog, ProblemsError


def load_catalog(extra: Sequence[Path] = (), *, builtin: bool = True) -> Catalog:
    """The built-in checklists plus any extra folders, or `ProblemsError` with every problem.

    Extra folders that hold their own profile file replace the built-in set (see `validate`).
    """
    context = builtin_paths() if builtin else []
    paths, ctx = (list(extra), context) if extra else (context, [])
    files, _ = discover([*ctx, *paths])
    key = key_for(files, extra=f"{[str(p) for p in paths]}|{[str(p) for p in ctx]}")
    cached = get(key) if key else None
    if cached is not None:
        return cached
    from pmi_ready.checklists.validation.combine import validate  # the parser: on a cache miss only

    catalog, problems = validate(paths, ctx)
    if problems or catalog is None:
        raise ProblemsError(problems, what=N_("checklist files"))
    if key:
        put(key, catalog)
    return catalog
