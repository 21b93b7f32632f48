"""The cache of validated catalogs, so each command does not parse the YAML again.

The key is a SHA-256 over the program version and the exact bytes of every file, so a cached
catalog is used only for byte-identical files. The cache lives in the user's cache folder
(``PMI_READY_CACHE`` names another folder, or ``off`` disables it), made readable by its owner only.
Every failure to read or write the cache is silent: the catalog is then loaded from the YAML.

A cached catalog is JSON of the catalog's plain values, never a pickle: reading a cache file can
only build the checklist model's own classes (`pmi_ready.core.model`, `profile` and `catalog`)
from strings, numbers and lists, so whoever can write the cache folder cannot make pmi-ready run
code. A file that is not exactly what this program wrote (another class, another field count, a
damaged file) is a cache miss, and so is a folder or a file that another user owns or may write:
such a catalog could still say something false (another hotline), so it is not used (#15 item 11).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import hashlib
import json
import os
import stat
import types
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from pmi_ready import __version__
from pmi_ready.core import Catalog
from pmi_ready.files import private_dirs, private_temp

_KEEP = 8  # cached catalogs kept; older ones are removed
_SUFFIX = ".json"


def cache_dir() -> Path | None:
    setting = os.environ.get("PMI_READY_CACHE", "")
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return Path(setting)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("pmi-ready", appauthor=False))


def _code_stamp() -> str:
    """The code that builds a catalog: a change to it (in development) must not reuse a cache."""
    pkg = Path(__file__).parent.parent
    names = [
        "core/model.py",
        "core/profile.py",
        "core/catalog.py",
        "core/values.py",
        "checklists/yamlnodes.py",
        "checklists/cache.py",
    ]
    with contextlib.suppress(OSError):
        names += sorted(
            f"checklists/validation/{p.name}" for p in (pkg / "checklists/validation").glob("*.py")
        )
    parts = []
    for name in names:
        try:
            st = (pkg / name).stat()
        except OSError:
            continue
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(parts)


def key_for(files: Sequence[Path], extra: str = "") -> str | None:
    h = hashlib.sha256(f"{__version__}\n{_code_stamp()}\n{extra}\n".encode())
    for f in files:
        try:
            data = f.read_bytes()
        except OSError:
            return None
        h.update(str(f).encode() + b"\0" + len(data).to_bytes(8, "little") + data)
    return h.hexdigest()[:32]


# ------------------------------------------------------------------------ the JSON of a catalog
# Every JSON object in a cache file is one tagged value; plain data is lists, strings, numbers:
#   {"@": "Item", "a": [field values in order]}   a value of the model (a @frozen class)
#   {"@e": "Level", "v": "critical"}               an enum member
#   {"@t": [...]} a tuple, {"@s": [...]} a frozenset, {"@m": [[k, v], ...]} a dict,
#   {"@d": "2025-04-01"} a date, {"@n": "12.5"} a Decimal


def _classes() -> dict[str, type]:
    """The only classes a cache file may build: the checklist model's values and enums (a test
    checks that this is every one of them)."""
    from pmi_ready import core

    names = (
        "Answer", "AnswerCondition", "AnswerValue", "Catalog", "CatalogOrigin", "Checklist",
        "Choice", "Condition", "Contact", "Contacts", "DataFile", "FieldType", "FromProfile",
        "Item", "Level", "ProfileField", "ProfileSpec", "Range", "Source", "Text", "Words",
    )  # fmt: skip
    return {name: getattr(core, name) for name in names}


_CLASSES: dict[str, type] | None = None
_FIELDS: dict[type, tuple[str, ...]] = {}


def _registry() -> dict[str, type]:
    global _CLASSES
    if _CLASSES is None:
        _CLASSES = _classes()
    return _CLASSES


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready plain data; `TypeError` for anything the format does not know."""
    if isinstance(value, enum.Enum):  # first: a StrEnum is a str too
        name = type(value).__name__
        if _registry().get(name) is not type(value):
            raise TypeError(f"not a model enum: {name}")
        return {"@e": name, "v": value.value}
    if value is None or type(value) in (str, bool, int, float):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        if _registry().get(cls.__name__) is not cls:
            raise TypeError(f"not a model class: {cls.__name__}")
        names = _FIELDS.get(cls)
        if names is None:
            names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
        return {"@": cls.__name__, "a": [_plain(getattr(value, n)) for n in names]}
    if isinstance(value, tuple):
        return {"@t": [_plain(v) for v in value]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, frozenset):
        return {"@s": sorted((_plain(v) for v in value), key=repr)}
    if isinstance(value, (dict, types.MappingProxyType)):
        return {"@m": [[_plain(k), _plain(v)] for k, v in value.items()]}
    if isinstance(value, dt.datetime):
        raise TypeError("a date-time in a catalog")
    if isinstance(value, dt.date):
        return {"@d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"@n": str(value)}
    raise TypeError(f"cannot cache a {type(value).__name__}")


class _Refused(ValueError):
    """A cache file holds something this program never writes."""


def _hook(classes: dict[str, type]) -> Callable[[dict[str, Any]], Any]:
    values = {
        name: (cls, len(dataclasses.fields(cls)))
        for name, cls in classes.items()
        if dataclasses.is_dataclass(cls)
    }
    enums = {name: cls for name, cls in classes.items() if issubclass(cls, enum.Enum)}
    plain: dict[str, Callable[[Any], Any]] = {
        "@t": tuple,
        "@s": frozenset,
        "@m": dict,
        "@d": dt.date.fromisoformat,
        "@n": Decimal,
    }
    kinds = {"@t": list, "@s": list, "@m": list, "@d": str, "@n": str}

    def build(obj: dict[str, Any]) -> Any:
        if "@" in obj:
            cls, n = values.get(obj["@"], (None, -1))
            args = obj.get("a")
            if cls is None or len(obj) != 2 or type(args) is not list or len(args) != n:
                raise _Refused(str(obj["@"]))
            return cls(*args)
        if "@e" in obj:
            enum_cls = enums.get(obj["@e"])
            if enum_cls is None or len(obj) != 2:
                raise _Refused(str(obj["@e"]))
            return enum_cls(obj.get("v"))
        if len(obj) == 1:
            ((tag, v),) = obj.items()
            if tag in plain and type(v) is kinds[tag]:
                return plain[tag](v)
        raise _Refused(str(sorted(obj))[:40])

    return build


_DECODER: Callable[[dict[str, Any]], Any] | None = None


def _decoder() -> Callable[[dict[str, Any]], Any]:
    global _DECODER
    if _DECODER is None:
        _DECODER = _hook(_registry())
    return _DECODER


def dumps(catalog: Catalog) -> str:
    """The catalog as the JSON of its plain values (`TypeError` if it holds anything else)."""
    return json.dumps(_plain(catalog), ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes) -> Catalog | None:
    """The catalog a cache file holds, or None for anything else."""
    try:
        value = json.loads(text, object_hook=_decoder())
    except (ValueError, TypeError, KeyError, RecursionError):
        return None  # not JSON, a refused tag, a wrong argument: a cache miss
    return value if isinstance(value, Catalog) else None


def _trusted(path: Path) -> bool:
    """Whether ``path`` (the cache folder, or a file in it) belongs to this user and no one else
    can write it: a catalog someone else could change is not used (it could name another
    hotline). On Windows, where the mode bits mean little, the user's own cache folder is
    private anyway."""
    if not hasattr(os, "getuid"):
        return True
    try:
        st = path.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def get(key: str) -> Catalog | None:
    folder = cache_dir()
    if folder is None or not _trusted(folder):
        return None
    path = folder / f"catalog-{key}{_SUFFIX}"
    if not _trusted(path):
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return loads(data)


def put(key: str, catalog: Catalog) -> None:
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        private_dirs(folder)
    if not _trusted(folder):
        return  # a folder others can write: nothing of ours goes there
    try:
        data = dumps(catalog).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return  # something the format does not hold: no cache for it
    with contextlib.suppress(OSError):
        fd, tmp = private_temp(folder, ".catalog-", ".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            Path(tmp).replace(folder / f"catalog-{key}{_SUFFIX}")
        finally:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
        for stale in folder.glob("catalog-*.pickle"):  # what an earlier version wrote
            stale.unlink()
        old = sorted(folder.glob(f"catalog-*{_SUFFIX}"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-_KEEP]:
            stale.unlink()
