"""`records sync` (#20 item 3): two SQLite laptops and one PostgreSQL server, changes on all
three, synced in every order: the same answers everywhere, the conflict reported once, decided
with --prefer; running it again is a no-op; deletions travel both ways; an interruption at any
step of a batch, then a sync, converges; consent, directions and masked passwords."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.core import Answer, AnswerValue
from pmi_ready.records.merging import fields
from pmi_ready.records.syncing import sync
from pmi_ready.store import Store, StoredAssessment
from tests.backends import pg_database
from tests.records_helpers import catalog, fill, synth, table_rows


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("PMI_READY_LANG", "en")
    return CliRunner()


@pytest.fixture
def server() -> Iterator[str]:
    with pg_database() as url:
        yield url


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    res = runner.invoke(app, ["records", *args])
    return res.exit_code, res.stdout, res.stderr


def records(n: int, seed: int) -> list[StoredAssessment]:
    """``n`` records with at least four answers each."""
    return [r for r in synth(n * 4, seed=seed) if len(r.answers) >= 4][:n]


def database(path: str | Path, recs: list[StoredAssessment]) -> str:
    with Store.open(path) as s:
        fill(s, recs)
    return str(path)


def state(target: str) -> dict[str, dict[tuple[str, str], str]]:
    """Every record's fields (what sync must make equal everywhere)."""
    with Store.open(target) as s:
        return {r.id: fields(r) for r in s.list()}


def tombstones(target: str) -> set[str]:
    with Store.open(target) as s:
        return {str(r[0]) for r in s._read("SELECT id FROM tombstones")}


def summarise(r: StoredAssessment):  # type: ignore[no-untyped-def]
    from pmi_ready.assessment import evaluate

    return evaluate(catalog(), r.profile, r.answers, r.data).readiness


def engine(here: str, there: str, **kw: object):  # type: ignore[no-untyped-def]
    with Store.open(here) as h, Store.open(there) as t:
        return sync(h, t, summarise, **kw)  # type: ignore[arg-type]


def other(value: AnswerValue, *avoid: AnswerValue) -> AnswerValue:
    return next(v for v in AnswerValue if v != value and v not in avoid)


def items(target: str, aid: str) -> list[str]:
    with Store.open(target) as s:
        return sorted(s.get(aid).answers)


def answer(target: str, aid: str, item: str) -> AnswerValue | None:
    with Store.open(target) as s:
        a = s.get(aid).answers.get(item)
    return None if a is None else a.value


def change(target: str, aid: str, item: str, value: AnswerValue) -> None:
    with Store.open(target) as s:
        rec = s.get(aid)
        answers = {**rec.answers, item: Answer(item, value)}
        s.save_answer(aid, item, value, summary=summarise(replace(rec, answers=answers)))


