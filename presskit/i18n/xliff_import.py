"""Read a translated XLIFF 1.2 file back: safely, unit by unit, against the catalog.

The file comes from outside (a CAT tool, a translator's e-mail): it is parsed without
DTDs, entities or network, and every unit must match an entry of the catalog, carry
the codes of its source unaltered and give the language's number of plural forms.
Only the translation, its fuzzy state and the translator comments come from the
file; msgids, references, extracted comments and flags stay the catalog's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from babel.messages.catalog import Catalog, Message
from lxml import etree

from presskit import safe_xml
from presskit.errors import CatalogError, Location, short
from presskit.findings import silenced_rules
from presskit.i18n.inline_codes import Code, Piece, codes, joined, source_pieces
from presskit.i18n.xliff import HEADER_UNIT, PLURAL_GROUP, form_sources, unit_id

NAMESPACES = ("urn:oasis:names:tc:xliff:document:1.2", "urn:oasis:names:tc:xliff:document:1.1")
# Target states of a translation still to be reviewed (XLIFF 1.2's state values).
_REVIEW_STATES = {"needs-review-translation", "needs-review-adaptation", "needs-review-l10n"}
_UNFINISHED_STATES = {
    "new",
    "needs-translation",
    "needs-adaptation",
    "needs-l10n",
    *_REVIEW_STATES,
}
_DONE_STATES = {"translated", "signed-off", "final"}
_CODE_RULE = {"ph": "placeholders", "bpt": "markup", "ept": "markup"}


@dataclass
class Imported:
    """What a unit of the file says about its entry."""

    message: Message
    strings: list[str]
    fuzzy: bool
    comments: list[str]


def parse_xliff(data: bytes, shown: str) -> etree._Element:
    """The document's root; XLIFF needs no DOCTYPE, so any is refused."""
    return safe_xml.parse(data, shown)


def same_language(a: str, b: str) -> bool:
    """Language tags as XLIFF and gettext write them: pt-BR, pt_BR and pt-br agree."""
    return a.replace("_", "-").lower() == b.replace("_", "-").lower()


def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def xliff_file(root: etree._Element, shown: str) -> etree._Element:
    """The one ``<file>`` of an XLIFF 1.2 (or 1.1) document."""
    namespace = etree.QName(root).namespace
    if local(root) != "xliff" or namespace not in NAMESPACES:
        raise CatalogError(
            "not an XLIFF 1.2 document (its root is not <xliff> in the XLIFF 1.2 namespace)",
            Location(shown, root.sourceline),
        )
    files = [child for child in root if local(child) == "file"]
    if len(files) != 1:
        raise CatalogError(
            f"{len(files)} <file> elements: presskit imports one catalog per XLIFF file",
            Location(shown, root.sourceline),
        )
    return files[0]


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_units(file: etree._Element, catalog: Catalog, shown: str) -> list[Imported]:
    """Every unit of the file, matched with its catalog entry and checked."""
    language = file.get("target-language", "")
    for target in file.iter(f"{{{etree.QName(file).namespace}}}target"):
        tag = target.get(XML_LANG)
        if tag is not None and not same_language(tag, language):
            raise CatalogError(
                f"a target in '{tag}' in a file whose target-language is '{language}'",
                Location(shown, target.sourceline),
            )
    entries = {unit_id(m): m for m in catalog if m.id}
    seen: dict[str, int] = {}
    imported = []
    for element in _units(file):
        where = Location(shown, element.sourceline)
        uid = element.get("id", "")
        message = entries.get(uid)
        if message is None:
            source = next(element.iter(f"{{{etree.QName(element).namespace}}}source"), None)
            text = "" if source is None else "".join(source.itertext())
            raise CatalogError(
                f"the unit '{uid}' ('{short(text)}') is not in the catalog: it was removed or "
                "its source changed since the export (export again and carry the work over)",
                where,
            )
        if uid in seen:
            raise CatalogError(f"the unit '{uid}' repeats the unit at line {seen[uid]}", where)
        seen[uid] = element.sourceline or 0
        plural = isinstance(message.id, (list, tuple))
        if plural != (local(element) == "group"):
            kind = "a plural entry" if plural else "a singular entry"
            raise CatalogError(f"the unit '{uid}' does not have the shape of {kind}", where)
        imported.append(_read_entry(element, message, catalog.num_plurals, shown))
    return imported


def _units(parent: etree._Element) -> Iterator[etree._Element]:
    """Trans-units and plural groups, through any other groups a tool wraps them in."""
    for child in parent.iterdescendants():
        name = local(child)
        if (name == "group" and child.get("restype") == PLURAL_GROUP) or (
            name == "trans-unit"
            and child.get("restype") != HEADER_UNIT
            and child.getparent().get("restype") != PLURAL_GROUP
        ):
            yield child


def _read_entry(element: etree._Element, message: Message, forms: int, shown: str) -> Imported:
    uid = element.get("id", "")
    if local(element) == "group":
        units = [child for child in element if local(child) == "trans-unit"]
        if len(units) != forms:
            raise CatalogError(
                f"{len(units)} plural forms for '{short(message.id)}' where the catalog has "
                f"{forms}",
                Location(shown, element.sourceline),
            )
        for index, unit in enumerate(units):
            if unit.get("id") != f"{uid}[{index}]":
                raise CatalogError(
                    f"plural form {index} of '{uid}' has the id '{unit.get('id')}', not "
                    f"'{uid}[{index}]'",
                    Location(shown, unit.sourceline),
                )
    else:
        units = [element]
    comments = _translator_comments(element, message)
    silenced = set(silenced_rules(message.flags, comments))
    strings, fuzzy = [], False
    for unit, source in zip(units, form_sources(message, forms), strict=True):
        text, unit_fuzzy = _read_unit(unit, source, silenced, shown)
        strings.append(text)
        fuzzy = fuzzy or unit_fuzzy
    return Imported(message, strings, fuzzy, comments)


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((child for child in element if local(child) == name), None)


