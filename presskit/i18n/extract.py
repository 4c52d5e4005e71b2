"""Extract the translatable units of content and template files to gettext.

``babel_extract`` is registered as the ``presskit`` Babel extractor, so that
``pybabel extract -F babel.cfg .`` and ``presskit i18n extract`` run the same code
over the same mapping and find the same messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from presskit.config import find_root, load_config
from presskit.content import documents, facts, labels, lists, loader, names
from presskit.content.figures import count_descriptions, describe
from presskit.content.model import (
    BulletsBlock,
    ContactBlock,
    DocumentSource,
    HeadingBlock,
    ListBlock,
    NoteBlock,
    ParagraphBlock,
    QuoteBlock,
    Speaker,
    Unit,
    name_reference,
)
from presskit.content.yamlfile import LDict, parse_yaml, plain
from presskit.errors import PresskitError, relative

MAPPING_FILE = "babel.cfg"

# Babel's default keywords: gettext(msgid), pgettext(ctx, msgid),
# ngettext(one, other), npgettext(ctx, one, other).


def babel_extract(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, tuple[str, ...], list[str]]]:
    """Babel extractor entry point: yields (lineno, funcname, messages, comments)."""
    name = getattr(fileobj, "name", None)
    path = Path(name) if isinstance(name, str) else Path("<unknown>.yaml")
    shown = path.as_posix()
    root = find_root(path.parent) if name else None
    if root is not None:
        shown = relative(path, root)
    data = _load(fileobj, shown)
    descriptions = _placeholder_descriptions(root)
    for unit, what in described_units(data):
        yield unit_message(unit, what, descriptions)


def described_units(data: Any) -> list[tuple[Unit, str]]:
    """Each unit of a parsed file with a short description of what it is."""
    kind = loader.file_kind(data)
    if kind == "document":
        return _document_units(documents.parse_document(data))
    if kind == "list":
        name = Path(data.location.path).stem
        return lists.list_units(lists.parse_list(data, name))
    if kind == "labels":
        return [
            (unit, f"Template label '{key}'.") for key, unit in labels.parse_labels(data).items()
        ]
    if kind == "facts":
        return [(s.title, _title_comment(s)) for s in facts.parse_speakers(data).values()]
    if kind == "names":
        return [(n.unit, names.name_comment(n)) for n in names.parse_names(data).values()]
    return []


def _title_comment(speaker: Speaker) -> str:
    """A name of the names file has a unit of its own; a plain one is printed as written."""
    said = f"Job title of {speaker.name} ({speaker.organisation})"
    if name_reference(speaker.name) or name_reference(speaker.organisation):
        return said + "."
    return said + "; the name stays as it is."


def _document_units(doc: DocumentSource) -> list[tuple[Unit, str]]:
    name = f"{doc.id.capitalize()} ({doc.reference})"
    result = [
        (doc.kind, f"{name}: kind of document, printed above the title."),
        (doc.title, f"{name}: title."),
    ]
    paragraph = 0
    for block in doc.blocks:
        if isinstance(block, HeadingBlock):
            result.append((block.unit, f"{name}: heading."))
        elif isinstance(block, ParagraphBlock):
            paragraph += 1
            result.append((block.unit, f"{name}: paragraph {paragraph}."))
        elif isinstance(block, NoteBlock):
            result.append((block.unit, f"{name}: note to journalists."))
        elif isinstance(block, BulletsBlock):
            result += [(u, f"{name}: bullet point.") for u in block.items]
        elif isinstance(block, QuoteBlock):
            result += [
                (u, f"{name}: quote from spokesperson '{block.speaker}'; translate faithfully.")
                for u in block.paragraphs
            ]
        elif isinstance(block, ListBlock):
            result.append((block.heading, f"{name}: heading of the list '{block.name}'."))
            if block.footnote is not None:
                result.append((block.footnote, f"{name}: footnote of the list's marks."))
        elif isinstance(block, ContactBlock):
            result.append(
                (block.label, f"{name}: label before an e-mail address and telephone numbers.")
            )
    return result


def unit_message(
    unit: Unit, what: str, descriptions: dict[str, str]
) -> tuple[int, str, tuple[str, ...], list[str]]:
    comments = [what, *unit.comments]
    names = unit.placeholders()
    if names:
        explained = "; ".join(f"{{{n}}} is {describe(n, descriptions)}" for n in names)
        comments.append(f"Keep every placeholder as it is: {explained}.")
    named = unit.names()
    if named:
        explained = "; ".join(f"{{{n}}} is {descriptions.get(n, 'a name')}" for n in named)
        comments.append(
            f"Keep every name placeholder as it is: {explained}. Each name is printed in "
            "the form its own unit gives (the unit whose context is the placeholder's name)."
        )
    if unit.count:
        comments.append(f"The plural form is chosen by the value of {{{unit.count}}}.")
    line = unit.location.line or 0
    if unit.plural is not None:
        if unit.context:
            return line, "npgettext", (unit.context, unit.msgid, unit.plural), comments
        return line, "ngettext", (unit.msgid, unit.plural), comments
    if unit.context:
        return line, "pgettext", (unit.context, unit.msgid), comments
    return line, "gettext", (unit.msgid,), comments


def _load(fileobj: Any, shown: str) -> Any:
    data = fileobj.read()
    return parse_yaml(data.encode("utf-8") if isinstance(data, str) else data, shown)


def _placeholder_descriptions(root: Path | None) -> dict[str, str]:
    """Descriptions of the facts file's figures and of the lists' counts, for translator
    comments."""
    if root is None:
        return {}
    try:
        config = load_config(root)
        result = count_descriptions(loader.load_lists(config, []))
        facts = loader.read_optional(config.content_dir / loader.FACTS_FILE, config.root)
    except PresskitError:
        return {}
    try:
        found = names.parse_names(
            loader.read_optional(config.content_dir / loader.NAMES_FILE, config.root)
        )
    except PresskitError:
        found = {}
    result.update({key: name.source for key, name in found.items()})
    if isinstance(facts, LDict):
        for section in ("figures", "dates"):
            for name, entry in plain(facts.get(section, {})).items():
                if isinstance(entry, dict) and "description" in entry:
                    result[name] = str(entry["description"])
    return result
