"""The content model: what a pack says, before any language or format is chosen."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from presskit.errors import Location
from presskit.findings import Finding

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
# A person or organisation of the names file: {person:director}, {org:coalition}. The
# id is checked against the file (LOOSE_NAME finds misspelt ones too).
NAME_PLACEHOLDER = re.compile(r"\{((?:person|org):[a-z0-9_]+)\}")
# What the doctree fills: a figure's or a name's placeholder.
FILLABLE = re.compile(r"\{([a-z_][a-z0-9_]*|(?:person|org):[a-z0-9_]+)\}")
LOOSE_NAME = re.compile(r"\{((?:person|org):[^{}\n]*)\}")


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable string: a msgid of the catalogs."""

    msgid: str
    location: Location
    plural: str | None = None  # the msgid_plural, for units that count something
    count: str | None = None  # the figure whose value chooses the plural form
    context: str | None = None  # msgctxt
    comments: tuple[str, ...] = ()  # translator comments written in the content
    ignored: tuple[str, ...] = ()  # check rules silenced for this unit (reasons in the file)

    def placeholders(self) -> list[str]:
        names = PLACEHOLDER.findall(self.msgid)
        if self.plural:
            names += PLACEHOLDER.findall(self.plural)
        return list(dict.fromkeys(names))

    def names(self) -> list[str]:
        """The names it marks, as written ("org:coalition"), misspelt ones included."""
        names = LOOSE_NAME.findall(self.msgid)
        if self.plural:
            names += LOOSE_NAME.findall(self.plural)
        return list(dict.fromkeys(names))


@dataclass(frozen=True, slots=True)
class Name:
    """A person or organisation of the names file: one translatable unit (its context
    the key, "org:coalition"; its msgid the name as the source writes it)."""

    key: str  # "person:<id>" or "org:<id>"
    unit: Unit
    language: str | None = None  # the source form's language (lang:), else the pack's

    @property
    def source(self) -> str:
        return self.unit.msgid


def is_name_unit(context: str | None) -> bool:
    """Whether a catalog entry of this context is a name's unit ("org:coalition")."""
    return context is not None and NAME_PLACEHOLDER.fullmatch(f"{{{context}}}") is not None


def name_reference(value: str) -> str | None:
    """The key of a value that is a name placeholder alone ("{person:director}")."""
    match = LOOSE_NAME.fullmatch(value.strip())
    return match.group(1) if match else None


@dataclass(frozen=True, slots=True)
class Reference:
    """A document's reference, in the pack's own scheme (see ``content/references.py``)."""

    text: str
    year: str | None = None  # when the scheme's pattern names a year

    def __str__(self) -> str:
        return self.text

    @property
    def compact(self) -> str:
        """ASCII form for file names: every character but A-Z, a-z and 0-9 removed."""
        return re.sub(r"[^A-Za-z0-9]", "", self.text)


# Blocks of a document's body, as written in the content files.


@dataclass(frozen=True, slots=True)
class HeadingBlock:
    unit: Unit
    level: int = 1


@dataclass(frozen=True, slots=True)
class ParagraphBlock:
    unit: Unit
    role: str | None = None  # "lead" for a release's opening paragraph


