"""The catalog: everything loaded from the checklist folders, already validated (the profile,
the checklists, sources, contacts and data files), and which checklist set it is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import field

from pmi_ready.core.model import Checklist, Item, Source, Text
from pmi_ready.core.profile import ProfileSpec
from pmi_ready.core.values import frozen


@frozen
class Contact:
    id: str
    kind: str
    label: Text
    value: str | None = None
    note: Text | None = None


@frozen
class Contacts:
    reviewed: dt.date
    verified: dt.date
    source_ids: tuple[str, ...]
    contacts: tuple[Contact, ...]
    path: str = ""
    verified_month_only: bool = False  # the source gives a month, not a day ("April 2025")


@frozen
class DataFile:
    """A document of another kind (``funds``): validated by its own module, kept as plain data."""

    kind: str
    id: str
    reviewed: dt.date
    data: Mapping[str, object]
    path: str = ""
    sha256: str = ""


@frozen
class CatalogOrigin:
    """Which checklist set a catalog is, when it is not the built-in one alone: every report and
    printout names it."""

    name: str = ""
    """The folders given with ``--checklists``, as shown ("my-checklists"); empty: built-in."""
    own_profile: bool = False
    """The folders bring their own profile: a set of their own, with the built-in consent
    question and warning signs kept in it."""
    fingerprint: str = ""
    """A short SHA-256 over every checklist and profile of the set, to tell two sets apart."""
    contacts_file: str = ""
    """The contacts file given with ``--contacts``; empty: the built-in, verified contacts."""
    own_checklists: tuple[str, ...] = ()
    """The ids of the checklists that come from the folders (not the built-in files)."""


@frozen
class Catalog:
    """Everything loaded from the checklist folders, already validated."""

    profile: ProfileSpec
    checklists: tuple[Checklist, ...]
    sources: Mapping[str, Source]
    contacts: Contacts | None = None
    data: Mapping[str, DataFile] = field(default_factory=dict)
    origin: CatalogOrigin | None = None
    """None: the built-in set with its verified contacts."""

    def checklist(self, checklist_id: str) -> Checklist | None:
        for c in self.checklists:
            if c.id == checklist_id:
                return c
        return None

    def items(self) -> Iterator[Item]:
        for c in self.checklists:
            yield from c.items

    def item(self, item_id: str) -> Item | None:
        for it in self.items():
            if it.id == item_id:
                return it
        return None

    def versions(self) -> dict[str, dict[str, str]]:
        """Checklist id -> {version, sha256}: recorded with every assessment."""
        out = {self.profile.id: {"version": self.profile.version, "sha256": self.profile.sha256}}
        for c in self.checklists:
            out[c.id] = {"version": c.version, "sha256": c.sha256}
        return out
