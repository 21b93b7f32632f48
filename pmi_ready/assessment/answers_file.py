"""Answers files: a profile and answers in YAML, checked with a ``FILE:LINE`` for each problem.

```yaml
profile:
  destination: TW
  age: 27            # or a date of birth: 1999-08-17
  consent: no        # yes only when the applicant agrees that the data is kept
answers:
  passport: yes      # yes | no | unsure | na (where allowed); bare yes/no are booleans: fine
  work-visa: {answer: no, note: "the agency still has it"}
  copies:            # empty: not answered
funds:               # optional: the costs and loan check (see answers_funds.py)
  loan: 30jt
```
Never prints. The CLI turns `ProblemsError` into the messages and exit code 1.
"""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from collections.abc import Callable
from dataclasses import field
from pathlib import Path

from pmi_ready.assessment.replies import ANSWER_KEYS, clean_text, parse_profile_value
from pmi_ready.assessment.state import CONSENT
from pmi_ready.checklists import (
    MAX_FILE_BYTES,
    ParsedFile,
    YMap,
    YNode,
    YScalar,
    read_file,
)
from pmi_ready.core import (
    N_,
    OTHER,
    Answer,
    AnswerValue,
    Catalog,
    FieldType,
    Msg,
    Problem,
    ProblemsError,
    Readiness,
    display_path,
    frozen,
)
from pmi_ready.store import Store, StoredAssessment, now_iso

_WORDS: dict[str, AnswerValue] = {v.value: v for v in AnswerValue}
for _keys in ANSWER_KEYS.values():
    for _value, _typed in _keys.items():
        for _k in _typed:
            _WORDS.setdefault(_k, _value)
# The words of the walk's legend and the report, in both languages.
_WORDS.update(
    {
        "not sure": AnswerValue.UNSURE,
        "tidak yakin": AnswerValue.UNSURE,
        "n/a": AnswerValue.NA,
        "tidak berlaku": AnswerValue.NA,
    }
)


Add = Callable[[YNode | None, str], None]


@frozen
class AnswersFile:
    profile: dict[str, str]
    answers: dict[str, Answer]
    shown: str
    notes: dict[str, str] = field(default_factory=dict)
    funds: dict[str, object] | None = None  # FundsInput.to_dict(), when the file has funds:

    @property
    def consent(self) -> bool:
        return self.profile.get(CONSENT) == "yes"


def read_source(source: str) -> ParsedFile:
    """A file by path, or standard input for ``-`` (read in memory, never written anywhere)."""
    if source != "-":
        path = Path(source)
        return read_file(path, display_path(path))
    from pmi_ready.checklists import parse_bytes

    shown = "<stdin>"
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        data = bytes(buffer.read(MAX_FILE_BYTES + 1))
    else:
        data = sys.stdin.read(MAX_FILE_BYTES + 1).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        problems = [Problem(shown, 1, N_("the input is too large"))]
        return ParsedFile(Path("-"), shown, None, "", problems)
    return parse_bytes(data, Path("-"), shown, noun="input")


def load_answers(source: str, catalog: Catalog, *, today: dt.date | None = None) -> AnswersFile:
    """Parse and check an answers file; `ProblemsError` lists every problem with its line."""
    return check_answers(read_source(source), catalog, today=today)


def check_answers(
    parsed: ParsedFile, catalog: Catalog, *, today: dt.date | None = None
) -> AnswersFile:
    """Check an answers document already parsed (a file, standard input, or a submission from
    KoboToolbox or ODK written as one): every import of answers goes through here. A date of
    birth is counted in years up to ``today``."""
    shown = parsed.shown
    problems = list(parsed.problems)

    def add(node: YNode | None, msg: str) -> None:
        problems.append(Problem(shown, node.line if node else 1, msg))

    profile: dict[str, str] = {}
    answers: dict[str, Answer] = {}
    notes: dict[str, str] = {}
    funds: dict[str, object] | None = None
    root = parsed.root
    if root is not None and not isinstance(root, YMap):
        add(root, N_("an answers file is a mapping with 'profile:' and 'answers:'"))
    elif isinstance(root, YMap):
        for key, (knode, _) in root.entries.items():
            if key not in ("profile", "answers", "funds"):
                add(
                    knode,
                    Msg(
                        N_(
                            "unknown key '{key}' (an answers file has 'profile:', 'answers:' and "
                            "optionally 'funds:')"
                        ),
                        key=key,
                    ),
                )
        _profile(root.get("profile"), root, catalog, today or dt.date.today(), profile, add)
        _answers(root.get("answers"), catalog, answers, notes, add)
        if "funds" in root:
            from pmi_ready.funds import read_funds

            key_node, funds_node = root.entries["funds"]
            funds = read_funds(funds_node, key_node, catalog, profile, add)
    if problems:
        raise ProblemsError(sorted(problems), what=N_("answers file"))
    return AnswersFile(profile, answers, shown, notes, funds)


