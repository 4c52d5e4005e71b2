"""Values that fill the placeholders of the content's sentences."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from presskit.content.model import Reference

if TYPE_CHECKING:
    from presskit.content.model import Pack

# Figures presskit computes from the data; facts.yaml cannot set them.
COMPUTED = {
    "signatories": "the number of signatories, counted from the list",
    "signatories_rounded": 'the number of signatories rounded down to tens ("over 220")',
    "srn_members": "the number of Syria Relief Network members, counted from the list",
}
REFERENCE_SUFFIX = "_reference"

PlaceholderValue = int | dt.date | Reference


def is_reserved(name: str) -> bool:
    return name in COMPUTED or name.endswith(REFERENCE_SUFFIX)


def known_placeholders(pack: Pack) -> dict[str, PlaceholderValue]:
    """Every placeholder a content sentence may use, with its value."""
    values: dict[str, PlaceholderValue] = {}
    if pack.signatories:  # counts exist only where there is a list to count
        count = len(pack.signatories)
        values.update(
            signatories=count,
            signatories_rounded=count // 10 * 10,
            srn_members=pack.srn_members,
        )
    values.update({name: figure.value for name, figure in pack.figures.items()})
    for doc_id, doc in pack.documents.items():
        values[doc_id + REFERENCE_SUFFIX] = doc.reference
    return values


def describe(name: str, descriptions: dict[str, str]) -> str:
    """What a placeholder stands for, for translator comments."""
    if name in COMPUTED:
        return COMPUTED[name]
    if name.endswith(REFERENCE_SUFFIX):
        return f"the index reference of the {name[: -len(REFERENCE_SUFFIX)]} (never translated)"
    return descriptions.get(name, "filled in by presskit")
