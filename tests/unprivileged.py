"""Run a test scenario where file permissions bind: as root (as on CI), in a child without the
capabilities that bypass them (``setpriv`` drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH); as
anyone else, in a child as it is. Skipped on Windows, and as root without ``setpriv``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _command() -> list[str]:
    if os.name == "nt":
        pytest.skip("POSIX permissions only")
    if os.geteuid() != 0:
        return [sys.executable]
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("as root, this needs setpriv (util-linux) to drop CAP_DAC_OVERRIDE")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", sys.executable]


def run_scenario(script: str, tmp_path: Path, *args: str) -> str:
    """Run the Python ``script`` (with the project importable) and return what it printed;
    the test fails with its output when it exits with an error."""
    path = tmp_path / "scenario.py"
    path.write_text(script, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PMI_READY_CACHE_DIR": str(tmp_path / "c")}
    res = subprocess.run(
        [*_command(), str(path), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout
