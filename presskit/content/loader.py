"""Load a pack's content files into the validated content model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from presskit.config import Config
from presskit.content import schema
from presskit.content.documents import NOTES_KEYS, parse_document
from presskit.content.facts import FACTS_FILE, parse_contacts, parse_figures, parse_speakers
from presskit.content.figures import known_placeholders
from presskit.content.labels import LABELS_FILE, load_labels
from presskit.content.model import (
    ContactBlock,
    DocumentSource,
    Pack,
    QuoteBlock,
    SignatoriesBlock,
    Signatory,
    Unit,
)
from presskit.content.units import document_units
from presskit.content.yamlfile import LDict, Location, load_yaml
from presskit.errors import ContentError, relative
from presskit.findings import Finding

__all__ = ["FACTS_FILE", "LABELS_FILE", "SIGNATORIES_FILE", "load_pack"]

SIGNATORIES_FILE = "signatories.yaml"
# The embargo's line names its own moment; its {date} is the embargo's day.
EMBARGO_NAMES = {"time", "zone"}


def load_pack(config: Config) -> Pack:
    """Read and validate every content file the configuration names."""
    root = config.root
    warnings: list[Finding] = []  # deprecated forms, reported by build and check
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
        signatories=signatories,
        figures=parse_figures(facts),
        contacts=parse_contacts(facts),
        speakers=parse_speakers(facts),
        labels=labels,
        name=config.name,
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
        ("signatories", "signatories"),
        ("figures", "facts"),
        ("spokespeople", "facts"),
    ):
        if key in data:
            return kind
    return None


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
