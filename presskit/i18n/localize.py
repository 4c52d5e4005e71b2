"""Turn units into an edition's text: translation, plural choice, locale formats."""

from __future__ import annotations

import datetime as dt
import re

from babel import Locale
from babel.dates import format_date, format_time, get_timezone_gmt, get_timezone_name
from babel.numbers import UnsupportedNumberingSystemError, format_decimal

from presskit.content.model import NAME_PLACEHOLDER, PLACEHOLDER, Unit
from presskit.errors import CatalogError, Location, short
from presskit.i18n.catalogs import LoadedCatalog, PluralFormsError, describe
from presskit.i18n.date_patterns import date_pattern
from presskit.i18n.plurals import LIMIT, Mismatch, categories, expected_form
from presskit.languages import Language, parse_locale

# A pattern's month (MMMM, MMM, LLLL…) and day-of-month (d) fields, outside quotes.
_MONTH = re.compile(r"(?<![ML'])[ML]{3,4}(?![ML])")
_DAY = re.compile(r"(?<![d'])d(?!d)")


class Localizer:
    """Translate units for one language; the source language passes through.

    Units missing from the catalog (or fuzzy) fall back to the source text and are
    recorded in ``fallbacks``; whether that is allowed is the build's decision.
    """

    def __init__(self, language: Language, catalog: LoadedCatalog | None = None) -> None:
        self.language = language
        self.catalog = catalog
        self.locale = Locale.parse(language.locale)
        self.fallbacks: list[Unit] = []
        # Babel writes Latin digits whatever the numbering system: the edition's own
        # digits replace them in every number, date and time it prints.
        zero = ord(language.zero)
        self._digits = str.maketrans({str(d): chr(zero + d) for d in range(10)})

    def text(self, unit: Unit, count: int | None = None) -> str:
        """The unit's text in this language, placeholders not yet filled."""
        if unit.plural is not None and count is None:
            raise ValueError(f"plural unit needs a count: {unit.msgid!r}")
        if self.catalog is None or not self.catalog.is_translated(unit):
            if self.catalog is not None:
                self.fallbacks.append(unit)
            if unit.plural is not None:
                return unit.msgid if count == 1 else unit.plural
            return unit.msgid
        tr = self.catalog.translations
        if unit.plural is not None:
            assert count is not None
            self._check_plural_form(count)
            if unit.context:
                result = tr.npgettext(unit.context, unit.msgid, unit.plural, count)
            else:
                result = tr.ngettext(unit.msgid, unit.plural, count)
        elif unit.context:
            result = tr.pgettext(unit.context, unit.msgid)
        else:
            result = tr.gettext(unit.msgid)
        self._check_placeholders(unit, result)
        return result

    def name(self, unit: Unit) -> str | None:
        """A name's form in this language, or None where the translator gives none (the
        source form is printed then, which is no gap of the translation)."""
        if self.catalog is None or not self.catalog.is_translated(unit):
            return None
        form = self.catalog.translations.pgettext(unit.context, unit.msgid)
        return form.strip() or None

    def _check_plural_form(self, count: int) -> None:
        """Counts up to LIMIT were checked with the catalog; a larger one is checked here."""
        assert self.catalog is not None
        if count <= LIMIT:
            return
        found = self.catalog.translations.plural(count)
        expected = expected_form(self.catalog.language, count)
        if found != expected:
            category = categories(self.catalog.language)[expected]
            raise PluralFormsError(
                describe(
                    Mismatch(count, found, expected, category), self.catalog.catalog.num_plurals
                ),
                Location(self.catalog.shown, self.catalog.header_line),
            )

    def _check_placeholders(self, unit: Unit, result: str) -> None:
        allowed = set(unit.placeholders()) | set(unit.names())
        for name in PLACEHOLDER.findall(result) + NAME_PLACEHOLDER.findall(result):
            if name not in allowed:
                assert self.catalog is not None
                raise CatalogError(
                    f"translation of '{short(unit.msgid)}' uses {{{name}}}, which the "
                    "source text does not have",
                    self.catalog.where(unit),
                )

    def number(self, value: int) -> str:
        """A whole number with the separators and digits of the edition's numbering system."""
        try:
            text = format_decimal(value, locale=self.locale, numbering_system=self.language.digits)
        except UnsupportedNumberingSystemError:  # the locale has no symbols for it
            text = format_decimal(value, locale=self.locale)
        return text.translate(self._digits)

    def date(self, value: dt.date, style: str = "long") -> str:
        """A date in the locale's format, with the language's own conventions: the
        first day of a month as an ordinal ("1er"), month names of a chosen style."""
        pattern = self.locale.date_formats[style].pattern
        if self.language.months:  # a quoted literal replaces CLDR's month name
            name = self.language.months[value.month - 1]
            pattern = _MONTH.sub(f"'{name}'", pattern)
        if self.language.first_day and value.day == 1:
            pattern = _DAY.sub(f"'{self.language.first_day}'", pattern)
        return format_date(value, format=pattern, locale=self.locale).translate(self._digits)

    def date_pattern(self) -> re.Pattern[str] | None:
        """The dates this language writes with words, to find them in running text."""
        return date_pattern(str(self.locale), self.language.months, self.language.first_day)

    def time(self, value: dt.datetime) -> str:
        """A wall-clock time in the locale's short format ("00:01", "12:01 ص")."""
        text = format_time(value.time(), format="short", locale=self.locale)
        return text.translate(self._digits)

    def zone(self, moment: dt.datetime) -> str:
        """The short name of ``moment``'s time zone on that day, as the locale writes it:
        "BST" or "GMT" in English; CLDR's offset form ("UTC+1") where it has no name."""
        name = get_timezone_name(moment, "short", locale=self.locale)
        if name != get_timezone_gmt(moment, "short", locale=self.locale):
            return name
        # Babel's fallback is an ISO offset ("+0100"); CLDR's is the localized GMT form.
        minutes = (moment.utcoffset() or dt.timedelta()) // dt.timedelta(minutes=1)
        hours, rest = divmod(abs(minutes), 60)
        offset = ""  # "GMT" itself at offset zero
        if minutes:
            offset = f"{'-' if minutes < 0 else '+'}{hours}" + (f":{rest:02d}" if rest else "")
        return str(self.locale.zone_formats["gmt"] % offset)

    def language_name(self, code: str) -> str:
        """The name of a language in this edition's language ("anglais")."""
        return parse_locale(code).get_language_name(self.locale) or code

    @property
    def list_separator(self) -> str:
        """Separator between the parts of an attribution line."""
        return self.language.script.comma
