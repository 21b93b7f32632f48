"""How long exporting every shipped checklist to a blank PDF takes, next to `import typer`.

    python benchmarks/export_pdf.py [--runs N]

Prints figures only (no pass/fail): the whole command in a fresh process (`pmi-ready checklists
export --format pdf`), the same for html and xlsform, the baseline `python -c "import typer"`, and,
inside one process, the time to select and lay out the PDF once the libraries are loaded.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _process(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        rows = [
            ('python -c "import typer"', _process([py, "-c", "import typer"], runs)),
        ]
        for fmt, name in (("pdf", "all.pdf"), ("html", "all.html"), ("xlsform", "all.xlsx")):
            cmd = [py, "-m", "pmi_ready", "checklists", "export", "-f", fmt, "-o", str(out / name)]
            rows.append(
                (f"pmi-ready checklists export -f {fmt} (every checklist)", _process(cmd, runs))
            )

        from pmi_ready.checklists import load_catalog
        from pmi_ready.export import ExportFormat, render, select

        catalog = load_catalog()
        sheet = select(catalog)
        render(sheet, ExportFormat.PDF)  # warm: fonts registered, modules imported
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            data = render(select(catalog), ExportFormat.PDF)
            times.append(time.perf_counter() - start)
        rows.append(("select + PDF layout in process (warm)", statistics.median(times)))

    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(data)).pages)
    print(
        f"{sheet.items} questions from {len(sheet.sections)} checklists, {pages} PDF pages, "
        f"{len(data) / 1024:.0f} KiB; median of {runs} runs"
    )
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"  {name:<{width}}  {seconds * 1000:7.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
