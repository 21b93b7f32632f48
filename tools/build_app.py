"""Build pmi-ready as one folder that runs without an installed Python (PyInstaller).

    python -m pip install ".[app]"   # pmi-ready and PyInstaller, in a virtual environment
    python tools/build_app.py        # makes dist/pmi-ready/pmi-ready (pmi-ready.exe on Windows)

PyInstaller builds for the system it runs on: on a Windows laptop the same two commands make
dist\\pmi-ready\\pmi-ready.exe, to copy (the whole folder) to laptops without Python. The folder
holds the program, the checklists and the official contacts, the compiled Indonesian and English
catalogs (.mo), the fonts for the PDFs and their licences, and every module pmi-ready imports only
when a command needs it (hidden imports: PyInstaller cannot see them). The optional extras
(openpyxl for .xlsx, psycopg for PostgreSQL) are bundled when they are installed where this runs.

Options: --dist DIR (default dist), --work DIR (default build/pyinstaller), --no-check (do not run
the built program's --version afterwards).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "pmi-ready"

# imported by name at run time (importlib), or only inside functions: PyInstaller's analysis of
# the entry point would miss them
COLLECT_SUBMODULES = ["pmi_ready", "rich", "typer", "platformdirs", "reportlab"]
COLLECT_DATA = ["reportlab"]  # babel's own PyInstaller hook brings its locale data
BABEL_KEPT = ("root", "en", "en_US", "id", "id_ID")
"""The Babel locales pmi-ready formats with (`pmi_ready.i18n.BABEL_LOCALE` and their parents);
the other thousand (about 34 MB) are left out of the folder."""
OPTIONAL = {"openpyxl": "openpyxl", "psycopg": "psycopg", "psycopg_binary": "psycopg_binary"}
HIDDEN = ["shellingham", "yaml", "_yaml", "sqlite3", "babel.numbers", "babel.dates"]


def compile_catalogs(out: Path) -> list[tuple[Path, str]]:
    """The .po catalogs compiled to .mo as the wheel carries them (`hatch_build.py` does it for
    both), each with the folder it goes to."""
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    hatch_build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hatch_build)
    pairs: list[tuple[Path, str]] = hatch_build.compile_catalogs(ROOT, out)
    return [(mo, f"{hatch_build.MO_HOME}/{rel.rsplit('/', 1)[0]}") for mo, rel in pairs]


def prune_babel(folder: Path) -> None:
    for data in folder.rglob("babel/locale-data/*.dat"):
        if data.stem not in BABEL_KEPT:
            data.unlink()


def pyinstaller_args(dist: Path, work: Path, mo_dir: Path) -> list[str]:
    sep = os.pathsep  # PyInstaller's --add-data separator is the path separator (';' on Windows)
    launcher = mo_dir / "pmi_ready_app.py"  # outside the package, so its folder is no import root
    launcher.write_text("from pmi_ready.cli import main\n\nmain()\n", encoding="utf-8")
    args = [
        str(launcher),
        "--name",
        NAME,
        "--onedir",
        "--console",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        "--specpath",
        str(work),
        "--paths",
        str(ROOT),
        "--add-data",
        f"{ROOT / 'checklists'}{sep}pmi_ready/_data/checklists",
        "--add-data",
        f"{ROOT / 'pmi_ready' / 'fonts'}{sep}pmi_ready/fonts",
        "--add-data",
        f"{ROOT / 'LICENSE'}{sep}.",
    ]
    for mo, where in compile_catalogs(mo_dir / "locales"):
        args += ["--add-data", f"{mo}{sep}{where}"]
    for package in COLLECT_SUBMODULES:
        args += ["--collect-submodules", package]
    for package in COLLECT_DATA:
        args += ["--collect-data", package]
    for module in HIDDEN:
        args += ["--hidden-import", module]
    for module, package in OPTIONAL.items():
        if importlib.util.find_spec(module) is not None:
            args += ["--collect-all", package]
    return args


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--no-check", action="store_true", help="Do not run the built program.")
    opts = parser.parse_args(argv)
    if importlib.util.find_spec("PyInstaller") is None:
        print('PyInstaller is not installed here: python -m pip install ".[app]"', file=sys.stderr)
        return 1
    import PyInstaller.__main__

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pmi-ready-mo-") as mo_dir:
        PyInstaller.__main__.run(pyinstaller_args(opts.dist, opts.work, Path(mo_dir)))
    prune_babel(opts.dist / NAME)
    exe = opts.dist / NAME / (f"{NAME}.exe" if os.name == "nt" else NAME)
    print(f"built {exe} in {time.monotonic() - started:.0f} s")
    if not opts.no_check:
        done = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
        if done.returncode != 0 or not done.stdout.startswith(NAME):
            print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
            return 1
        print(done.stdout.strip())
    shutil.rmtree(opts.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
