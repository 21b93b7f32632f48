"""The benchmark cases that need data: a walk in a pseudo-terminal, reports, exports and records."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.run import EXE, PY, ROOT, Case, run_process

FORMATS = ("terminal", "md", "html", "json", "pdf")


def first_prompt(env: dict[str, str], repeat: int) -> list[float]:
    """From starting `pmi-ready assess` to its first question on a real pseudo-terminal."""
    import pexpect

    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        child = pexpect.spawn(
            PY,
            ["-m", "pmi_ready", "assess"],
            env={**env, "TERM": "dumb"},
            encoding="utf-8",
            timeout=30,
        )
        child.expect("> ")
        samples.append(time.perf_counter() - t0)
        child.sendline("q")
        child.expect(pexpect.EOF)
        child.close()
    return samples


def per_answer(runs: int) -> list[float]:
    """Enter → the next question drawn, inside the real walk (see answer_latency.py)."""
    import tempfile

    from benchmarks.answer_latency import one_run

    samples: list[float] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as d:
            samples.extend(ms / 1000 for ms in one_run(Path(d) / "walk.db", []))
    return samples


def make_assessment(env: dict[str, str]) -> str:
    """One complete, typical assessment saved in the benchmark database: the ready answer to
    most questions (from the template's comments), "unsure" to one in five (seeded)."""
    import random
    import re

    rng = random.Random(7)
    template = subprocess.run(
        [
            *EXE,
            "checklists",
            "template",
            "--lang",
            "en",
            "--destination",
            "TW",
            "--job",
            "housekeeper",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    lines, ready = [], "yes"
    for line in template.stdout.splitlines():
        found = re.search(r"ready: (yes|no)\)", line)
        if found:
            ready = found.group(1)
        if line.startswith("  consent:"):
            line = "  consent: yes"
        elif line.startswith("  ") and line.rstrip().endswith(":") and not line.startswith("  #"):
            line = line.rstrip() + " " + ("unsure" if rng.random() < 0.2 else ready)
        lines.append(line)
    out = subprocess.run(
        [*EXE, "assess", "--answers", "-"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1]


def all_cases(work: Path, env: dict[str, str], repeat: int, quick: bool) -> list[Case]:
    cases: list[Case] = []
    if sys.platform != "win32":
        cases.append(
            Case(
                "assess: first prompt (pseudo-terminal)",
                first_prompt(env, repeat),
                "≤ 2.5 × B",
                limit_ratio=2.5,
            )
        )
    cases.append(
        Case(
            "assess: one answer (save + next prompt)",
            per_answer(1 if quick else 3),
            "≤ 20 ms",
            limit_seconds=0.020,
            note="in-process, every answer of a walk",
        )
    )
    aid = make_assessment(env)
    for fmt in FORMATS:
        out = work / f"report.{fmt}"
        samples = run_process(
            [*EXE, "report", aid, "--format", fmt, "--output", str(out)], repeat, env
        )
        if fmt == "pdf":
            cases.append(Case("report --format pdf", samples, "≤ 0.5 s", limit_seconds=0.5))
        else:
            cases.append(Case(f"report --format {fmt}", samples, "≤ 2.5 × B", limit_ratio=2.5))
    pdf = work / "all.pdf"
    cases.append(
        Case(
            "checklists export --format pdf (every checklist)",
            run_process(
                [*EXE, "checklists", "export", "--format", "pdf", "--output", str(pdf)], repeat, env
            ),
            "well under 1 s",
            limit_seconds=1.0,
        )
    )
    cases.extend(records_cases(work, env, repeat, quick))
    return cases


def records_cases(work: Path, env: dict[str, str], repeat: int, quick: bool) -> list[Case]:
    cases: list[Case] = []
    sizes = (10_000,) if quick else (10_000, 100_000)
    medians: dict[int, float] = {}
    for n in sizes:
        db = work / f"records-{n}.db"
        subprocess.run(
            [PY, str(ROOT / "benchmarks" / "gen_records.py"), "--db", str(db), "-n", str(n)],
            check=True,
            capture_output=True,
            env=env,
        )
        denv = {**env, "PMI_READY_DB": str(db)}
        if n == 10_000:
            csv = work / "export.csv"
            cases.append(
                Case(
                    "records export --format csv (10,000)",
                    run_process(
                        [
                            *EXE,
                            "records",
                            "export",
                            "--format",
                            "csv",
                            "--output",
                            str(csv),
                            "--force",
                        ],
                        max(3, repeat // 3),
                        denv,
                    ),
                    "≤ 2 s",
                    limit_seconds=2.0,
                )
            )
        samples = run_process([*EXE, "records", "stats", "--json"], max(3, repeat // 3), denv)
        medians[n] = statistics.median(samples)
        target = "≤ 1 s" if n == 100_000 else ""
        cases.append(
            Case(
                f"records stats ({n:,})",
                samples,
                target,
                limit_seconds=1.0 if n == 100_000 else None,
            )
        )
    if len(medians) == 2:
        growth = medians[100_000] / medians[10_000]
        cases[-1].note = f"100,000 cost {growth:.1f} × 10,000 (target ≤ 12 ×)"
    return cases
