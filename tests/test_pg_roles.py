"""The roles of docs/office-database.md, run exactly as written there (with names of their own):
the desk may do everything a desk does and nothing more; the supervisor may count
(``records stats``) and read no name, and write nothing."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.core import AnswerValue
from pmi_ready.store import Store, open_store
from tests.backends import SERVER, raw

DOC = Path(__file__).parent.parent / "docs" / "office-database.md"


def sql_blocks() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def statements(block: str, names: dict[str, str]) -> list[str]:
    for old, new in names.items():
        block = re.sub(rf"\b{old}\b", new, block)
    return [s.strip() for s in block.split(";") if s.strip()]


@pytest.fixture
def office() -> Iterator[dict[str, str]]:
    """The doc's roles and database with unique names; dropped afterwards."""
    tag = uuid.uuid4().hex[:8]
    names = {
        "pmi_owner": f"pmi_owner_{tag}",
        "pmi_desk": f"pmi_desk_{tag}",
        "pmi_supervisor": f"pmi_supervisor_{tag}",
        "pmi": f"pmi_{tag}",
    }
    admin = raw(f"{SERVER}/postgres")
    try:
        first, second = sql_blocks()
        for s in statements(first, names):
            admin.execute(s)
        url = {
            role: f"{SERVER.replace('postgres@', f'{names[role]}@')}/{names['pmi']}"
            for role in ("pmi_owner", "pmi_desk", "pmi_supervisor")
        }
        open_store(url["pmi_owner"]).close()  # the owner makes the tables
        owner = raw(url["pmi_owner"])
        for s in statements(second, names):
            owner.execute(s)
        owner.close()
        yield url
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{names["pmi"]}" WITH (FORCE)')
        for role in ("pmi_desk", "pmi_supervisor", "pmi_owner"):
            admin.execute(f'DROP ROLE IF EXISTS "{names[role]}"')
        admin.close()


def cli(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(app, [*args, "--lang", "en"])
    return res.exit_code, res.stdout + res.stderr


def test_the_desk_and_supervisor_roles_work_as_documented(office: dict[str, str]) -> None:
    desk, supervisor = office["pmi_desk"], office["pmi_supervisor"]
    with open_store(desk) as s:
        aid = s.create(lang="id", versions={}, profile={"destination": "TW", "name": "Siti"})
        s.save_answer(aid, "passport", AnswerValue.YES, "ada")
        gone = s.create(lang="id", versions={})
        s.delete(gone)
    code, out = cli("records", "list", "--db", desk)
    assert code == 0 and aid[:8] in out, out
    code, out = cli("records", "stats", "--json", "--db", supervisor)
    assert code == 0 and '"total": 1' in out, out
    code, out = cli("records", "list", "--db", supervisor)  # names are not the supervisor's
    assert code == 1 and "may not do this" in out and "Traceback" not in out, out
    code, out = cli("records", "delete", aid, "--yes", "--db", supervisor)
    assert code == 1 and "Traceback" not in out, out
    with open_store(desk) as s:
        assert s.get(aid).answers["passport"].note == "ada"  # nothing the supervisor did stuck
        conn = raw(desk)
        with pytest.raises(Exception, match=r"must be owner|permission denied"):
            conn.execute("DROP TABLE answers")
        conn.close()


def test_the_readme_grants_are_the_tested_ones() -> None:
    readme = (DOC.parent.parent / "README.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```sql\n(.*?)```", readme, flags=re.S)
    plain = "\n".join(ln for ln in block.splitlines() if not ln.startswith("--"))
    assert statements(plain, {}) == [s for b in sql_blocks() for s in statements(b, {})]


def test_a_laptop_syncs_as_the_desk_role_and_the_supervisor_cannot(
    office: dict[str, str], tmp_path: Path
) -> None:
    from tests.test_sync import database, records, state

    desk, supervisor = office["pmi_desk"], office["pmi_supervisor"]
    laptop = database(tmp_path / "laptop.db", records(3, seed=30))
    code, out = cli("records", "sync", "--db", laptop, "--to", desk)
    assert code == 0 and "Sent: 3 new" in out, out
    with Store.open(laptop) as s:
        s.delete(sorted(state(laptop))[0])
    code, out = cli("records", "sync", "--db", laptop, "--to", desk)
    assert code == 0 and "1 deleted there" in out, out
    assert state(desk) == state(laptop)
    code, out = cli("records", "sync", "--db", laptop, "--to", supervisor)
    assert code == 1 and "may not do this" in out and "Traceback" not in out, out
