"""Loading a validated catalog, through the cache: `load_catalog` is what commands call.

It is light to import: the YAML parser and the validator (`validation/`) are imported only when the
cache (`cache.py`) has no catalog for these exact files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from pmi_ready.checklists.cache import get, key_for, put
from pmi_ready.checklists.discover import builtin_paths, discover
from pmi_ready.core import N_, Catalog, CatalogOrigin, ProblemsError, display_path


def load_catalog(
    extra: Sequence[Path] = (), *, builtin: bool = True, contacts: Path | None = None
) -> Catalog:
    """The built-in checklists plus any extra folders, or `ProblemsError` with every problem.

    Extra folders that hold their own profile file replace the built-in set (see `validate`),
    but never its consent question, its warning signs or its verified contacts (see
    `pmi_ready.checklists.safety`); ``contacts`` is a contacts file to use instead of the
    built-in one. The catalog's ``origin`` names the set when it is not the built-in one.
    """
    catalog = _load(extra, builtin)
    if not builtin:
        return catalog
    from pmi_ready.checklists import safety

    origin = None
    if extra:
        base = _load((), True)
        own = catalog.profile.path != base.profile.path
        if own:
            catalog = safety.keep_safety(catalog, base)
        builtin_files = {(c.id, c.sha256) for c in base.checklists}
        mine = tuple(c.id for c in catalog.checklists if (c.id, c.sha256) not in builtin_files)
        origin = CatalogOrigin(
            safety.set_name(extra), own, safety.fingerprint(catalog), own_checklists=mine
        )
    if contacts is not None:
        chosen = safety.read_contacts(contacts, catalog.sources)
        origin = replace(origin or CatalogOrigin(), contacts_file=display_path(contacts))
        catalog = replace(catalog, contacts=chosen)
    return catalog if origin is None else replace(catalog, origin=origin)


def _load(extra: Sequence[Path], builtin: bool) -> Catalog:
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
