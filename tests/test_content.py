"""The shipped checklist content: it loads cleanly, every claim points at a declared source,
both languages are present everywhere, and phone numbers live only in contacts.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmi_ready.checklists import validate
from pmi_ready.core import AnswerValue, Catalog, Checklist, Item, Level, Text
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
        "spouse-permission",
        "family-permission",
        "competency-certificate",
        "health-certificate",
        "passport-local-office",
        "work-visa",
        "placement-agreement",
        "employment-contract",
    ):
        assert needed in ids


# Plain language (issue 17). An acronym is a word with two or more capitals (SKCK, P3MI,
# SIAPkerja; the parts of EPS-TOPIK and JFT-Basic count one by one), a plural of one (BLKs), or
# one of the few lower-case abbreviations below. Abbreviations every reader knows are not counted.
ACRONYM_TOKEN = re.compile(r"[A-Za-z0-9$]+")
LOWER_CASE_ACRONYMS = {"Disnaker", "Kemnaker", "Kepmenaker", "Permenaker", "Kemlu"}
COMMON = {"RI", "UU", "ID", "ATM", "PIN", "HIV", "AIDS", "WhatsApp"}
MAX_ACRONYMS_PER_QUESTION = 2
MAX_QUESTION_WORDS = 25
LAW_IN_TEXT = re.compile(
    r"\b(Pasal|Articles?|UU|Undang-[Uu]ndang|Law No|Peraturan|Regulation|Kepmenaker|Permenaker"
    r"|Keputusan|Decree)\b|No\. ?\d+ (Tahun|of)\b"
)


def acronyms(text: str) -> list[re.Match[str]]:
    """The acronyms of ``text``, in order (each a match whose group 0 is the word)."""
    found = []
    for m in ACRONYM_TOKEN.finditer(text):
        word = m.group(0)
        if word in COMMON or word.startswith("US$"):
            continue
        if word in LOWER_CASE_ACRONYMS or sum(ch.isupper() for ch in word) >= 2:
            found.append(m)
    return found


def _norm(word: str) -> str:
    return word[:-1] if word.endswith("s") and word[:-1].isupper() else word


def _explained(text: str, m: re.Match[str]) -> bool:
    """Spelled out in brackets right after it, or standing inside brackets (after its meaning:
    "district labour office (Disnaker)", "(P3MI)", "(KP2MI, Kementerian ...)")."""
    if re.match(r"(-[A-Za-z0-9]+)* \(", text[m.end() :]):  # "JFT-Basic (Japan ...)"
        return True
    before, after = text[: m.start()], text[m.end() :]
    opened = before.rfind("(")
    return opened > before.rfind(")") and ")" in after


def test_acronym_detection() -> None:
    words = [
        m.group(0) for m in acronyms("SKCK, P3MI, SIAPkerja, Disnaker, BLKs, RI, US$1.000, A2")
    ]
    assert words == ["SKCK", "P3MI", "SIAPkerja", "Disnaker", "BLKs"]
    words = [
        m.group(0) for m in acronyms("EPS-TOPIK, JFT-Basic, BNSP-licensed, Maret-April, E-PMI")
    ]
    assert words == ["EPS", "TOPIK", "JFT", "BNSP", "PMI"]
    text = "Tanya ke Dinas Tenaga Kerja (Disnaker) atau BP3MI (balai). Lalu LTSA."
    assert [_explained(text, m) for m in acronyms(text)] == [True, True, False]


def _ordered_texts(c: Checklist, lang: str) -> list[str]:
    texts = [c.intro.get(lang)] if c.intro else []
    for it in c.items:
        texts += [it.ask.get(lang), it.why.get(lang), it.how.get(lang)]
        if it.office:
            texts.append(it.office.get(lang))
    return texts


def test_acronyms_are_explained_where_first_used_in_each_file(catalog: Catalog) -> None:
    """The first time a checklist (or the contacts file) uses an acronym, it is explained."""
    unexplained = []
    groups: list[tuple[str, dict[str, list[str]]]] = [
        (c.id, {lang: _ordered_texts(c, lang) for lang in ("id", "en")}) for c in catalog.checklists
    ]
    assert catalog.contacts is not None
    groups.append(
        (
            "contacts",
            {
                lang: [
                    t.get(lang)
                    for ct in catalog.contacts.contacts
                    for t in (ct.label, ct.note)
                    if t is not None
                ]
                for lang in ("id", "en")
            },
        )
    )
    for name, by_lang in groups:
        for lang, texts in by_lang.items():
            seen: set[str] = set()
            for text in texts:
                for m in acronyms(text):
                    word = _norm(m.group(0))
                    if word not in seen and not _explained(text, m):
                        unexplained.append(f"{name} ({lang}): {word}")
                    seen.add(word)
    assert unexplained == []


def test_no_question_has_more_than_two_acronyms(catalog: Catalog) -> None:
    crowded = [
        (it.id, lang, sorted({_norm(m.group(0)) for m in acronyms(it.ask.get(lang))}))
        for it in catalog.items()
        for lang in ("id", "en")
        if len({_norm(m.group(0)) for m in acronyms(it.ask.get(lang))}) > MAX_ACRONYMS_PER_QUESTION
    ]
    assert crowded == []


def test_no_question_is_over_25_words(catalog: Catalog) -> None:
    long = [
        (it.id, lang, len(it.ask.get(lang).split()))
        for it in catalog.items()
        for lang in ("id", "en")
        if len(it.ask.get(lang).split()) > MAX_QUESTION_WORDS
    ]
    assert long == []


def test_no_law_is_cited_in_a_question(catalog: Catalog) -> None:
    """Articles and regulations belong in "why" and the sources, not in the question."""
    assert LAW_IN_TEXT.search("UU No. 18 Tahun 2017, Pasal 13")
    assert LAW_IN_TEXT.search("Law No. 18 of 2017")
    assert not LAW_IN_TEXT.search("Apakah jam kerja Anda tertulis di kontrak?")
    cited = [
        (it.id, lang, m.group(0))
        for it in catalog.items()
        for lang in ("id", "en")
        if (m := LAW_IN_TEXT.search(it.ask.get(lang)))
    ]
    assert cited == []


def test_every_item_has_a_declared_source(catalog: Catalog) -> None:
    bare = [it.id for it in catalog.items() if not it.source_ids]
    assert bare == []
    assert all(sid in catalog.sources for it in catalog.items() for sid in it.source_ids)


def _comparable(a: str, b: str) -> bool:
    """A crude check that neither language misses a clause: Indonesian runs a little longer than
    English; short texts get an absolute slack."""
    la, lb = len(a), len(b)
    if max(la, lb) < 80:
        return abs(la - lb) <= 35
    return 0.75 <= la / lb <= 1.6


def test_comparable_check_catches_a_missing_clause() -> None:
    en = "Ask for the offer in writing and take it to Disnaker or BP3MI to be checked first."
    assert _comparable(
        "Minta tawaran tertulis dan bawa ke Disnaker atau BP3MI untuk diperiksa.", en
    )
    assert not _comparable("Minta tawaran tertulis.", en)
    assert not _comparable(en + " " + en, en)


def test_english_and_indonesian_have_comparable_length(catalog: Catalog) -> None:
    odd = [
        (where, len(t.id), len(t.en)) for where, t in _texts(catalog) if not _comparable(t.id, t.en)
    ]
    assert odd == []


ME_TEXT = re.compile(r"Timur Tengah|Middle East|260")
RESTRICTED = re.compile(r"dibatasi|pembatasan|batasan|membatasi|restrict", re.I)


def test_middle_east_household_ban_is_never_called_a_restriction(catalog: Catalog) -> None:
    """Kepmenaker 260/2015 stops and bans placement with individual employers (FACTS 11)."""
    checked = 0
    for c in catalog.checklists:
        name = Path(c.path).as_posix()
        if not (name.endswith("red-flags.yaml") or name.endswith("destinations/SA.yaml")):
            continue
        whole_file = name.endswith("SA.yaml")
        for it in c.items:
            texts = [it.ask, it.why, it.how]
            if whole_file or any(
                ME_TEXT.search(t.get(lang)) for t in texts for lang in ("id", "en")
            ):
                checked += 1
                for t in texts:
                    for lang in ("id", "en"):
                        assert not RESTRICTED.search(t.get(lang)), (it.id, lang)
    assert checked >= 2
    assert "melarang" in catalog.item("middle-east-individual-employer").why.id  # type: ignore[union-attr]
    assert "banned" in catalog.item("sa-placement-allowed-now").why.en  # type: ignore[union-attr]
    source = catalog.sources["kepmenaker-260-2015"]
    assert "Pelarangan" in source.title


PRIVATE_ID = "tanpa didengar orang lain"
PRIVATE_EN = "where no one else can hear"


def test_sensitive_questions_say_they_can_be_answered_privately(catalog: Catalog) -> None:
    sensitive = {it.id for it in catalog.items() if it.sensitive}
    assert {"own-choice", "threats-or-pressure", "violence-help-known"} <= sensitive
    for it in catalog.items():
        if it.sensitive:
            assert PRIVATE_ID in it.ask.id and PRIVATE_EN in it.ask.en, it.id


def test_telling_the_family_always_allows_someone_you_trust(catalog: Catalog) -> None:
    told = re.compile(r"(Ceritakan|Berikan|Titipkan)[^.]*keluarga", re.I)
    bad = [
        where
        for where, t in _texts(catalog)
        for sentence in t.id.split(". ")
        if told.search(sentence) and "orang yang Anda percaya" not in sentence
    ]
    assert bad == []


def test_spouse_permission_gives_a_safe_route(catalog: Catalog) -> None:
    for item_id in ("spouse-permission", "family-permission"):
        it = catalog.item(item_id)
        assert it is not None
        assert "berdua saja" in it.how.id and "alone" in it.how.en
        assert "Jangan pernah menandatangani atas nama orang lain" in it.how.id
        assert "uu18-p79" in it.source_ids


def test_dangers_and_steps_of_the_december_review_are_asked(catalog: Catalog) -> None:
    """FACTS 11 additions: each is an item with its own source."""
    wanted = {
        "asked-to-carry-parcel": "bnn-drug-couriers",
        "never-carry-for-others": "bnn-drug-couriers",
        "recruitment-permit-sip2mi": "sip2mi-job-order",
        "online-scam-job": "online-scam-recruitment",
        "contract-extension-abroad": "uu18-p17-p19",
        "dormitory-freedom": "ilo-forced-labour-indicators",
        "own-bank-account": "ilo-forced-labour-indicators",
        "zero-cost-wage-deduction": "per-bp2mi-9-2020",
    }
    for item_id, source in wanted.items():
        it = catalog.item(item_id)
        assert it is not None, item_id
        assert source in it.source_ids, item_id
    laos = catalog.item("offer-kh-mm-th")
    assert laos is not None and "Laos" in laos.ask.id and "Laos" in laos.ask.en
    tw = catalog.checklist("destination-tw")
    assert tw is not None and any("KDEI" in it.ask.id for it in tw.items)
    assert catalog.contacts is not None
    assert any("KDEI" in c.label.id for c in catalog.contacts.contacts)


def test_levels_of_the_december_review(catalog: Catalog) -> None:
    def item(item_id: str) -> Item:
        it = catalog.item(item_id)
        assert it is not None, item_id
        return it

    assert item("opp-attended").level is Level.CRITICAL
    assert item("bp3mi-checks-done").level is Level.CRITICAL
    assert item("full-body-photos").level is not Level.CRITICAL
    assert "media sosial" in item("full-body-photos").ask.id
    deduction = item("zero-cost-wage-deduction")
    assert deduction.red_flag and deduction.level is Level.CRITICAL
    # the Korea item that asked two things is two items
    assert "SISKOP2MI" not in item("kr-eps-g2g").ask.id
    assert item("kr-siskop2mi-registered").when is not None


def test_women_only_items_use_the_profile_sex(catalog: Catalog) -> None:
    it = catalog.item("medical-check-women")
    assert it is not None and it.when is not None
    assert dict(it.when.terms)["sex"] == frozenset({"female"})


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
