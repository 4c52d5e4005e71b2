"""What presskit knows about a language edition, derived from CLDR and the script table.

Any locale CLDR knows (through Babel) can be configured, with its region and script
variants (``pt-BR``, ``zh-Hant-TW``, ``sr-Latn``). From CLDR come the script (likely
subtags), plural rules, date and number formats and the default numbering system; from
``data/scripts.toml`` the faces, direction and typesetting of the script; from
``data/languages.toml`` the few conventions a language has beyond both. A pack's
``[languages.<code>]`` table overrides any of these for one language.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.core import parse_locale as parse_identifier
from babel.localedata import locale_identifiers


@dataclass(frozen=True, slots=True)
class Script:
    """How one writing system is typeset (see data/scripts.toml for each field)."""

    code: str  # ISO 15924: "Latn", "Arab", "Hans"
    name: str
    font: str
    heading_font: str
    package: str
    direction: str
    docx_slot: str  # "ascii", "cs" or "eastAsia"
    italic: bool
    tracking: bool
    line_height: float
    heading_line_height: float
    size: float
    justify: bool
    hyphenate: bool
    word_breaks: bool
    keep_words: bool
    ascii: bool
    comma: str
    colon: str
    open_bracket: str
    close_bracket: str
    layout_cost: float


@dataclass(frozen=True, slots=True)
class Language:
    """A language edition's locale and typesetting."""

    code: str  # the pack's code: directory names, --lang, catalogs ("pt-BR")
    locale: str  # Babel locale of dates, numbers and plural rules ("pt_BR")
    html_lang: str  # BCP 47 tag of HTML lang, PDF /Lang, Content-Language ("zh-Hans")
    word_lang: str  # tag of DOCX w:lang, with the region Word expects ("zh-CN")
    script: Script
    digits: str  # CLDR numbering system of numbers ("latn", "arabext")
    first_day: str | None = None  # the first of the month in dates, "1er"
    months: tuple[str, ...] | None = None  # month names of dates, instead of CLDR's

    @property
    def direction(self) -> str:
        return self.script.direction

    @property
    def rtl(self) -> bool:
        return self.script.direction == "rtl"

    @property
    def font(self) -> str:
        return self.script.font

    @property
    def font_package(self) -> str:
        return self.script.package

    @property
    def layout_cost(self) -> float:
        return self.script.layout_cost

    @property
    def zero(self) -> str:
        """The digit zero of the edition's numbering system."""
        return DIGITS[self.digits]


class UnknownLanguage(ValueError):
    """A code that is not a locale CLDR knows, or a setting presskit cannot honour."""


def _data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("presskit.data").joinpath(name).read_text("utf-8"))


@cache
def scripts() -> dict[str, Script]:
    data = _data("scripts.toml")
    defaults = data["defaults"]
    return {
        code: Script(code=code, **{**defaults, **fields})
        for code, fields in data["scripts"].items()
    }


DIGITS: dict[str, str] = _data("scripts.toml")["digits"]
LIST_STYLES: dict[str, str] = _data("scripts.toml")["list_styles"]
_LANGUAGE_DATA = _data("languages.toml")
MONTH_STYLES: dict[str, list[str]] = _LANGUAGE_DATA.pop("month_styles")
LANGUAGE_DEFAULTS: dict[str, dict[str, Any]] = _LANGUAGE_DATA
LATIN = scripts()["Latn"]
# The Latin face used for names, references and addresses inside any edition.
LATIN_FONT = LATIN.font
SETTINGS = {
    "locale",
    "script",
    "font",
    "heading_font",
    "package",
    "digits",
    "first_day",  # how the first day of a month is written ("1er")
    "months",  # month names: a style of data/languages.toml ("un") or a list of twelve
    "size",  # body size relative to Latin
    "line_height",  # of body text
}
# What a pack may set of a script's numbers, and the range that still makes a page.
NUMERIC = {"size": (0.5, 2.0), "line_height": (1.0, 3.0)}
# A family name as fontconfig lists it: it goes into CSS and DOCX as written.
FACE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")


