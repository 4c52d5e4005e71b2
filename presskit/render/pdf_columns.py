"""Multi-column lists laid out in time proportional to their length.

WeasyPrint 70 (pinned) fills the columns of a multi-column box page by page; after
each column it measures the next entry by laying out everything still to come with no
height limit, then keeps only that entry's height. Over a list of n entries spread on
p pages that is n x p layouts: a list four times longer took about four times as long
per entry. The measurement now lays out the column's children up to that next entry
only, which gives the same height.

Each column is also laid out once instead of twice: the layout tried while choosing the
column height is kept for the page (presskit.render.pdf_column_reuse).
"""

from __future__ import annotations

from math import inf
from typing import Any

from weasyprint.layout import block

from presskit.render import pdf_column_reuse


def _measures_next_entry_only(block_box_layout: Any) -> Any:
    def layout(
        context: Any, box: Any, bottom_space: float, skip_stack: Any, *args: Any, **kwargs: Any
    ) -> Any:
        # Only the measuring call lays out a column box with no height limit.
        if bottom_space == inf and box.is_column and skip_stack:
            last = max(skip_stack)
            if last + 1 < len(box.children):
                box = box.copy_with_children(box.children[: last + 1])
        return block_box_layout(context, box, bottom_space, skip_stack, *args, **kwargs)

    return layout


def install() -> None:
    """Make the column measurement look at the next entry, not the rest of the list, and
    lay each column out once."""
    block.block_box_layout = _measures_next_entry_only(block.block_box_layout)
    # Outermost, so that a kept column skips the layout altogether.
    pdf_column_reuse.install()
