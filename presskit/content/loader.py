"""Load a pack's content files into the validated content model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from presskit.config import Config
from presskit.content.documents import parse_document
from presskit.content.facts import FACTS_FILE, parse_contacts, parse_figures, parse_speakers
from presskit.content.figures import is_reserved, known_placeholders, list_counts
from presskit.content.labels import LABELS_FILE, load_labels
from presskit.content.lists import parse_list
from presskit.content.model import (
    ContactBlock,
    DocumentSource,
    EntryList,
    ListBlock,
    Pack,
    QuoteBlock,
    Unit,
    name_reference,
)
from presskit.content.names import NAMES_FILE, parse_names
from presskit.content.units import document_units
from presskit.content.yamlfile import LDict, Location, load_yaml
from presskit.errors import ContentError, relative
from presskit.findings import Finding

__all__ = ["FACTS_FILE", "LABELS_FILE", "NAMES_FILE", "load_pack"]

# The embargo's line names its own moment; its {date} is the embargo's day.
EMBARGO_NAMES = {"time", "zone"}


def load_pack(config: Config) -> Pack:
    """Read and validate every content file the configuration names."""
    root = config.root
    warnings: list[Finding] = []  # deprecated forms, reported by build and check
    # Facts and lists are optional: a pack of a release and a Q&A needs neither.
    facts = read_optional(config.content_dir / FACTS_FILE, root)
    names = parse_names(read_optional(config.content_dir / NAMES_FILE, root))
    lists = load_lists(config, warnings)
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
        doc = parse_document(read(path, root), config.references, warnings)
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
        lists=lists,
        figures=parse_figures(facts, set(list_counts(lists))),
        contacts=parse_contacts(facts),
        speakers=parse_speakers(facts),
        labels=labels,
        name=config.name,
        names=names,
        first_mention=config.first_mention,
        warnings=tuple(warnings),
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
        ("entries", "list"),
        ("signatories", "list"),  # a list in the old format
        ("figures", "facts"),
        ("spokespeople", "facts"),
        ("people", "names"),
        ("organisations", "names"),
    ):
        if key in data:
            return kind
    return None


def load_lists(config: Config, warnings: list[Finding]) -> dict[str, EntryList]:
    """The list files [pack] lists names; no two may declare the same count."""
    lists: dict[str, EntryList] = {}
    declared: dict[str, Location] = {}
    for name in config.lists:
        path = config.content_dir / f"{name}.yaml"
        if not present(path):
            raise ContentError(
                f"list '{name}' is configured but {relative(path, config.root)} does not exist",
                Location("presskit.toml"),
            )
        entry_list = parse_list(read(path, config.root), name, warnings, config.max_list_entries)
        for count, _ in entry_list.counts():
            for placeholder in filter(None, (count.placeholder, count.rounded)):
                if placeholder in declared or is_reserved(placeholder):
                    raise ContentError(
                        f"'{placeholder}' is already a placeholder name"
                        + (f" ({declared[placeholder]})" if placeholder in declared else ""),
                        count.location,
                    )
                declared[placeholder] = count.location
        lists[name] = entry_list
    return lists


def check_references(pack: Pack) -> None:
    """Every placeholder, plural count, speaker and contact a unit names must exist."""
    names = known_placeholders(pack)
    label_names = {"reference", "page", "pages", "language", "date", "pack"}
    checks: list[tuple[Unit, set[str]]] = [
        (unit, label_names | EMBARGO_NAMES if key == "release_embargo" else label_names)
        for key, unit in pack.labels.items()
    ]
    for doc in pack.documents.values():
        checks += [(u, names) for u in document_units(doc)]
        for block in doc.blocks:
            if isinstance(block, QuoteBlock) and block.speaker not in pack.speakers:
                raise ContentError(f"unknown speaker '{block.speaker}'", block.location)
            if isinstance(block, ContactBlock) and block.contact not in pack.contacts:
                raise ContentError(f"unknown contact '{block.contact}'", block.location)
            if isinstance(block, ListBlock):
                check_list_block(pack, block)
    checks += [(s.title, names) for s in pack.speakers.values()]
    checks += [
        (mark.footnote, names)
        for entry_list in pack.lists.values()
        for mark in entry_list.marks.values()
        if mark.footnote is not None
    ]
    for speaker in pack.speakers.values():
        for value, where in (
            (speaker.name, speaker.name_location),
            (speaker.organisation, speaker.organisation_location),
        ):
            check_name_reference(pack, value, where)
    for unit, allowed in checks:
        for key in unit.names():
            check_name(pack, key, unit.location)
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


def check_name(pack: Pack, key: str, where: Location | None) -> None:
    """A name placeholder must name an entry of the names file."""
    if key not in pack.names:
        kind = key.split(":", 1)[0]
        known = [k for k in pack.names if k.startswith(kind + ":")]
        listed = ", ".join(f"{{{k}}}" for k in known) or f"none: add it to content/{NAMES_FILE}"
        raise ContentError(f"unknown name {{{key}}} (known: {listed})", where)


def check_name_reference(pack: Pack, value: str, where: Location | None) -> None:
    """A spokesperson's name or organisation: plain text, or a name placeholder alone."""
    key = name_reference(value)
    if key is not None:
        check_name(pack, key, where)
    elif "{person:" in value or "{org:" in value:
        raise ContentError(
            "a name placeholder must be the whole value ('{person:<id>}' or '{org:<id>}')",
            where,
        )


def check_list_block(pack: Pack, block: ListBlock) -> None:
    """A list block names a configured list, and every mark it prints is explained."""
    if block.name not in pack.lists:
        known = ", ".join(pack.lists) or "none"
        raise ContentError(
            f"unknown list '{block.name}' (lists: {known}; [pack] lists in presskit.toml, "
            f"each a file content/<name>.yaml)",
            block.location,
        )
    entry_list = pack.lists[block.name]
    used = {mark for entry in entry_list.entries for mark in entry.marks}
    for mark in entry_list.marks.values():
        if mark.name in used and mark.footnote is None and block.footnote is None:
            raise ContentError(
                f"the list '{block.name}' marks entries '{mark.name}' but no footnote "
                "explains the mark",
                block.location,
            )
