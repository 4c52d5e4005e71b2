"""`presskit languages`: every language presskit can typeset, from CLDR and the script table."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale
from babel.localedata import locale_identifiers

from presskit.fonts import check_fonts
from presskit.languages import UnknownLanguage, resolve


@dataclass(frozen=True, slots=True)
class Row:
    code: str
    name: str  # in English
    script: str
    direction: str
    face: str
    installed: bool


def typesettable() -> list[Row]:
    """One row per CLDR language (regional variants are configured the same way) whose
    script has a record, with whether its faces are installed."""
    rows = []
    for identifier in sorted(locale_identifiers()):
        if "_" in identifier or identifier == "root":
            continue
        try:
            language = resolve(identifier)
        except UnknownLanguage:
            continue  # a script presskit has no typesetting for
        installed = all(check.ok for check in check_fonts([language]))
        name = language_name(identifier)
        script = language.script
        rows.append(Row(identifier, name, script.name, script.direction, script.font, installed))
    return rows


def language_name(code: str) -> str:
    return Locale.parse(code).get_display_name("en") or code


def table(rows: list[Row]) -> str:
    header = ("code", "language", "script", "dir", "face", "installed")
    lines = [header] + [
        (r.code, r.name, r.script, r.direction, r.face, "yes" if r.installed else "NO")
        for r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )
