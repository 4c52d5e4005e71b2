"""A localized tree as one hash: what its files print, whatever the content files say.

A writer's output depends on the tree, the configuration, the templates and the
libraries only. Two trees with the same digest therefore make the same files, so an
edit that leaves a document's tree as it was (a paragraph of another document, a
figure it does not print, a catalog entry of a unit it does not use) leaves its files
as they are. The digest covers every field of every node, so nothing a document prints
can change without changing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from pathlib import PurePath

from presskit.doctree.nodes import Document


def tree_digest(tree: Document) -> str:
    """sha256 of the tree's canonical form (the same in every process and run)."""
    text = json.dumps(_canonical(tree), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _canonical(value: object) -> object:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return [type(value).__qualname__, fields]
    if isinstance(value, (tuple, list)):
        return [_canonical(item) for item in value]
    if isinstance(value, dict):
        return [["dict"], sorted([str(k), _canonical(v)] for k, v in value.items())]
    if isinstance(value, (set, frozenset)):
        # Set order follows string hashing, which differs from one process to the next.
        return [["set"], sorted(json.dumps(_canonical(item)) for item in value)]
    if isinstance(value, enum.Enum):
        return [type(value).__qualname__, _canonical(value.value)]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    # A new kind of value in the tree must be taught here: never hashed by its address.
    raise TypeError(f"no canonical form for {type(value).__name__} in a document tree")