# ----------------------------------------------------------------- two laptops, one server
@pytest.mark.parametrize("order", list(itertools.permutations("AB")))
def test_two_laptops_and_a_server_converge_in_every_order(
    runner: CliRunner, tmp_path: Path, server: str, order: tuple[str, str]
) -> None:
    a = database(tmp_path / "a.db", records(3, seed=1))
    b = database(tmp_path / "b.db", records(3, seed=2))
    database(server, records(2, seed=3))
    laptops = {"A": a, "B": b}
    for name in ("A", "B", "A"):
        code, _, err = run(runner, "sync", "--db", laptops[name], "--to", server)
        assert code == 0, err
    first = state(server)
    assert len(first) == 8 and state(a) == first == state(b)

    ids = sorted(first)
    r1, r2, r3, r4 = ids[:4]
    i1 = items(a, r1)
    i3 = items(a, r3)
    # A and the server change different answers of one record; B another record; A and B the
    # same answer of a third, to different values: the one conflict
    change(a, r1, i1[0], other(first[r1]["answer", i1[0]]))  # type: ignore[arg-type]
    change(server, r1, i1[1], other(first[r1]["answer", i1[1]]))  # type: ignore[arg-type]
    change(b, r2, items(b, r2)[0], other(first[r2]["answer", items(b, r2)[0]]))  # type: ignore[arg-type]
    was = AnswerValue(first[r3]["answer", i3[0]])
    mine_a, mine_b = other(was), other(was, other(was))
    change(a, r3, i3[0], mine_a)
    change(b, r3, i3[0], mine_b)
    with Store.open(server) as s:
        s.delete(r4)  # the server deletes; both laptops have it unchanged

    reported = 0
    for _round in range(3):
        for name in order:
            code, _, err = run(runner, "sync", "--db", laptops[name], "--to", server)
            reported += err.count("Conflict in assessment")
    assert reported == 1  # found once, by whichever laptop came second; never again
    second = order[1]
    # the second laptop decides: the server's (the first laptop's) value
    code, _, err = run(
        runner, "sync", "--db", laptops[second], "--to", server, "--prefer", "theirs"
    )
    assert code == 0, err
    assert "Conflict in assessment" in err and "kept:" in err
    for name in order:
        code, _, err = run(runner, "sync", "--db", laptops[name], "--to", server)
        assert code == 0, err
        assert "Conflict" not in err
    final = state(server)
    assert state(a) == final == state(b)
    assert r4 not in final and r4 in tombstones(a) and r4 in tombstones(b)
    assert final[r1]["answer", i1[0]] == other(first[r1]["answer", i1[0]])  # type: ignore[arg-type]
    assert final[r1]["answer", i1[1]] == other(first[r1]["answer", i1[1]])  # type: ignore[arg-type]
    first_laptop_value = mine_a if order[0] == "A" else mine_b
    assert final[r3]["answer", i3[0]] == first_laptop_value
    # the stored summaries are the merged answers' own
    with Store.open(server) as s:
        for rec in s.list():
            got = s._read("SELECT status FROM assessments WHERE id = ?", (rec.id,))[0][0]
            assert got == summarise(rec).status.value


def test_running_it_again_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    a = database(tmp_path / "a.db", records(5, seed=4))
    b = database(tmp_path / "b.db", records(4, seed=5))
    code, out, err = run(runner, "sync", "--db", a, "--to", b)
    assert code == 0, err
    assert "Sent: 5 new" in out and "Brought back: 4 new" in out
    with Store.open(a) as s:
        before_a = {t: table_rows(s, t) for t in ("assessments", "answers")}
        sync_a = s._read("SELECT * FROM sync_state ORDER BY assessment_id")
    code, out, err = run(runner, "sync", "--db", a, "--to", b)
    assert code == 0, err
    assert "Sent: 0 new, 0 changed, 0 deleted there." in out and "9 unchanged." in out
    with Store.open(a) as s:
        assert {t: table_rows(s, t) for t in ("assessments", "answers")} == before_a
        assert s._read("SELECT * FROM sync_state ORDER BY assessment_id") == sync_a
    # and from the other side
    code, out, err = run(runner, "sync", "--db", b, "--to", a)
    assert code == 0 and "9 unchanged." in out, err


# ------------------------------------------------------------------------------ deletions
def test_deletions_travel_both_ways_unless_changed_since(tmp_path: Path) -> None:
    a = database(tmp_path / "a.db", records(4, seed=6))
    b = str(tmp_path / "b.db")
    engine(a, b)
    ids = sorted(state(a))
    with Store.open(a) as s:
        s.delete(ids[0])  # deleted here, unchanged there: deleted there
        s.delete(ids[1])  # deleted here, changed there since: kept there, reported
    with Store.open(b) as s:
        s.delete(ids[2])  # deleted there, unchanged here: deleted here
    first_b = items(b, ids[1])[0]
    change(b, ids[1], first_b, other(AnswerValue(state(b)[ids[1]]["answer", first_b])))
    res = engine(a, b)
    assert (res.deleted_there, res.deleted_here) == (1, 1)
    assert [(d.record_id, d.deleted_where, d.kept) for d in res.deletions] == [
        (ids[1], "here", None)
    ]
    assert ids[0] not in state(b) and ids[2] not in state(a)
    assert ids[1] in state(b) and ids[1] not in state(a)
    again = engine(a, b)  # reported once, then counted as still open
    assert again.deletions == [] and again.still_open == 1
    # decided: brought back here
    from pmi_ready.records import Preference

    res = engine(a, b, prefer=Preference(by_id={ids[1]: "theirs"}))
    assert [d.kept for d in res.deletions] == ["theirs"]
    assert state(a) == state(b) and ids[1] in state(a)
    assert engine(a, b).still_open == 0


