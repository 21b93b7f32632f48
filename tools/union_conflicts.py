"""Resolve add/add merge conflicts by keeping both sides, ours first (README rows, registrations).

    python tools/union_conflicts.py FILE...
Read the result: this is right only where both sides added independent lines.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

BLOCK = re.compile(r"<<<<<<< [^\n]*\n(.*?)=======\n(.*?)>>>>>>> [^\n]*\n", re.S)


def main() -> int:
    for name in sys.argv[1:]:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        path.write_text(BLOCK.sub(lambda m: m.group(1) + m.group(2), text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
