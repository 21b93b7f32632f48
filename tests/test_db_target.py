"""``--db`` and ``PMI_READY_DB``: a file path or a PostgreSQL URL; any other scheme is refused;
passwords never shown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.core import StorageError, UsageError
from pmi_ready.store import mask_url, parse_target, printable_target
from pmi_ready.store.pg_connection import connect, pg_error
from pmi_ready.store.target import mask_text, passwords

COMMANDS = (
    ["records", "list"],
    ["records", "stats"],
    ["records", "show", "abcdef12"],
    ["records", "delete", "abcdef12", "--yes"],
    ["records", "purge", "--older-than", "3", "--yes"],
    ["records", "export", "-o", "x.csv"],
    ["report", "abcdef12"],
    ["resume", "abcdef12"],
    ["assess"],
)


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages are checked in English here (tests/test_language_everywhere.py checks that
    each one is Indonesian under --lang id)."""
    monkeypatch.setenv("PMI_READY_LANG", "en")


def test_paths_and_urls() -> None:
    assert parse_target("records.db").path == Path("records.db")
    assert parse_target("C://Users/ani/x.db").path is not None  # a drive letter, not a scheme
    assert parse_target("C:\\x.db").path is not None
    for url in ("postgresql://desk@db/pmi", "postgres://h/x", "POSTGRESQL:///pmi?service=o"):
        t = parse_target(url)
        assert t.is_postgres and t.url == url and t.path is None


def test_the_environment_names_the_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("PMI_READY_DB", "postgresql://desk@db/pmi")
    assert parse_target(None).url == "postgresql://desk@db/pmi"
    monkeypatch.setenv("PMI_READY_DB", str(tmp_path / "a.db"))
    assert parse_target(None).path == tmp_path / "a.db"
    monkeypatch.setenv("PMI_READY_DB", "mysql://x/y")
    with pytest.raises(UsageError, match="PMI_READY_DB"):
        parse_target(None)


@pytest.mark.parametrize("url", ["mysql://u@h/db", "sqlite:///x.db", "postgresq://h/db", "s3://b"])
def test_an_unknown_scheme_is_a_usage_error(url: str) -> None:
    with pytest.raises(UsageError, match="not a database pmi-ready can open"):
        parse_target(url)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_refuses_an_unknown_scheme_and_creates_nothing(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = CliRunner().invoke(app, [*command, "--db", "mysql://desk:hunter2@h/pmi"])
    assert result.exit_code == 2, result.output
    assert "not a database pmi-ready can open" in result.output
    assert "hunter2" not in result.output
    assert list(here.iterdir()) == []  # before, a folder 'mysql:' and a file in it


def test_a_postgres_url_is_not_taken_for_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The bug: ``--db postgresql://…`` made a folder ``postgresql:`` and an SQLite file in it."""
    monkeypatch.chdir(tmp_path)
    url = "postgresql://desk:hunter2@127.0.0.1:1/pmi?connect_timeout=2"
    result = CliRunner().invoke(app, ["records", "list", "--db", url])
    assert result.exit_code == 1, result.output
    assert "hunter2" not in result.output
    assert "postgresql://desk:***@127.0.0.1:1/pmi" in result.output
    assert not (tmp_path / "postgresql:").exists()
    assert list(tmp_path.iterdir()) == []


def test_without_the_driver_the_hint_says_how_to_install_it(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from pmi_ready.cli import main\n"
        "sys.argv = ['pmi-ready', 'records', 'list', '--db', 'postgresql://desk@db/pmi']\n"
        "main()"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=os.environ
    )
    assert out.returncode == 1, out.stderr
    assert "psycopg" in out.stderr and 'pip install "pmi-ready[postgres]"' in out.stderr
    assert "Traceback" not in out.stderr


# ------------------------------------------------------------------------------ masking
def test_masking_the_user_part_and_parameters() -> None:
    assert mask_url("postgresql://desk:s%40cret@h:5432/pmi") == "postgresql://desk:***@h:5432/pmi"
    assert mask_url("postgresql://desk@h/pmi") == "postgresql://desk@h/pmi"
    assert (
        mask_url("postgresql:///pmi?password=abc&sslmode=require")
        == "postgresql:///pmi?password=***&sslmode=require"
    )
    assert printable_target("postgresql://desk:pw@h/pmi?password=pw&sslmode=verify-full") == (
        "postgresql://desk@h/pmi?sslmode=verify-full"
    )
    assert printable_target("records.db") == "records.db"
    assert set(passwords("postgresql://u:s%40c@h/x")) >= {"s%40c", "s@c"}


SECRET = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1
).map(lambda s: "Pw9" + s)


@given(SECRET, st.sampled_from(["user", "query"]))
def test_no_password_survives_masking(secret: str, where: str) -> None:
    from urllib.parse import quote

    enc = quote(secret, safe="")
    url = (
        f"postgresql://desk:{enc}@db.example:5432/pmi"
        if where == "user"
        else f"postgresql://db.example/pmi?sslmode=require&password={enc}"
    )
    for shown in (mask_url(url), printable_target(url)):
        assert secret not in shown and enc not in shown
    message = f"connection failed: password {secret} or {enc} rejected"
    masked = mask_text(message, passwords(url))
    assert secret not in masked and enc not in masked


def test_driver_errors_are_masked() -> None:
    class Fake(Exception):
        sqlstate = "28P01"

    e = pg_error(Fake("FATAL: password=topsecret was wrong"), "x", ("topsecret",), broken=False)
    assert isinstance(e, StorageError) and "topsecret" not in e.message


def test_a_server_that_does_not_answer() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StorageError, match="cannot connect to the database server") as info:
        connect("postgresql://desk:hunter2@127.0.0.1:1/pmi?connect_timeout=2")
    assert "hunter2" not in info.value.message and "pgpass" in (info.value.hint or "")


def test_a_bad_url_is_said_plainly() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StorageError, match="not valid"):
        connect("postgresql://desk:hunter2@h:port/pmi?nosuchoption=1")
