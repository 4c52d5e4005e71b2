"""Load a pack's content files into the validated content model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from presskit.config import Config
from presskit.content import schema
from presskit.content.figures import is_reserved, known_placeholders
from presskit.content.model import (
    Block,
    BulletsBlock,
    Contact,
    ContactBlock,
    DocumentSource,
    EndsBlock,
    Figure,
    HeadingBlock,
    NoteBlock,
    Pack,
    ParagraphBlock,
    QuoteBlock,
    SignatoriesBlock,
    Signatory,
    Speaker,
    SpokespeopleBlock,
    Unit,
)
from presskit.content.references import DEFAULT as DEFAULT_REFERENCES
from presskit.content.references import ReferenceScheme
from presskit.content.yamlfile import LDict, Location, LStr, load_yaml
from presskit.errors import ContentError, relative
from presskit.theme import THEME_DIR, shown

DOCUMENT_KEYS = {
    "document",
    "reference",
    "date",
    "kind",
    "title",
    "release_line",
    "body",
    "ignore",
}
NOTES_KEYS = {"decisions"}  # free-form records of editorial choices; never rendered
FACTS_FILE = "facts.yaml"
SIGNATORIES_FILE = "signatories.yaml"
LABELS_FILE = "labels.yaml"


def load_pack(config: Config) -> Pack:
    """Read and validate every content file the configuration names."""
    root = config.root
    # Facts and signatories are optional: a pack of a release and a Q&A needs neither.
    facts = read_optional(config.content_dir / FACTS_FILE, root)
    signatories = ()
    signatories_path = config.content_dir / SIGNATORIES_FILE
    if present(signatories_path):
        signatories = parse_signatories(read(signatories_path, root))
    labels = load_labels(config)

    documents: dict[str, DocumentSource] = {}
    seen: dict[str, DocumentSource] = {}
    for doc_id in config.documents:
        path = config.content_dir / f"{doc_id}.yaml"
        if not path.is_file():
            raise ContentError(
                f"document '{doc_id}' is listed in presskit.toml but "
                f"{relative(path, root)} does not exist",
                Location("presskit.toml"),
            )
        doc = parse_document(read(path, root), config.references)
        if doc.id != doc_id:
            raise ContentError(
                f"document: '{doc.id}' does not match the file name '{doc_id}.yaml'",
                doc.id_location,
            )
        # File names carry the reference's letters and digits only: those must differ too.
        other = seen.get(doc.reference.compact)
        if other:
            same = (
                ""
                if str(other.reference) == str(doc.reference)
                else (f" (as {other.reference}: file names keep only letters and digits)")
            )
            raise ContentError(
                f"duplicate reference {doc.reference}{same}: already used by "
                f"{other.reference_location}",
                doc.reference_location,
            )
        seen[doc.reference.compact] = doc
        documents[doc_id] = doc

    pack = Pack(
        root=root,
        documents=documents,
        signatories=signatories,
        figures=parse_figures(facts),
        contacts=parse_contacts(facts),
        speakers=parse_speakers(facts),
        labels=labels,
        name=config.name,
    )
    check_references(pack)
    return pack


def read(path: Path, root: Path) -> Any:
    return load_yaml(path, relative(path, root), root)


def present(path: Path) -> bool:
    """Whether an optional content file is there (a link or a FIFO counts: reading it
    then says why it cannot be used)."""
    return path.exists() or path.is_symlink()


def read_optional(path: Path, root: Path) -> Any:
    """An optional content file, or an empty mapping when the pack has none."""
    if present(path):
        return read(path, root)
    data = LDict()
    data.location = Location(relative(path, root))
    data.key_locations = {}
    return data


def file_kind(data: Any) -> str | None:
    """Which kind of content file this is, from its top-level keys."""
    if not isinstance(data, LDict):
        return None
    for key, kind in (
        ("document", "document"),
        ("labels", "labels"),
        ("signatories", "signatories"),
        ("figures", "facts"),
        ("spokespeople", "facts"),
    ):
        if key in data:
            return kind
    return None


# Documents


def parse_document(data: Any, scheme: ReferenceScheme = DEFAULT_REFERENCES) -> DocumentSource:
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
    release_line = (
        schema.boolean(doc["release_line"], "release_line", where)
        if "release_line" in doc
        else False
    )
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
        release_line=release_line,
        blocks=tuple(parse_block(item, body.location) for item in body),
    )


BLOCK_NAMES = (
    "heading, subheading, paragraph, quote, bullets, signatories, note, contact, ends, spokespeople"
)


def parse_block(item: Any, where: Location) -> Block:
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
    if name == "signatories":
        data = schema.mapping(value, "signatories", at, {"heading", "footnote"})
        return SignatoriesBlock(
            heading=schema.unit(schema.required(data, "heading", "signatories"), "heading", at),
            footnote=schema.unit(schema.required(data, "footnote", "signatories"), "footnote", at),
        )
    if name == "contact":
        data = schema.mapping(value, "contact", at, {"label", "who"})
        who = schema.text(schema.required(data, "who", "contact"), "who", at)
        label = schema.unit(schema.required(data, "label", "contact"), "label", at)
        return ContactBlock(label, str(who), who.location)
    raise ContentError(f"unknown block '{name}' (expected one of: {BLOCK_NAMES})", at)


# Signatories, facts, labels


def parse_signatories(data: Any) -> tuple[Signatory, ...]:
    where = getattr(data, "location", Location("?"))
    top = schema.mapping(data, "the signatories file", where, {"signatories"} | NOTES_KEYS)
    entries = schema.sequence(schema.required(top, "signatories", "the file"), "signatories", where)
    result: list[Signatory] = []
    seen: dict[str, Signatory] = {}
    for number, entry in enumerate(entries, start=1):
        what = f"signatory no. {number}"
        data_ = schema.mapping(entry, what, entries.location, {"name", "srn", "ignore"})
        name = schema.text(schema.required(data_, "name", what), "name", data_.location)
        srn = schema.boolean(data_["srn"], "srn", data_.location) if "srn" in data_ else False
        key = " ".join(str(name).split()).casefold()
        # Two organisations may share a name; the entry says so with a reason.
        allowed = "signatory-duplicate" in schema.ignored_rules(data_, what)
        if key in seen and not allowed:
            raise ContentError(
                f"duplicate signatory '{name}' (also no. {result.index(seen[key]) + 1}, "
                f"{seen[key].location})",
                name.location,
            )
        signatory = Signatory(str(name), srn, name.location)
        seen[key] = signatory
        result.append(signatory)
    if not result:
        raise ContentError("the list of signatories is empty", entries.location)
    return tuple(result)


FACTS_KEYS = {"figures", "dates", "contacts", "spokespeople"} | NOTES_KEYS


def _facts(data: Any) -> LDict:
    where = getattr(data, "location", Location("?"))
    return schema.mapping(data, "the facts file", where, FACTS_KEYS)


def parse_figures(data: Any) -> dict[str, Figure]:
    facts = _facts(data)
    figures: dict[str, Figure] = {}
    for section, parse_value in (("figures", schema.integer), ("dates", schema.date)):
        entries = _section(facts, section)
        for name, entry in entries.items():
            what = f"{section[:-1]} '{name}'"
            item = schema.mapping(entry, what, facts.location, {"value", "description", "source"})
            value = parse_value(schema.required(item, "value", what), "value", item.location)
            description = schema.text(
                schema.required(item, "description", what), "description", item.location
            )
            if is_reserved(str(name)) or name in figures:
                raise ContentError(
                    f"'{name}' is already a placeholder name", entries.key_locations[name]
                )
            figures[str(name)] = Figure(str(name), value, str(description))
    return figures


def _section(facts: LDict, name: str) -> LDict:
    """A mapping section of the facts file (empty when absent)."""
    if name not in facts:
        return LDict()
    entries = facts[name]
    return schema.mapping(
        entries,
        f"'{name}'",
        facts.key_locations[name],
        set(entries) if isinstance(entries, dict) else set(),
    )


def parse_contacts(data: Any) -> dict[str, Contact]:
    facts = _facts(data)
    contacts: dict[str, Contact] = {}
    for name, entry in _section(facts, "contacts").items():
        what = f"contact '{name}'"
        item = schema.mapping(entry, what, facts.location, {"email", "phones", "source"})
        email = schema.text(schema.required(item, "email", what), "email", item.location)
        if "@" not in email or " " in email:
            raise ContentError(f"'{email}' is not an e-mail address", email.location)
        listed = schema.sequence(item.get("phones", []), "phones", item.location)
        phones = [schema.text(p, "phone", item.location) for p in listed]
        contacts[str(name)] = Contact(
            str(email),
            tuple(str(p) for p in phones),
            email.location,
            tuple(p.location for p in phones),
        )
    return contacts


def parse_speakers(data: Any) -> dict[str, Speaker]:
    facts = _facts(data)
    speakers: dict[str, Speaker] = {}
    for key, entry in _section(facts, "spokespeople").items():
        what = f"spokesperson '{key}'"
        item = schema.mapping(entry, what, facts.location, {"name", "title", "organisation"})
        name = schema.text(schema.required(item, "name", what), "name", item.location)
        title = schema.unit(schema.required(item, "title", what), "title", item.location)
        organisation = schema.text(
            schema.required(item, "organisation", what), "organisation", item.location
        )
        speakers[str(key)] = Speaker(
            name=str(name),
            title=title,
            organisation=str(organisation),
            name_location=name.location,
            organisation_location=organisation.location,
        )
    return speakers


def load_labels(config: Config) -> dict[str, Unit]:
    """The theme's labels, overridden or added to key by key by the pack's labels file."""
    theme_file = THEME_DIR / LABELS_FILE
    theme_data = load_yaml(theme_file, shown(theme_file, config.root), THEME_DIR)
    labels = parse_labels(theme_data)
    own = config.templates_dir / LABELS_FILE
    if own.exists() or own.is_symlink():
        labels.update(parse_labels(read(own, config.root)))
    missing = sorted(REQUIRED_LABELS - set(labels))
    if missing:  # only a damaged installation: the theme has every label
        raise ContentError(f"labels missing: {', '.join(missing)}", theme_data.location)
    return labels


def parse_labels(data: Any) -> dict[str, Unit]:
    """The labels of one file; a pack's file may hold only the labels it changes or adds."""
    where = getattr(data, "location", Location("?"))
    top = schema.mapping(data, "the labels file", where, {"labels"})
    entries = schema.required(top, "labels", "the labels file")
    entries = schema.mapping(
        entries, "labels", where, set(entries) if isinstance(entries, dict) else set()
    )
    return {str(k): schema.unit(v, f"label '{k}'", entries.location) for k, v in entries.items()}


