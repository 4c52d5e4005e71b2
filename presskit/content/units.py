"""Walking a pack's translatable units: one walk for extraction, completeness, stats
and check, so that they cannot disagree; and the data every edition prints as written."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import zip_longest

from presskit.content.figures import known_placeholders
from presskit.content.labels import REQUIRED_LABELS
from presskit.content.model import (
    BulletsBlock,
    ContactBlock,
    DocumentSource,
    EndsBlock,
    HeadingBlock,
    ListBlock,
    Mark,
    Name,
    NoteBlock,
    Pack,
    ParagraphBlock,
    QuoteBlock,
    Speaker,
    SpokespeopleBlock,
    Unit,
    name_reference,
)
from presskit.content.yamlfile import Location


def document_units(doc: DocumentSource) -> list[Unit]:
    units = [doc.kind, doc.title]
    for block in doc.blocks:
        if isinstance(block, (HeadingBlock, ParagraphBlock, NoteBlock)):
            units.append(block.unit)
        elif isinstance(block, QuoteBlock):
            units.extend(block.paragraphs)
        elif isinstance(block, BulletsBlock):
            units.extend(block.items)
        elif isinstance(block, ListBlock):
            units.extend(u for u in (block.heading, block.footnote) if u is not None)
        elif isinstance(block, ContactBlock):
            units.append(block.label)
    return units


# Labels every document prints; the release line ("release_line" or "release_embargo")
# and "ends" only where the document has them.
COMMON_LABELS = ("index", "page", "pack_title", "date", "original_language", "incomplete")


def printed_units(pack: Pack, document: str) -> list[Unit]:
    """Every unit a document's editions print: its own, its labels, its speakers' titles."""
    doc = pack.documents[document]
    units = document_units(doc) + [pack.labels[key] for key in COMMON_LABELS]
    if doc.release is not None:
        units.append(pack.labels["release_embargo" if doc.release.embargoed else "release_line"])
    # Labels a pack adds are there to be printed by its page template.
    units += [unit for key, unit in pack.labels.items() if key not in REQUIRED_LABELS]
    for block in doc.blocks:
        if isinstance(block, EndsBlock):
            units.append(pack.labels["ends"])
        elif isinstance(block, QuoteBlock):
            units.append(pack.speakers[block.speaker].title)
        elif isinstance(block, SpokespeopleBlock):
            units.extend(s.title for s in pack.speakers.values())
        elif isinstance(block, ListBlock):
            units.extend(footnote for _, footnote in list_footnotes(pack, block))
    return list({(u.context, u.msgid): u for u in units}.values())


def list_footnotes(pack: Pack, block: ListBlock) -> list[tuple[Mark, Unit]]:
    """The footnotes a list block prints: one for each mark an entry carries, in the
    list file's order (a list in the old format takes the block's footnote)."""
    entry_list = pack.lists[block.name]
    used = {mark for entry in entry_list.entries for mark in entry.marks}
    found = []
    for mark in entry_list.marks.values():
        footnote = mark.footnote or block.footnote
        if mark.name in used and footnote is not None:
            found.append((mark, footnote))
    return found


def pack_units(pack: Pack) -> list[Unit]:
    """Every unit the pack has, printed or not: the units extraction finds (documents,
    labels, speakers' titles, names, list marks' footnotes)."""
    units = [u for doc in pack.documents.values() for u in document_units(doc)]
    units += pack.labels.values()
    units += [s.title for s in pack.speakers.values()]
    units += name_units(pack)
    units += [
        mark.footnote
        for entry_list in pack.lists.values()
        for mark in entry_list.marks.values()
        if mark.footnote is not None
    ]
    return list({(u.context, u.msgid): u for u in units}.values())


def name_units(pack: Pack) -> list[Unit]:
    """The names file's units: each name's form per language. An empty one is no gap
    (the source form is printed), so they count towards no document's completeness."""
    return [name.unit for name in pack.names.values()]


def used_names(pack: Pack) -> list[Name]:
    """The names the documents print: in their units, labels and speakers' lines."""
    units = [u for doc in pack.documents for u in printed_units(pack, doc)]
    keys = [key for unit in units for key in unit.names()]
    for speaker in printed_speakers(pack):
        keys += filter(None, (name_reference(speaker.name), name_reference(speaker.organisation)))
    return [pack.names[key] for key in dict.fromkeys(keys) if key in pack.names]


def printed_speakers(pack: Pack) -> list[Speaker]:
    """The spokespeople a document quotes or lists."""
    blocks = [block for doc in pack.documents.values() for block in doc.blocks]
    keys = {b.speaker for b in blocks if isinstance(b, QuoteBlock)}
    if any(isinstance(b, SpokespeopleBlock) for b in blocks):
        keys |= set(pack.speakers)
    return [speaker for key, speaker in pack.speakers.items() if key in keys]


def plural_counts(pack: Pack) -> set[int]:
    """The numbers the pack's plural units count: the values that choose a plural form."""
    values = known_placeholders(pack)
    return {
        value
        for u in pack_units(pack)
        if u.count is not None and isinstance(value := values.get(u.count), int)
    }


def printed_data(pack: Pack) -> Iterator[tuple[str, Location | None, str | None]]:
    """Names, organisations and addresses the documents print as written, in every
    edition: (text, where it is written, its language code from ``lang:``, else None).
    The names file's source forms are among them: an edition whose translator gives no
    form of a name prints it, and the bracketed original of a first mention is it."""
    blocks = [block for doc in pack.documents.values() for block in doc.blocks]
    for list_name in dict.fromkeys(b.name for b in blocks if isinstance(b, ListBlock)):
        for entry in pack.lists[list_name].entries:
            yield entry.name, entry.location, entry.language
    for speaker in printed_speakers(pack):
        for value, where in (
            (speaker.name, speaker.name_location),
            (speaker.organisation, speaker.organisation_location),
        ):
            if name_reference(value) is None:
                yield value, where, speaker.language
    for name in used_names(pack):
        yield name.source, name.unit.location, name.language
    for key in dict.fromkeys(b.contact for b in blocks if isinstance(b, ContactBlock)):
        contact = pack.contacts[key]
        yield contact.email, contact.email_location, None
        for phone, where in zip_longest(contact.phones, contact.phone_locations):
            yield phone, where, None


def name_languages(pack: Pack) -> list[str]:
    """The languages (``lang:``) of the names the documents print."""
    return list(dict.fromkeys(code for _, _, code in printed_data(pack) if code))
