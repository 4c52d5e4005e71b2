"""XML that comes with a pack or from a translator's tool (a TBX glossary, an XLIFF file),
read as data: no entity expanded, no DTD loaded, nothing fetched.

Expat scans the file first and stops at the first declaration, before anything is
expanded (billion laughs) or fetched (external entities); lxml then parses what is left
with every loading switched off.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from lxml import etree

from presskit.errors import CatalogError, Location

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def parse(data: bytes, shown: str, *, external_doctype: bool = False) -> etree._Element:
    """The document's root element. ``external_doctype`` lets a DOCTYPE that only names
    an external DTD through (TBX-Basic files carry one); the DTD itself is never read.
    Any other DOCTYPE, and any declaration inside one, is refused at its line."""
    _refuse_declarations(data, shown, external_doctype)
    try:
        return etree.fromstring(data, etree.XMLParser(**_PARSER_OPTIONS))
    except etree.XMLSyntaxError as exc:
        message = re.sub(r",? line \d+, column \d+", "", str(exc.msg))
        raise CatalogError(f"malformed XML: {message}", Location(shown, exc.lineno)) from None


class _Declaration(Exception):
    pass


def _refuse_declarations(data: bytes, shown: str, external_doctype: bool) -> None:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def doctype(*_args: object) -> None:
        if not external_doctype:
            raise _Declaration

    def refuse(*_args: object) -> None:
        raise _Declaration

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = refuse
    parser.ElementDeclHandler = refuse
    parser.AttlistDeclHandler = refuse
    parser.NotationDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.SkippedEntityHandler = refuse
    try:
        parser.Parse(data, True)
    except _Declaration:
        raise CatalogError(
            "declares a DTD or entities: presskit reads no DTD and expands no entity",
            Location(shown, parser.CurrentLineNumber),
        ) from None
    except expat.ExpatError as exc:
        message = expat.errors.messages[exc.code]
        raise CatalogError(f"malformed XML: {message}", Location(shown, exc.lineno)) from None
