"""Read, compile and locate the pack's gettext catalogs."""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError

from presskit.config import Config
from presskit.content.model import Unit
from presskit.errors import CatalogError, Location, relative
from presskit.i18n import integrity
from presskit.i18n.plurals import (
    Mismatch,
    UncheckableExpression,
    categories,
    check_plural_expression,
    gettext_plural_forms,
)
from presskit.i18n.previous import attach_previous
from presskit.safefs import read_pack_file

DOMAIN = "presskit"


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
    header_line: int = 1  # the Plural-Forms line

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


class PluralFormsError(CatalogError):
    """The Plural-Forms header disagrees with CLDR."""


def read_catalog(
    path: Path, shown: str, language: str | None = None, root: Path | None = None
) -> Catalog:
    """Parse a .po file inside ``root`` (default: its folder); every error names the
    file and line."""
    return _read(path, shown, language, root)[0]


def _read(path: Path, shown: str, language: str | None, root: Path | None) -> tuple[Catalog, str]:
    data = read_pack_file(path, root or path.parent, shown, "catalog", CatalogError)
    text = integrity.decode(data, shown)
    integrity.check_lines(text, shown)
    catalog = integrity.new_catalog(language)
    try:
        integrity.parse(catalog, data)
        attach_previous(catalog, text)
    except PoFileError as exc:
        if language is not None and getattr(catalog, "header_read", False):
            _check_plural_count(catalog, language, shown, text)  # too few forms: unreadable
        message = re.sub(r"\s+on \d+$", "", str(exc).strip()) or "syntax error"
        raise CatalogError(f"malformed catalog: {message}", Location(shown, exc.lineno)) from None
    except (ValueError, LookupError) as exc:
        raise CatalogError(f"malformed catalog header: {exc}", Location(shown, 1)) from None
    if catalog.charset.lower().replace("-", "") != "utf8":
        line = next((n for n, row in enumerate(integrity.lines(text), 1) if "charset=" in row), 1)
        raise CatalogError(
            f"the header declares charset={catalog.charset}; catalogs must be UTF-8",
            Location(shown, line),
        )
    integrity.check_entries(catalog, shown)
    return catalog, text


def load_catalog(config: Config, language: str, counts: Iterable[int] = ()) -> LoadedCatalog:
    """A language's catalog, compiled in memory so that it can never be stale.

    ``counts`` are the numbers the pack's plural units count: beyond the million
    checked anyway, the Plural-Forms expression must give CLDR's form for them too.
    """
    path = catalog_path(config, language)
    shown = relative(path, config.root)
    if not path.is_file():
        raise CatalogError(
            f"no catalog for '{language}' (create it with: presskit i18n init {language})",
            Location(shown),
        )
    catalog, text = _read(path, shown, language, config.root)
    header = _check_plural_count(catalog, language, shown, text)
    try:
        translations = compile_catalog(catalog)
        # The expression must pick CLDR's form for every count, or an edition would
        # print another form than the one its translator chose, or the source text.
        mismatch = check_plural_expression(language, catalog.plural_expr, counts)
    except UncheckableExpression as exc:
        raise PluralFormsError(
            f"the Plural-Forms expression {exc}: write CLDR's, {gettext_plural_forms(language)}",
            header,
        ) from None
    except (ValueError, SyntaxError, OverflowError, RecursionError, ArithmeticError) as exc:
        raise CatalogError(f"malformed Plural-Forms header: {exc}", header) from None
    if mismatch is not None:
        raise PluralFormsError(describe(mismatch, catalog.num_plurals), header)
    return LoadedCatalog(language, shown, catalog, translations, header.line or 1)


def _check_plural_count(catalog: Catalog, language: str, shown: str, text: str) -> Location:
    """The Plural-Forms line, once it states CLDR's number of forms."""
    forms = categories(language)
    line = _header_line(text)
    if line is None:
        raise PluralFormsError(
            f'the header has no Plural-Forms line: add "Plural-Forms: '
            f'{gettext_plural_forms(language)}\\n"',
            Location(shown, 1),
        )
    if catalog.num_plurals != len(forms):
        raise PluralFormsError(
            f"the header declares {catalog.num_plurals} plural forms; CLDR gives {len(forms)} "
            f"for '{language}' ({', '.join(forms)})",
            Location(shown, line),
        )
    return Location(shown, line)


def describe(mismatch: Mismatch, forms: int) -> str:
    wanted = f"CLDR's category for {mismatch.n} is '{mismatch.category}', form {mismatch.expected}"
    if mismatch.found is None:
        return (
            f"malformed Plural-Forms header: the expression fails for n={mismatch.n} "
            f"({mismatch.error})"
        )
    if not 0 <= mismatch.found < forms:
        return f"the Plural-Forms expression gives no valid form for n={mismatch.n}; {wanted}"
    return (
        f"the Plural-Forms expression gives form {mismatch.found} for n={mismatch.n}; {wanted} "
        "(presskit i18n update writes CLDR's header)"
    )


def _header_line(text: str) -> int | None:
    for number, line in enumerate(integrity.lines(text), start=1):
        if line.startswith('"Plural-Forms:'):
            return number
    return None


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
