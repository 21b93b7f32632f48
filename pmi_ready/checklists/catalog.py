"""Finding checklist files and loading a validated catalog, through a cache.

`load_catalog` is what commands call. It is light to import: the YAML parser and the validator
(`loader.py`) are imported only when the cache has no catalog for these exact files.

A cache of validated catalogs means each command does not parse the YAML again.
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
from collections.abc import Iterable, Sequence
from pathlib import Path

from pmi_ready import __version__
from pmi_ready.core import Catalog, Problem, ProblemsError, display_path
from pmi_ready.resources import checklists_dir

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
    parts = []
    for name in (
        "core/model.py",
        "core/values.py",
        "checklists/loader.py",
        "checklists/yamlnodes.py",
        "checklists/catalog.py",
    ):
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


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The YAML files under these files and folders (sorted, each once), and problems finding them.

    Links to folders are not followed, so a link loop cannot make the walk endless.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        try:
            key = str(p.resolve(strict=True))
        except (OSError, RuntimeError) as e:
            msg = "a link that leads nowhere or in a loop" if p.is_symlink() else str(e)
            problems.append(Problem(display_path(p), 0, f"cannot read the file: {msg}"))
            return
        if key not in seen:
            seen.add(key)
            files.append(p)

    for path in paths:
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                        add(Path(dirpath) / name)
        elif path.exists() or path.is_symlink():
            add(path)
        else:
            problems.append(Problem(display_path(path), 0, "no such file or folder"))
    return files, problems


def builtin_paths() -> list[Path]:
    return [checklists_dir()]


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())


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
    from pmi_ready.checklists.loader import (
        validate,  # the parser and validator: only on a cache miss
    )

    catalog, problems = validate(paths, ctx)
    if problems or catalog is None:
        raise ProblemsError(problems, what="checklist file")
    if key:
        put(key, catalog)
    return catalog
