"""Every broken checklist file under tests/data/broken gets its expected FILE:LINE: message.

Each file's first line says what it must produce: ``# expect: LINE: message`` (or just a message
when the line depends on the YAML parser). The whole corpus is then validated in a real process with
a memory cap and a time limit: exit 1, one message per problem, no traceback.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pmi_ready.checklists import validate
from tests.conftest import DATA, MINI

BROKEN = DATA / "broken"
CASES = sorted(BROKEN.glob("*.yaml"))
EXPECT = re.compile(rb"# expect: (?:(\d+): )?(.*)")


def expectation(path: Path) -> tuple[int | None, str]:
    raw = path.read_bytes()
    head = raw.decode("utf-16") if raw.startswith(b"\xff\xfe") else raw.decode("latin-1")
    m = EXPECT.match(head.splitlines()[0].encode())
    assert m, f"{path.name} has no '# expect:' line"
    return (int(m.group(1)) if m.group(1) else None), m.group(2).decode()


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_broken_file(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # like a trainer's folder given after the built-in one: a clash is blamed on the new file
    shutil.copytree(MINI, tmp_path / "base")
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(case, folder / case.name)
    monkeypatch.chdir(tmp_path)
    line, message = expectation(case)
    _, problems = validate([tmp_path / "base", folder])
    mine = [p for p in problems if p.path == f"c/{case.name}"]
    assert mine, f"no problem reported for {case.name}: {[str(p) for p in problems]}"
    wanted = f"c/{case.name}:{line}: {message}" if line is not None else message
    assert any(wanted in str(p) for p in mine), "\n".join(str(p) for p in mine)


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    import resource

    cap = 1024 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def test_whole_corpus_in_a_real_process(tmp_path: Path) -> None:
    base = tmp_path / "base"
    shutil.copytree(MINI, base)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for case in CASES:
        shutil.copy(case, folder / case.name)
    with (folder / "90-fifty-megabytes.yaml").open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    if sys.platform != "win32":
        (folder / "91-loop.yaml").symlink_to("91-loop.yaml")
        (folder / "sub").mkdir()
        (folder / "sub" / "up").symlink_to("..")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pmi_ready",
            "checklists",
            "validate",
            "--lang",
            "en",
            "--no-builtin",
            str(base),
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        preexec_fn=_limit_memory if sys.platform != "win32" else None,
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[-1].endswith("problems found")
    for case in CASES:
        assert any(line.startswith(f"corpus/{case.name}:") for line in lines), case.name
    assert any("90-fifty-megabytes.yaml:1: the file is too large (50.0 MB" in x for x in lines)
    if sys.platform != "win32":
        assert any("91-loop.yaml:0: cannot read the file" in x for x in lines)
