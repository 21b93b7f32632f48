"""Start-up stays light: the CLI module must not import the heavy parts of the program."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = [
    "yaml",
    "sqlite3",
    "reportlab",
    "openpyxl",
    "babel.numbers",
    "babel.dates",
    "rich.console",
    "pmi_ready.checklists.validation",
    "pmi_ready.core.scoring",
    "pmi_ready.store.sqlite_store",
    "psycopg",
]


def test_cli_import_is_lazy() -> None:
    code = (
        "import sys, json; import pmi_ready.cli; "
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_help_does_not_load_the_core() -> None:
    code = (
        "import sys, json\nfrom pmi_ready.cli import app\n"
        "try:\n    app(['--help'], prog_name='pmi-ready')\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.splitlines()[-1]) == []


def test_a_cached_catalog_loads_without_the_yaml_parser(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    env = {**os.environ, "PMI_READY_CACHE": str(tmp_path)}
    code = (
        "import sys, json\nfrom pmi_ready.checklists.catalog import load_catalog\nload_catalog()\n"
        "heavy = ('yaml', 'pmi_ready.checklists.validation')\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))"
    )
    first = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert json.loads(first.stdout) == [
        "yaml",
        "pmi_ready.checklists.validation",
    ]  # cold: parsed and cached
    warm = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert json.loads(warm.stdout) == []


def test_the_command_table_matches_each_commands_own_help() -> None:
    import importlib

    from pmi_ready.cli import app
    from pmi_ready.cli.app import RootGroup

    assert app is not None
    for name, (module, attr, short) in RootGroup.lazy_commands.items():
        target = getattr(importlib.import_module(module), attr)
        doc = target.info.help if hasattr(target, "info") else target.__doc__
        first = " ".join(doc.strip().split("\n\n")[0].split())
        assert short == first, name


def test_help_imports_no_command_module() -> None:
    code = (
        "import sys, json\nfrom pmi_ready.cli import app\n"
        "try:\n    app(['--help'], prog_name='pmi-ready')\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('pmi_ready.cli.')"
        " and m not in ('pmi_ready.cli.app', 'pmi_ready.cli.lang', 'pmi_ready.cli.options',"
        " 'pmi_ready.cli.completion'))))"  # the root's completion options: imports nothing more
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.splitlines()[-1]) == []


def test_terminal_report_to_a_file_needs_no_rich_console() -> None:
    """`report --format terminal --output FILE` lays the text out without rich's console,
    table or text machinery (they cost ~25 ms to import and ~50 ms to wrap a long report)."""
    code = (
        "import sys, json\n"
        "from tests.report_cases import flags_context\n"
        "from pmi_ready.render import Format, render\n"
        "assert 'Laporan kesiapan' in render(Format.TERMINAL, flags_context())\n"
        "rich = ['rich.console', 'rich.text', 'rich.table', 'rich.panel', 'rich.segment']\n"
        "print(json.dumps([m for m in rich if m in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.splitlines()[-1]) == []
