"""List files: the organisations, people or members a document prints in full.

A list file holds its entries, the marks some entries carry and the counts prose may
print (``{signatories}``, ``{forum_members}``). The older signatory-list format (top-level
``signatories:`` and flags such as ``member: true`` on entries) still loads, as a list
whose flags are marks, with one deprecation warning per old form.
"""

from __future__ import annotations

from typing import Any

from presskit.config import DEFAULT_MAX_LIST_ENTRIES
from presskit.content import schema
from presskit.content.deprecated import deprecated
from presskit.content.documents import NOTES_KEYS
from presskit.content.model import LOOSE_NAME, Count, Entry, EntryList, Mark, Unit
from presskit.content.yamlfile import LDict, LList, Location, LStr
from presskit.errors import ContentError
from presskit.findings import Finding

LIST_KEYS = {"count", "marks", "entries", "lang"} | NOTES_KEYS
COUNT_KEYS = {"placeholder", "comment", "nouns", "more_than", "rounded"}
MARK_KEYS = {"symbol", "footnote", "count"}
ENTRY_KEYS = {"name", "marks", "ignore", "lang"}
PLACEHOLDER_NAME = r"[a-z_][a-z0-9_]*"

# The old format: an entry could carry a flag (``<flag>: true``), printed as an asterisk
# explained by the signatories block's footnote and counted as {<flag>_members}; the
# whole list was {signatories}.
LEGACY_KEY = "signatories"
LEGACY_SYMBOLS = ("*", "†", "‡", "§")  # a second flag, had a pack one, gets the next
# The English nouns the old typed-count rule knew, kept for lists in the old format.
LEGACY_NOUNS = (
    "organisations",
    "organizations",
    "signatories",
    "signatory organisations",
    "signatory organizations",
    "civil society organisations",
    "civil society organizations",
)
LEGACY_MORE_THAN = ("over", "more than")


def parse_list(
    data: Any,
    name: str,
    warnings: list[Finding] | None = None,
    max_entries: int = DEFAULT_MAX_LIST_ENTRIES,
) -> EntryList:
    """A list file's content; deprecated forms it uses are added to ``warnings``. A list
    of more than ``max_entries`` entries is refused before its entries are read."""
    warnings = warnings if warnings is not None else []
    where = getattr(data, "location", Location("?"))
    if isinstance(data, LDict) and LEGACY_KEY in data and "entries" not in data:
        return _parse_legacy(data, name, warnings, max_entries)
    top = schema.mapping(data, "a list file", where, LIST_KEYS)
    entries = schema.sequence(schema.required(top, "entries", "the list file"), "entries", where)
    _refuse_too_long(entries, max_entries)
    count = (
        parse_count(top["count"], f"count of the list '{name}'", top.key_locations["count"])
        if "count" in top
        else default_count(name, where)
    )
    marks = _parse_marks(top.get("marks"), top.key_locations.get("marks", where))
    language = schema.language(top, f"the list '{name}'")
    parsed = _parse_entries(entries, marks, language)
    return EntryList(name, where.path, parsed, count, marks, language)


def _refuse_too_long(entries: LList, max_entries: int) -> None:
    """Rendering time grows with the list: a mistaken export of a whole address book
    would otherwise run for an hour before failing."""
    if len(entries) <= max_entries:
        return
    first_over = getattr(entries[max_entries], "location", entries.location)
    raise ContentError(
        f"the list has {len(entries):,} entries, more than the {max_entries:,} allowed "
        f"(entry no. {max_entries + 1:,} is here; raise [pack] max_list_entries in "
        "presskit.toml to allow more)",
        first_over,
    )


def default_count(name: str, where: Location) -> Count:
    return Count(name, f"the number of entries of the list '{name}', counted", where)


def parse_count(value: Any, what: str, where: Location) -> Count:
    """``count: name`` or a mapping with the placeholder, its comment and its nouns."""
    if isinstance(value, LStr):
        return Count(_placeholder(value, what, where), f"{what}, counted from the list", where)
    data = schema.mapping(value, what, where, COUNT_KEYS)
    placeholder = _placeholder(schema.required(data, "placeholder", what), what, data.location)
    comment = (
        str(schema.text(data["comment"], "comment", data.location))
        if "comment" in data
        else f"{what}, counted from the list"
    )
    rounded = data.get("rounded")
    return Count(
        placeholder=placeholder,
        comment=comment,
        location=data.location,
        nouns=_words(data.get("nouns"), "nouns", data.location),
        more_than=_words(data.get("more_than"), "more_than", data.location),
        rounded=_placeholder(rounded, "rounded", data.location) if rounded is not None else None,
    )


def _placeholder(value: Any, what: str, where: Location) -> str:
    name = schema.text(value, what, where)
    if not schema.is_name(str(name)):
        raise ContentError(
            f"'{name}' is not a placeholder name (lower-case letters, digits and _)",
            name.location,
        )
    return str(name)


def _words(value: Any, what: str, where: Location) -> tuple[str, ...]:
    if value is None:
        return ()
    items = schema.sequence(value, what, where)
    return tuple(str(schema.text(item, what, items.location)) for item in items)


