"""The cache of validated catalogs, so each command does not parse the YAML again.

The key is a SHA-256 over the program version and the exact bytes of every file, so a cached
catalog is used only for byte-identical files. The cache lives in the user's cache folder
(``PMI_READY_CACHE`` names another folder, or ``off`` disables it), made readable by its owner only.
Every failure to read or write the cache is silent: the catalog is then loaded from the YAML.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pmi_ready import __version__
from pmi_ready.core import Catalog

_KEEP = 8  # cached catalogs kept; older ones are removed


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
    names = ["core/model.py", "core/values.py", "checklists/yamlnodes.py"]
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


def get(key: str) -> Catalog | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with (folder / f"catalog-{key}.pickle").open("rb") as f:
            value = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return value if isinstance(value, Catalog) else None


def put(key: str, catalog: Catalog) -> None:
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError, pickle.PicklingError):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".catalog-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(catalog, f, protocol=pickle.HIGHEST_PROTOCOL)
            Path(tmp).replace(folder / f"catalog-{key}.pickle")
        finally:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
        old = sorted(folder.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-_KEEP]:
            stale.unlink()
