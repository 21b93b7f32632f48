"""Shared helpers for the records tests: realistic records from the benchmark generator."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from pmi_ready.checklists import load_catalog
from pmi_ready.core import Catalog, assess
from pmi_ready.records import merge
from pmi_ready.store import Store, StoredAssessment

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)


@cache
def gen() -> ModuleType:
    """benchmarks/gen_records.py, imported by path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("gen_records", ROOT / "benchmarks/gen_records.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["gen_records"] = mod
    spec.loader.exec_module(mod)
    return mod


@cache
def catalog() -> Catalog:
    return load_catalog(())


def synth(n: int, seed: int = 1, now: dt.datetime = NOW) -> list[StoredAssessment]:
    return list(gen().synth(catalog(), n, seed=seed, now=now))


def fill(store: Store, recs: Iterable[StoredAssessment]) -> None:
    """Through the public path: put + update_summary."""
    cat = catalog()
    merge(store, recs, lambda r: assess(cat, r.profile, r.answers))


def table_rows(store: Store, table: str) -> list[tuple[object, ...]]:
    """A table's rows by id; ``answers``: every answer unpacked, as (assessment id, item id,
    value, note, answered_at), by assessment and item."""
    from pmi_ready.store import packed

    if table != "answers":
        return store.conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    items = dict(store.conn.execute("SELECT code, id FROM items").fetchall())
    got = store.conn.execute(
        "SELECT a.id, o.packed FROM answers AS o JOIN assessments AS a ON a.num = o.num"
    ).fetchall()
    return sorted(
        (aid, items[code], value, note, at)
        for aid, blob in got
        for code, value, note, at in packed.unpack(blob)
    )


def answer_values(conn: Any) -> list[tuple[str, str | None]]:
    """(item id, value) of every answer stored in an SQLite file's connection, read with SQL
    and unpacked (not through the store, which keys by item: a duplicate would show)."""
    from pmi_ready.store import packed

    items = dict(conn.execute("SELECT code, id FROM items").fetchall())
    return [
        (items[code], value)
        for (blob,) in conn.execute("SELECT packed FROM answers ORDER BY num").fetchall()
        for code, value, _, _ in packed.unpack(blob)
    ]
