"""Fill Indonesian translations from a JSON object {"English msgid": "terjemahan"}.

python tools/set_translations.py translations.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogs import dump, po_path


def main() -> int:
    path = po_path("id")
    with path.open("rb") as f:
        cat = read_po(f, locale="id")
    with Path(sys.argv[1]).open(encoding="utf-8") as f:
        table = json.load(f)
    for m in cat:
        if m.id in table:
            m.string = table[m.id]
            m.flags.discard("fuzzy")
    path.write_bytes(dump(cat, ignore_obsolete=True))
    left = [m.id for m in cat if m.id and not m.string]
    print(f"{len(left)} messages still need a translation", *left, sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
