"""The source distribution holds what its tests need: build it, install it in a fresh virtual
environment, and run a part of the suite from the unpacked folder (#19 item 5).

Slow (about a minute and a half: the build, a fresh environment with the test extra, the tests);
`.ci/run` runs it with the rest of the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# A part of the suite that reads every kind of file the sdist must carry: tools/ (the catalog
# check), benchmarks/ (tests/records_helpers imports gen_records), the checklists, the catalogs,
# the golden reports and the fonts (the PDF tests).
SUBSET = [
    "tests/test_catalogs.py",
    "tests/test_cli_checklists.py",
    "tests/test_startup.py",
    "tests/test_render_golden.py",
    "tests/test_records.py",
    "tests/test_environment.py",
    "tests/test_loader.py",
    "tests/test_assess_cli.py",
    "tests/test_pdf_fonts.py",
]


def _python(env_dir: Path) -> Path:
    if os.name == "nt":
        return env_dir / "Scripts" / "python.exe"
    return env_dir / "bin" / "python"


def _run(cmd: list[str], cwd: Path, timeout: int) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, encoding="utf-8"
    )
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.mark.slow
def test_sdist_builds_installs_and_passes_its_tests(tmp_path: Path) -> None:
    _run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path), str(ROOT)], ROOT, 300
    )
    (archive,) = tmp_path.glob("pmi_ready-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        tar.extractall(tmp_path / "src", filter="data")
    top = names[0].split("/")[0]
    for needed in (
        "LICENSE",
        "tools/catalogs.py",
        "benchmarks/gen_records.py",
        "tests/conftest.py",
    ):
        assert f"{top}/{needed}" in names, needed
    assert not any("__pycache__" in n or "/results/" in n for n in names)
    unpacked = tmp_path / "src" / top

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = str(_python(env_dir))
    # a plain (not editable) install of the unpacked sdist: its wheel builds from what it holds
    _run([python, "-m", "pip", "install", "-q", f"{unpacked}[test]"], unpacked, 900)
    meta = "import importlib.metadata as m; print(m.metadata('pmi-ready')['License-Expression'])"
    license_text = _run(
        [python, "-c", meta],
        tmp_path,
        60,
    )
    assert license_text.stdout.strip() == "MIT"
    done = _run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow", *SUBSET],
        unpacked,
        900,
    )
    assert " passed" in done.stdout
