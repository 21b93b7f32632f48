"""Exports and imports: JSONL round trips (hypothesis), newer-wins merging, bad lines, CSV cells,
private output files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import stat
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pmi_ready.core import Answer, AnswerValue, Problem, StorageError
from pmi_ready.records import Filters, rows, shared_fields
from pmi_ready.records.interchange import (
    CSV_COLUMNS,
    ImportResult,
    private_output,
    read_jsonl,
    safe_cell,
    write_csv,
    write_jsonl,
)
from pmi_ready.records.replica import database_id
from pmi_ready.store import Store, StoredAssessment
from tests.records_helpers import catalog, fill, synth

ITEM_IDS = [*[it.id for it in catalog().items()][:30], "gone-item", 'odd"id\\x']
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
times = st.datetimes(
    min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1), timezones=st.just(dt.UTC)
)


@st.composite
def records(draw: st.DrawFn) -> StoredAssessment:
    created = draw(times)
    updated = created + dt.timedelta(seconds=draw(st.integers(0, 10**7)))
    answered = draw(st.dictionaries(st.sampled_from(ITEM_IDS), st.sampled_from(AnswerValue)))
    answers = {
        k: Answer(k, v, draw(texts), (created + dt.timedelta(seconds=i)).isoformat())
        for i, (k, v) in enumerate(answered.items())
    }
    notes = {
        k: n
        for k, n in draw(st.dictionaries(st.sampled_from(ITEM_IDS), texts, max_size=3)).items()
        if n and k not in answers
    }
    profile = draw(
        st.fixed_dictionaries(
            {
                "destination": st.sampled_from(["TW", "HK", "KR"]),
                "job": st.just("housekeeper"),
                "consent": st.just("yes"),
            },
            optional={
                "name": texts,
                "officer": texts,
                "route": st.sampled_from(["agency", "g2g"]),
                "age": st.integers(15, 60).map(str),
                "nik": texts,
            },
        )
    )
    return StoredAssessment(
        id=str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)), version=4)),
        created_at=created,
        updated_at=updated,
        lang=draw(st.sampled_from(["id", "en"])),
        profile=profile,
        answers=answers,
        versions={"documents": {"version": draw(texts), "sha256": "ab"}},
        data=draw(st.dictionaries(texts, st.integers() | texts, max_size=2)),
        finished=draw(st.booleans()),
        status=None,
        notes=notes,
    )


def everything(store: Store) -> dict[str, dict[str, object]]:
    return {r.id: store.get(r.id).to_dict() for r in rows(store)}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(records(), max_size=6, unique_by=lambda r: r.id))
def test_export_then_import_into_an_empty_database_gives_identical_records(
    tmp_path_factory: pytest.TempPathFactory, recs: list[StoredAssessment]
) -> None:
    d = tmp_path_factory.mktemp("rt")
    with Store.open(d / "a.db") as a, Store.open(d / "b.db") as b:
        fill(a, recs)
        out = io.StringIO()
        assert write_jsonl(a, out, Filters(), keep=None) == len(recs)
        path = d / "x.jsonl"
        path.write_text(out.getvalue(), encoding="utf-8")
        res = ImportResult()
        fill_from(b, path, res)
        assert (res.added, res.updated, res.problems) == (len(recs), 0, [])
        assert everything(b) == everything(a)
        # each line is exactly the record's to_dict(), and the database it came from
        for line in out.getvalue().split("\n")[:-1]:
            d_ = json.loads(line)
            assert d_.pop("origin") == database_id(a)
            assert d_ == a.get(d_["id"]).to_dict()
        again = ImportResult()
        fill_from(b, path, again)
        assert (again.added, again.updated, again.unchanged) == (0, 0, len(recs))
        assert everything(b) == everything(a)


def fill_from(store: Store, path: Path, res: ImportResult) -> None:
    from pmi_ready.core import assess
    from pmi_ready.records import merge

    cat = catalog()
    merge(store, read_jsonl(path), lambda r: assess(cat, r.profile, r.answers), res)


def test_without_names_the_jsonl_keeps_only_shared_profile_fields(tmp_path: Path) -> None:
    rec = synth(1)[0]
    rec = StoredAssessment(**{**rec.__dict__, "profile": {**rec.profile, "nik": "3201..."}})
    with Store.open(tmp_path / "a.db") as a:
        fill(a, [rec])
        out = io.StringIO()
        write_jsonl(a, out, Filters(), keep=shared_fields(catalog().profile))
    got = json.loads(out.getvalue())
    assert "name" not in got["profile"] and "nik" not in got["profile"]
    assert got["profile"]["officer"] == rec.profile["officer"]
    assert got["answers"] == rec.to_dict()["answers"]


def test_a_later_version_adds_what_it_has_and_an_older_one_changes_nothing(
    tmp_path: Path,
) -> None:
    full = synth(1)[0]
    last = next(reversed(full.answers))
    rec = StoredAssessment(
        **{
            **full.__dict__,
            "finished": False,
            "answers": {k: a for k, a in full.answers.items() if k != last},
        }
    )
    newer = StoredAssessment(**{**full.__dict__, "updated_at": rec.updated_at + dt.timedelta(1)})
    older = StoredAssessment(**{**rec.__dict__, "updated_at": rec.updated_at - dt.timedelta(1)})
    with Store.open(tmp_path / "a.db") as a:
        for r, expected in ((rec, [1, 0, 0]), (newer, [0, 1, 0]), (older, [0, 0, 1])):
            p = tmp_path / "one.jsonl"
            p.write_text(json.dumps(r.to_dict()) + "\n", encoding="utf-8")
            res = ImportResult()
            fill_from(a, p, res)
            assert [res.added, res.updated, res.unchanged] == expected
            assert res.conflicts == []
        got = a.get(rec.id)
        assert got.updated_at == newer.updated_at
        assert got.finished and got.answers == full.answers


def test_bad_lines_are_reported_with_their_number_and_skipped(tmp_path: Path) -> None:
    good = [json.dumps(r.to_dict()) for r in synth(3)]
    lines = [
        good[0],
        "{not json",
        "",
        "[1, 2]",
        json.dumps({"id": "not-a-uuid", "created_at": "2026-01-01", "updated_at": "2026-01-01"}),
        good[1],
        json.dumps({k: v for k, v in json.loads(good[2]).items() if k != "created_at"}),
        json.dumps({**json.loads(good[2]), "answers": {"x": {"value": "maybe"}}}),
        good[2],
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "a.db") as a:
        res = ImportResult()
        fill_from(a, path, res)
        assert res.added == 3
        assert all(isinstance(p, Problem) for p in res.problems)
        assert [p.line for p in res.problems] == [2, 4, 5, 7, 8]
        msgs = [str(p) for p in res.problems]
        assert msgs[0].startswith(f"{path}:2: not valid JSON") or msgs[0].endswith("column 2)")
        assert "a JSON object" in msgs[1]
        assert "no 'created_at'" in msgs[3]
        assert "maybe" in msgs[4]


def test_a_binary_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b"\xff\xfe\x00garbage\n")
    got = list(read_jsonl(path))
    assert len(got) == 1 and isinstance(got[0], Problem) and "UTF-8" in got[0].message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+62 812", "'+62 812"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Bu Ratna", "Bu Ratna"),
        (5, 5),
    ],
)
def test_formula_injection_guard(cell: object, expected: object) -> None:
    assert safe_cell(cell) == expected


def test_csv_reads_back_with_the_csv_module(tmp_path: Path) -> None:
    recs = synth(30, seed=4)
    with Store.open(tmp_path / "a.db") as a:
        fill(a, recs)
        path = tmp_path / "out.csv"
        with private_output(path, force=False, bom=True) as f:
            assert write_csv(a, f, Filters(), include_names=True) == 30
        summaries = {r.id: r for r in rows(a)}
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with path.open(encoding="utf-8-sig", newline="") as f:
        got = list(csv.DictReader(f))
    assert list(got[0]) == ["id", "name", *CSV_COLUMNS[1:]]
    by_id = {r["id"]: r for r in got}
    for rec in recs:
        row, s = by_id[rec.id], summaries[rec.id]
        assert row["name"] == rec.profile["name"]
        assert row["destination"] == rec.profile["destination"]
        assert row["status"] == s.status
        assert int(row["critical_missing"]) == s.critical_missing
        assert row["missing_critical_items"].split() == list(s.missing_critical)
        assert row["created_local"] == rec.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def test_private_output_is_owner_only_and_never_overwrites_unasked(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    with private_output(path, force=False) as f:
        f.write("one")
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with (
        pytest.raises(StorageError, match="already exists"),
        private_output(path, force=False) as f,
    ):
        f.write("two")
    assert path.read_text() == "one"
    with pytest.raises(RuntimeError), private_output(path, force=True) as f:
        f.write("half")
        raise RuntimeError("disk gone")
    assert path.read_text() == "one"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"], "no temporary file is left"
    path.chmod(0o644)
    with private_output(path, force=True) as f:
        f.write("three")
    assert path.read_text() == "three"
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(StorageError, match="folder"), private_output(tmp_path, force=True):
        pass
