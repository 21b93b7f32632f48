"""Where assessments are kept: the `Store` (SQLite), `MemoryStore` for `--no-save`, the schema and
its migrations, the stored record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmi_ready._lazy import lazy_exports

if TYPE_CHECKING:
    from pmi_ready.store.connection import (
        storage_error as storage_error,
    )
    from pmi_ready.store.record import (
        StoredAssessment as StoredAssessment,
        now_iso as now_iso,
    )
    from pmi_ready.store.schema import (
        STATS_INDEX as STATS_INDEX,
    )
    from pmi_ready.store.sqlite_store import (
        MemoryStore as MemoryStore,
        Store as Store,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "MemoryStore": "sqlite_store",
        "now_iso": "record",
        "STATS_INDEX": "schema",
        "storage_error": "connection",
        "Store": "sqlite_store",
        "StoredAssessment": "record",
    },
)
