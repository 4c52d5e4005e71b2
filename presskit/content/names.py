"""The names file: people and organisations that prose, labels and attributions name.

A sentence names one with a placeholder, ``{person:director}`` or ``{org:coalition}``;
each name is a translatable unit of its own (context ``person:<id>``), so that an
edition prints the form the press in its language uses, and the source form where the
translator gives none.
"""

from __future__ import annotations

from typing import Any

from presskit.content import schema
from presskit.content.model import LOOSE_NAME, PLACEHOLDER, Name, Unit
from presskit.content.yamlfile import LDict, Location, LStr
from presskit.errors import ContentError

NAMES_FILE = "names.yaml"

# Section of the file -> the placeholder's prefix, and what the translator is told.
SECTIONS = {
    "people": ("person", "a person"),
    "organisations": ("org", "an organisation"),
}
ENTRY_KEYS = {"name", "comment", "lang"}


def parse_names(data: Any) -> dict[str, Name]:
    """Every name of the file, by key ("person:director"); an absent file has none."""
    where = getattr(data, "location", Location("?"))
    top = schema.mapping(data, "the names file", where, set(SECTIONS))
    names: dict[str, Name] = {}
    for section, (prefix, _) in SECTIONS.items():
        if section not in top:
            continue
        entries = top[section]
        entries = schema.mapping(
            entries,
            f"'{section}'",
            top.key_locations[section],
            set(entries) if isinstance(entries, dict) else set(),
        )
        for key, entry in entries.items():
            at = entries.key_locations[str(key)]
            if not schema.is_name(str(key)):
                raise ContentError(
                    f"'{key}' is not a name id (lower-case letters, digits and _)", at
                )
            names[f"{prefix}:{key}"] = _name(f"{prefix}:{key}", entry, at)
    return names


def _name(key: str, entry: Any, at: Location) -> Name:
    label = f"name '{key}'"
    if not isinstance(entry, LDict):  # the short form: the name alone
        text = _form(schema.text(entry, label, at), label)
        return Name(key, Unit(str(text), text.location, context=key))
    item = schema.mapping(entry, label, at, ENTRY_KEYS)
    text = _form(schema.text(schema.required(item, "name", label), label, item.location), label)
    comments: tuple[str, ...] = ()
    if "comment" in item:
        comments = (str(schema.text(item["comment"], f"'comment' of {label}", item.location)),)
    unit = Unit(str(text), text.location, context=key, comments=comments)
    return Name(key, unit, schema.language(item, label))


def _form(text: LStr, label: str) -> LStr:
    """A name is printed as written: a placeholder in it would print its braces."""
    placeholder = PLACEHOLDER.search(text) or LOOSE_NAME.search(text)
    if placeholder:
        raise ContentError(
            f"{label} is printed as written: {placeholder.group(0)} is not filled in a name",
            text.location,
        )
    return text


def name_comment(name: Name) -> str:
    """What the translator of a name unit is told."""
    what = SECTIONS["people" if name.key.startswith("person:") else "organisations"][1]
    return (
        f"Name of {what}: give the form the press in your language uses (the official "
        "form in your language, where there is one). Left empty, the name is printed as "
        "written here."
    )
