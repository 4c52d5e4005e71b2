"""Running headers and footers as pagination artifacts, outside the structure tree.

WeasyPrint 70 tags the text of page-margin boxes (the running header and footer, the
page numbers) like body text, then builds structure elements for them that hang from
nothing (its issue 1836): PDF/UA-1 wants content that repeats on every page marked as
an artifact, which screen readers skip, instead of orphaned tags. Each margin box is
drawn inside ``/Artifact <</Type /Pagination /Subtype /Header>>`` (or ``/Footer``),
its text without MCIDs, and no structure element is built for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

import pydyf
from weasyprint import draw
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import stream as pdf_stream
from weasyprint.pdf import tags

_running = ContextVar("presskit_running_content", default=False)


def in_running_content() -> bool:
    """Whether what is being drawn now belongs to a page-margin box."""
    return _running.get()


def _subtype(box: Any) -> str | None:
    """Header or Footer, as the artifact's /Subtype, from the margin box's position."""
    if box.at_keyword.startswith("@top-"):
        return "/Header"
    if box.at_keyword.startswith("@bottom-"):
        return "/Footer"
    return None  # a left or right margin box: pagination all the same


def _draws_running_content_as_artifact(draw_stacking_context: Any) -> Any:
    def draw_as_artifact(stream: Any, stacking_context: Any) -> None:
        box = stacking_context.box
        if stream._tags is None or not isinstance(box, boxes.MarginBox):
            draw_stacking_context(stream, stacking_context)
            return
        properties = pydyf.Dictionary({"Type": "/Pagination"})
        if subtype := _subtype(box):
            properties["Subtype"] = subtype
        pdf_stream.Stream.begin_marked_content(stream, "Artifact", properties)
        token = _running.set(True)
        try:
            draw_stacking_context(stream, stacking_context)
        finally:
            _running.reset(token)
            pdf_stream.Stream.end_marked_content(stream)

    return draw_as_artifact


def _leaves_out_margin_boxes(build_box_tree: Any) -> Any:
    def build(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        if isinstance(box, boxes.MarginBox):
            return iter(())  # an artifact: no structure element, not even an orphan
        return build_box_tree(box, parent, *args)

    return build


def install() -> None:
    """Draw page-margin boxes as pagination artifacts and keep them out of the tags."""
    draw.draw_stacking_context = _draws_running_content_as_artifact(draw.draw_stacking_context)
    tags._build_box_tree = _leaves_out_margin_boxes(tags._build_box_tree)
