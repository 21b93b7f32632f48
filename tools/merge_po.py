"""Resolve a git merge conflict in the catalogs: keep every translation from both sides.

python tools/merge_po.py      # during a merge with conflicts in locales/
python tools/catalogs.py update && python tools/catalogs.py check
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogs import LANGS, POT, ROOT, dump, po_path


def side(path: Path, stage: int, lang: str | None) -> dict[str, str]:
    rel = path.relative_to(ROOT).as_posix()
    out = subprocess.run(["git", "show", f":{stage}:{rel}"], capture_output=True, cwd=ROOT)
    if out.returncode != 0:
        return {}
    cat = read_po(io.BytesIO(out.stdout), locale=lang)
    return {m.id: m.string for m in cat if m.id and m.string and not m.fuzzy}


def main() -> int:
    for lang in LANGS:
        path = po_path(lang)
        merged = {**side(path, 3, lang), **side(path, 2, lang)}  # ours wins on a clash
        from babel.messages.catalog import Catalog

        cat = Catalog(locale=lang, project="pmi-ready", fuzzy=False)
        for msgid, string in merged.items():
            cat.add(msgid, string)
        path.write_bytes(dump(cat))
    POT.write_bytes(b"")  # rebuilt by `catalogs.py update`
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
