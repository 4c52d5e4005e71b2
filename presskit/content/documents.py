"""A document file: its keys and its body's blocks."""

from __future__ import annotations

from typing import Any

from presskit.content import schema
from presskit.content.deprecated import deprecated
from presskit.content.model import (
    Block,
    BulletsBlock,
    ContactBlock,
    DocumentSource,
    EndsBlock,
    HeadingBlock,
    ListBlock,
    NoteBlock,
    ParagraphBlock,
    QuoteBlock,
    SpokespeopleBlock,
)
from presskit.content.references import DEFAULT as DEFAULT_REFERENCES
from presskit.content.references import ReferenceScheme
from presskit.content.release import parse_release
from presskit.content.yamlfile import LDict, Location, LStr
from presskit.errors import ContentError
from presskit.findings import Finding

DOCUMENT_KEYS = {
    "document",
    "reference",
    "date",
    "kind",
    "title",
    "release",
    "release_line",  # deprecated: release_line: true is release: immediate
    "body",
    "ignore",
}
NOTES_KEYS = {"decisions"}  # free-form records of editorial choices; never rendered


def parse_document(
    data: Any,
    scheme: ReferenceScheme = DEFAULT_REFERENCES,
    warnings: list[Finding] | None = None,
) -> DocumentSource:
    """A document file's content; deprecated forms it uses are added to ``warnings``."""
    where = getattr(data, "location", Location("?"))
    doc = schema.mapping(data, "a document file", where, DOCUMENT_KEYS | NOTES_KEYS)
    doc_id = schema.text(schema.required(doc, "document", "the document"), "document", where)
    ref_text = schema.text(schema.required(doc, "reference", "the document"), "reference", where)
    reference = scheme.parse(str(ref_text))
    if reference is None or not reference.compact:
        raise ContentError(
            f"malformed reference '{ref_text}': expected the pack's form, such as "
            f"'{scheme.example}' ([references] in presskit.toml)",
            ref_text.location,
        )
    date = schema.date(schema.required(doc, "date", "the document"), "date", where)
    if reference.year is not None and int(reference.year) != date.year:
        raise ContentError(
            f"reference {reference} names the year {reference.year} but the document "
            f"is dated {date.isoformat()}",
            ref_text.location,
        )
    schema.ignored_rules(doc, "the document")  # validated here, used by presskit check
    release = parse_release(doc, warnings if warnings is not None else [])
    body = schema.sequence(schema.required(doc, "body", "the document"), "body", where)
    return DocumentSource(
        id=str(doc_id),
        id_location=doc_id.location,
        path=where.path,
        reference=reference,
        reference_location=ref_text.location,
        date=date,
        kind=schema.unit(schema.required(doc, "kind", "the document"), "kind", where),
        title=schema.unit(schema.required(doc, "title", "the document"), "title", where),
        release=release,
        blocks=tuple(parse_block(item, body.location, warnings) for item in body),
    )


BLOCK_NAMES = (
    "heading, subheading, paragraph, quote, bullets, list, note, contact, ends, spokespeople"
)


def parse_block(item: Any, where: Location, warnings: list[Finding] | None = None) -> Block:
    if isinstance(item, LStr):
        if item == "ends":
            return EndsBlock()
        if item == "spokespeople":
            return SpokespeopleBlock()
        raise ContentError(
            f"unknown block '{item}' (expected one of: {BLOCK_NAMES})", item.location
        )
    if not isinstance(item, LDict) or len(item) != 1:
        raise ContentError(
            f"each item of body must be one block (one of: {BLOCK_NAMES})",
            getattr(item, "location", where),
        )
    ((name, value),) = item.items()
    at = item.location
    if name in ("heading", "subheading"):
        return HeadingBlock(schema.unit(value, name, at), level=1 if name == "heading" else 2)
    if name == "paragraph":
        role = None
        if isinstance(value, LDict) and "role" in value:
            role = str(schema.text(value["role"], "role", at))
            if role != "lead":
                raise ContentError(f"unknown paragraph role '{role}' (expected: lead)", at)
        return ParagraphBlock(schema.unit(value, name, at, extra={"role"}), role)
    if name == "note":
        return NoteBlock(schema.unit(value, name, at))
    if name == "bullets":
        items = schema.sequence(value, "bullets", at)
        if not items:
            raise ContentError("bullets must list at least one item", at)
        return BulletsBlock(tuple(schema.unit(v, "a bullet", items.location) for v in items))
    if name == "quote":
        data = schema.mapping(value, "quote", at, {"speaker", "paragraphs"})
        speaker = schema.text(schema.required(data, "speaker", "quote"), "speaker", at)
        paragraphs = schema.sequence(schema.required(data, "paragraphs", "quote"), "paragraphs", at)
        if not paragraphs:
            raise ContentError("a quote needs at least one paragraph", at)
        units = tuple(schema.unit(p, "a quote paragraph", paragraphs.location) for p in paragraphs)
        return QuoteBlock(str(speaker), units, speaker.location)
    if name == "list":
        data = schema.mapping(value, "list", at, {"name", "heading"})
        list_name = schema.text(schema.required(data, "name", "list"), "name", at)
        heading = schema.unit(schema.required(data, "heading", "list"), "heading", at)
        return ListBlock(str(list_name), heading, list_name.location)
    if name == "signatories":  # the old spelling of a list block
        data = schema.mapping(value, "signatories", at, {"heading", "footnote"})
        if warnings is not None:
            warnings.append(
                deprecated(
                    at,
                    "the 'signatories' block",
                    "'- list: {name: signatories, heading: …}' with the footnote on the "
                    "mark in the list file",
                )
            )
        footnote = data.get("footnote")
        return ListBlock(
            "signatories",
            schema.unit(schema.required(data, "heading", "signatories"), "heading", at),
            at,
            schema.unit(footnote, "footnote", at) if footnote is not None else None,
        )
    if name == "contact":
        data = schema.mapping(value, "contact", at, {"label", "who"})
        who = schema.text(schema.required(data, "who", "contact"), "who", at)
        label = schema.unit(schema.required(data, "label", "contact"), "label", at)
        return ContactBlock(label, str(who), who.location)
    raise ContentError(f"unknown block '{name}' (expected one of: {BLOCK_NAMES})", at)