def _scalar_text(node: YNode) -> str | None:
    if isinstance(node, YScalar) and not node.is_null:
        return node.raw
    return None


def _profile(
    node: YNode | None,
    root: YMap,
    catalog: Catalog,
    today: dt.date,
    out: dict[str, str],
    add: Add,
) -> None:
    spec = catalog.profile
    if node is None:
        add(root, N_("the file has no 'profile:' section"))
        return
    if not isinstance(node, YMap):
        add(node, N_("'profile:' must be a mapping of 'field: value' lines"))
        return
    ids = [f.id for f in spec.fields]
    for key, (knode, vnode) in node.entries.items():
        f = spec.field(key)
        if f is None:
            near = difflib.get_close_matches(key, ids, n=1, cutoff=0.6)
            if near:
                add(
                    knode,
                    Msg(
                        N_("unknown profile field '{key}'; did you mean '{near}'?"),
                        key=key,
                        near=near[0],
                    ),
                )
            else:
                add(
                    knode,
                    Msg(
                        N_("unknown profile field '{key}' (fields: {fields})"),
                        key=key,
                        fields=", ".join(ids),
                    ),
                )
            continue
        if not isinstance(vnode, YScalar):
            add(vnode, Msg(N_("'{key}' must be a single value"), key=key))
            continue
        if vnode.is_null or (vnode.raw.strip() == "" and not vnode.quoted):
            continue
        if f.type is FieldType.YES_NO:
            b = vnode.as_bool()
            word = _WORDS.get(vnode.raw.strip().lower())
            if b is None and word in (AnswerValue.YES, AnswerValue.NO):
                b = word is AnswerValue.YES
            if b is None:
                add(
                    vnode,
                    Msg(N_("'{key}' must be yes or no, not '{value}'"), key=key, value=vnode.raw),
                )
                continue
            out[key] = "yes" if b else "no"
            continue
        value, problem = parse_profile_value(f, vnode.raw, "en", today)
        if problem is None:
            if value is not None:
                out[key] = value
            continue
        if problem == "choice":
            allowed = ", ".join(c.value for c in f.choices)
            add(
                vnode,
                Msg(
                    N_("'{value}' is not a value of '{key}' (allowed: {allowed})"),
                    value=vnode.raw,
                    key=key,
                    allowed=allowed,
                ),
            )
        elif problem == "future":
            add(
                vnode,
                Msg(N_("'{key}': the date {value} is in the future"), key=key, value=vnode.raw),
            )
        elif problem == "range":
            add(
                vnode,
                Msg(
                    N_("'{key}': {value} is outside {low}..{high}"),
                    key=key,
                    value=vnode.raw,
                    low=f"{f.min:g}",
                    high=f"{f.max:g}",
                ),
            )
        elif problem == "encoding":
            add(vnode, Msg(N_("'{key}' holds characters that could not be read (U+FFFD)"), key=key))
        else:
            add(
                vnode,
                Msg(
                    N_(
                        "'{key}' must be a number of years or a date of birth DD-MM-YYYY or "
                        "YYYY-MM-DD, not '{value}'"
                    ),
                    key=key,
                    value=vnode.raw,
                ),
            )
    key_node = root.entries["profile"][0]
    for f in spec.fields:
        if f.other is not None and out.get(f.other_id) and out.get(f.id) not in (None, OTHER):
            add(
                node.entries[f.other_id][0],
                Msg(
                    N_("'{key}' is given only with '{field}: {other}'"),
                    key=f.other_id,
                    field=f.id,
                    other=OTHER,
                ),
            )
    spec.settle(out)  # destination-other: Kamboja is destination: KH
    for f in spec.fields:
        if f.required and f.id not in out and f.id not in node:
            add(key_node, Msg(N_("the profile is missing '{key}'"), key=f.id))


