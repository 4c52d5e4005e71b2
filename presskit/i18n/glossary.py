"""The pack's glossary: terms whose translation is fixed, and the check that finds a
translation without the required form.

A glossary is a TBX file (ISO 30042: TBX-Basic's ``termEntry``/``langSet``/``tig`` or
TBX v3's ``conceptEntry``/``langSec``/``termSec``) or a CSV file (the source term, one
column per language, a note). In every form, ``|`` separates alternatives and ``*``
stands for any letters of a word (``Совет* Безопасности``, ``*لجمعية العامة``), for
languages whose words change with their role in the sentence.

A term matches the source as whole words, whatever the case; a required form must
appear in the translation as written, except for its first letter's case (a sentence
may start with it). Spaces of any width count as one space, a typographic apostrophe
as ', combining marks and invisible format characters are left out, and in scripts
written without spaces between words (Chinese, Japanese) a form matches wherever its
characters stand.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from presskit import safe_xml
from presskit.config import Config
from presskit.errors import CatalogError, Location, relative
from presskit.i18n.literals import prose
from presskit.i18n.typography import typography
from presskit.languages import Language, UnknownLanguage, parse_locale
from presskit.safefs import read_pack_file

# Looked for in the pack's locales folder when presskit.toml names no glossary.
DEFAULT_NAMES = ("glossary.tbx", "glossary.csv")
SUFFIXES = (".tbx", ".csv")
MAX_TERMS = 10_000  # far beyond a pack's terminology; bounds the check's work
MAX_FORM = 200  # characters of one form
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTRIES = {"termEntry", "conceptEntry"}  # TBX-Basic, TBX v3
_LANGUAGES = {"langSet", "langSec"}
_TERM_GROUPS = {"tig", "ntig", "termSec"}
_NOTES = {"note", "descrip"}
# A form a TBX file marks as not to be used is not an accepted form.
_NOT_ACCEPTED = re.compile(r"deprecated|superseded|obsolete", re.I)
_FOLD = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "\u2010": "-", "\u2011": "-", "\u00ad": ""})
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry."""

    source: tuple[str, ...]  # the term in the source language, with its alternatives
    forms: Mapping[str, tuple[str, ...]]  # language code -> its accepted forms
    note: str  # why, or where the form comes from ("" when the file gives none)
    location: Location  # the entry in the glossary file


@dataclass(frozen=True, slots=True)
class Glossary:
    shown: str  # the file, as errors name it
    terms: tuple[Term, ...]


def glossary_file(config: Config) -> Path | None:
    """The pack's glossary: the one presskit.toml names, else locales/glossary.tbx or
    locales/glossary.csv, else None."""
    if config.glossary is not None:
        return config.glossary
    found = [
        config.locales_dir / n
        for n in DEFAULT_NAMES
        if (config.locales_dir / n).exists() or (config.locales_dir / n).is_symlink()
    ]
    if len(found) > 1:
        raise CatalogError(
            "two glossaries: name the one to use with 'glossary' in [pack] of presskit.toml",
            Location(relative(found[1], config.root)),
        )
    return found[0] if found else None


def load_glossary(config: Config) -> Glossary | None:
    """The pack's glossary, or None when it has none; CatalogError at the file's line."""
    path = glossary_file(config)
    if path is None:
        return None
    shown = relative(path, config.root)
    data = read_pack_file(path, config.root, shown, "glossary", CatalogError)
    if path.suffix.lower() == ".tbx":
        terms = _tbx(data, shown, config.source_language)
    else:
        terms = _csv(data, shown, config.source_language)
    if len(terms) > MAX_TERMS:
        raise CatalogError(f"more than {MAX_TERMS} terms", Location(shown))
    return Glossary(shown, tuple(terms))


# CSV -----------------------------------------------------------------------------------


def _csv(data: bytes, shown: str, source_language: str) -> list[Term]:
    try:
        text = data.decode("utf-8-sig")  # spreadsheets write a byte-order mark
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError("not valid UTF-8 text", Location(shown, line)) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise CatalogError(f"CSV syntax error: {exc}", Location(shown, start)) from None
    rows = [(n, r) for n, r in rows if any(c.strip() for c in r) and not r[0].startswith("#")]
    if not rows:
        raise CatalogError("no header row (the source term, language codes, note)", Location(shown))
    header_line, header = rows[0]
    columns = [cell.strip() for cell in header]
    where = Location(shown, header_line)
    if len(columns) < 2:
        raise CatalogError("the header needs the source term and a language column", where)
    if _is_language(columns[0]) and not _same_language(columns[0], source_language):
        # A glossary written from another language would silently check nothing.
        raise CatalogError(
            f"the first column is '{columns[0]}', but the pack is written in "
            f"'{source_language}': the first column holds the source terms",
            where,
        )
    for column in columns[1:]:
        if column.lower() != "note":
            _language_code(column, where)
    if len({c.lower() for c in columns}) != len(columns):
        raise CatalogError("a column is named twice in the header", where)
    terms = []
    for line, row in rows[1:]:
        at = Location(shown, line)
        if len(row) != len(columns):
            raise CatalogError(f"{len(row)} cells where the header has {len(columns)} columns", at)
        cells = dict(zip(columns, row, strict=True))
        note = next((v.strip() for k, v in cells.items() if k.lower() == "note"), "")
        source = _forms(row[0], at)
        if not source:
            raise CatalogError("no source term in the first column", at)
        forms = {
            k: found
            for k, v in list(cells.items())[1:]
            if k.lower() != "note" and (found := _forms(v, at))
        }
        terms.append(Term(source, forms, note, at))
    return terms


# TBX -----------------------------------------------------------------------------------


