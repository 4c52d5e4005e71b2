"""Typography of a translation, as its language writes it (the rules' facts are data:
presskit/data/typography.toml).

Modelled on Weblate's punctuation-spacing check: French needs a no-break space before
; : ! ? and inside « », so that a line never starts with the mark; Chinese and Japanese
write full-width punctuation after their characters, Arabic-script languages their
own comma, semicolon and question mark; most languages have typographic quotation
marks and apostrophes. Prose only is read: placeholders, markup, URLs, addresses and
references are masked first (presskit/i18n/literals.py).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from presskit.i18n.literals import prose
from presskit.languages import Language

RULES = {
    "punctuation-spacing": "a mark without the no-break space its language puts beside it",
    "quotes": "straight quotation marks where the language has its own",
    "apostrophe": "a straight apostrophe where the language writes ’",
    "script-punctuation": "Latin punctuation after a character of a script with its own",
}
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2009\u2007]")


@dataclass(frozen=True, slots=True)
class Spacing:
    marks: str  # the punctuation marks this applies to
    side: str  # "before" or "after" the mark
    spaces: tuple[str, ...]  # what may stand there; "" for no space at all


@dataclass(frozen=True, slots=True)
class Typography:
    """What one language's translations are checked for (see data/typography.toml)."""

    spaced: bool = True
    letters: str = ""  # a regular-expression class of the script's characters, or ""
    punctuation: tuple[tuple[str, str], ...] = ()  # (Latin mark, the script's own)
    quotes: tuple[str, str] | None = None
    apostrophe: str | None = None
    spacing: tuple[Spacing, ...] = ()


@cache
def _data() -> dict[str, Any]:
    text = resources.files("presskit.data").joinpath("typography.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def typography(code: str, script: str) -> Typography:
    """The record of a language (``fr-CA``) written in ``script`` (ISO 15924)."""
    data = _data()
    fields: dict[str, Any] = dict(data["defaults"])
    fields |= data["scripts"].get(script, {})
    base = code.split("-")[0]
    for key in dict.fromkeys((base, code)):
        fields |= data["languages"].get(key, {})
    letters = "".join(fields.get("letters", ()))
    return Typography(
        spaced=fields["spaced"],
        letters=f"[{letters}]" if letters else "",
        punctuation=tuple(fields.get("punctuation", {}).items()),
        quotes=tuple(fields["quotes"]) if "quotes" in fields else None,  # type: ignore[arg-type]
        apostrophe=fields.get("apostrophe"),
        spacing=tuple(
            Spacing(rule["marks"], rule["side"], tuple(rule["spaces"]))
            for rule in fields.get("spacing", ())
        ),
    )


def for_language(language: Language) -> Typography:
    return typography(language.code, language.script.code)


def problems(
    rules: Typography, source: str, translation: str, references: tuple[str, ...] = ()
) -> Iterator[tuple[str, str]]:
    """(code, text) for each typographic problem of one translation."""
    text = prose(translation, references, keep_length=True)
    original = prose(source, references)
    for rule in rules.spacing:
        yield from _spacing(rule, text, translation)
    if rules.quotes is not None and '"' in text:
        opening, closing = rules.quotes
        where = _around(translation, text.index('"'))
        yield "quotes", f"straight quotation mark in {where}: write {opening}…{closing}"
    if rules.apostrophe is not None:
        for match in re.finditer(r"(?<=\w)'(?=\w)", text):
            word = _word(text, match.start())
            if word in original:
                continue  # a name written so in the source stays as it is
            yield "apostrophe", f"'{word}': write the apostrophe {rules.apostrophe}"
            break
    if rules.letters and rules.punctuation:
        for latin, own in rules.punctuation:
            pattern = re.compile(f"(?<={rules.letters}){re.escape(latin)}")
            match = pattern.search(text)
            if match:
                yield (
                    "script-punctuation",
                    f"'{latin}' in {_around(translation, match.start())}: write {own}",
                )


def _spacing(rule: Spacing, text: str, shown: str) -> Iterator[tuple[str, str]]:
    """Findings of one spacing rule in ``text`` (masked), quoting ``shown`` (as written)."""
    for mark in rule.marks:
        for index in (i for i, char in enumerate(text) if char == mark):
            if rule.side == "before":
                following = text[index + 1 : index + 2]
                if following.isalnum() or index == 0 or text[index - 1] in rule.marks:
                    continue  # 12:30; the start of the text; the second mark of ?!
                found = _SPACES.match(text[index - 1]) and text[index - 1]
            else:
                if index + 1 >= len(text):
                    continue
                found = _SPACES.match(text[index + 1]) and text[index + 1]
            found = found or ""
            if found in rule.spaces:
                continue
            wanted = " or ".join(_name(space) for space in rule.spaces)
            yield (
                "punctuation-spacing",
                f"'{mark}' in {_around(shown, index)} needs {wanted} {rule.side} it, "
                f"not {_name(found)}",
            )
            break  # one finding per mark and message


_SPACE_NAMES = {
    "": "no space",
    " ": "a space",
    "\u00a0": "a no-break space (U+00A0)",
    "\u202f": "a narrow no-break space (U+202F)",
}


def _name(space: str) -> str:
    return _SPACE_NAMES.get(space) or f"U+{ord(space):04X}"


def _word(text: str, index: int) -> str:
    start = index
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    end = index + 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def _around(text: str, index: int, width: int = 12) -> str:
    """A few characters either side of ``index``, to find the place."""
    start, end = max(0, index - width), min(len(text), index + width + 1)
    snippet = text[start:end].replace("\u00a0", "\u2423").replace("\u202f", "\u2423")
    return "'" + ("…" if start else "") + snippet + ("…" if end < len(text) else "") + "'"
