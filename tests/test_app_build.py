"""The one-folder program (#19 item 5): `python tools/build_app.py` builds it with PyInstaller, and
it works without Python: an assessment from an answers file, a saved one, its PDF report (every
name in it, with the bundled fonts), the Indonesian catalog, the checklists and the contacts.

Slow (a minute or two to build); `.ci/run` runs it with PMI_READY_TEST_APP=require, so a missing
PyInstaller fails there instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NAME = "Ṣāliḥ 李 عائشة"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("PMI_READY_TEST_APP") == "require":
            pytest.fail('PyInstaller is not installed: python -m pip install -e ".[test]"')
        pytest.skip('PyInstaller is not installed (python -m pip install ".[app]")')
    out = tmp_path_factory.mktemp("app")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "build_app.py"),
            "--dist",
            str(out / "dist"),
            "--work",
            str(out / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    exe = out / "dist" / "pmi-ready" / ("pmi-ready.exe" if os.name == "nt" else "pmi-ready")
    assert exe.is_file()
    return exe


def _no_python_env(home: Path) -> dict[str, str]:
    """An environment that leads to no Python: no virtual environment, no PYTHON* variables, a
    PATH of the system's own folders only."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PMI_READY", "LC_", "LANG"))
    }
    env.update(
        PATH=os.pathsep.join(p for p in ("/usr/bin", "/bin") if Path(p).is_dir()) or os.defpath,
        HOME=str(home),
        USERPROFILE=str(home),
        LANG="C.UTF-8",
        PMI_READY_DB=str(home / "pmi-ready.db"),
        PMI_READY_CACHE=str(home / "cache"),
        NO_COLOR="1",
    )
    return env


def _run(exe: Path, args: list[str], cwd: Path, **kw: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        env={**_no_python_env(cwd), **kw},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def _answers(exe: Path, folder: Path) -> Path:
    done = _run(exe, ["checklists", "template", "--destination", "TW", "--job", "cook"], folder)
    assert done.returncode == 0, done.stderr
    text = done.stdout.replace("  consent: no", "  consent: yes", 1)
    text = text.replace("  name:  #", f'  name: "{NAME}"  #', 1)
    path = folder / "a.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_built_program_needs_no_python(app: Path, tmp_path: Path) -> None:
    bundle = app.parent
    assert (bundle / "_internal" / "pmi_ready" / "_data" / "checklists" / "contacts.yaml").is_file()
    for lang in ("id", "en"):
        mo = bundle / "_internal" / "pmi_ready" / "_data" / "locales" / lang / "LC_MESSAGES"
        assert (mo / "pmi_ready.mo").is_file()
    assert list((bundle / "_internal" / "pmi_ready" / "fonts").glob("DejaVuSans*.ttf"))
    done = _run(app, ["--version"], tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("pmi-ready "), done.stderr


def test_assess_from_an_answers_file_and_its_pdf_report(app: Path, tmp_path: Path) -> None:
    answers = _answers(app, tmp_path)
    done = _run(app, ["assess", "--no-save", "--answers", str(answers), "--lang", "en"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Readiness report" in done.stdout and NAME in done.stdout
    assert not (tmp_path / "pmi-ready.db").exists()

    done = _run(app, ["assess", "--answers", str(answers)], tmp_path)
    assert done.returncode == 0, done.stderr
    assessment_id = done.stdout.split()[0]
    done = _run(app, ["report", assessment_id, "--format", "pdf", "-o", "r.pdf"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Tersimpan" in done.stderr  # the compiled Indonesian catalog
    pdf = (tmp_path / "r.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Ṣāliḥ" in text and "李" in text


def test_the_lazily_imported_commands_work(app: Path, tmp_path: Path) -> None:
    """Commands whose modules are imported by name when they run (PyInstaller cannot see them)."""
    for args in (
        ["checklists", "list", "--lang", "id"],
        ["checklists", "show", "documents"],
        ["contacts", "--lang", "en"],
        ["records", "stats"],
        ["funds", "--salary", "22000", "--currency", "TWD", "--rate", "515", "--json"],
        ["checklists", "export", "-o", "c.pdf", "--destination", "TW"],
        ["records", "export", "-o", "x.xlsx"],
    ):
        done = _run(app, args, tmp_path)
        assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-2000:])
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    done = _run(app, ["checklists", "list"], tmp_path)
    assert "Daftar periksa" in done.stdout
