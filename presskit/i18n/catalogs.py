"""Read, compile and locate the pack's gettext catalogs."""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po

from presskit.config import Config
from presskit.content.model import Unit
from presskit.errors import CatalogError, Location, relative, short
from presskit.i18n.previous import attach_previous

DOMAIN = "presskit"
# Characters XML forbids, and the bidi overrides that could visually reverse a reference.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\u202d\u202e]")


def template_path(config: Config) -> Path:
    return config.locales_dir / f"{DOMAIN}.pot"


def catalog_path(config: Config, language: str) -> Path:
    return config.locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class LoadedCatalog:
    """A language's catalog, parsed, with its compiled form."""

    language: str
    shown: str  # path relative to the pack, for messages
    catalog: Catalog
    translations: gettext.GNUTranslations

    def entry(self, unit: Unit) -> Message | None:
        return self.catalog.get(unit.msgid, context=unit.context)

    def is_translated(self, unit: Unit) -> bool:
        """Translated, not fuzzy, and of the unit's shape: a plural unit needs an entry
        with the same msgid_plural and every plural form."""
        message = self.entry(unit)
        if message is None or message.fuzzy:
            return False
        if unit.plural is not None:
            return (
                isinstance(message.id, (list, tuple))
                and message.id[1] == unit.plural
                and isinstance(message.string, (list, tuple))
                and len(message.string) == self.catalog.num_plurals
                and all(message.string)
            )
        return isinstance(message.string, str) and bool(message.string)

    def where(self, unit: Unit) -> Location:
        message = self.entry(unit)
        return Location(self.shown, message.lineno if message else None)


def read_catalog(path: Path, shown: str, language: str | None = None) -> Catalog:
    """Parse a .po file; syntax and encoding errors name the file and line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read catalog ({exc.strerror})", Location(shown)) from None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError("catalog is not valid UTF-8", Location(shown, line)) from None
    text = data.decode("utf-8")
    _check_lines(text, shown)
    try:
        catalog = read_po(io.BytesIO(data), locale=language, abort_invalid=True)
        attach_previous(catalog, data.decode("utf-8"))
    except PoFileError as exc:
        message = re.sub(r"\s+on \d+$", "", str(exc).strip()) or "syntax error"
        raise CatalogError(f"malformed catalog: {message}", Location(shown, exc.lineno)) from None
    except (ValueError, LookupError) as exc:
        raise CatalogError(f"malformed catalog header: {exc}", Location(shown, 1)) from None
    if catalog.charset.lower().replace("-", "") != "utf8":
        line = next((n for n, row in enumerate(text.splitlines(), 1) if "charset=" in row), 1)
        raise CatalogError(
            f"the header declares charset={catalog.charset}; catalogs must be UTF-8",
            Location(shown, line),
        )
    for message in catalog:
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for string in strings:
            if string and _FORBIDDEN.search(string):
                raise CatalogError(
                    f"translation of '{short(message.id)}' contains a control character "
                    "that XML forbids, or a bidi override",
                    Location(shown, message.lineno),
                )
    return catalog


_PO_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*'
)


def _check_lines(text: str, shown: str) -> None:
    """Reject what Babel's lenient parser would silently accept (an unclosed string)."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _PO_LINE.fullmatch(stripped):
            raise CatalogError(
                f"malformed catalog: cannot parse '{short(stripped)}'", Location(shown, number)
            )


def load_catalog(config: Config, language: str) -> LoadedCatalog:
    """A language's catalog, compiled in memory so that it can never be stale."""
    path = catalog_path(config, language)
    shown = relative(path, config.root)
    if not path.is_file():
        raise CatalogError(
            f"no catalog for '{language}' (create it with: presskit i18n init {language})",
            Location(shown),
        )
    catalog = read_catalog(path, shown, language)
    header = Location(shown, _header_line(path))
    expected = get_plural(language).num_plurals
    if catalog.num_plurals != expected:
        raise CatalogError(
            f"the header declares {catalog.num_plurals} plural forms; CLDR gives {expected} "
            f"for '{language}'",
            header,
        )
    try:
        translations = compile_catalog(catalog)
        # The expression must pick an existing form for every count, or gettext would
        # silently print the source text.
        bad = next((n for n in range(1001) if not 0 <= translations.plural(n) < expected), None)
    except (ValueError, SyntaxError, OverflowError, RecursionError, ZeroDivisionError) as exc:
        raise CatalogError(f"malformed Plural-Forms header: {exc}", header) from None
    if bad is not None:
        raise CatalogError(f"the Plural-Forms expression gives no valid form for n={bad}", header)
    return LoadedCatalog(language, shown, catalog, translations)


def _header_line(path: Path) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith('"Plural-Forms:'):
            return number
    return 1


def existing_catalogs(config: Config) -> Iterator[LoadedCatalog]:
    """The catalog of every configured translation that has one, in configured order."""
    for code in config.languages:
        if code != config.source_language and catalog_path(config, code).is_file():
            yield load_catalog(config, code)


def compile_catalog(catalog: Catalog) -> gettext.GNUTranslations:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
