"""`presskit check` and `build`: printed characters no face of their edition can draw.

Each finding stands where the text is written: the content file's line for source text
and for data printed as written (names, organisations, addresses), the catalog's line
for a translation. Text is checked as each edition prints it: a translation, or the
source text where the catalog has none.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from presskit.config import Config
from presskit.content.loader import load_pack
from presskit.content.model import (
    Pack,
    Unit,
)
from presskit.content.units import printed_data, printed_units, used_names
from presskit.errors import CatalogError, ContentError, Location
from presskit.findings import WARNING, Finding, silenced_rules, sort_key
from presskit.glyphs import Coverage, coverage, name
from presskit.i18n.catalogs import LoadedCatalog, catalog_path, load_catalog
from presskit.languages import Language, language_of

CODE = "glyphs"
RULES = {CODE: (WARNING, "a printed character that no face of its edition has")}
_LISTED = 5  # characters named per finding; a unit in an unsupported script has many


# What an edition prints


def _units_printed(
    units: list[Unit], catalog: LoadedCatalog | None
) -> Iterator[tuple[str, Location]]:
    """Each unit's text as an edition prints it: the translation, or the source text."""
    for unit in units:
        message = catalog.entry(unit) if catalog is not None else None
        if catalog is not None and message is not None and catalog.is_translated(unit):
            if CODE not in silenced_rules(message.flags, message.user_comments):
                strings = message.string
                text = strings if isinstance(strings, str) else " ".join(strings)
                yield text, catalog.where(unit)
        elif CODE not in unit.ignored:
            yield " ".join(filter(None, (unit.msgid, unit.plural))), unit.location


# Findings


def missing_glyphs(
    pack: Pack, catalogs: dict[str, LoadedCatalog], languages: Iterable[Language | str]
) -> list[Finding]:
    """One warning per unit or datum with characters no face of an edition draws.

    A language with a catalog prints its translations (and the source text of what it
    does not translate); a language without one prints the source text.
    """
    # location -> character -> languages whose faces lack it
    gaps: dict[Location, dict[str, list[str]]] = {}
    covers: dict[str, Coverage] = {}
    units = [u for doc in pack.documents for u in printed_units(pack, doc)]
    units = list({(u.context, u.msgid): u for u in units}.values())
    editions = list(dict.fromkeys(map(language_of, languages)))
    records = {edition.code: edition for edition in editions}
    data = list(printed_data(pack))
    names = used_names(pack)
    # A name written in another script (lang:) is set in that script's face too.
    name_covers = {
        code: coverage(records.get(code) or language_of(code))
        for code in dict.fromkeys(code for _, _, code in data if code)
    }
    for edition in editions:
        language = edition.code
        cover = coverage(edition)  # the faces the pack chose, its overrides included
        if cover is None:
            continue
        covers[language] = cover
        catalog = catalogs.get(language)
        # A name's form in the edition's language; its source form is among the data.
        forms = [n.unit for n in names if catalog is not None and catalog.is_translated(n.unit)]
        units_printed = _units_printed(units + forms, catalog)
        for text, where, code in [*((t, w, None) for t, w in units_printed), *data]:
            missing = cover.missing(text)
            own = name_covers.get(code)
            if own is not None:
                missing = [char for char in missing if not own.draws(char)]
            for char in missing:
                langs = gaps.setdefault(where or Location("content"), {}).setdefault(char, [])
                langs.append(language)
    findings = [
        Finding(where, WARNING, CODE, _message(chars, covers)) for where, chars in gaps.items()
    ]
    return sorted(findings, key=sort_key)


def _message(chars: dict[str, list[str]], covers: dict[str, Coverage]) -> str:
    # Characters lacking in the same editions are named together.
    groups: dict[tuple[str, ...], list[str]] = {}
    for char, langs in chars.items():
        groups.setdefault(tuple(langs), []).append(char)
    parts = []
    for langs, group in groups.items():
        named = ", ".join(name(c) for c in group[:_LISTED])
        if len(group) > _LISTED:
            named += f" and {len(group) - _LISTED} more"
        families = dict.fromkeys(f for lang in langs for f in covers[lang].families)
        verb = "is" if len(group) == 1 else "are"
        editions = "edition" if len(langs) == 1 else "editions"
        parts.append(
            f"{named} {verb} in no font of the {', '.join(langs)} {editions} "
            f"({', '.join(families)})"
        )
    return "; ".join(parts) + ": printed as a box or in a substitute face"


def glyph_findings(config: Config, languages: list[str] | None = None) -> list[Finding]:
    """`presskit check`: the source edition and each translation (all, or ``languages``).

    A pack or catalog that does not load is left to the other checks, which say why.
    """
    try:
        pack = load_pack(config)
    except ContentError:
        return []
    translated = [c for c in config.languages if c != config.source_language]
    catalogs = {}
    for code in languages or translated:
        if catalog_path(config, code).is_file():
            try:
                catalogs[code] = load_catalog(config, code)
            except CatalogError:
                continue
    codes = [config.source_language, *catalogs]
    return missing_glyphs(pack, catalogs, [config.language(code) for code in codes])


def glyph_warnings(
    pack: Pack, catalogs: dict[str, LoadedCatalog], languages: Iterable[Language | str]
) -> list[str]:
    """`presskit build`: the same findings for the editions it renders, one line each."""
    return [str(finding) for finding in missing_glyphs(pack, catalogs, languages)]
