"""Dates as an edition writes them, found in running text so they are never broken.

A date typed in a translation ("3 November 1950", "1950年11月3日", "3 تشرين الثاني/نوفمبر
1950") is as much a date as one presskit formats: a line break inside it reads badly and
copies out wrong. The pattern is made from the locale's own CLDR formats and month and
weekday names, with the language's conventions (French "1er", the UN Arabic months),
so it finds the dates of any language without a list per language.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

# CLDR formats a date may be typed in: the standard ones and the skeletons for a day
# and month, a month and year, and a day, month and year with the month's name.
_STANDARD = ("full", "long", "medium")
_SKELETONS = ("MMMMd", "yMMMM", "yMMMMd", "yMMMd", "MMMd")
_NUMBER = r"\d{1,2}"
# Letters of scripts that put spaces between words: not CJK ideographs, kana, Hangul.
_SPACED = r"^\W\d_\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
_YEAR = r"\d{4}"


@cache
def date_pattern(
    locale_code: str, months: tuple[str, ...] | None, first_day: str | None
) -> re.Pattern[str] | None:
    """The dates of ``locale_code`` written with words, as one pattern; None when its
    formats are all numeric."""
    locale = Locale.parse(locale_code)
    names = _month_names(locale) | set(months or ())
    weekdays = {
        name
        for context in ("format", "stand-alone")
        for width in ("wide", "abbreviated")
        for name in locale.days[context][width].values()
    }
    patterns = [locale.date_formats[style].pattern for style in _STANDARD]
    skeletons = locale.datetime_skeletons
    patterns += [skeletons[s].pattern for s in _SKELETONS if s in skeletons]
    alternatives = {_to_regex(p, names, weekdays, first_day) for p in patterns}
    alternatives.discard(None)
    if not alternatives:
        return None
    # The longest first, so that a full date wins over the day and month inside it.
    ordered = sorted(alternatives, key=len, reverse=True)
    # Whole words only: "3 Mar" is no date in "3 Marines" (scripts written with spaces;
    # a Chinese date runs into the next word).
    before, after = rf"(?<!\d)(?<![{_SPACED}])", rf"(?!\d)(?![{_SPACED}])"
    return re.compile(before + "(?:" + "|".join(ordered) + ")" + after)


def _month_names(locale: Locale) -> set[str]:
    return {
        name
        for context in ("format", "stand-alone")
        for width in ("wide", "abbreviated")
        for name in locale.months[context][width].values()
    }


def _choice(words: set[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _tokens(pattern: str) -> list[tuple[str, str]]:
    """A CLDR pattern's parts: ("field", "MMMM") or ("literal", " de ")."""
    parts: list[tuple[str, str]] = []
    position = 0
    while position < len(pattern):
        char = pattern[position]
        if char == "'":  # a quoted literal; '' is a quote
            end = pattern.find("'", position + 1)
            end = len(pattern) if end < 0 else end
            parts.append(("literal", pattern[position + 1 : end] or "'"))
            position = end + 1
        elif char.isascii() and char.isalpha():
            end = position
            while end < len(pattern) and pattern[end] == char:
                end += 1
            parts.append(("field", pattern[position:end]))
            position = end
        else:
            parts.append(("literal", char))
            position += 1
    return parts


def _to_regex(
    pattern: str, months: set[str], weekdays: set[str], first_day: str | None
) -> str | None:
    """A CLDR date pattern as a regular expression; None for all-numeric dates
    ("03/11/1950"), which lines do not break."""
    parts: list[str] = []
    spelled = False  # a month name, or words between the numbers ("1950年11月3日")
    for kind, value in _tokens(pattern):
        if kind == "literal":
            # Any run of spaces matches any other: a typed date has its own.
            parts.append(r"\s+" if value.isspace() else re.escape(value))
            spelled = spelled or any(c.isalpha() for c in value)
            continue
        field, length = value[0], len(value)
        if field in "ML" and length >= 3:
            parts.append(_choice(months))
            spelled = True
        elif field in "ML":
            parts.append(_NUMBER)
        elif field == "d":
            parts.append(_NUMBER if not first_day else f"(?:{re.escape(first_day)}|{_NUMBER})")
        elif field in "yY":
            parts.append(_YEAR if length != 2 else r"\d{2}")
        elif field in "Ec":
            parts.append(_choice(weekdays))
        else:
            return None  # an era or a field a typed date does not have
    return "".join(parts) if spelled else None
