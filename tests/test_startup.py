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
    "pmi_ready.loader",
    "pmi_ready.scoring",
    "pmi_ready.store",
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