def test_a_deletion_reaches_a_third_database_through_the_office(tmp_path: Path) -> None:
    a = database(tmp_path / "a.db", records(2, seed=7))
    office, c = str(tmp_path / "office.db"), str(tmp_path / "c.db")
    engine(a, office)
    engine(c, office)  # c has them too
    gone = sorted(state(a))[0]
    with Store.open(a) as s:
        s.delete(gone)
    res = engine(a, office)
    assert res.deleted_there == 1 and gone not in state(office)
    res = engine(c, office)  # the office's tombstone deletes it on c
    assert res.deleted_here == 1 and gone not in state(c)
    # two databases that never synced (each got it another way): a deletion on one is not
    # "unchanged since" on the other: kept there, reported
    same = records(1, seed=19)
    x, y = database(tmp_path / "x.db", same), database(tmp_path / "y.db", same)
    with Store.open(x) as s:
        s.delete(same[0].id)
    res = engine(x, y)
    assert [(d.record_id, d.deleted_where, d.kept) for d in res.deletions] == [
        (same[0].id, "here", None)
    ]
    assert same[0].id in state(y)
    # a bare tombstone (never on the other side) is copied
    new = database(tmp_path / "e.db", records(1, seed=18))
    only = sorted(state(new))[0]
    with Store.open(new) as s:
        s.delete(only)
    engine(new, office)
    assert only in tombstones(office)


# ----------------------------------------------------------------------------- interruption
class Cut(Exception):
    pass


@pytest.mark.parametrize("step", ["there-written", "here-written", "agreed"])
def test_an_interruption_at_any_step_then_a_sync_converges(
    tmp_path: Path, server: str, step: str
) -> None:
    a = database(tmp_path / "a.db", records(6, seed=8))
    engine(a, server)
    ids = sorted(state(a))
    base = state(a)
    i0 = items(a, ids[0])
    change(a, ids[0], i0[0], other(AnswerValue(base[ids[0]]["answer", i0[0]])))
    change(server, ids[0], i0[1], other(AnswerValue(base[ids[0]]["answer", i0[1]])))
    database(a, records(3, seed=9))  # new here
    database(server, records(2, seed=10))  # new there
    with Store.open(server) as s:
        s.delete(ids[1])
    with Store.open(a) as s:
        s.delete(ids[2])
    calls = []

    def cut(at: str) -> None:
        calls.append(at)
        if at == step and len(calls) > 3:  # the second batch
            raise Cut(at)

    with pytest.raises(Cut):
        engine(a, server, batch=4, hook=cut)
    res = engine(a, server)
    assert res.conflicts == [] and res.deletions == []
    assert state(a) == state(server)
    final = state(a)
    assert final[ids[0]]["answer", i0[0]] != base[ids[0]]["answer", i0[0]]
    assert final[ids[0]]["answer", i0[1]] != base[ids[0]]["answer", i0[1]]
    assert ids[1] not in final and ids[2] not in final and len(final) == 6 - 2 + 3 + 2
    again = engine(a, server)
    assert (again.sent_new, again.sent_changed, again.received_changed) == (0, 0, 0)


def test_a_killed_sync_then_a_sync_converges(tmp_path: Path, server: str) -> None:
    a = database(tmp_path / "a.db", records(600, seed=11))
    database(server, records(100, seed=12))
    env = {**os.environ, "PMI_READY_LANG": "en"}
    cmd = [sys.executable, "-m", "pmi_ready", "records", "sync", "--db", a, "--to", server]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with Store.open(server) as s:  # killed as soon as the first batch is there
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if s._read("SELECT count(*) FROM assessments")[0][0] > 100:
                break
            time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert state(a) == state(server) and len(state(a)) == 700
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert "700 unchanged." in again.stdout