REQUIRED_LABELS = {
    "incomplete",
    "index",
    "page",
    "release_line",
    "ends",
    "original_language",
    "date",
    "pack_title",
}


def document_units(doc: DocumentSource) -> list[Unit]:
    units = [doc.kind, doc.title]
    for block in doc.blocks:
        if isinstance(block, (HeadingBlock, ParagraphBlock, NoteBlock)):
            units.append(block.unit)
        elif isinstance(block, QuoteBlock):
            units.extend(block.paragraphs)
        elif isinstance(block, BulletsBlock):
            units.extend(block.items)
        elif isinstance(block, SignatoriesBlock):
            units.extend((block.heading, block.footnote))
        elif isinstance(block, ContactBlock):
            units.append(block.label)
    return units


# Labels every document prints; "release_line" and "ends" only where the document has them.
COMMON_LABELS = ("index", "page", "pack_title", "date", "original_language", "incomplete")


def printed_units(pack: Pack, document: str) -> list[Unit]:
    """Every unit a document's editions print: its own, its labels, its speakers' titles."""
    doc = pack.documents[document]
    units = document_units(doc) + [pack.labels[key] for key in COMMON_LABELS]
    if doc.release_line:
        units.append(pack.labels["release_line"])
    # Labels a pack adds are there to be printed by its page template.
    units += [unit for key, unit in pack.labels.items() if key not in REQUIRED_LABELS]
    for block in doc.blocks:
        if isinstance(block, EndsBlock):
            units.append(pack.labels["ends"])
        elif isinstance(block, QuoteBlock):
            units.append(pack.speakers[block.speaker].title)
        elif isinstance(block, SpokespeopleBlock):
            units.extend(s.title for s in pack.speakers.values())
    return list({(u.context, u.msgid): u for u in units}.values())


