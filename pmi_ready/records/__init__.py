"""Stored assessments in bulk: filtered lists, statistics, purging, CSV/XLSX/JSONL export and
import."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmi_ready._lazy import lazy_exports

if TYPE_CHECKING:
    from pmi_ready.records.importing import merge as merge
    from pmi_ready.records.interchange import (
        ImportResult as ImportResult,
        private_binary as private_binary,
        private_output as private_output,
        read_jsonl as read_jsonl,
        safe_cell as safe_cell,
        write_csv as write_csv,
        write_jsonl as write_jsonl,
    )
    from pmi_ready.records.merging import (
        Conflict as Conflict,
        Preference as Preference,
        merge_records as merge_records,
    )
    from pmi_ready.records.queries import (
        Filters as Filters,
        GroupStats as GroupStats,
        Row as Row,
        Stats as Stats,
        count as count,
        count_before as count_before,
        older_than as older_than,
        parse_day as parse_day,
        purge as purge,
        rows as rows,
        shared_fields as shared_fields,
        start_of_day as start_of_day,
        stats as stats,
    )
    from pmi_ready.records.sheets import (
        Column as Column,
        Sheet as Sheet,
        Words as Words,
        assessments_sheet as assessments_sheet,
        items_sheet as items_sheet,
        zone_label as zone_label,
    )
    from pmi_ready.records.stats_view import (
        Chart as Chart,
        StatsView as StatsView,
        build_view as build_view,
        group_label as group_label,
        item_text as item_text,
        stats_sheets as stats_sheets,
    )
    from pmi_ready.records.submissions import (
        looks_like_submissions as looks_like_submissions,
        read_submissions as read_submissions,
    )
    from pmi_ready.records.submissions.columns import (
        Columns as Columns,
        columns_for as columns_for,
    )
    from pmi_ready.records.submissions.convert import iter_records as iter_records
    from pmi_ready.records.syncing import SyncResult as SyncResult, sync as sync
    from pmi_ready.records.xlsx import load_openpyxl as load_openpyxl, write_xlsx as write_xlsx

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "assessments_sheet": "sheets",
        "build_view": "stats_view",
        "Chart": "stats_view",
        "group_label": "stats_view",
        "item_text": "stats_view",
        "stats_sheets": "stats_view",
        "StatsView": "stats_view",
        "Column": "sheets",
        "Columns": "submissions.columns",
        "columns_for": "submissions.columns",
        "count": "queries",
        "count_before": "queries",
        "Filters": "queries",
        "GroupStats": "queries",
        "items_sheet": "sheets",
        "iter_records": "submissions.convert",
        "load_openpyxl": "xlsx",
        "looks_like_submissions": "submissions",
        "ImportResult": "interchange",
        "merge": "importing",
        "merge_records": "merging",
        "Conflict": "merging",
        "Preference": "merging",
        "older_than": "queries",
        "parse_day": "queries",
        "private_binary": "interchange",
        "private_output": "interchange",
        "purge": "queries",
        "read_jsonl": "interchange",
        "read_submissions": "submissions",
        "Row": "queries",
        "rows": "queries",
        "safe_cell": "interchange",
        "shared_fields": "queries",
        "start_of_day": "queries",
        "Sheet": "sheets",
        "sync": "syncing",
        "SyncResult": "syncing",
        "Stats": "queries",
        "stats": "queries",
        "write_csv": "interchange",
        "write_jsonl": "interchange",
        "write_xlsx": "xlsx",
        "Words": "sheets",
        "zone_label": "sheets",
    },
)
