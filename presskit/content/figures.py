"""Values that fill the placeholders of the content's sentences."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from presskit.content.model import Count, Reference

if TYPE_CHECKING:
    from presskit.content.model import EntryList, Pack

REFERENCE_SUFFIX = "_reference"

PlaceholderValue = int | dt.date | Reference


def is_reserved(name: str) -> bool:
    """Names facts cannot take whatever the lists say: each document's reference."""
    return name.endswith(REFERENCE_SUFFIX)


def list_counts(lists: dict[str, EntryList]) -> dict[str, tuple[Count, int]]:
    """Every count placeholder the lists declare (rounded ones included), with its value."""
    found: dict[str, tuple[Count, int]] = {}
    for entry_list in lists.values():
        for count, value in entry_list.counts():
            found[count.placeholder] = (count, value)
            if count.rounded:
                found[count.rounded] = (count, value // 10 * 10)
    return found


def known_placeholders(pack: Pack) -> dict[str, PlaceholderValue]:
    """Every placeholder a content sentence may use, with its value."""
    values: dict[str, PlaceholderValue] = {
        name: value for name, (_, value) in list_counts(pack.lists).items()
    }
    values.update({name: figure.value for name, figure in pack.figures.items()})
    for doc_id, doc in pack.documents.items():
        values[doc_id + REFERENCE_SUFFIX] = doc.reference
    return values


def count_descriptions(lists: dict[str, EntryList]) -> dict[str, str]:
    """What each count placeholder stands for, as the list file describes it."""
    described: dict[str, str] = {}
    for name, (count, _) in list_counts(lists).items():
        rounded = name == count.rounded and name != count.placeholder
        described[name] = f"{count.comment}, rounded down to tens" if rounded else count.comment
    return described


def describe(name: str, descriptions: dict[str, str]) -> str:
    """What a placeholder stands for, for translator comments."""
    if name in descriptions:
        return descriptions[name]
    if name.endswith(REFERENCE_SUFFIX):
        return f"the index reference of the {name[: -len(REFERENCE_SUFFIX)]} (never translated)"
    return "filled in by presskit"