@dataclass(frozen=True, slots=True)
class QuoteBlock:
    speaker: str  # key into Pack.speakers
    paragraphs: tuple[Unit, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class BulletsBlock:
    items: tuple[Unit, ...]


@dataclass(frozen=True, slots=True)
class ListBlock:
    """One of the pack's lists, printed in full under a heading."""

    name: str  # key into Pack.lists
    heading: Unit
    location: Location
    # The footnote of a list in the old format (a "signatories" block's footnote): it
    # annotates the list's marks that have no footnote of their own.
    footnote: Unit | None = None


@dataclass(frozen=True, slots=True)
class NoteBlock:
    unit: Unit


@dataclass(frozen=True, slots=True)
class ContactBlock:
    label: Unit
    contact: str  # key into Pack.contacts
    location: Location


@dataclass(frozen=True, slots=True)
class EndsBlock:
    """The release's end mark ("ENDS")."""


@dataclass(frozen=True, slots=True)
class SpokespeopleBlock:
    """The list of every spokesperson of the pack."""


Block = (
    HeadingBlock
    | ParagraphBlock
    | QuoteBlock
    | BulletsBlock
    | ListBlock
    | NoteBlock
    | ContactBlock
    | EndsBlock
    | SpokespeopleBlock
)


IMMEDIATE = "immediate"
EMBARGO = "embargo"


@dataclass(frozen=True, slots=True)
class Release:
    """When a document may be published, printed as its release line: at once, or not
    before an embargo ends."""

    kind: str  # IMMEDIATE or EMBARGO
    until: dt.datetime | None = None  # the embargo's end: local time, aware of its zone
    zone: str | None = None  # the embargo's IANA time zone, "Europe/London"

    @property
    def embargoed(self) -> bool:
        return self.kind == EMBARGO


@dataclass(frozen=True, slots=True)
class DocumentSource:
    """One document of the pack as its content file states it."""

    id: str
    path: str  # relative to the pack
    id_location: Location
    reference: Reference
    reference_location: Location
    date: dt.date
    kind: Unit
    title: Unit
    release: Release | None  # None: the document prints no release line
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Count:
    """A number the pack's prose may print, counted from a list: ``{placeholder}``."""

    placeholder: str
    comment: str  # for translators: what the number counts
    location: Location
    # What prose calls the counted things ("organisations", "members of the … Forum"):
    # a typed number before one of these that contradicts the count is an error.
    nouns: tuple[str, ...] = ()
    more_than: tuple[str, ...] = ()  # words that make a typed number a lower bound ("over")
    rounded: str | None = None  # a placeholder for the count rounded down to tens


@dataclass(frozen=True, slots=True)
class Mark:
    """A named mark some entries of a list carry: a symbol after the entry's name, a
    footnote explaining it and, optionally, a count of the entries carrying it."""

    name: str
    symbol: str
    footnote: Unit | None
    count: Count | None
    location: Location


@dataclass(frozen=True, slots=True)
class Entry:
    name: str  # printed as written, never translated
    marks: tuple[str, ...]  # names of the list's marks it carries
    location: Location
    language: str | None = None  # the name's language (lang:), else the list's


@dataclass(frozen=True, slots=True)
class EntryList:
    """A list file: organisations that signed, individuals, members."""

    name: str
    path: str  # relative to the pack
    entries: tuple[Entry, ...]
    count: Count
    marks: dict[str, Mark]  # in the file's order
    language: str | None = None  # the names' language (lang:), else the source language

    def counts(self) -> list[tuple[Count, int]]:
        """Every count the list declares, with its value."""
        found = [(self.count, len(self.entries))]
        for mark in self.marks.values():
            if mark.count is not None:
                carrying = sum(1 for e in self.entries if mark.name in e.marks)
                found.append((mark.count, carrying))
        return found


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    value: int | dt.date
    description: str


@dataclass(frozen=True, slots=True)
class Contact:
    email: str
    phones: tuple[str, ...]
    # Where each string stands: they are printed as written, and checks name their line.
    email_location: Location | None = None
    phone_locations: tuple[Location, ...] = ()


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    title: Unit
    organisation: str
    name_location: Location | None = None
    organisation_location: Location | None = None
    language: str | None = None  # the name's language (lang:), else the source language


@dataclass(frozen=True, slots=True)
class Pack:
    """Everything a pack's content files say, validated."""

    root: Path
    documents: dict[str, DocumentSource]
    lists: dict[str, EntryList]
    figures: dict[str, Figure]
    contacts: dict[str, Contact]
    speakers: dict[str, Speaker]
    labels: dict[str, Unit]
    name: str = ""  # [pack] name: fills the {pack} placeholder of labels
    # The names file's people and organisations, by key ("person:director", "org:coalition").
    names: dict[str, Name] = field(default_factory=dict)
    # [names] first_mention: "local", or "local-original" (see config.py).
    first_mention: str = "local"
    warnings: tuple[Finding, ...] = ()  # forms that still load but are deprecated
