"""What every writer provides."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from presskit.doctree.nodes import Document


@dataclass(frozen=True, slots=True)
class Rendered:
    """A written file's bytes, and its page count where the writer knows it."""

    data: bytes
    pages: int | None = None


class Visitor:
    """Dispatch on node type to ``visit_<NodeName>``; an unknown node is a bug, not a skip."""

    def visit(self, node: Any) -> Any:
        method: Callable[[Any], Any] | None = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise TypeError(f"{type(self).__name__} has no handler for {type(node).__name__}")
        return method(node)


def output_name(doc: Document, fmt: str) -> str:
    """File name of a document edition: reference, document, language."""
    from presskit.render.registry import FORMATS

    return f"{doc.compact_reference}-{doc.id}-{doc.language.code}.{FORMATS[fmt].extension}"