def pack_units(pack: Pack) -> list[Unit]:
    """Every unit the pack has, printed or not: the units extraction finds (documents,
    labels, speakers' titles)."""
    units = [u for doc in pack.documents.values() for u in document_units(doc)]
    units += pack.labels.values()
    units += [s.title for s in pack.speakers.values()]
    return list({(u.context, u.msgid): u for u in units}.values())


def plural_counts(pack: Pack) -> set[int]:
    """The numbers the pack's plural units count: the values that choose a plural form."""
    values = known_placeholders(pack)
    return {
        value
        for u in pack_units(pack)
        if u.count is not None and isinstance(value := values.get(u.count), int)
    }


def check_references(pack: Pack) -> None:
    """Every placeholder, plural count, speaker and contact a unit names must exist."""
    names = known_placeholders(pack)
    label_names = {"reference", "page", "pages", "language", "date", "pack"}
    checks: list[tuple[Unit, set[str]]] = [(u, label_names) for u in pack.labels.values()]
    for doc in pack.documents.values():
        checks += [(u, names) for u in document_units(doc)]
        for block in doc.blocks:
            if isinstance(block, QuoteBlock) and block.speaker not in pack.speakers:
                raise ContentError(f"unknown speaker '{block.speaker}'", block.location)
            if isinstance(block, ContactBlock) and block.contact not in pack.contacts:
                raise ContentError(f"unknown contact '{block.contact}'", block.location)
            if isinstance(block, SignatoriesBlock) and not pack.signatories:
                raise ContentError(
                    f"a signatories block, but the pack has no {SIGNATORIES_FILE}",
                    block.heading.location,
                )
    checks += [(s.title, names) for s in pack.speakers.values()]
    for unit, allowed in checks:
        for name in unit.placeholders():
            if name not in allowed:
                raise ContentError(
                    f"unknown placeholder {{{name}}} (known: {', '.join(sorted(allowed))})",
                    unit.location,
                )
        if unit.count is not None:
            if unit.count not in names or not isinstance(names[unit.count], int):
                raise ContentError(f"plural count '{unit.count}' is not a figure", unit.location)
            if f"{{{unit.count}}}" not in unit.msgid + (unit.plural or ""):
                raise ContentError(
                    f"a plural unit counted by '{unit.count}' must contain {{{unit.count}}}",
                    unit.location,
                )
