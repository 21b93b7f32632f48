"""A stale read-only ``-shm`` left by an earlier read-only open no longer blocks writing (#15
item 7). SQLite creates the ``-wal`` and ``-shm`` files with the permissions of the database: a
read-only open of a read-only file leaves a read-only ``-shm``, and once the file is writable
again every write used to fail with "attempt to write a readonly database".

Permissions do not bind root, so as root the scenario runs in a child without the capabilities
that bypass them (``setpriv``); as anyone else, in a child as it is."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCENARIO = """
import os, sys
from pathlib import Path
from pmi_ready.store import Store
from tests.records_helpers import fill, synth

db = Path(sys.argv[1])
first, second = synth(2, seed=5)
with Store.open(db) as s:
    fill(s, [first])
os.chmod(db, 0o400)
with Store.open(db) as s:  # read-only: SQLite leaves a -shm as read-only as the file
    assert s.read_only and len(list(s.list())) == 1
shm = Path(f"{db}-shm")
assert shm.exists() and not os.access(shm, os.W_OK), "the scenario needs a read-only -shm"
os.chmod(db, 0o600)
with Store.open(db) as s:
    assert not s.read_only
    fill(s, [second])
    assert len(list(s.list())) == 2
print("written")
"""


def _command() -> list[str]:
    if os.name == "nt":
        pytest.skip("POSIX permissions only")
    if os.geteuid() != 0:
        return [sys.executable]
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("as root, this needs setpriv (util-linux) to drop CAP_DAC_OVERRIDE")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", sys.executable]


def test_a_stale_read_only_shm_does_not_block_writing(tmp_path: Path) -> None:
    script = tmp_path / "scenario.py"
    script.write_text(SCENARIO, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PMI_READY_CACHE_DIR": str(tmp_path / "c")}
    res = subprocess.run(
        [*_command(), str(script), str(tmp_path / "shm.db")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.strip().endswith("written")
