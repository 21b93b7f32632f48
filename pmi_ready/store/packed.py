"""One assessment's answers and notes as one compact value (schema 6): ``answers.packed``.

An answer stored as a row of its own cost about 150 bytes at schema 5 (the assessment's id, the
item's id and the time as text, then all of it again in the primary key's index); packed, it is
about six. Each entry, in the order of its time:

- a varint ``head``: the item's code (table ``items``) shifted left by 5, the answer's code
  (`VALUE_CODES`, 0: a note without an answer) shifted left by 2, then two flags: 2 the entry has
  a note, 1 its time is kept as text;
- the time: as a zigzag varint, the microseconds since the previous entry's time (the first: since
  1970-01-01 UTC), for a time written as the store writes it (``2026-12-02T20:31:00.000000+00:00``);
  any other text (an import's own form) as a varint length and its UTF-8 bytes, kept as it was;
- with a note: a varint length and its UTF-8 bytes.

`unpack(pack(x)) == x` for every entry list; a test checks it on every answer of a generated set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pmi_ready.core import AnswerValue

VALUE_CODES: dict[str | None, int] = {
    None: 0,
    AnswerValue.YES.value: 1,
    AnswerValue.NO.value: 2,
    AnswerValue.UNSURE.value: 3,
    AnswerValue.NA.value: 4,
}
"""Each answer's code (fixed: stored in every database; table ``answer_values`` lists them)."""
VALUES: dict[int, AnswerValue | None] = {
    c: None if v is None else AnswerValue(v) for v, c in VALUE_CODES.items()
}
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)

Entry = tuple[int, str | None, str, str]
"""(item code, answer value or None for a note alone, note, answered_at as stored)."""


def micros(at: str) -> int | None:
    """Microseconds since 1970 of a time written as the store writes it; None for any other text
    (kept as text, so it reads back exactly as it was)."""
    if len(at) != 32 or at[10] != "T" or at[19] != "." or not at.endswith("+00:00"):
        return None
    try:
        t = dt.datetime.fromisoformat(at)
    except ValueError:
        return None
    return (t - EPOCH) // _US


def iso(us: int) -> str:
    return (EPOCH + dt.timedelta(microseconds=us)).isoformat(timespec="microseconds")


def pack(entries: Iterable[Entry]) -> bytes:
    """The entries as one value, in the order of their times (as text, as the store orders
    answers)."""
    out = bytearray()
    prev = 0
    for code, value, note, at in sorted(entries, key=lambda e: e[3]):
        us = micros(at)
        head = code << 5 | VALUE_CODES[value] << 2 | (2 if note else 0) | (1 if us is None else 0)
        _varint(out, head)
        if us is None:
            _text(out, at)
        else:
            d = us - prev
            _varint(out, d << 1 if d >= 0 else (-d << 1) - 1)
            prev = us
        if note:
            _text(out, note)
    return bytes(out)


def unpack(blob: bytes | bytearray | memoryview | None) -> list[Entry]:
    """The entries of `pack`, in its order (each value an `AnswerValue`, or None)."""
    if not blob:
        return []
    data = bytes(blob)
    out: list[Entry] = []
    i, n, prev = 0, len(data), 0
    day: int | None = None
    day_text = ""
    values = VALUES
    while i < n:
        head = data[i]
        i += 1
        if head >= 0x80:
            head, i = _read(data, i - 1)
        if head & 1:
            size, i = _read(data, i)
            at = data[i : i + size].decode("utf-8")
            i += size
        else:
            z = data[i]
            i += 1
            if z >= 0x80:
                z, i = _read(data, i - 1)
            prev += -((z + 1) >> 1) if z & 1 else z >> 1
            d, rest = divmod(prev, _DAY)
            if d != day:
                date = (EPOCH + dt.timedelta(days=d)).date()
                day, day_text = d, f"{date.year:04d}-{date.month:02d}-{date.day:02d}T"
            sec, us = divmod(rest, 1_000_000)
            h, sec = divmod(sec, 3600)
            m, sec = divmod(sec, 60)
            at = f"{day_text}{h:02d}:{m:02d}:{sec:02d}.{us:06d}+00:00"
        note = ""
        if head & 2:
            size, i = _read(data, i)
            note = data[i : i + size].decode("utf-8")
            i += size
        out.append((head >> 5, values[(head >> 2) & 7], note, at))
    return out


_DAY = 86_400_000_000


def _varint(out: bytearray, v: int) -> None:
    while v > 0x7F:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)


def _text(out: bytearray, text: str) -> None:
    b = text.encode("utf-8")
    _varint(out, len(b))
    out += b


def _read(data: bytes, i: int) -> tuple[int, int]:
    b = data[i]
    if b < 0x80:
        return b, i + 1
    v, shift = b & 0x7F, 7
    i += 1
    while True:
        b = data[i]
        v |= (b & 0x7F) << shift
        i += 1
        if b < 0x80:
            return v, i
        shift += 7
