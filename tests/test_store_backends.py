"""The store's promises on both back ends (an SQLite file and a PostgreSQL database): the same
records, queries, merges, schema versions and conflicts, through the same `Store` interface."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from dataclasses import replace

import pytest

from pmi_ready.core import AnswerValue, NotFoundError, StorageError
from pmi_ready.records.interchange import read_jsonl, write_jsonl
from pmi_ready.records.queries import Filters, count, count_before, purge, rows, stats
from pmi_ready.store import Store, open_store, schema
from pmi_ready.store.base import ConflictError
from pmi_ready.store.record import StoredAssessment

VERSIONS = {"docs": {"version": "1", "sha256": "abc"}}
A1 = "aaaaaaaa-0000-4000-8000-000000000001"
A2 = "aaaaaaaa-0000-4000-8000-000000000002"


def test_create_save_get_on_both(store: Store) -> None:
    aid = store.create(lang="id", versions=VERSIONS, profile={"destination": "TW"})
    store.set_profile(aid, "marital", "married")
    store.set_profile(aid, "name", "Siti Ñúñez")
    store.save_answer(aid, "passport", AnswerValue.YES, "ada 100%?")
    for value in (AnswerValue.NO, None):  # answered, then cleared
        store.save_answer(aid, "work-visa", value)
    store.save_answer(aid, "copies", None, "remember to ask")
    store.set_data(aid, "funds", {"loan": "1000000"})
    store.finish(aid)
    got = store.get(aid[:8])
    assert got.id == aid and got.finished
    assert got.profile == {"destination": "TW", "marital": "married", "name": "Siti Ñúñez"}
    assert set(got.answers) == {"passport"} and got.answers["passport"].note == "ada 100%?"
    assert got.notes == {"copies": "remember to ask"}
    assert got.data == {"funds": {"loan": "1000000"}}
    assert got.versions == VERSIONS
    assert got.updated_at >= got.created_at


def test_prefixes_lists_and_deletes(store: Store) -> None:
    a = store.create(lang="id", versions={}, assessment_id=A1)
    store.create(lang="en", versions={}, assessment_id=A2)
    with pytest.raises(NotFoundError, match="more than one"):
        store.get("aaaaaaaa")
    with pytest.raises(NotFoundError, match="no assessment"):
        store.get("bbbbbbbb")
    store.finish(a)
    assert [r.id for r in store.list(unfinished=True)] == [A2]
    assert [r.id for r in store.list(limit=1)] == [A1]  # the last changed first
    store.delete(a)
    with pytest.raises(NotFoundError):
        store.delete(a)
    assert [r.id for r in store.list()] == [A2]


def test_put_merges_newer_and_keeps_older(store: Store) -> None:
    aid = store.create(lang="id", versions={}, profile={"destination": "TW"})
    store.save_answer(aid, "passport", AnswerValue.YES)
    rec = store.get(aid)
    newer = replace(
        rec,
        updated_at=rec.updated_at + dt.timedelta(seconds=5),
        profile={"destination": "MY"},
        notes={"copies": "n"},
    )
    assert store.put(newer) == "updated"
    assert store.put(rec) == "unchanged"
    assert store.get(aid).profile == {"destination": "MY"}
    assert store.get(aid).notes == {"copies": "n"}
    other = replace(rec, id=str(uuid.uuid4()))
    assert store.put(other) == "added"


def test_queries_on_both(store: Store) -> None:
    for i, (dest, officer, name) in enumerate(
        [("TW", "Budi", "Siti Aminah"), ("MY", "budi", "Dewi"), ("TW", "Rina", None)]
    ):
        profile = {"destination": dest, "officer": officer} | ({"name": name} if name else {})
        store.create(lang="id", versions={}, profile=profile, assessment_id=f"{A1[:-1]}{i}")
    assert count(store) == 3
    assert count(store, Filters(officer="BUDI")) == 2
    assert count(store, Filters(destination="tw")) == 2
    assert count(store, Filters(search="aminah")) == 1
    assert count(store, Filters(search="rin")) == 1  # the officer
    assert count(store, Filters(search=A1[:8])) == 3  # an id prefix
    got = list(rows(store, Filters(destination="TW"), limit=1, offset=1))
    assert len(got) == 1 and got[0].destination == "TW"
    assert [r.name for r in rows(store, Filters(officer="rina"))] == [None]
    s = stats(store, by="destination")
    assert {g.key: g.total for g in s.groups} == {"TW": 2, "MY": 1}
    assert s.total.unscored == 3 and s.total.unfinished == 3
    month = stats(store, by="month").groups
    assert [g.key for g in month] == [dt.datetime.now().strftime("%Y-%m")]
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    assert count_before(store, later) == 3
    assert purge(store, later) == 3 and count(store) == 0


def test_jsonl_round_trip_on_both(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    aid = store.create(lang="id", versions=VERSIONS, profile={"destination": "TW", "name": "X"})
    store.save_answer(aid, "passport", AnswerValue.YES, "a")
    store.save_answer(aid, "copies", None, "n")
    out = io.StringIO()
    assert write_jsonl(store, out, Filters(), keep=None) == 1
    path = tmp_path / "x.jsonl"
    path.write_text(out.getvalue(), encoding="utf-8")
    [item] = list(read_jsonl(path))
    assert not isinstance(item, Exception)
    got = item.record  # type: ignore[union-attr]
    assert isinstance(got, StoredAssessment)
    assert got.to_dict() == store.get(aid).to_dict()
    shared = io.StringIO()
    write_jsonl(store, shared, Filters(), keep=["destination"])
    assert '"name"' not in shared.getvalue() and '"destination":"TW"' in shared.getvalue()


def test_schema_version_is_kept_and_a_newer_one_refused(db_target: str) -> None:
    with open_store(db_target) as s:
        assert schema.read_version(s.db) == schema.SCHEMA_VERSION
        aid = s.create(lang="id", versions={})
    with open_store(db_target) as s:  # opening again migrates nothing, keeps everything
        assert s.get(aid).id == aid
        if s.dialect.name == "sqlite":
            s.db.execute(f"PRAGMA user_version={schema.SCHEMA_VERSION + 1}")
        else:
            s.db.execute(f"UPDATE {schema.VERSION_TABLE} SET version = version + 1")
    with pytest.raises(StorageError, match="written by a newer pmi-ready"):
        open_store(db_target)


def test_two_desks_on_one_assessment_never_overwrite_silently(db_target: str) -> None:
    with open_store(db_target) as desk1, open_store(db_target) as desk2:
        aid = desk1.create(lang="id", versions={})
        desk1.save_answer(aid, "passport", AnswerValue.YES)
        desk2.get(aid)  # the second desk opens it
        desk2.save_answer(aid, "copies", AnswerValue.NO)
        with pytest.raises(ConflictError, match="changed elsewhere") as e:
            desk1.save_answer(aid, "passport", AnswerValue.NO)
        assert e.value.hint and f"pmi-ready resume {aid[:8]}" in e.value.hint
        rec = desk1.get(aid)  # reading it again is how a desk continues
        assert rec.answers["passport"].value is AnswerValue.YES
        assert rec.answers["copies"].value is AnswerValue.NO
        desk1.save_answer(aid, "passport", AnswerValue.NO)
        assert desk2.get(aid).answers["passport"].value is AnswerValue.NO


MIGRATE_AT_ONCE = """
import sys, time
from pmi_ready.store import open_store
start = float(sys.argv[2])
while time.time() < start:
    time.sleep(0.001)
