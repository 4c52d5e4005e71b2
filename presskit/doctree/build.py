"""Build one document's tree for one language from the content model."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence

from presskit.content.figures import PlaceholderValue, known_placeholders
from presskit.content.labels import REQUIRED_LABELS
from presskit.content.model import Block as SourceBlock
from presskit.content.model import (
    BulletsBlock,
    ContactBlock,
    DocumentSource,
    EndsBlock,
    HeadingBlock,
    ListBlock,
    NoteBlock,
    Pack,
    ParagraphBlock,
    QuoteBlock,
    Reference,
    Release,
    Speaker,
    SpokespeopleBlock,
    Unit,
    name_reference,
)
from presskit.content.units import list_footnotes
from presskit.doctree import nodes
from presskit.doctree.inline import isolate_latin, parse, plain_text
from presskit.doctree.keep import Keeper, name_form, printed_names
from presskit.i18n.localize import Localizer
from presskit.languages import LATIN, LATIN_FONT, Language, language_of

# What fills a label's placeholders: {reference}, {date}, …
LabelFill = dict[str, tuple[nodes.Inline, ...]]

LOCAL_ORIGINAL = "local-original"


class _Fill(Mapping[str, Sequence[nodes.Inline]]):
    """A unit's placeholder values. A name's is asked for at each mention, in the
    order the text reads, so that its first mention can differ from the others."""

    def __init__(
        self,
        values: Mapping[str, Sequence[nodes.Inline]],
        name: Callable[[str], tuple[nodes.Inline, ...]],
    ) -> None:
        self.values = values
        self.name = name

    def __getitem__(self, key: str) -> Sequence[nodes.Inline]:
        if key in self.values:
            return self.values[key]
        if key.startswith(("person:", "org:")):
            return self.name(key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)


class DocumentBuilder:
    """Localize one document: every string of the tree passes through the Localizer."""

    def __init__(
        self,
        pack: Pack,
        source_language: Language,
        localizer: Localizer,
        editions: Mapping[str, Language] | None = None,
    ) -> None:
        self.pack = pack
        self.source_language = source_language
        self.editions = editions or {}  # the pack's records, with its overrides
        self.loc = localizer
        self.values = known_placeholders(pack)
        # Dates are never broken; names and acronyms never hyphenated where the edition's
        # own face sets Latin text (elsewhere Latin runs are isolated, unhyphenated).
        self.isolates_latin = localizer.language.font != LATIN_FONT
        self.keeper = Keeper(
            localizer.date_pattern(), printed_names(pack), latin_text=not self.isolates_latin
        )
        # A Latin run a translator kept (an organisation's name) was copied from the
        # source text, so it is in the source language when that is written in Latin.
        self.latin_runs_language = (
            source_language if source_language.script.code == LATIN.code else None
        )
        self.fill = {name: self._format(value) for name, value in self.values.items()}
        # Names mentioned so far in the running text of the document being built.
        self.running = False
        self.mentioned: set[str] = set()

    def _format(self, value: PlaceholderValue) -> tuple[nodes.Inline, ...]:
        if isinstance(value, Reference):
            return (nodes.Isolate(str(value), whole=True),)
        if isinstance(value, dt.date):
            return (nodes.Text(self.loc.date(value), keep="whole"),)
        return (nodes.Text(self.loc.number(value)),)

    def inlines(self, unit: Unit, **extra: tuple[nodes.Inline, ...]) -> tuple[nodes.Inline, ...]:
        count = None
        if unit.count is not None:
            value = self.values[unit.count]
            assert isinstance(value, int)
            count = value
        source = unit.msgid if count == 1 or unit.plural is None else unit.plural
        fallbacks = len(self.loc.fallbacks)
        text = self.loc.text(unit, count)
        in_source = len(self.loc.fallbacks) > fallbacks  # printed in the source language
        fill = _Fill({**self.fill, **extra}, lambda key: self.name(key, in_source))
        inlines = self.keeper.apply(parse(text, fill, source))
        if in_source:
            return (nodes.InLanguage(self.source_language, inlines, unit),)
        # Latin runs inside another script take the Latin face (and, right to left, stay
        # left to right).
        if not self.isolates_latin:
            return inlines
        return isolate_latin(inlines, self.latin_runs_language)

    def name(self, key: str, in_source: bool = False) -> tuple[nodes.Inline, ...]:
        """A person or organisation of the names file, as this edition prints it: the
        translator's form, in the edition's language and never hyphenated; else the
        source form, isolated in its own language like a name from the data. A passage
        printed in the source language names it in the source form too."""
        name = self.pack.names[key]
        original = nodes.Isolate(name.source, self.name_language(name.language), name=True)
        local = None if in_source else self.loc.name(name.unit)
        first = self.running and key not in self.mentioned
        if self.running:
            self.mentioned.add(key)
        if local is None or local == name.source:
            return (original,)
        form = self.local_form(local)
        if first and self.pack.first_mention == LOCAL_ORIGINAL:
            script = self.loc.language.script
            return (
                *form,
                nodes.Text(script.open_bracket),
                original,
                nodes.Text(script.close_bracket),
            )
        return form

    def local_form(self, text: str) -> tuple[nodes.Inline, ...]:
        """A name's form in the edition: a Latin run in it (an acronym) isolated as in
        any translation, the rest in the edition's language, never hyphenated."""
        pieces: tuple[nodes.Inline, ...] = (nodes.Text(text),)
        if self.isolates_latin:
            pieces = isolate_latin(pieces, self.latin_runs_language)
        form: list[nodes.Inline] = []
        for piece in pieces:
            if isinstance(piece, nodes.Text):
                form += name_form(piece.text)
            else:
                form.append(piece)
        return tuple(form)

    def plain(self, unit: Unit) -> str:
        """A unit as plain text (titles, labels): counted and filled like any other."""
        return plain_text(self.inlines(unit))

    def build(self, doc: DocumentSource) -> nodes.Document:
        labels = self.pack.labels
        reference = str(doc.reference)
        date_text = self.loc.date(doc.date)
        # What a label may say: {page} and {pages} are left for the writers' counters.
        fill: LabelFill = {
            "reference": (nodes.Isolate(reference, whole=True),),
            "date": (nodes.Text(date_text, keep="whole"),),
            "language": (nodes.Text(self.loc.language_name(self.source_language.code)),),
            "pack": (nodes.Text(self.pack.name),),
        }

        def label(key: str) -> tuple[nodes.Inline, ...]:
            return self.inlines(labels[key], **fill)

        original = None
        if self.loc.language.code != self.source_language.code:
            original = plain_text(label("original_language"))
        blocks: list[nodes.Block] = []
        # Running text: the body and its attributions, where a name's first mention is.
        self.running, self.mentioned = True, set()
        for block in doc.blocks:
            blocks.extend(self.block(block))
        self.running = False
        # Said on every page of an edition that prints units in the source language.
        incomplete = self.plain(labels["incomplete"]) if self.loc.fallbacks else None
        kind_label = self.inlines(doc.kind)
        return nodes.Document(
            id=doc.id,
            language=self.loc.language,
            reference=reference,
            compact_reference=doc.reference.compact,
            index_label=label("index"),
            page_label=page_label(plain_text(label("page"))),
            pack_title=plain_text(label("pack_title")),
            kind=plain_text(kind_label),
            kind_label=kind_label,
            title=plain_text(self.inlines(doc.title)),
            date=doc.date.isoformat(),
            date_label=label("date"),
            date_text=date_text,
            release_line=self.release_line(doc.release, fill),
            original_language=original,
            incomplete=incomplete,
            blocks=tuple(blocks),
            labels=tuple((key, label(key)) for key in labels if key not in REQUIRED_LABELS),
            fallbacks=len(self.loc.fallbacks),
        )

    def release_line(self, release: Release | None, fill: LabelFill) -> str | None:
        """The localized release line: "FOR IMMEDIATE RELEASE", or the embargo's end in
        the edition's own date, time and zone formats ("EMBARGOED UNTIL 00:01 BST, 19
        August 2023")."""
        if release is None:
            return None
        if release.until is None:
            return self.plain_label("release_line", fill)
        until = release.until
        return self.plain_label(
            "release_embargo",
            {
                **fill,
                "date": (nodes.Text(self.loc.date(until.date())),),
                "time": (nodes.Text(self.loc.time(until)),),
                "zone": (nodes.Text(self.loc.zone(until)),),
            },
        )

    def plain_label(self, key: str, fill: LabelFill) -> str:
        return plain_text(self.inlines(self.pack.labels[key], **fill))

    def block(self, block: SourceBlock) -> list[nodes.Block]:
        if isinstance(block, HeadingBlock):
            return [nodes.Heading(block.level, self.inlines(block.unit))]
        if isinstance(block, ParagraphBlock):
            return [nodes.Paragraph(self.inlines(block.unit), block.role)]
        if isinstance(block, NoteBlock):
            return [nodes.Paragraph(self.inlines(block.unit), "note")]
        if isinstance(block, BulletsBlock):
            return [nodes.BulletList(tuple(self.inlines(unit) for unit in block.items))]
        if isinstance(block, QuoteBlock):
            speaker = self.pack.speakers[block.speaker]
            paragraphs = tuple(self.inlines(unit) for unit in block.paragraphs)
            return [nodes.Quote(paragraphs, self.attribution(speaker))]
        if isinstance(block, SpokespeopleBlock):
            people = self.pack.speakers.values()
            return [nodes.BulletList(tuple(self.attribution(s) for s in people))]
        if isinstance(block, ContactBlock):
            return [nodes.Paragraph(self.contact(block), "contact")]
        if isinstance(block, EndsBlock):
            return [nodes.Paragraph((nodes.Text(self.plain(self.pack.labels["ends"])),), "ends")]
        if isinstance(block, ListBlock):
            return [self.entry_list(block)]
        raise TypeError(f"no tree for content block {type(block).__name__}")

    def entry_list(self, block: ListBlock) -> nodes.EntryList:
        source = self.pack.lists[block.name]
        symbols = {mark.name: mark.symbol for mark in source.marks.values()}
        entries = tuple(
            nodes.ListEntry(
                number,
                entry.name,
                tuple(symbols[m] for m in entry.marks),
                self.name_language(entry.language),
            )
            for number, entry in enumerate(source.entries, start=1)
        )
        footnotes = tuple(
            nodes.Footnote(mark.symbol, self.inlines(unit))
            for mark, unit in list_footnotes(self.pack, block)
        )
        return nodes.EntryList(block.name, self.inlines(block.heading), entries, footnotes)

    def name_language(self, code: str | None) -> Language:
        """The language a name from the data is written in: its ``lang:``, else the
        pack's source language."""
        if code is None:
            return self.source_language
        return self.editions.get(code) or language_of(code)

    def attribution(self, speaker: Speaker) -> tuple[nodes.Inline, ...]:
        separator = nodes.Text(self.loc.list_separator)
        return (
            *self.speaker_name(speaker.name, speaker.language),
            separator,
            *self.inlines(speaker.title),
            separator,
            *self.speaker_name(speaker.organisation, speaker.language),
        )

    def speaker_name(self, value: str, language: str | None) -> tuple[nodes.Inline, ...]:
        """A spokesperson's name or organisation: a name of the names file
        ("{person:director}"), or text printed as written."""
        key = name_reference(value)
        if key is not None:
            return self.name(key)
        return (nodes.Isolate(value, self.name_language(language)),)

    def contact(self, block: ContactBlock) -> tuple[nodes.Inline, ...]:
        contact = self.pack.contacts[block.contact]
        parts: list[nodes.Inline] = [
            *self.inlines(block.label),
            nodes.Text(" "),
            nodes.Link(f"mailto:{contact.email}", (nodes.Isolate(contact.email, whole=True),)),
        ]
        if contact.phones:
            parts.append(nodes.Text(" ("))
            for index, phone in enumerate(contact.phones):
                if index:
                    parts.append(nodes.Text(self.loc.list_separator))
                parts.append(nodes.Isolate(phone, whole=True))
            parts.append(nodes.Text(")"))
        return tuple(parts)


_PAGE_TOKENS = re.compile(r"\{(page|pages)\}")


def page_label(text: str) -> tuple[tuple[str, str], ...]:
    """Split "Page {page} of {pages}" into ("text", …), ("page", ""), ("pages", "") parts."""
    parts: list[tuple[str, str]] = []
    position = 0
    for match in _PAGE_TOKENS.finditer(text):
        if match.start() > position:
            parts.append(("text", text[position : match.start()]))
        parts.append((match.group(1), ""))
        position = match.end()
    if position < len(text):
        parts.append(("text", text[position:]))
    return tuple(parts)
