"""A catalog as XLIFF 1.2, the exchange format of CAT tools (Trados, memoQ, Phrase, OmegaT).

The layout is translate-toolkit's for PO files (``po2xliff``), so that its readers and
Weblate see every entry: a plural entry is a ``<group restype="x-gettext-plurals">``
of one ``<trans-unit>`` per plural form of the language (form 0 shows the msgid, the
others the msgid_plural); references, extracted and translator comments are
``po-reference`` and ``po-entry`` context groups with ``developer`` and
``po-translator`` notes beside them; a fuzzy entry is ``approved="no"``. What
translate-toolkit does not carry, presskit adds in the same style: the msgctxt as an
``x-po-msgctxt`` context (and as ``resname``, which CAT tools show), the flags as
``x-po-flags``, and the previous msgid as an ``alt-trans`` of origin ``previous``.
Placeholders and markup are protected inline codes (see inline_codes). Two of
translate-toolkit's conventions, kept because its reader depends on them, are beyond
the strict XLIFF 1.2 schema: context groups named ``po-reference`` and ``po-entry``
repeat within a file, and a plural group carries ``approved``; the rest validates.

A unit's id is derived from its msgctxt and msgid, so an import finds its entry even
after the catalog has been updated, and refuses a unit the catalog no longer has.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from babel.messages.catalog import Catalog, Message
from lxml import etree

from presskit import __version__
from presskit.i18n.inline_codes import Code, Piece, source_pieces, target_pieces

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
PLURAL_GROUP = "x-gettext-plurals"
HEADER_UNIT = "x-gettext-domain-header"
# A translation no longer to be used as it is (needs review), as translate-toolkit writes it.
FUZZY_STATE = "needs-review-translation"
TRANSLATED_STATE = "translated"


def unit_id(message: Message) -> str:
    """A stable id from the entry's msgctxt and msgid (None and "" contexts differ)."""
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    key = json.dumps([message.context, msgid], ensure_ascii=False)
    return "u" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def form_sources(message: Message, forms: int) -> list[str]:
    """The source text each target form translates: the msgid, then the msgid_plural."""
    if not isinstance(message.id, (list, tuple)):
        return [message.id]
    return [message.id[0], *[message.id[1]] * (forms - 1)]


def _e(parent: etree._Element, tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attrib)
    element.text = text
    return element