with open_store(sys.argv[1]) as s:
    s.create(lang="id", versions={})
print("ok")
"""


def test_desks_starting_at_once_on_a_new_database_migrate_once(db_target: str) -> None:
    import subprocess
    import sys
    import time

    start = str(time.time() + 2.0)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", MIGRATE_AT_ONCE, db_target, start],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    results = [p.communicate(timeout=60) for p in procs]
    assert [(p.returncode, out.strip()) for p, (out, _) in zip(procs, results, strict=True)] == [
        (0, "ok")
    ] * 6, [err for _, err in results]
    with open_store(db_target) as s:
        assert schema.read_version(s.db) == schema.SCHEMA_VERSION
        assert len(s.list()) == 6


def test_a_server_that_refuses_never_shows_the_password() -> None:
    import subprocess
    import sys

    url = "postgresql://desk:Very%2FSecret@127.0.0.1:1/pmi?sslmode=disable&connect_timeout=2"
    for debug in ([], ["--debug"]):
        out = subprocess.run(
            [sys.executable, "-m", "pmi_ready", *debug, "records", "list", "--db", url],
            capture_output=True,
            text=True,
        )
        said = out.stdout + out.stderr
        assert out.returncode == 1, said
        assert "Very" not in said and "Secret" not in said
        assert "desk:***@127.0.0.1:1" in said
        assert debug or "Traceback" not in said
