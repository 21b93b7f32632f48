"""The shipped checklist content: it loads cleanly, every claim points at a declared source,
both languages are present everywhere, and phone numbers live only in contacts.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmi_ready.checklists import validate
from pmi_ready.core import AnswerValue, Catalog, Text
from pmi_ready.resources import checklists_dir

CHECKLISTS = checklists_dir()
YAML_FILES = sorted(p for p in CHECKLISTS.rglob("*") if p.suffix in (".yaml", ".yml"))

DESTINATION_CURRENCIES = {
    "TW": "TWD",
    "MY": "MYR",
    "HK": "HKD",
    "KR": "KRW",
    "JP": "JPY",
    "SG": "SGD",
    "SA": "SAR",
}

# Anything that looks like a phone number: an international prefix, a number starting with 0 and
# at least four digits (0800, 021…, 08xx…), or a run of seven or more digits with optional
# spaces or dashes between them (not inside an id such as kepmenaker-260-2015). ISO dates
# (2026-11-28) are removed before matching.
PHONE_RE = re.compile(r"\+\s?\d|(?<![\w.,])0\d{3}|(?<![\w-])\d(?:[ \-]?\d){6,}")
DATE_RE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    cat, problems = validate([CHECKLISTS])
    assert not problems, "\n".join(f"{p.path}:{p.line}: {p.message}" for p in problems)
    assert cat is not None
    return cat


def _texts(cat: Catalog) -> Iterator[tuple[str, Text]]:
    yield f"{cat.profile.id}: title", cat.profile.title
    for f in cat.profile.fields:
        yield f"profile {f.id}: ask", f.ask
        for ch in f.choices:
            yield f"profile {f.id}={ch.value}: label", ch.label
    for c in cat.checklists:
        yield f"{c.id}: title", c.title
        if c.intro is not None:
            yield f"{c.id}: intro", c.intro
        for it in c.items:
            yield f"{it.id}: ask", it.ask
            yield f"{it.id}: why", it.why
            yield f"{it.id}: how", it.how
            if it.office is not None:
                yield f"{it.id}: office", it.office
    if cat.contacts is not None:
        for ct in cat.contacts.contacts:
            yield f"contact {ct.id}: label", ct.label
            if ct.note is not None:
                yield f"contact {ct.id}: note", ct.note


def test_shipped_files_load_with_zero_problems(catalog: Catalog) -> None:
    assert catalog.contacts is not None
    assert len(catalog.checklists) >= 13
    loaded = {Path(c.path).name for c in catalog.checklists}
    for name in (
        "skills.yaml",
        "documents.yaml",
        "money.yaml",
        "registration.yaml",
        "red-flags.yaml",
        "jobs.yaml",
    ):
        assert name in loaded


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.relative_to(CHECKLISTS).as_posix())
def test_each_file_is_plain_yaml(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    # no anchors, aliases or tags (the validator rejects them too; this pins it per file)
    assert not re.search(r"(^|[\s\[{,])[&*][A-Za-z0-9_-]+", text), "anchor or alias"
    assert "!!" not in text and not re.search(r":\s+![A-Za-z]", text), "YAML tag"


def test_every_item_source_resolves(catalog: Catalog) -> None:
    missing = [
        (it.id, sid)
        for it in catalog.items()
        for sid in it.source_ids
        if sid not in catalog.sources
    ]
    assert not missing
    assert all(it.source_ids for it in catalog.items())
    assert catalog.contacts is not None
    assert catalog.contacts.source_ids
    assert all(sid in catalog.sources for sid in catalog.contacts.source_ids)


def test_every_declared_source_is_used(catalog: Catalog) -> None:
    used = {sid for it in catalog.items() for sid in it.source_ids}
    assert catalog.contacts is not None
    used |= set(catalog.contacts.source_ids)
    assert set(catalog.sources) - used == set()


def test_both_languages_on_every_text(catalog: Catalog) -> None:
    empty = [where for where, t in _texts(catalog) if not t.id.strip() or not t.en.strip()]
    assert not empty
    same = [
        where
        for where, t in _texts(catalog)
        if t.id.strip() == t.en.strip() and len(t.id.split()) > 3
    ]
    assert not same, f"not translated: {same}"


def test_no_phone_numbers_outside_contacts() -> None:
    hits = []
    for path in YAML_FILES:
        if path.name == "contacts.yaml":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = PHONE_RE.search(DATE_RE.sub("", line))
            if m:
                hits.append(f"{path.relative_to(CHECKLISTS)}:{n}: {m.group(0)!r}")
    assert not hits


def test_phone_pattern_catches_numbers() -> None:
    for s in (
        "0800-1000",
        "+62 21 2924 4800",
        "+62 811-8080-141",
        "0811 2345 678",
        "021 1234567",
        "2924 4800",
    ):
        assert PHONE_RE.search(s), s
    for s in (
        "Rp28-48 juta",
        "No. 260 Tahun 2015",
        "Rp370.000",
        "18 sampai 39",
        "Pasal 69 dan 81",
        "kepmenaker-260-2015",
    ):
        assert not PHONE_RE.search(DATE_RE.sub("", s)), s


def test_contacts_hold_only_the_confirmed_numbers(catalog: Catalog) -> None:
    assert catalog.contacts is not None
    values = {c.value for c in catalog.contacts.contacts if c.value}
    assert values == {"0800-1000", "+62 21 2924 4800", "+62 811-8080-141"}
    kinds = {c.kind for c in catalog.contacts.contacts}
    assert "office" in kinds
    raw = (CHECKLISTS / "contacts.yaml").read_text(encoding="utf-8")
    body = "\n".join(line for line in raw.splitlines() if not line.lstrip().startswith("#"))
    for forbidden in ("7266", "1500630"):
        assert forbidden not in body


def test_every_destination_pack_has_its_currency(catalog: Catalog) -> None:
    packs = [c for c in catalog.checklists if Path(c.path).parent.name == "destinations"]
    found = {}
    for c in packs:
        assert c.when is not None, c.id
        ((field, values),) = c.when.terms
        assert field == "destination"
        assert isinstance(values, frozenset) and len(values) == 1
        code = next(iter(values))
        assert Path(c.path).stem == code
        assert c.currency == DESTINATION_CURRENCIES[code], c.id
        assert len(c.items) >= 2, c.id
        found[code] = c.currency
    assert found == DESTINATION_CURRENCIES


def test_every_red_flag_is_ready_when_no(catalog: Catalog) -> None:
    flags = [it for it in catalog.items() if it.red_flag]
    assert flags
    assert all(it.ready_when is AnswerValue.NO for it in flags)


def test_item_ids_are_lower_case_and_unique(catalog: Catalog) -> None:
    ids = [it.id for it in catalog.items()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_unverified_sources_are_only_advice_to_check(catalog: Catalog) -> None:
    """An item that rests on an unconfirmed source must tell the reader to check with an office."""
    unverified = {sid for sid, s in catalog.sources.items() if not s.verified}
    for it in catalog.items():
        if unverified & set(it.source_ids):
            for text in it.how:
                assert re.search(r"Disnaker|BP3MI", text), it.id


def test_every_pasal_13_document_is_asked(catalog: Catalog) -> None:
    docs = catalog.checklist("documents")
    assert docs is not None
    ids = {it.id for it in docs.items}
    for needed in (
        "marital-status-letter",
        "marriage-book-copy",
        "family-permission",
        "competency-certificate",
        "health-certificate",
        "passport-local-office",
        "work-visa",
        "placement-agreement",
        "employment-contract",
    ):
        assert needed in ids


ACRONYMS = [
    "SKCK",
    "LTSA",
    "OPP",
    "BPJS",
    "P3MI",
    "SIP3MI",
    "BNSP",
    "LSP",
    "BLK",
    "LPK",
    "KBRI",
    "KJRI",
    "BP3MI",
    "Disnaker",
    "PMI",
    "KUR",
    "SISKOP2MI",
    "JKK",
    "JKM",
    "JHT",
    "KTP",
]


def test_acronyms_are_explained_where_first_used_in_each_file() -> None:
    """Plain language: the first time a file uses an acronym, it is explained in brackets
    (``SKCK (surat keterangan dari polisi)``) or stands in brackets after its meaning."""
    import re

    from pmi_ready.checklists import load_catalog

    catalog = load_catalog()
    unexplained = []
    for c in catalog.checklists:
        for lang in ("id", "en"):
            texts = [c.intro.get(lang)] if c.intro else []
            for it in c.items:
                texts += [it.ask.get(lang), it.why.get(lang), it.how.get(lang)]
                if it.office:
                    texts.append(it.office.get(lang))
            full = "\n".join(texts)
            for acronym in ACRONYMS:
                m = re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", full)
                if m and not (full[m.end() :].startswith(" (") or full[: m.start()].endswith("(")):
                    unexplained.append(f"{c.id} ({lang}): {acronym}")
    assert unexplained == []


def test_docs_sources_says_where_each_source_is_used() -> None:
    """docs/sources.md lists, for every source, the files that cite it (kept in step by hand)."""
    root = Path(__file__).resolve().parent.parent
    used: dict[str, set[str]] = {}
    for path in sorted((root / "checklists").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"source: (\[[^\]]*\]|[a-z0-9-]+)", text):
            for sid in m.group(1).strip("[]").split(","):
                used.setdefault(sid.strip(), set()).add(
                    path.relative_to(root / "checklists").as_posix()
                )
    doc = (root / "docs" / "sources.md").read_text(encoding="utf-8")
    for sid, files in used.items():
        section = re.search(rf"## `{re.escape(sid)}`\n(.*?)(?=\n## |\Z)", doc, re.S)
        assert section, f"docs/sources.md has no section for {sid}"
        listed = re.findall(r"`([^`]+\.yaml)`", section.group(1).split("**Used by:**")[-1])
        assert sorted(listed) == sorted(files), sid