def _tbx(data: bytes, shown: str, source_language: str) -> list[Term]:
    # A DOCTYPE naming TBX-Basic's DTD is fine (it is not loaded); declarations are not.
    root = safe_xml.parse(data, shown, external_doctype=True)
    terms = []
    for entry in (e for e in root.iter(etree.Element) if _local(e) in _ENTRIES):
        at = Location(shown, entry.sourceline)
        notes = [_text(child) for child in entry if _local(child) in _NOTES]
        forms: dict[str, tuple[str, ...]] = {}
        source: tuple[str, ...] = ()
        for group in (child for child in entry if _local(child) in _LANGUAGES):
            code = group.get(_XML_LANG)
            where = Location(shown, group.sourceline)
            if not code:
                raise CatalogError(f"<{_local(group)}> without xml:lang", where)
            _language_code(code, where)
            accepted = [
                form
                for term in group.iter(etree.Element)
                if _local(term) == "term" and _accepted(term)
                for form in _forms(_text(term), Location(shown, term.sourceline))
            ]
            if _same_language(code, source_language):
                source = tuple(accepted)
                notes += [_text(c) for c in group if _local(c) in _NOTES]
            elif accepted:
                forms[code] = tuple(accepted)
        if source:  # a concept without the source language has nothing to check here
            terms.append(Term(source, forms, "; ".join(filter(None, notes)), at))
    return terms


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _accepted(term: etree._Element) -> bool:
    group = term.getparent()
    while group is not None and _local(group) not in _TERM_GROUPS | _LANGUAGES:
        group = group.getparent()
    if group is None or _local(group) in _LANGUAGES:
        return True
    status = [
        _text(n)
        for n in group.iter(etree.Element)
        if _local(n) == "termNote" and n.get("type") == "administrativeStatus"
    ]
    return not any(_NOT_ACCEPTED.search(s) for s in status)


# Forms and matching --------------------------------------------------------------------


def _forms(cell: str, where: Location) -> tuple[str, ...]:
    forms = tuple(f for f in (_SPACE.sub(" ", p).strip() for p in cell.split("|")) if f)
    for form in forms:
        if len(form) > MAX_FORM:
            raise CatalogError(f"a form longer than {MAX_FORM} characters", where)
        if not form.replace("*", "").strip():
            raise CatalogError(f"the form '{form}' has no letters besides '*'", where)
        if "**" in form:
            raise CatalogError(f"the form '{form}' has '**': one '*' stands for any letters", where)
    return forms


def _language_code(code: str, where: Location) -> None:
    try:
        parse_locale(code)
    except UnknownLanguage:
        raise CatalogError(
            f"'{code}' is not a language code (expected codes such as fr, es, pt-BR, or note)",
            where,
        ) from None


def _is_language(code: str) -> bool:
    try:
        parse_locale(code)
    except UnknownLanguage:
        return False
    return True


def _same_language(code: str, language: str) -> bool:
    """Whether a TBX language is the pack's source language: the same code, or the same
    language (a glossary's en-GB for a pack written in en)."""
    code, language = code.lower().replace("_", "-"), language.lower()
    return code == language or code.split("-")[0] == language.split("-")[0]


def _column(term: Term, language: str) -> tuple[str, ...]:
    """A term's forms for a language: its own column, else its base language's (fr for
    fr-CA)."""
    wanted = language.lower()
    by_code = {code.lower().replace("_", "-"): forms for code, forms in term.forms.items()}
    return by_code.get(wanted) or by_code.get(wanted.split("-")[0], ())


def _normalise(text: str) -> str:
    """Text as terms are compared: one space for any run of spaces, U+2019 as ', without
    combining marks (Arabic vowel signs, the Persian ezafe) or invisible format
    characters (zero-width non-joiner), which writers use or leave out."""
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    text = "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Cf"))
    return _SPACE.sub(" ", text).strip()


def _pattern(form: str, spaced: bool, any_case: bool) -> re.Pattern[str]:
    form = _normalise(form)
    body = "".join(r"\w*" if part == "*" else re.escape(part) for part in re.split(r"(\*)", form))
    first = form[0]
    if not any_case and first.lower() != first.upper() and len(first.swapcase()) == 1:
        body = f"[{first.lower()}{first.upper()}]" + body[1:]  # letters need no escape
    if spaced:
        if re.match(r"[\w*]", form):
            body = r"(?<!\w)" + body
        if re.search(r"[\w*]$", form):
            body += r"(?!\w)"
    return re.compile(body, re.I if any_case else 0)


class TermCheck:
    """The glossary's terms for one language, compiled once for a catalog."""

    def __init__(self, glossary: Glossary, source: Language, target: Language) -> None:
        source_spaced = typography(source.code, source.script.code).spaced
        target_spaced = typography(target.code, target.script.code).spaced
        self.terms = [
            (
                term,
                [_pattern(s, source_spaced, any_case=True) for s in term.source],
                [_pattern(f, target_spaced, any_case=False) for f in forms],
                forms,
            )
            for term in glossary.terms
            if (forms := _column(term, target.code))
        ]

    def problems(
        self, source: str, translation: str, references: tuple[str, ...] = ()
    ) -> Iterator[tuple[str, str]]:
        """("glossary", text) for each term of ``source`` whose required form
        ``translation`` lacks."""
        if not self.terms:
            return
        original = _normalise(prose(source, references))
        translated = _normalise(prose(translation, references))
        for term, finds, requires, forms in self.terms:
            if any(p.search(original) for p in finds) and not any(
                p.search(translated) for p in requires
            ):
                wanted = " or ".join(f"'{f}'" for f in forms)
                why = f"{term.note}; " if term.note else ""
                yield (
                    "glossary",
                    f"'{term.source[0]}' must be translated {wanted} ({why}{term.location})",
                )