def parse_locale(code: str) -> Locale:
    """The CLDR locale of a BCP 47 code ("pt-BR", "zh-Hant-TW", "sr-Latn")."""
    try:
        return Locale.parse(code.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise UnknownLanguage(f"unknown language '{code}': CLDR has no such locale") from exc


def _likely(locale: Locale) -> tuple[str, str | None]:
    """The script and region CLDR's likely subtags give a locale."""
    likely = get_global("likely_subtags")
    keys = [
        "_".join(p for p in (locale.language, locale.script, locale.territory) if p),
        f"{locale.language}_{locale.territory}" if locale.territory else "",
        f"{locale.language}_{locale.script}" if locale.script else "",
        locale.language,
    ]
    for key in filter(None, keys):
        if key in likely:
            _, territory, script, *_ = parse_identifier(likely[key])
            return locale.script or script or "Latn", locale.territory or territory
    return locale.script or "Latn", locale.territory


def _names_script(language: str, script: str) -> bool:
    """Whether CLDR writes the language in several scripts, its default one among them
    (zh-Hans, sr-Cyrl, uz-Latn): tags of such a language name the script."""
    return f"{language}_{script}" in _identifiers()


@cache
def _identifiers() -> frozenset[str]:
    return frozenset(locale_identifiers())


def resolve(code: str, overrides: Mapping[str, Any] | None = None) -> Language:
    """The edition record of a configured code, with the pack's overrides applied."""
    settings = {**LANGUAGE_DEFAULTS.get(code.split("-")[0], {}), **(overrides or {})}
    unknown = set(settings) - SETTINGS
    if unknown:
        raise UnknownLanguage(f"unknown setting '{sorted(unknown)[0]}' for '{code}'")
    tag = parse_locale(code)
    formats = parse_locale(settings["locale"]) if "locale" in settings else tag
    likely_script, _ = _likely(tag)  # the tag's own script, else CLDR's likely one
    _, region = _likely(formats)
    table = scripts()
    script_code = settings.get("script", likely_script)
    if script_code not in table:
        raise UnknownLanguage(
            f"no typesetting for the script {script_code} of '{code}' "
            f"(presskit knows: {', '.join(sorted(table))})"
        )
    script = table[script_code]
    faces = {k: settings[k] for k in ("font", "heading_font") if k in settings}
    if "font" in faces:  # headings follow the text's face unless a pack names theirs
        faces.setdefault("heading_font", faces["font"])
    for key, face in faces.items():
        if not isinstance(face, str) or not FACE_NAME.fullmatch(face):
            raise UnknownLanguage(
                f"'{key}' of '{code}' must be a font family name (letters, digits, spaces)"
            )
    if "package" in settings:
        faces["package"] = str(settings["package"])
    for key, (low, high) in NUMERIC.items():
        if key in settings:
            value = settings[key]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise UnknownLanguage(f"'{key}' of '{code}' must be a number")
            if not low <= value <= high:
                raise UnknownLanguage(f"'{key}' of '{code}' must be between {low} and {high}")
            faces[key] = float(value)
    if faces:
        script = dataclasses.replace(script, **faces)
    multi = _names_script(tag.language, likely_script)
    html_lang = code.replace("_", "-")
    if multi and not tag.script:  # "zh" is zh-Hans, "zh-TW" zh-Hant-TW, "sr" sr-Cyrl
        html_lang = "-".join(p for p in (tag.language, likely_script, tag.territory) if p)
    # Word tags Chinese by region (zh-CN, zh-TW), other multi-script languages by script.
    word_script = likely_script if multi and tag.language != "zh" else None
    word_lang = "-".join(p for p in (formats.language, word_script, region) if p)
    digits = settings.get("digits") or formats.default_numbering_system
    if digits not in DIGITS:
        if "digits" in settings:
            raise UnknownLanguage(
                f"unknown digits '{digits}' for '{code}' (known: {', '.join(DIGITS)})"
            )
        digits = "latn"  # a system whose digits are not decimal (hanidec, roman…)
    return Language(
        code=code,
        locale=str(formats),
        html_lang=html_lang,
        word_lang=word_lang,
        script=script,
        digits=digits,
        first_day=_first_day(code, settings.get("first_day")),
        months=_months(code, settings.get("months")),
    )


def _first_day(code: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or "'" in value:
        raise UnknownLanguage(f"'first_day' of '{code}' must be text such as \"1er\"")
    return value


def _months(code: str, value: Any) -> tuple[str, ...] | None:
    """Month names: a named style of data/languages.toml, or the twelve names."""
    if value is None:
        return None
    if isinstance(value, str):
        if value not in MONTH_STYLES:
            raise UnknownLanguage(
                f"unknown month style '{value}' for '{code}' (known: {', '.join(MONTH_STYLES)})"
            )
        value = MONTH_STYLES[value]
    if (
        not isinstance(value, list)
        or len(value) != 12
        or not all(isinstance(v, str) and v.strip() and "'" not in v for v in value)
    ):
        raise UnknownLanguage(f"'months' of '{code}' must be a style name or twelve names")
    return tuple(value)


def language_of(value: Language | str) -> Language:
    """A record as given, or a code's record with CLDR's defaults only (no pack)."""
    return value if isinstance(value, Language) else _default(value)


@cache
def _default(code: str) -> Language:
    return resolve(code)
