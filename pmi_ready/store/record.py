"""What the store keeps for one assessment, and the values of its summary columns.

`StoredAssessment` is the complete record (answers, notes, profile, versions, data) as the store
returns it and as JSONL exports carry it between laptops. Times are aware datetimes in UTC; stored,
they are ISO 8601 strings, so "the newer one wins" is a string comparison.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from dataclasses import field
from typing import TYPE_CHECKING, Any

from pmi_ready.core import Answer, AnswerValue, frozen

if TYPE_CHECKING:
    from pmi_ready.core import Readiness

SUMMARY_FIELDS = ("destination", "job", "route", "officer")
"""The profile fields copied into summary columns of the same name."""


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


@frozen
class StoredAssessment:
    id: str
    created_at: dt.datetime
    updated_at: dt.datetime
    lang: str
    profile: dict[str, str]
    answers: dict[str, Answer]
    versions: dict[str, dict[str, str]]
    data: dict[str, object]
    finished: bool
    status: str | None
    notes: dict[str, str] = field(default_factory=dict)
    """Notes written for items not answered yet (item id -> note)."""

    def to_dict(self) -> dict[str, Any]:
        """The complete record as JSON-able data (for JSONL export and transfer)."""
        return {
            "id": self.id,
            "created_at": self.created_at.isoformat(timespec="microseconds"),
            "updated_at": self.updated_at.isoformat(timespec="microseconds"),
            "lang": self.lang,
            "profile": dict(self.profile),
            "answers": {
                k: {"value": a.value.value, "note": a.note, "answered_at": a.answered_at}
                for k, a in self.answers.items()
            },
            "notes": dict(self.notes),
            "versions": {k: dict(v) for k, v in self.versions.items()},
            "data": dict(self.data),
            "finished": self.finished,
            "status": self.status,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> StoredAssessment:
        """The reverse of `to_dict`; raises ValueError / KeyError / TypeError on a bad record."""
        aid = str(uuid.UUID(str(d["id"])))
        answers = {
            str(k): Answer(
                str(k),
                AnswerValue(v["value"]),
                str(v.get("note", "")),
                str(v.get("answered_at", "")),
            )
            for k, v in dict(d.get("answers") or {}).items()
        }
        return cls(
            id=aid,
            created_at=parse_time(str(d["created_at"])),
            updated_at=parse_time(str(d["updated_at"])),
            lang=str(d.get("lang", "id")),
            profile={str(k): str(v) for k, v in dict(d.get("profile") or {}).items()},
            answers=answers,
            versions={
                str(k): {str(a): str(b) for a, b in dict(v).items()}
                for k, v in dict(d.get("versions") or {}).items()
            },
            data=dict(d.get("data") or {}),
            finished=bool(d.get("finished", False)),
            status=None if d.get("status") is None else str(d["status"]),
            notes={str(k): str(v) for k, v in dict(d.get("notes") or {}).items()},
        )

    @classmethod
    def from_row(
        cls, row: Mapping[str, Any], answers: dict[str, Answer], notes: dict[str, str]
    ) -> StoredAssessment:
        """A record from its ``assessments`` row (column name -> value) and its answers."""
        return cls(
            id=row["id"],
            created_at=parse_time(row["created_at"]),
            updated_at=parse_time(row["updated_at"]),
            lang=row["lang"],
            profile=loads(row["profile"], {}),
            answers=answers,
            versions=loads(row["versions"], {}),
            data=loads(row["data"], {}),
            finished=bool(row["finished"]),
            status=row["status"],
            notes=notes,
        )


def search_words(name: object, officer: object) -> set[str]:
    """The words ``records list --search`` finds an assessment by: those of its name and of its
    officer, normalised (`normalize_name`) and in lower case."""
    from pmi_ready.core import normalize_name

    out: set[str] = set()
    for text in (name, officer):
        if isinstance(text, str) and text:
            out.update(normalize_name(text).lower().split())
    return out


def version_digest(versions: Mapping[str, Any]) -> str:
    """The key of a set of checklist versions in ``version_sets`` (SHA-256 of its JSON)."""
    import hashlib

    return hashlib.sha256(dumps(versions).encode("utf-8")).hexdigest()


def parse_time(text: str) -> dt.datetime:
    """A stored time; one without a zone is taken as UTC."""
    t = dt.datetime.fromisoformat(text)
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def loads(text: str | None, default: Any) -> Any:
    """A stored JSON column; ``default`` when it is empty or not JSON."""
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def dumps(value: object) -> str:
    """A JSON column as the store writes it: UTF-8 text, keys sorted."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def opt(value: object) -> str | None:
    """A summary column's value: ``None`` for missing or empty."""
    return None if value in (None, "") else str(value)


SUMMARY_COLUMNS = (
    "status",
    *SUMMARY_FIELDS,
    "n_applicable",
    "n_ready",
    "critical_missing",
    "important_missing",
    "advice_missing",
    "red_flags",
    "missing_critical",
)
"""The summary columns of ``assessments``, in the order of `summary_values`."""


def summary_values(readiness: Readiness) -> tuple[object, ...]:
    """The values of `SUMMARY_COLUMNS`, in order."""
    c = readiness.counts
    return (
        readiness.status.value,
        *(opt(readiness.profile.get(f)) for f in SUMMARY_FIELDS),
        c.get("applicable", 0),
        c.get("ready", 0),
        c.get("critical_missing", 0),
        c.get("important_missing", 0),
        c.get("advice_missing", 0),
        len(readiness.red_flags),
        dumps(list(readiness.missing_critical)),
    )
