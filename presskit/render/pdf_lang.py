"""/Lang on the PDF structure elements of text in another language than the edition's.

WeasyPrint 70 tags the document's language in the catalog but drops the ``lang`` of
elements inside it, so a screen reader speaks an English name in an Arabic edition with
an Arabic voice. This wraps WeasyPrint's structure-tree builder (version pinned in
pyproject.toml) to copy an element's ``lang`` to the structure element made for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf
from weasyprint.pdf import tags

_build_box_tree = tags._build_box_tree


def _with_lang(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
    element = getattr(box, "element", None)
    lang = None
    if element is not None and getattr(box, "element_tag", None) not in ("html", "body"):
        lang = element.get("lang")
    for structure in _build_box_tree(box, parent, *args):
        # Only the element made for this box carries its language, not its children.
        made_here = structure.get("P") == getattr(parent, "reference", None)
        if lang and made_here and "Lang" not in structure:
            structure["Lang"] = pydyf.String(lang)
        yield structure


def install() -> None:
    """Make WeasyPrint's structure tree carry the language of every tagged element."""
    tags._build_box_tree = _with_lang
