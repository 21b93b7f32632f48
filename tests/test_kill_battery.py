"""Killed mid-assessment at each moment that differs: nothing answered is lost, nothing added.

Each run answers the assessment in a real pseudo-terminal and is killed with SIGKILL while a prompt
is waiting. The moments: just after the consent (the record's first write), inside the profile, at
its last field, at the first item, inside the items, at the last item, and at the review. Every
answer whose next prompt had appeared must be in the database, and the answers table must hold
those rows and no other (an item stored that was never answered fails it); `resume` must continue
at the first question still unanswered. The replies (yes, no, unsure) are seeded per moment.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest

from pmi_ready.store import Store
from tests.records_helpers import answer_values
from tests.test_pty import PROFILE, PROMPT, TOTAL, answer, spawn

pytestmark = [
    pytest.mark.pty,
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only"),
]
pexpect = pytest.importorskip("pexpect")

ITEMS = [  # the mini catalog's items for the PROFILE (married, Taiwan), in walk order
    ("passport", "Do you have a passport?"),
    ("work-visa", "Do you have a work visa?"),
    ("marriage-book", "marriage book"),
    ("copies", "kept copies"),
    ("passport-held", "holding your passport"),
    ("tw-only", "Taiwan's rules"),
]
REPLIES = {"y": "yes", "n": "no", "?": "unsure"}
PROFILE_FIELDS = [
    "consent",
    "name",
    "officer",
    "destination",
    "job",
    "route",
    "sex",
    "marital",
    "age",
    "funding",
]


# answers given before the kill: consent only, inside the profile, before its last field, at the
# first item, inside the items, before the last item, every mini item (the built-in warning
# signs, kept in the folder's own set, come next)
MOMENTS = [1, 5, len(PROFILE_FIELDS) - 1, len(PROFILE_FIELDS), len(PROFILE_FIELDS) + 3]
MOMENTS += [len(PROFILE_FIELDS) + len(ITEMS) - 1, len(PROFILE_FIELDS) + len(ITEMS)]


@pytest.mark.parametrize("kill_after", MOMENTS)
def test_killed_at_a_prompt_then_resumed(kill_after: int, tmp_path: Path) -> None:
    rng = random.Random(kill_after)
    db = tmp_path / "kill.db"
    steps = [(q, a) for q, a in PROFILE] + [(q, rng.choice(list(REPLIES))) for _, q in ITEMS]
    assert len(steps) == len(PROFILE_FIELDS) + len(ITEMS)
    child = spawn(["assess", "--lang", "en"], db)
    for q, a in steps[:kill_after]:
        answer(child, q, a)
    if kill_after < len(steps):
        child.expect_exact(steps[kill_after][0])  # the next prompt has appeared
    else:
        child.expect_exact(f"total {len(ITEMS) + 1}/{TOTAL}")  # the first warning sign
    child.expect_exact(PROMPT)
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL

    given_items = {
        item_id: REPLIES[reply]
        for (item_id, _), (_, reply) in zip(ITEMS, steps[len(PROFILE) : kill_after], strict=False)
    }
    # the first answer is the consent, so from then on the assessment is on disk
    assert _count(db) == 1
    with Store.open(db) as store:
        [rec] = store.list()
    assert {k: a.value.value for k, a in rec.answers.items()} == given_items
    answered_profile = PROFILE_FIELDS[: min(kill_after, len(PROFILE))]
    for field in answered_profile:
        if field not in ("name", "officer", "sex"):  # optional fields may be stored empty
            assert rec.profile.get(field), (field, rec.profile)
    assert _answer_rows(db) == sorted(given_items.items())

    # resume continues at the first unanswered question
    child = spawn(["resume", rec.id[:8], "--lang", "en"], db)
    if kill_after < len(PROFILE):
        child.expect_exact(PROFILE[kill_after][0])
    elif len(given_items) < len(ITEMS):
        n = len(given_items) + 1
        child.expect_exact(f"total {n}/{TOTAL}")
        child.expect_exact(ITEMS[len(given_items)][1])
    else:
        child.expect_exact(f"total {len(ITEMS) + 1}/{TOTAL}")  # the first warning sign
    child.expect_exact(PROMPT)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    with Store.open(db) as store:
        again = store.get(rec.id)
    assert {k: a.value.value for k, a in again.answers.items()} == given_items


def _count(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM assessments").fetchone()[0])
        except sqlite3.OperationalError:
            return 0


def _answer_rows(db: Path) -> list[tuple[str, str]]:
    """Every row of the answers table, read with SQL (not through the store, which keys by item)."""
    with closing(sqlite3.connect(db)) as conn:
        return sorted(answer_values(conn))  # type: ignore[type-var]