def _parse_marks(value: Any, where: Location) -> dict[str, Mark]:
    """The marks a list declares; each needs a symbol and a footnote explaining it."""
    if value is None:
        return {}
    data = schema.mapping(value, "marks", where, set(value) if isinstance(value, dict) else set())
    marks: dict[str, Mark] = {}
    symbols: dict[str, str] = {}
    for key, item in data.items():
        at = data.key_locations[str(key)]
        what = f"mark '{key}'"
        if not schema.is_name(str(key)):
            raise ContentError(f"'{key}' is not a mark name (lower-case letters, digits, _)", at)
        mark = schema.mapping(item, what, at, MARK_KEYS)
        symbol = schema.text(schema.required(mark, "symbol", what), "symbol", mark.location)
        if str(symbol) in symbols:
            raise ContentError(
                f"mark '{key}' uses the symbol {symbol} of mark '{symbols[str(symbol)]}'",
                symbol.location,
            )
        symbols[str(symbol)] = str(key)
        footnote = schema.unit(schema.required(mark, "footnote", what), "footnote", mark.location)
        count = (
            parse_count(mark["count"], f"count of the mark '{key}'", mark.key_locations["count"])
            if "count" in mark
            else None
        )
        marks[str(key)] = Mark(str(key), str(symbol), footnote, count, at)
    return marks


def _parse_entries(
    entries: LList, marks: dict[str, Mark], language: str | None = None
) -> tuple[Entry, ...]:
    result: list[Entry] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(entries, start=1):
        what = f"entry no. {number}"
        data = schema.mapping(item, what, entries.location, ENTRY_KEYS)
        name = schema.text(schema.required(data, "name", what), "name", data.location)
        placeholder = LOOSE_NAME.search(str(name))
        if placeholder:  # a list prints each entry as written: it would print the braces
            raise ContentError(
                f"{placeholder.group(0)} is not filled in a list, which prints each entry "
                "as it writes itself: write the name",
                name.location,
            )
        carried: list[str] = []
        if "marks" in data:
            listed = schema.sequence(data["marks"], "marks", data.location)
            for mark in listed:
                mark_name = str(schema.text(mark, "a mark", listed.location))
                if mark_name not in marks:
                    known = ", ".join(marks) or "none declared under 'marks:'"
                    raise ContentError(
                        f"unknown mark '{mark_name}' (marks: {known})", mark.location
                    )
                if mark_name not in carried:
                    carried.append(mark_name)
        _refuse_duplicate(str(name), data, what, seen, result)
        seen[_folded(str(name))] = number
        own = schema.language(data, what) or language
        result.append(Entry(str(name), tuple(carried), name.location, own))
    return tuple(result)


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def _refuse_duplicate(
    name: str, data: LDict, what: str, seen: dict[str, int], result: list[Entry]
) -> None:
    """Two organisations may share a name; the entry then says so with a reason."""
    first = seen.get(_folded(name))
    if first is None or "signatory-duplicate" in schema.ignored_rules(data, what):
        return
    earlier = result[first - 1]
    raise ContentError(
        f"duplicate entry '{name}' (also no. {first}, {earlier.location})",
        data["name"].location,
    )


def _parse_legacy(data: LDict, name: str, warnings: list[Finding], max_entries: int) -> EntryList:
    """The old signatory-list format, its flags as marks."""
    top = schema.mapping(data, "the signatories file", data.location, {LEGACY_KEY} | NOTES_KEYS)
    at = top.key_locations[LEGACY_KEY]
    warnings.append(deprecated(at, f"'{LEGACY_KEY}:' as a list's key", "'entries:'"))
    entries = schema.sequence(top[LEGACY_KEY], LEGACY_KEY, data.location)
    _refuse_too_long(entries, max_entries)
    converted = LList()
    converted.location = entries.location
    marks: dict[str, Mark] = {}
    for number, item in enumerate(entries, start=1):
        what = f"signatory no. {number}"
        if not isinstance(item, LDict):
            raise ContentError(f"{what} must be a mapping", entries.location)
        flags = [key for key in item if key not in ENTRY_KEYS]
        entry = schema.mapping(item, what, entries.location, ENTRY_KEYS | set(flags))
        copy = LDict({k: v for k, v in entry.items() if k not in flags})
        copy.location = entry.location
        copy.key_locations = entry.key_locations
        carried = LList()
        carried.location = entry.location
        for flag in flags:
            where = entry.key_locations[flag]
            if not schema.is_name(flag) or (
                len(marks) == len(LEGACY_SYMBOLS) and flag not in marks
            ):
                raise ContentError(f"unknown key '{flag}' in {what}", where)
            if not schema.boolean(entry[flag], flag, entry.location):
                continue
            if flag not in marks:
                warnings.append(
                    deprecated(
                        where,
                        f"'{flag}: true'",
                        f"'marks: [{flag}]' and declare the mark under 'marks:'",
                    )
                )
                count = Count(f"{flag}_members", f"the number of entries marked '{flag}'", where)
                # The document's signatories block gives the footnote.
                marks[flag] = Mark(flag, LEGACY_SYMBOLS[len(marks)], None, count, where)
            carried.append(_located(flag, entry.location))
        if carried:
            copy["marks"] = carried
        converted.append(copy)
    count = Count(
        name,
        "the number of signatories, counted from the list",
        at,
        nouns=LEGACY_NOUNS,
        more_than=LEGACY_MORE_THAN,
        rounded=f"{name}_rounded",
    )
    return EntryList(name, data.location.path, _parse_entries(converted, marks), count, marks)


def _located(text: str, where: Location) -> LStr:
    value = LStr(text)
    value.location = where
    return value


def list_units(entry_list: EntryList) -> list[tuple[Unit, str]]:
    """The translatable units of a list file (its marks' footnotes), described."""
    return [
        (mark.footnote, f"Footnote to the mark {mark.symbol} in the list '{entry_list.name}'.")
        for mark in entry_list.marks.values()
        if mark.footnote is not None
    ]
