"""A copy of the checklists an assessment was answered with, kept with the assessment: so a report
made later without the ``--checklists`` folder still shows that folder's items and warning signs.

`take_copy` writes, as plain JSON, the part of a catalog that is not the built-in set: the
checklists from the folders (every item with its text, level, sources, red flag and conditions),
their own profile when they bring one, and the sources they cite; with the set's name and
fingerprint. The assessment keeps it in its ``data`` under `KEY` (no schema change; JSONL exports
carry it). `restore_copy` builds from it the catalog the report needs when the folder is not
given; it reads only the model's own values (no code, no pickle), and a damaged copy is refused
as a whole (`SnapshotError`), never half used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from enum import Enum
from typing import Any

from pmi_ready.core import (
    N_,
    AnswerCondition,
    AnswerValue,
    Catalog,
    CatalogOrigin,
    Checklist,
    Choice,
    Condition,
    FieldType,
    FromProfile,
    Item,
    Level,
    PmiReadyError,
    ProfileField,
    ProfileSpec,
    Range,
    Source,
    Text,
    Words,
)

KEY = "checklist_set"
"""The key of the copy in an assessment's ``data``."""
FORMAT = 1

_CLASSES: dict[str, type] = {
    c.__name__: c
    for c in (
        AnswerCondition,
        Checklist,
        Choice,
        Condition,
        FromProfile,
        Item,
        ProfileField,
        ProfileSpec,
        Range,
        Source,
        Text,
        Words,
    )
}
_ENUMS: dict[str, type[Enum]] = {e.__name__: e for e in (AnswerValue, FieldType, Level)}
_MAX_DEPTH = 40


class SnapshotError(PmiReadyError):
    """The copy of the checklists kept with an assessment cannot be read."""


def _enc(value: object) -> object:
    if isinstance(value, Enum):
        return {"@e": type(value).__name__, "v": value.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if name not in _CLASSES:
            raise TypeError(name)
        out: dict[str, object] = {"@": name}
        for f in dataclasses.fields(value):
            out[f.name] = _enc(getattr(value, f.name))
        return out
    if isinstance(value, frozenset):
        return {"@set": sorted(str(_enc(v)) for v in value)}
    if isinstance(value, tuple | list):
        return [_enc(v) for v in value]
    if isinstance(value, dt.date):
        return {"@date": value.isoformat()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(type(value).__name__)


def _dec(value: object, depth: int = 0) -> Any:
    if depth > _MAX_DEPTH:
        raise ValueError("nested too deeply")
    if isinstance(value, list):
        return tuple(_dec(v, depth + 1) for v in value)
    if not isinstance(value, Mapping):
        if value is None or isinstance(value, str | int | float | bool):
            return value
        raise ValueError(f"unexpected {type(value).__name__}")
    if "@e" in value:
        return _ENUMS[str(value["@e"])](value["v"])
    if "@set" in value:
        raw = value["@set"]
        if not isinstance(raw, list):
            raise ValueError("a set that is not a list")
        return frozenset(_dec(v, depth + 1) for v in raw)
    if "@date" in value:
        return dt.date.fromisoformat(str(value["@date"]))
    cls = _CLASSES[str(value["@"])]
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs = {k: _dec(v, depth + 1) for k, v in value.items() if k in names}
    return cls(**kwargs)


def take_copy(catalog: Catalog) -> dict[str, object] | None:
    """The copy of ``catalog``'s own part (None for the built-in set, which needs none)."""
    origin = catalog.origin
    if origin is None or not origin.name:
        return None
    mine = set(origin.own_checklists)
    checklists = [c for c in catalog.checklists if c.id in mine]
    cited = {s for c in checklists for it in c.items for s in it.source_ids}
    out: dict[str, object] = {
        "format": FORMAT,
        "name": origin.name,
        "fingerprint": origin.fingerprint,
        "own_profile": origin.own_profile,
        "checklists": [_enc(c) for c in checklists],
        "sources": [_enc(catalog.sources[s]) for s in sorted(cited) if s in catalog.sources],
    }
    if origin.own_profile:
        out["profile"] = _enc(catalog.profile)
    return out


def copy_origin(data: Mapping[str, object]) -> CatalogOrigin | None:
    """The name and fingerprint of the set an assessment was answered with (None: built-in)."""
    snap = data.get(KEY)
    if not isinstance(snap, Mapping) or not isinstance(snap.get("name"), str):
        return None
    return CatalogOrigin(
        name=str(snap["name"]),
        own_profile=bool(snap.get("own_profile")),
        fingerprint=str(snap.get("fingerprint", "")),
    )


def restore_copy(
    loaded: Catalog, data: Mapping[str, object], versions: Mapping[str, object]
) -> tuple[Catalog, list[str]] | None:
    """The catalog to report an assessment with when checklists it was answered with are not
    loaded: the loaded ones it used, and the kept copy of the others (with their profile when
    they brought one). Returns it and the ids taken from the copy; None when every checklist
    the copy holds is loaded (the loaded catalog is the one to use). Raises `SnapshotError` when
    the copy cannot be read."""
    snap = data.get(KEY)
    if not isinstance(snap, Mapping):
        return None
    try:
        kept = [c for c in _dec(snap.get("checklists") or []) if isinstance(c, Checklist)]
        sources = [s for s in _dec(snap.get("sources") or []) if isinstance(s, Source)]
        profile = _dec(snap["profile"]) if snap.get("profile") is not None else None
    except (KeyError, ValueError, TypeError, AttributeError, RecursionError) as e:
        raise SnapshotError(
            N_("the copy of the checklists kept with the assessment cannot be read ({reason})"),
            reason=type(e).__name__,
        ) from None
    have = {c.id for c in loaded.checklists}
    missing = [c for c in kept if c.id not in have]
    own = profile if isinstance(profile, ProfileSpec) else None
    if not missing and not (own is not None and loaded.profile.sha256 != own.sha256):
        return None
    used = set(versions) if versions else have
    checklists = [c for c in loaded.checklists if c.id in used] + missing
    checklists.sort(key=lambda c: (c.order, c.id))
    all_sources = {**{s.id: s for s in sources}, **dict(loaded.sources)}
    origin = copy_origin(data) or CatalogOrigin()
    catalog = replace(
        loaded,
        profile=own if own is not None else loaded.profile,
        checklists=tuple(checklists),
        sources=all_sources,
        origin=replace(origin, contacts_file=(loaded.origin or CatalogOrigin()).contacts_file),
    )
    return catalog, [c.id for c in missing]