# ----------------------------------------------------------------------------- the rules
def test_without_consent_nothing_travels(tmp_path: Path) -> None:
    a = database(tmp_path / "a.db", records(2, seed=13))
    aid = sorted(state(a))[0]
    with Store.open(a) as s:
        s.conn.execute("UPDATE assessments SET profile = '{}' WHERE id = ?", (aid,))
    b = str(tmp_path / "b.db")
    res = engine(a, b)
    assert res.refused == [aid] and aid not in state(b) and len(state(b)) == 1


def test_directions(tmp_path: Path) -> None:
    a = database(tmp_path / "a.db", records(2, seed=14))
    b = database(tmp_path / "b.db", records(3, seed=15))
    up = engine(a, b, direction="up")
    assert (up.sent_new, up.received_new) == (2, 0)
    assert len(state(a)) == 2 and len(state(b)) == 5
    down = engine(a, b, direction="down")
    assert (down.sent_new, down.received_new) == (0, 3)
    assert state(a) == state(b)


def test_the_same_database_is_refused_and_passwords_never_show(
    runner: CliRunner, tmp_path: Path
) -> None:
    a = database(tmp_path / "a.db", records(1, seed=16))
    code, _, err = run(runner, "sync", "--db", a, "--to", a)
    assert code != 0 and "same database" in err
    code, out, err = run(
        runner, "sync", "--db", a, "--to", "postgresql://desk:s3cr3t-pw@127.0.0.1:1/pmi"
    )
    assert code != 0
    assert "s3cr3t-pw" not in out + err and "***" in out + err
    code, _, err = run(runner, "sync", "--db", a, "--to", "mysql://x:s3cr3t-pw@h/db")
    assert code != 0 and "--to" in err and "s3cr3t-pw" not in err


# ----------------------------------------------------------------------------- convergence
OPS = st.one_of(
    st.tuples(
        st.just("answer"),
        st.sampled_from("ABS"),
        st.integers(0, 3),
        st.integers(0, 2),
        st.sampled_from(list(AnswerValue)),
    ),
    st.tuples(st.just("clear"), st.sampled_from("ABS"), st.integers(0, 3), st.integers(0, 2)),
    st.tuples(st.just("delete"), st.sampled_from("ABS"), st.integers(0, 3)),
    st.tuples(st.just("sync"), st.sampled_from("AB"), st.sampled_from(["both", "up", "down"])),
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(OPS, max_size=14))
def test_any_changes_on_three_databases_then_syncs_converge(ops: list[tuple[object, ...]]) -> None:
    from pmi_ready.records import Preference

    with tempfile.TemporaryDirectory() as tmp:
        dbs = {k: str(Path(tmp) / f"{k}.db") for k in "ABS"}
        recs = records(4, seed=20)
        database(dbs["S"], recs)
        engine(dbs["A"], dbs["S"])
        engine(dbs["B"], dbs["S"])
        ids = [r.id for r in recs]
        for op in ops:
            kind, where = op[0], str(op[1])
            if kind == "sync":
                engine(dbs[where], dbs["S"], direction=op[2])
                continue
            aid = ids[int(op[2])]  # type: ignore[call-overload]
            if aid not in state(dbs[where]):
                continue
            if kind == "delete":
                with Store.open(dbs[where]) as s:
                    s.delete(aid)
                continue
            item = items(dbs[where], aid)[int(op[3])]  # type: ignore[call-overload]
            if kind == "answer":
                change(dbs[where], aid, item, op[4])  # type: ignore[arg-type]
            else:
                with Store.open(dbs[where]) as s:
                    s.save_answer(aid, item, None)
        theirs = Preference(default="theirs")
        for laptop in "ABAB":
            engine(dbs[laptop], dbs["S"], prefer=theirs)
        assert state(dbs["A"]) == state(dbs["S"]) == state(dbs["B"])
        for laptop in "AB":
            again = engine(dbs[laptop], dbs["S"])
            assert (again.sent_new, again.sent_changed, again.received_changed) == (0, 0, 0)
            assert (again.deleted_here, again.deleted_there, again.open) == (0, 0, 0)
