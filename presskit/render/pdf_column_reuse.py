"""Each column of a multi-column list laid out once, not twice.

WeasyPrint 70 (pinned) fills a page of columns in two passes: it tries column heights,
laying out every column at each height it tries, then lays the columns out once more
for the page, at the height it settled on. That last pass repeats a layout already
tried: same column content, same place to start in it, same space below. The try is now
kept and handed to the last pass instead of laying the column out again.

A kept layout is handed over only when a fresh one is certain to come out the same:

- the inputs match: the same run of the box's children, the same place to start, the
  same bottom space, top, width, page and page bottom, and the layout state (footnotes,
  floats, running elements) as it was when the try began, which the try did not change;
- the column goes to its place on the page: tries are laid out where the first column
  goes, so a later column (or the first, right to left) is moved across to where a
  fresh layout would have put it;
- "the page is empty so far", which differs between a try and the last pass, cannot
  have mattered. It only decides what to do with a first entry that does not fit (kept
  anyway on an empty page), a break that must be avoided, and top margins at the top of
  a page (dropped); so either the flag is the same, or the first entry is plain blocks
  and text (no top margins after the first page, no fixed heights, no negative bottom
  margins) that fits whole with room to spare, and no break is to be avoided inside the
  column or after its last entry.

Outside list markers are absolutely positioned boxes that every layout of their entry
moves, the later tries included, so a kept layout puts them back where it left them.
Tries are kept while one multi-column box is laid out, which includes WeasyPrint's second
layout of the box when the box ends on the page and its bottom margin must fit too: a
try of the first layout at a height the second also tries is measured again without
being laid out again. A try is handed to columns placed on a page once only.
"""

from __future__ import annotations

from collections.abc import Iterator
from math import inf
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout import block
from weasyprint.layout.absolute import AbsolutePlaceholder

# Off to compare with WeasyPrint's own layout.
enabled = True

# Boxes whose layout uses "the page is empty" only to decide what to do with content
# that does not fit (exact types: not tables, flex, images or inline blocks).
_PLAIN = {boxes.BlockBox, boxes.LineBox, boxes.InlineBox, boxes.TextBox}
# Room left under a first entry for a try made on an empty page to count as fitting:
# more than the rounding of any position that layout compares with the page bottom.
_FITS_WITH_ROOM = 1.0


class _Scope:
    """The tries kept while one multi-column box is laid out."""

    def __init__(self, box: Any) -> None:
        self.tries: dict[tuple[Any, ...], _Try] = {}
        # Without children spanning all columns, every column box is made from copies
        # of the same children, from the place to start in the box: in each of its
        # layouts (WeasyPrint lays it out again when its bottom margin must fit too).
        self.one_run = not any(child.style["column_span"] == "all" for child in box.children)


# One scope per multi-column box being laid out (they can nest).
_scopes: list[_Scope] = []


class _Try:
    """A column laid out while trying heights, and what it takes to hand it over."""

    def __init__(
        self,
        result: tuple[Any, ...],
        source: tuple[Any, ...],
        page_is_empty: bool,
        absolute_boxes: list[Any],
        fixed_boxes: list[Any],
        state: tuple[Any, ...],
        placeholders: list[AbsolutePlaceholder],
    ) -> None:
        self.result = result
        # The column's children before layout, to find the entry after its last one.
        self.source = source
        self.page_is_empty = page_is_empty
        self.absolute_boxes = list(absolute_boxes)
        self.fixed_boxes = list(fixed_boxes)
        self.state = state
        # Where this layout left its absolutely positioned boxes (the markers): they
        # are shared with every later layout of their entry, which moves them.
        self.positions = [
            (placeholder._box, placeholder.position_x, placeholder.position_y)
            for placeholder in placeholders
        ]


def _state(context: Any) -> tuple[Any, ...]:
    """What a column's layout reads from, or adds to, the layout state."""
    running = sum(
        len(pages) for name in context.running_elements.values() for pages in name.values()
    )
    return (
        context.current_page,
        context.page_bottom,
        context.forced_break,
        len(context.footnotes),
        len(context.current_page_footnotes),
        len(context.reported_footnotes),
        len(context.broken_out_of_flow),
        len(context.excluded_shapes),
        running,
    )


def _key(scope: _Scope, box: Any, bottom_space: float, skip_stack: Any) -> tuple[Any, ...]:
    children = box.children
    if scope.one_run:
        run: tuple[Any, ...] = (len(children),)
    else:
        # Runs between spanning children: told apart by their copies, alive while
        # their tries are kept, so their ids are theirs.
        run = (len(children), id(children[0]), id(children[-1])) if children else ()
    return (run, repr(skip_stack), bottom_space, box.position_y, box.width)


def _descendants(box: Any) -> Iterator[Any]:
    """The box and the boxes inside it, placeholders included but not their content."""
    stack = [box]
    while stack:
        box = stack.pop()
        yield box
        if not isinstance(box, AbsolutePlaceholder):
            stack.extend(reversed(getattr(box, "children", ())))


