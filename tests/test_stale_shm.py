"""A stale read-only ``-shm`` left by an earlier read-only open no longer blocks writing (#15
item 7). SQLite creates the ``-wal`` and ``-shm`` files with the permissions of the database: a
read-only open of a read-only file leaves a read-only ``-shm``, and once the file is writable
again every write used to fail with "attempt to write a readonly database".

Permissions do not bind root: the scenario runs where they do (`tests.unprivileged`)."""

from __future__ import annotations

from pathlib import Path

from tests.unprivileged import run_scenario

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


def test_a_stale_read_only_shm_does_not_block_writing(tmp_path: Path) -> None:
    out = run_scenario(SCENARIO, tmp_path, str(tmp_path / "shm.db"))
    assert out.strip().endswith("written")