def _read_unit(
    unit: etree._Element, expected_source: str, silenced: set[str], shown: str
) -> tuple[str, bool]:
    """The unit's translation and whether it is still to be reviewed."""
    source = _child(unit, "source")
    if source is None or joined(_pieces(source, shown)) != expected_source:
        raise CatalogError(
            f"the source of '{unit.get('id')}' is not the catalog's '{short(expected_source)}' "
            "(export again after the catalog changed)",
            Location(shown, unit.sourceline),
        )
    target = _child(unit, "target")
    if target is None:
        return "", False
    pieces = _pieces(target, shown)
    text = joined(pieces)
    state = target.get("state")
    if not text:
        fuzzy = state in _REVIEW_STATES
    elif state in _UNFINISHED_STATES:
        fuzzy = True
    elif state in _DONE_STATES:
        fuzzy = False
    else:
        fuzzy = unit.get("approved") != "yes"
    if text:
        _check_codes(
            codes(pieces), codes(source_pieces(expected_source)), silenced, fuzzy, target, shown
        )
    return text, fuzzy


def _pieces(element: etree._Element, shown: str) -> list[Piece]:
    """Text and codes of a source or target; ``<mrk>`` (a tool's annotation) is read
    through, any other element refused."""
    pieces: list[Piece] = [element.text] if element.text else []
    for child in element:
        name = local(child)
        if name in ("ph", "bpt", "ept"):
            if len(child):
                raise CatalogError(
                    f"the code <{name} id='{child.get('id')}'> contains elements",
                    Location(shown, child.sourceline),
                )
            pieces.append(Code(name, child.get("id", ""), child.text or "", child.get("ctype", "")))
        elif name == "mrk":
            pieces += _pieces(child, shown)
        elif name:  # not a comment or processing instruction
            raise CatalogError(
                f"<{name}> is not an inline code presskit writes (only ph, bpt, ept, mrk)",
                Location(shown, child.sourceline),
            )
        if child.tail:
            pieces.append(child.tail)
    return pieces


def _check_codes(
    found: list[Code],
    expected: list[Code],
    silenced: set[str],
    fuzzy: bool,
    target: etree._Element,
    shown: str,
) -> None:
    """The target's codes are the source's, each once and unaltered, each pair opened
    before it closes; all of them unless the rule is silenced or the unit is fuzzy."""
    where = Location(shown, target.sourceline)
    wanted = {(c.kind, c.id): c for c in expected}
    position: dict[tuple[str, str], int] = {}
    for index, code in enumerate(found):
        key = (code.kind, code.id)
        original = wanted.get(key)
        if original is None:
            raise CatalogError(f"the code <{code.kind} id='{code.id}'> is not in the source", where)
        if key in position:
            raise CatalogError(f"the code <{code.kind} id='{code.id}'> appears twice", where)
        if code.text != original.text:
            raise CatalogError(
                f"the protected code <{code.kind} id='{code.id}'> was altered: "
                f"'{code.text}' where the source has '{original.text}'",
                where,
            )
        position[key] = index
    for (kind, number), index in position.items():
        if kind == "bpt" and position.get(("ept", number), index) < index:
            raise CatalogError(f"the code <ept id='{number}'> comes before its <bpt>", where)
        pair = ("ept" if kind == "bpt" else "bpt", number)
        if kind != "ph" and pair not in position:
            raise CatalogError(f"the code <{kind} id='{number}'> has no <{pair[0]}>", where)
    missing = [
        c for c in expected if (c.kind, c.id) not in position and _CODE_RULE[c.kind] not in silenced
    ]
    if missing and not fuzzy:
        code = missing[0]
        raise CatalogError(
            f"the protected code <{code.kind} id='{code.id}'> ({code.text}) of the source is "
            "missing from the translation",
            where,
        )


def _translator_comments(element: etree._Element, message: Message) -> list[str]:
    """The ``po-translator`` notes (what a CAT tool edits: a plural group's, then its
    forms'), else the ``x-po-trancomment`` context, else none."""
    holders = [element, *(c for c in element if local(c) == "trans-unit")]
    notes = [
        child.text or ""
        for holder in holders
        for child in holder
        if local(child) == "note" and child.get("from") == "po-translator"
    ]
    if notes:
        return "\n".join(dict.fromkeys(notes)).split("\n")
    for group in element:
        if local(group) == "context-group" and group.get("name") == "po-entry":
            for context in group:
                if context.get("context-type") == "x-po-trancomment":
                    return (context.text or "").split("\n")
    return []


def apply(imported: list[Imported]) -> int:
    """Put the units into their entries; the number of entries changed."""
    changed = 0
    for unit in imported:
        message = unit.message
        plural = isinstance(message.id, (list, tuple))
        string: str | tuple[str, ...] = tuple(unit.strings) if plural else unit.strings[0]
        current = tuple(message.string) if plural else message.string
        if (current, message.fuzzy, list(message.user_comments)) == (
            string,
            unit.fuzzy,
            unit.comments,
        ):
            continue
        changed += 1
        message.string = string
        message.user_comments = unit.comments
        if unit.fuzzy:
            message.flags.add("fuzzy")
        else:
            message.flags.discard("fuzzy")
            message.previous_id = []  # reviewed: the old source text has served
    return changed