def _answers(
    node: YNode | None,
    catalog: Catalog,
    out: dict[str, Answer],
    notes: dict[str, str],
    add: Add,
) -> None:
    if node is None or (isinstance(node, YScalar) and node.is_null):
        return
    if not isinstance(node, YMap):
        add(node, N_("'answers:' must be a mapping of 'item-id: answer' lines"))
        return
    items = {it.id: it for it in catalog.items()}
    when = now_iso()
    for key, (knode, vnode) in node.entries.items():
        item = items.get(key)
        if item is None:
            near = difflib.get_close_matches(key, list(items), n=1, cutoff=0.6)
            if near:
                add(
                    knode,
                    Msg(
                        N_("unknown item id '{key}'; did you mean '{near}'?"), key=key, near=near[0]
                    ),
                )
            else:
                add(knode, Msg(N_("unknown item id '{key}'"), key=key))
            continue
        note = ""
        value_node: YNode | None = vnode
        if isinstance(vnode, YMap):
            for k, (kn, _) in vnode.entries.items():
                if k not in ("answer", "note"):
                    add(
                        kn,
                        Msg(
                            N_("unknown key '{k}' in the answer to '{key}' (use answer and note)"),
                            k=k,
                            key=key,
                        ),
                    )
            value_node = vnode.get("answer")
            note_node = vnode.get("note")
            if note_node is not None:
                text = _scalar_text(note_node)
                if text is None and not (isinstance(note_node, YScalar) and note_node.is_null):
                    add(note_node, Msg(N_("the note of '{key}' must be text"), key=key))
                note = clean_text(text or "")
        if value_node is None or (isinstance(value_node, YScalar) and value_node.is_null):
            if note:
                notes[key] = note
            continue
        if not isinstance(value_node, YScalar):
            add(value_node, Msg(N_("the answer to '{key}' must be yes, no, unsure or na"), key=key))
            continue
        value: AnswerValue | None
        if value_node.kind == "bool":
            b = value_node.as_bool()
            value = None if b is None else (AnswerValue.YES if b else AnswerValue.NO)
        else:
            value = _WORDS.get(value_node.raw.strip().lower())
        allowed = N_("yes, no, unsure or na") if item.allow_na else N_("yes, no or unsure")
        if value is None:
            add(
                value_node,
                Msg(
                    N_("'{value}' is not an answer to '{key}' (use {allowed})"),
                    value=value_node.raw,
                    key=key,
                    allowed=Msg(allowed),
                ),
            )
            continue
        if value is AnswerValue.NA and not item.allow_na:
            add(
                value_node,
                Msg(
                    N_("'{key}' does not accept na (use {allowed})"), key=key, allowed=Msg(allowed)
                ),
            )
            continue
        out[key] = Answer(key, value, note, when)


def save_answers(
    store: Store, catalog: Catalog, parsed: AnswersFile, lang: str
) -> tuple[str, Readiness]:
    """Store a checked answers file as a new assessment (one transaction); its id and readiness.
    It is marked finished when every applicable question has an answer."""
    import uuid

    record, readiness = answers_record(
        catalog, parsed, lang, aid=str(uuid.uuid4()), when=dt.datetime.now(dt.UTC)
    )
    store.put(record, readiness)
    return record.id, readiness


def answers_record(
    catalog: Catalog,
    parsed: AnswersFile,
    lang: str,
    *,
    aid: str,
    when: dt.datetime,
    data: dict[str, object] | None = None,
    versions: dict[str, dict[str, str]] | None = None,
) -> tuple[StoredAssessment, Readiness]:
    """The stored assessment for checked answers, scored by `evaluate` (the one path for the
    walk, answers files and imports); ``data`` adds to ``{"source": "answers-file"}``."""
    from pmi_ready.assessment.verdict import COPY_KEY, checklist_copy, evaluate

    extra: dict[str, object] = {"source": "answers-file", **(data or {})}
    kept = checklist_copy(catalog)
    if kept is not None:  # the folder's checklists, for a report made without the folder
        extra[COPY_KEY] = kept
    if parsed.funds is not None:
        extra["funds"] = parsed.funds
    readiness = evaluate(catalog, parsed.profile, parsed.answers, extra).readiness
    record = StoredAssessment(
        id=aid,
        created_at=when,
        updated_at=when,
        lang=lang,
        profile=dict(parsed.profile),
        answers=dict(parsed.answers),
        versions=versions if versions is not None else catalog.versions(),
        data=extra,
        finished=readiness.complete,
        status=readiness.status.value,
        notes=dict(parsed.notes),
    )
    return record, readiness