def _length_is(value: Any, test: Any) -> bool:
    return value == "auto" or test(value.value)


def _emptiness_cannot_matter(context: Any, kept: _Try, bottom_space: float) -> bool:
    """Whether the column's layout is the same on a page empty so far and on one that is
    not (see the module docstring)."""
    column, resume_at, source = kept.result[0], kept.result[1], kept.source
    if context.footnotes or block.avoid_page_break(column.style["break_inside"], context):
        return False
    children = column.children
    if any(isinstance(child, boxes.LineBox) or child.is_floated() for child in children):
        return False
    in_flow = [child for child in children if not isinstance(child, AbsolutePlaceholder)]
    if not in_flow:
        return False
    first = in_flow[0]
    if resume_at is not None:
        ((next_index, _),) = resume_at.items()
        if next_index <= first.index:
            return False  # the first entry was split
        # A break to avoid after the last entry is kept on an empty page only.
        last = block.find_last_class_a_break_point_child(children)
        if last is None or next_index >= len(source):
            return False
        if block.avoid_page_break(block.block_level_page_break(last, source[next_index]), context):
            return False
    bottom = first.position_y + first.margin_height() + _FITS_WITH_ROOM
    if context.overflows_page(bottom_space, bottom):
        return False
    # Nothing in the first entry reaches below it (no fixed heights, no negative bottom
    # margins), so nothing in it overflowed; and no top margin was dropped in it.
    for box in _descendants(first):
        if isinstance(box, AbsolutePlaceholder):
            continue
        if type(box) not in _PLAIN or box.style["position"] != "static":
            return False
        if isinstance(box, boxes.BlockBox):
            style = box.style
            if style["height"] != "auto" or getattr(style["max_height"], "value", 0) != inf:
                return False
            if not _length_is(style["margin_bottom"], lambda value: value >= 0):
                return False
            if context.current_page > 1 and not _length_is(
                style["margin_top"], lambda value: value == 0
            ):
                return False
    return True


def _hand_over(
    context: Any,
    kept: _Try,
    box: Any,
    bottom_space: float,
    page_is_empty: bool,
    absolute_boxes: list[Any],
    fixed_boxes: list[Any],
) -> tuple[Any, ...] | None:
    if kept.state != _state(context):
        return None
    column = kept.result[0]
    if kept.page_is_empty != page_is_empty and not _emptiness_cannot_matter(
        context, kept, bottom_space
    ):
        return None
    for marker, position_x, position_y in kept.positions:
        marker.position_x, marker.position_y = position_x, position_y
    column.translate(box.position_x - column.position_x, 0)
    absolute_boxes.extend(kept.absolute_boxes)
    fixed_boxes.extend(kept.fixed_boxes)
    return kept.result


def _reusing_tried_columns(block_box_layout: Any) -> Any:
    def layout(
        context: Any,
        box: Any,
        bottom_space: float,
        skip_stack: Any,
        containing_block: Any,
        page_is_empty: bool,
        absolute_boxes: list[Any],
        fixed_boxes: list[Any],
        adjoining_margins: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        def fresh() -> Any:
            return block_box_layout(
                context,
                box,
                bottom_space,
                skip_stack,
                containing_block,
                page_is_empty,
                absolute_boxes,
                fixed_boxes,
                adjoining_margins,
                *args,
                **kwargs,
            )

        if not enabled:
            return fresh()
        if not box.is_column and (
            box.style["column_width"] != "auto" or box.style["column_count"] != "auto"
        ):
            _scopes.append(_Scope(box))
            try:
                return fresh()
            finally:
                _scopes.pop()
        # Columns of a multi-column box (the measurement of the next entry has no bottom
        # limit): tried with fresh margins, placed with none.
        if not (_scopes and box.is_column and bottom_space != inf):
            return fresh()
        scope = _scopes[-1]
        tries = scope.tries
        key = _key(scope, box, bottom_space, skip_stack)
        placing = adjoining_margins is None
        # A try is handed to the columns placed once; to another try, when the box
        # is laid out again, it is only measured, and kept.
        kept = tries.pop(key, None) if placing else tries.get(key)
        if kept is not None:
            result = _hand_over(
                context, kept, box, bottom_space, page_is_empty, absolute_boxes, fixed_boxes
            )
            if result is not None:
                return result
        if placing:
            return fresh()
        before = _state(context)
        result = fresh()
        tries.pop(key, None)
        if result[0] is None or _state(context) != before:
            return result
        placeholders = [
            child for child in _descendants(result[0]) if isinstance(child, AbsolutePlaceholder)
        ]
        # Positioned boxes already laid out inside the column may be shared too.
        if not any(placeholder._layout_done for placeholder in placeholders):
            tries[key] = _Try(
                result,
                box.children,
                page_is_empty,
                absolute_boxes,
                fixed_boxes,
                before,
                placeholders,
            )
        return result

    return layout


def install() -> None:
    """Hand each tried column to the last pass of its multi-column box."""
    block.block_box_layout = _reusing_tried_columns(block.block_box_layout)