def _inline(element: etree._Element, pieces: Sequence[Piece]) -> None:
    """Fill ``element`` with text and codes (its own text, then each code and its tail)."""
    last: etree._Element | None = None
    for piece in pieces:
        if isinstance(piece, Code):
            attrib = {"id": piece.id, "ctype": piece.ctype}
            if piece.kind == "ept":
                attrib = {"id": piece.id}
            last = _e(element, piece.kind, piece.text, **attrib)
        elif last is None:
            element.text = (element.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece


def _context_groups(unit: etree._Element, message: Message) -> None:
    for filename, line in message.locations:
        group = _e(unit, "context-group", name="po-reference", purpose="location")
        _e(group, "context", filename, **{"context-type": "sourcefile"})
        if line is not None:
            _e(group, "context", str(line), **{"context-type": "linenumber"})
    flags = sorted(flag for flag in message.flags if flag != "fuzzy")
    entry = [
        ("x-po-msgctxt", message.context),
        ("x-po-autocomment", "\n".join(message.auto_comments) or None),
        ("x-po-trancomment", "\n".join(message.user_comments) if message.user_comments else None),
        ("x-po-flags", ", ".join(flags) or None),
    ]
    if any(text is not None for _, text in entry):
        group = _e(unit, "context-group", name="po-entry", purpose="information")
        for kind, text in entry:
            if text is not None:
                _e(group, "context", text, **{"context-type": kind})
    if message.auto_comments:
        _e(unit, "note", "\n".join(message.auto_comments), **{"from": "developer"})
    if message.user_comments:
        _e(unit, "note", "\n".join(message.user_comments), **{"from": "po-translator"})


def _trans_unit(
    parent: etree._Element,
    uid: str,
    source: str,
    target: str,
    message: Message,
    previous: str | None,
) -> etree._Element:
    approved = "yes" if target and not message.fuzzy else "no"
    unit = _e(parent, "trans-unit", id=uid, approved=approved)
    unit.set(XML_SPACE, "preserve")
    if message.context is not None:
        unit.set("resname", message.context)
    pieces = source_pieces(source)
    _inline(_e(unit, "source"), pieces)
    if target or message.fuzzy:  # an untranslated unit has no target
        state = FUZZY_STATE if message.fuzzy else TRANSLATED_STATE
        _inline(_e(unit, "target", state=state), target_pieces(target, pieces))
    if previous is not None:
        alternative = _e(unit, "alt-trans", origin="previous")
        _e(alternative, "source", previous)
        _e(alternative, "target", target)
    return unit


def _entry(body: etree._Element, message: Message, forms: int) -> None:
    uid = unit_id(message)
    previous = list(message.previous_id or [])
    if not isinstance(message.id, (list, tuple)):
        unit = _trans_unit(
            body, uid, message.id, message.string or "", message, previous[0] if previous else None
        )
        _context_groups(unit, message)
        return
    group = _e(body, "group", id=uid, restype=PLURAL_GROUP)
    group.set(XML_SPACE, "preserve")  # comments keep their lines
    group.set("approved", "no" if message.fuzzy or not any(message.string) else "yes")
    if message.context is not None:
        group.set("resname", message.context)
    _context_groups(group, message)
    strings = list(message.string) + [""] * (forms - len(message.string))
    for index, source in enumerate(form_sources(message, forms)):
        old = previous[min(index, len(previous) - 1)] if previous else None
        _trans_unit(group, f"{uid}[{index}]", source, strings[index], message, old)


def _header_text(catalog: Catalog) -> str:
    return "".join(f"{name}: {value}\n" for name, value in catalog.mime_headers)


def to_xliff(catalog: Catalog, original: str, source_language: str, language: str) -> bytes:
    """The XLIFF 1.2 document of one catalog (``original``: its path in the pack)."""
    root = etree.Element(f"{{{NAMESPACE}}}xliff", version="1.2", nsmap={None: NAMESPACE})
    file = _e(
        root,
        "file",
        original=original,
        datatype="po",
        **{"source-language": source_language, "target-language": language},
    )
    header = _e(file, "header")
    _e(header, "tool", **{"tool-id": "presskit", "tool-name": "presskit"}).set(
        "tool-version", __version__
    )
    body = _e(file, "body")
    # The catalog's header, as translate-toolkit keeps it; not for translation.
    text = _header_text(catalog)
    unit = _e(body, "trans-unit", id="header", restype=HEADER_UNIT, approved="no")
    unit.set("translate", "no")
    unit.set(XML_SPACE, "preserve")
    _e(unit, "source", text)
    _e(unit, "target", text)
    for message in catalog:
        if message.id:
            _entry(body, message, catalog.num_plurals)
    _indent(root, 0)
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    return declaration + etree.tostring(root, encoding="UTF-8") + b"\n"


# Elements whose content is structure, never text: only these are indented, so that no
# whitespace enters a source, target, note or context.
_STRUCTURE = {
    "xliff",
    "file",
    "header",
    "body",
    "group",
    "trans-unit",
    "context-group",
    "alt-trans",
}


def _indent(element: etree._Element, level: int) -> None:
    children = list(element)
    if etree.QName(element).localname not in _STRUCTURE or not children:
        return
    element.text = "\n" + "  " * (level + 1)
    for child in children:
        _indent(child, level + 1)
        child.tail = "\n" + "  " * (level + 1)
    children[-1].tail = "\n" + "  " * level
