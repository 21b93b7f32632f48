"""Checklist files: finding them, reading their YAML with line numbers, validating them into a
`Catalog` (or every problem), and the cache of validated catalogs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmi_ready._lazy import lazy_exports

if TYPE_CHECKING:
    from pmi_ready.checklists.catalog import load_catalog as load_catalog
    from pmi_ready.checklists.discover import builtin_paths as builtin_paths
    from pmi_ready.checklists.snapshot import (
        SnapshotError as SnapshotError,
        copy_origin as copy_origin,
        restore_copy as restore_copy,
        take_copy as take_copy,
    )
    from pmi_ready.checklists.validation.combine import validate as validate
    from pmi_ready.checklists.validation.funds import FLAG_PLACEHOLDERS as FLAG_PLACEHOLDERS
    from pmi_ready.checklists.yamlnodes import (
        MAX_FILE_BYTES as MAX_FILE_BYTES,
        ParsedFile as ParsedFile,
        YMap as YMap,
        YNode as YNode,
        YScalar as YScalar,
        YSeq as YSeq,
        parse_bytes as parse_bytes,
        read_file as read_file,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "builtin_paths": "discover",
        "copy_origin": "snapshot",
        "restore_copy": "snapshot",
        "SnapshotError": "snapshot",
        "take_copy": "snapshot",
        "FLAG_PLACEHOLDERS": "validation.funds",
        "load_catalog": "catalog",
        "MAX_FILE_BYTES": "yamlnodes",
        "parse_bytes": "yamlnodes",
        "ParsedFile": "yamlnodes",
        "read_file": "yamlnodes",
        "validate": "validation.combine",
        "YMap": "yamlnodes",
        "YNode": "yamlnodes",
        "YScalar": "yamlnodes",
        "YSeq": "yamlnodes",
    },
)
