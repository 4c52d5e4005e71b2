"""What a catalog must be before presskit trusts it, beyond what Babel's lenient parser
checks: one encoding, lines gettext tools read the same way, one entry per msgid, and
ids without the control characters that would let one entry stand for another.
"""

from __future__ import annotations

import io
import re
import unicodedata

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileParser

from presskit.errors import CatalogError, Location, short
from presskit.languages import parse_locale

BOM = b"\xef\xbb\xbf"
# Characters XML forbids, and the bidi overrides that could visually reverse a reference.
FORBIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\u202d\u202e]")
# In an id, any C0 control but tab and newline: "\x04" is gettext's context separator,
# so msgid "ctx\x04text" would stand for the entry of msgctxt "ctx" in the .mo.
_FORBIDDEN_IN_ID = re.compile("[\x00-\x08\x0b-\x1f]")
_PO_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*'
)
# Babel reads only these escapes; gettext tools also read \a, \004, \x04... as controls.
_ESCAPE = re.compile(r"\\(.)")
_KNOWN_ESCAPES = frozenset('ntr"\\')


def decode(data: bytes, shown: str) -> str:
    if data.startswith(BOM):
        raise CatalogError(
            "starts with a UTF-8 byte-order mark (BOM): save the file as UTF-8 without BOM",
            Location(shown, 1),
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError("catalog is not valid UTF-8", Location(shown, line)) from None


def lines(text: str) -> list[str]:
    """The file's lines as gettext tools see them: split at "\\n" only (str.splitlines
    also splits at U+2028 or U+0085, which a translation may contain)."""
    return text.split("\n")


def check_lines(text: str, shown: str) -> None:
    """Reject what Babel's lenient parser would silently accept (an unclosed string) or
    read differently from gettext tools (an escape such as \\004)."""
    for number, line in enumerate(lines(text), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.fullmatch(stripped):
            raise CatalogError(
                f"malformed catalog: cannot parse '{visible(short(stripped))}'",
                Location(shown, number),
            )
        for escape in _ESCAPE.findall(stripped):
            if escape not in _KNOWN_ESCAPES:
                raise CatalogError(
                    f"malformed catalog: the escape '\\{visible(escape)}' is not one of "
                    '\\n, \\t, \\r, \\" and \\\\ (gettext tools would read a control character)',
                    Location(shown, number),
                )


def visible(text: str) -> str:
    """Invisible and control characters as \\uXXXX, so that an error shows its culprit."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
        for c in text
    )


class _TrackedCatalog(Catalog):
    """A Catalog that records repeated entries: Babel merges a second msgid into the
    first (or lets a second header replace the first) without a word."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.first_lines: dict[tuple[str, str | None], int] | None = {}
        self.repeated: list[tuple[int, int]] = []  # (line, line of the first)
        self.header_read = False

    def __setitem__(self, id: object, message: Message) -> None:
        if self.first_lines is not None and message.lineno is not None:
            key = (id[0] if isinstance(id, (list, tuple)) else str(id), message.context)
            first = self.first_lines.setdefault(key, message.lineno)
            if first != message.lineno:
                self.repeated.append((message.lineno, first))
        super().__setitem__(id, message)  # type: ignore[arg-type]
        self.header_read = self.header_read or id == ""


def new_catalog(language: str | None) -> Catalog:
    return _TrackedCatalog(locale=parse_locale(language) if language else None)


def parse(catalog: Catalog, data: bytes) -> None:
    """Babel's parse (as read_po does it) into ``catalog``; raises PoFileError."""
    PoFileParser(catalog, abort_invalid=True).parse(io.BytesIO(data))


def check_entries(catalog: Catalog, shown: str) -> None:
    """One entry per msgid and context; ids without control characters; translations
    without characters XML forbids."""
    repeated = getattr(catalog, "repeated", [])
    if repeated:
        line, first = repeated[0]
        raise CatalogError(
            f"this entry repeats the entry at line {first} (same msgid and msgctxt): "
            "keep one of them",
            Location(shown, line),
        )
    if isinstance(catalog, _TrackedCatalog):
        catalog.first_lines = None  # later updates (i18n update) are not parsing
    for message in catalog:
        ids = list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]
        for field, value in [*(("msgid", i) for i in ids), ("msgctxt", message.context or "")]:
            found = _FORBIDDEN_IN_ID.search(value)
            if found:
                raise CatalogError(
                    f"the {field} '{visible(short(value))}' contains the control character "
                    f"U+{ord(found.group()):04X}"
                    + (" (gettext's context separator)" if found.group() == "\x04" else ""),
                    Location(shown, message.lineno),
                )
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for string in strings:
            if string and FORBIDDEN_IN_TEXT.search(string):
                raise CatalogError(
                    f"translation of '{short(message.id)}' contains a control character "
                    "that XML forbids, or a bidi override",
                    Location(shown, message.lineno),
                )
