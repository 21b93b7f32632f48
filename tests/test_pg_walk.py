"""A walk on the office's PostgreSQL server in a real pseudo-terminal: the connection is cut
(``pg_terminate_backend``) and the process killed mid-walk; nothing acknowledged is lost, the desk
is told it cannot save and how to continue, and ``resume`` goes on from there. The password in the
URL is never printed."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator

import pytest

from pmi_ready.store import open_store
from tests.backends import pg_database, raw
from tests.test_pty import PROFILE, PROMPT, TOTAL, answer, spawn

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only"),
]
pexpect = pytest.importorskip("pexpect")
SECRET = "s3cret-Pw"


@pytest.fixture
def url() -> Iterator[str]:
    with pg_database() as plain:
        # trust authentication ignores the password: it is there to be masked
        yield plain.replace("postgresql://postgres@", f"postgresql://postgres:{SECRET}@")


def cut_connections(url: str) -> int:
    """End every pmi-ready connection to the database of ``url``, as a dropped network would."""
    conn = raw(url)
    try:
        cur = conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = 'pmi-ready'"
        )
        return int(cur.fetchone()[0])
    finally:
        conn.close()


def test_a_cut_connection_and_a_kill_lose_nothing_acknowledged(url: str) -> None:
    child = spawn(["assess", "--lang", "en"], url)  # type: ignore[arg-type]
    for q, a in PROFILE:
        answer(child, q, a)
    answer(child, "Do you have a passport?", "y")
    answer(child, "Do you have a work visa?", "n")
    child.expect_exact("marriage book")
    child.expect_exact(PROMPT)
    assert cut_connections(url) == 1
    child.sendline("y")
    child.expect_exact("was lost")
    child.expect(pexpect.EOF)
    said = child.before  # type: ignore[attr-defined]
    child.close()
    assert child.exitstatus == 1
    assert "pmi-ready resume" in said and "Traceback" not in said
    assert SECRET not in said

    with open_store(url) as s:
        [rec] = s.list(unfinished=True)
    assert {k: a.value.value for k, a in rec.answers.items()} == {
        "passport": "yes",
        "work-visa": "no",
    }
    assert rec.profile["name"] == "Ani"

    child = spawn(["resume", rec.id[:8]], url)  # type: ignore[arg-type]
    child.expect_exact(f"Documents · 3/4 · total 3/{TOTAL}")  # the unsaved answer is asked again
    child.expect_exact(PROMPT)
    child.sendline("c")
    child.expect_exact("Type the note")
    child.sendline("at the KUA next week")
    child.expect_exact("Note: at the KUA next week")
    child.expect_exact(PROMPT)
    os.kill(child.pid, signal.SIGKILL)  # acknowledged: the next prompt was shown
    child.expect(pexpect.EOF)
    child.close()

    child = spawn(["resume", rec.id[:8]], url)  # type: ignore[arg-type]
    child.expect_exact("Note: at the KUA next week")
    child.expect_exact(PROMPT)
    child.sendline("y")
    answer(child, "kept copies", "q")
    child.expect(pexpect.EOF)
    said = child.before  # type: ignore[attr-defined]
    child.close()
    assert child.exitstatus == 0 and SECRET not in said
    with open_store(url) as s:
        again = s.get(rec.id)
    assert set(again.answers) == {"passport", "work-visa", "marriage-book"}
    assert again.answers["marriage-book"].note == "at the KUA next week"
