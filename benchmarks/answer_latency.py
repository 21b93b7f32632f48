"""Time from Enter to the next question on the screen, in the real assessment.

Drives `Assessment` with the rich `TerminalAsker` (rendering into a buffer the size of a terminal)
over the built-in checklists and a real SQLite file (WAL, synchronous=FULL, one transaction per
answer). Each
measurement starts when a typed line is handed back (Enter) and stops when the next question has
been rendered and input is read again: saving, scoring, re-evaluating conditions and drawing.

    python benchmarks/answer_latency.py [--runs 5]

Prints the median, the 95th percentile and the median as a share of the 20 ms budget.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import tempfile
import time
from pathlib import Path

from rich.console import Console

from pmi_ready.assessment import Assessment
from pmi_ready.checklists import load_catalog
from pmi_ready.cli.assess_ui import TerminalAsker
from pmi_ready.i18n import translator
from pmi_ready.store import Store

BUDGET_MS = 20.0
PROFILE = ["y", "Ani", "Sri", "1", "1", "1", "1", "2", "30", "2"]


def one_run(db: Path, review: list[float]) -> list[float]:
    """Answer every question of one walk; the time to draw the review screen goes to ``review``."""
    catalog = load_catalog()
    samples: list[float] = []
    last = [0.0]
    count = [0]
    walk: Assessment | None = None

    def reader(_prompt: str) -> str:
        now = time.perf_counter()
        assert walk is not None
        at_review = walk.pos >= len(walk.steps())
        if last[0]:
            (review if at_review else samples).append((now - last[0]) * 1000)
        if at_review:
            raise EOFError
        steps = walk.steps()
        if steps[walk.pos].kind == "funds":  # the costs and loan step (funding: loan): skip it
            last[0] = time.perf_counter()
            return "s"
        n = count[0]
        count[0] += 1
        reply = PROFILE[n] if n < len(PROFILE) else "yt?"[n % 3]
        last[0] = time.perf_counter()
        return reply

    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="truecolor")
    with Store.open(db) as store:
        asker = TerminalAsker(console, translator("id"), reader)
        walk = Assessment.start(catalog, asker, store, "id")
        with contextlib.suppress(EOFError):
            walk.run()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    samples: list[float] = []
    review: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            samples += one_run(Path(tmp) / f"bench-{n}.db", review)
    samples.sort()
    median = statistics.median(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"{len(samples)} answers over {args.runs} walks")
    print(
        f"Enter -> next question: median {median:.2f} ms, p95 {p95:.2f} ms, "
        f"max {samples[-1]:.2f} ms"
    )
    print(f"median ratio to the {BUDGET_MS:.0f} ms budget: {median / BUDGET_MS:.2f}")
    print(f"review screen (every item listed): median {statistics.median(review):.2f} ms")


if __name__ == "__main__":
    main()
