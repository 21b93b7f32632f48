"""Where assessments are kept: the `Store` (an SQLite file or a PostgreSQL server, opened from
``--db`` by `open_store`), `MemoryStore` for `--no-save`, the schema and its migrations, the
stored record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmi_ready._lazy import lazy_exports

if TYPE_CHECKING:
    from pmi_ready.store.base import (
        Store as Store,
    )
    from pmi_ready.store.connection import (
        storage_error as storage_error,
    )
    from pmi_ready.store.record import (
        SUMMARY_COLUMNS as SUMMARY_COLUMNS,
        StoredAssessment as StoredAssessment,
        dumps as dumps,
        loads as loads,
        now_iso as now_iso,
        parse_time as parse_time,
        summary_values as summary_values,
    )
    from pmi_ready.store.schema import (
        DATABASE_ID as DATABASE_ID,
        STATS_INDEX as STATS_INDEX,
    )
    from pmi_ready.store.sqlite_store import (
        MemoryStore as MemoryStore,
    )
    from pmi_ready.store.target import (
        Target as Target,
        mask_url as mask_url,
        open_store as open_store,
        parse_target as parse_target,
        printable_target as printable_target,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "MemoryStore": "sqlite_store",
        "now_iso": "record",
        "dumps": "record",
        "loads": "record",
        "parse_time": "record",
        "summary_values": "record",
        "SUMMARY_COLUMNS": "record",
        "DATABASE_ID": "schema",
        "STATS_INDEX": "schema",
        "storage_error": "connection",
        "Store": "base",
        "Target": "target",
        "mask_url": "target",
        "open_store": "target",
        "parse_target": "target",
        "printable_target": "target",
        "StoredAssessment": "record",
    },
)
