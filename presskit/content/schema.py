"""Small validators over located YAML values: each failure names file and line."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from presskit.content.model import Unit
from presskit.content.yamlfile import LDict, LList, Location, LScalar, LStr, location_of
from presskit.errors import ContentError
from presskit.languages import UnknownLanguage, language_of

_SPACES = re.compile(r"\s+")
# Characters XML forbids, and the bidi overrides that could reverse a reference.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\u202d\u202e]")


def mapping(value: Any, what: str, where: Location, allowed: set[str]) -> LDict:
    """``value`` must be a mapping whose keys are all in ``allowed``."""
    if not isinstance(value, LDict):
        raise ContentError(f"{what} must be a mapping", location_of(value, where))
    for key in value:
        if key not in allowed:
            expected = ", ".join(sorted(allowed))
            raise ContentError(
                f"unknown key '{key}' in {what} (expected one of: {expected})",
                value.key_locations[str(key)],
            )
    return value


def language(data: LDict, what: str) -> str | None:
    """The ``lang:`` of a name or list: a language CLDR knows, as written; None when
    the data gives none (the pack's source language)."""
    if "lang" not in data:
        return None
    code = text(data["lang"], f"'lang' of {what}", data.location)
    try:
        language_of(str(code))
    except UnknownLanguage as error:
        raise ContentError(f"lang: {error}", code.location) from None
    return str(code)


def required(data: LDict, key: str, what: str) -> Any:
    if key not in data:
        raise ContentError(f"{what} has no '{key}'", data.location)
    return data[key]


def text(value: Any, what: str, where: Location) -> LStr:
    """A non-empty string, whitespace folded."""
    if not isinstance(value, LStr) or not value.strip():
        raise ContentError(f"{what} must be non-empty text", location_of(value, where))
    if _FORBIDDEN.search(value):
        raise ContentError(
            f"{what} contains a control character or a bidi override", location_of(value, where)
        )
    folded = LStr(_SPACES.sub(" ", value).strip())
    folded.location = value.location
    return folded


def sequence(value: Any, what: str, where: Location) -> LList:
    if not isinstance(value, LList):
        raise ContentError(f"{what} must be a list", location_of(value, where))
    return value


def integer(value: Any, what: str, where: Location) -> int:
    if not isinstance(value, LScalar) or type(value.value) is not int or value.value < 0:
        raise ContentError(f"{what} must be a whole number", location_of(value, where))
    return value.value


def date(value: Any, what: str, where: Location) -> dt.date:
    if (
        not isinstance(value, LScalar)
        or not isinstance(value.value, dt.date)
        or isinstance(value.value, dt.datetime)
    ):
        raise ContentError(f"{what} must be a date (YYYY-MM-DD)", location_of(value, where))
    return value.value


def boolean(value: Any, what: str, where: Location) -> bool:
    if not isinstance(value, LScalar) or not isinstance(value.value, bool):
        raise ContentError(f"{what} must be true or false", location_of(value, where))
    return value.value


UNIT_KEYS = {"text", "context", "comment", "ignore"}
PLURAL_KEYS = {"one", "other", "count", "context", "comment", "ignore"}


def unit(value: Any, what: str, where: Location, extra: set[str] = frozenset()) -> Unit:
    """A translatable unit: a string, ``{text, context?, comment?}`` or a plural mapping."""
    if isinstance(value, LStr):
        return Unit(str(text(value, what, where)), value.location)
    if isinstance(value, LDict) and ("one" in value or "other" in value or "count" in value):
        data = mapping(value, what, where, PLURAL_KEYS | extra)
        one = text(required(data, "one", what), what, data.location)
        other = text(required(data, "other", what), what, data.location)
        count = text(required(data, "count", what), f"'count' of {what}", data.location)
        return Unit(
            str(one),
            data.location,
            plural=str(other),
            count=str(count),
            context=_optional_text(data, "context", what),
            comments=_comments(data, what),
            ignored=ignored_rules(data, what),
        )
    data = mapping(value, what, where, UNIT_KEYS | extra)
    body = text(required(data, "text", what), what, data.location)
    return Unit(
        str(body),
        body.location,
        context=_optional_text(data, "context", what),
        comments=_comments(data, what),
        ignored=ignored_rules(data, what),
    )


def ignored_rules(data: LDict, what: str) -> tuple[str, ...]:
    """``ignore: {rule: reason}``: check rules silenced here, each with its reason."""
    if "ignore" not in data:
        return ()
    value = data["ignore"]
    allowed = set(value) if isinstance(value, LDict) else set()
    rules = mapping(value, f"'ignore' of {what}", data.location, allowed)
    for rule, reason in rules.items():
        text(reason, f"the reason for ignoring '{rule}'", rules.location)
    return tuple(str(rule) for rule in rules)


def _optional_text(data: LDict, key: str, what: str) -> str | None:
    return str(text(data[key], f"'{key}' of {what}", data.location)) if key in data else None


def _comments(data: LDict, what: str) -> tuple[str, ...]:
    comment = _optional_text(data, "comment", what)
    return (comment,) if comment else ()


_NAME = re.compile(r"[a-z_][a-z0-9_]*")


def is_name(value: str) -> bool:
    """A name a placeholder or a mark may have: lower-case letters, digits and _."""
    return _NAME.fullmatch(value) is not None
