"""The closed set of nodes of a localized document, ready for any writer.

Text in these nodes is final: translated, placeholders filled, numbers and dates
formatted for the edition's locale. Writers only read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from presskit.content.model import Unit
from presskit.languages import Language

# Inline nodes


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    # What a line may not do to it: "whole", break it at all (a date); "name", hyphenate
    # it (a name the pack knows, an acronym), though it may wrap between its words.
    keep: str | None = None


@dataclass(frozen=True, slots=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    url: str  # http, https or mailto only
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Isolate:
    """A run that keeps its own direction and face inside any edition: a name,
    reference, address or telephone number, or Latin text inside another script,
    always left to right, in the Latin face, never hyphenated."""

    text: str
    # The language of a name from the data (the pack's source language unless the data
    # says otherwise) or of a Latin run a translation kept (the source language, when it
    # is written in Latin); None for references, addresses and telephone numbers, which
    # are in no language.
    language: Language | None = None
    # Never broken across lines: references, e-mail addresses, telephone numbers.
    whole: bool = False
    # A name of the pack's names file: it wraps between its words only, never at the
    # hyphen of a word ("Weißhaupt-Lindner").
    name: bool = False


@dataclass(frozen=True, slots=True)
class InLanguage:
    """Text in another language than the edition's: a unit printed in the source language
    because its translation is missing. Writers tag it with its language, so that
    hyphenation, fonts and screen readers follow that language's rules."""

    language: Language  # the language the children are written in
    children: tuple[Inline, ...]
    # The unit whose translation is missing, fuzzy or empty: writers ignore it; the live
    # preview (presskit serve) points at its catalog entry.
    unit: Unit | None = None


Inline = Text | Emph | Strong | Link | Isolate | InLanguage

# Block nodes


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 or 2, below the document title
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    children: tuple[Inline, ...]
    role: str | None = None  # "lead", "note", "contact", "ends"


@dataclass(frozen=True, slots=True)
class Quote:
    paragraphs: tuple[tuple[Inline, ...], ...]
    attribution: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True, slots=True)
class ListEntry:
    number: int
    name: str  # as written in the list file, in any edition
    marks: tuple[str, ...]  # the symbols of the marks it carries, "*", "†"
    language: Language | None = None  # the name's language; None: the source language


@dataclass(frozen=True, slots=True)
class Footnote:
    mark: str  # the symbol it explains
    text: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class EntryList:
    """A numbered list of names (organisations, people) with its marks' footnotes."""

    name: str  # the list's name, for a class a stylesheet may use
    heading: tuple[Inline, ...]
    entries: tuple[ListEntry, ...]
    footnotes: tuple[Footnote, ...]


Block = Heading | Paragraph | Quote | BulletList | EntryList


# "Page {page} of {pages}" as parts: ("text", "Page "), ("page", ""), ("text", " of "), …
PageLabel = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Document:
    """One document in one language."""

    id: str
    language: Language
    reference: str  # as the content file writes it, "PAC/2023/014"
    compact_reference: str  # its letters and digits, for file names: "PAC2023014"
    index_label: tuple[Inline, ...]  # the label "Reference: {reference}", localized
    page_label: PageLabel
    pack_title: str
    kind: str  # "Press release", localized
    title: str
    date: str  # ISO date, for metadata
    date_label: tuple[Inline, ...]  # "Date: 1 December 2016", localized
    date_text: str  # the localized date alone
    # On releases: "FOR IMMEDIATE RELEASE", or "EMBARGOED UNTIL 00:01 BST, 19 August 2023".
    release_line: str | None
    original_language: str | None  # on translated editions only
    incomplete: str | None  # "Translation incomplete", when units fell back to the source
    blocks: tuple[Block, ...]
    fallbacks: int = 0  # units printed in the source language (--allow-incomplete)
    # Labels a pack adds in its labels file, localized, for its page template: (key, text).
    labels: tuple[tuple[str, tuple[Inline, ...]], ...] = ()
    # The kind as inline nodes, for the page: a Latin run kept in it carries its language.
    kind_label: tuple[Inline, ...] = ()

    @property
    def subject(self) -> str:
        """The subject of the file's metadata, which PDF viewers and Word show: kind and
        reference, then the release line, so that an embargo travels with the file."""
        subject = f"{self.kind}, {self.reference}"
        return f"{subject} · {self.release_line}" if self.release_line else subject


NODE_TYPES = (
    Text,
    Emph,
    Strong,
    Link,
    Isolate,
    InLanguage,
    Heading,
    Paragraph,
    Quote,
    BulletList,
    EntryList,
)
