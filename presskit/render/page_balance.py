"""The last page of a document holds enough text to be worth turning to.

A document that overflows by a bullet or two ends on a page holding one line: a
journalist turns the page for it, and it looks like a mistake. CSS has no rule for "at
least five lines on the last page", so the PDF is laid out again, once, with a page break
forced before the block that carries enough lines over (before its heading, if a heading
leads it in), when the first layout leaves the last page short.
"""

from __future__ import annotations

from collections.abc import Callable

from weasyprint.document import Document
from weasyprint.formatting_structure import boxes

MIN_LAST_PAGE_LINES = 5
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# A page break may be forced before these: a block of the body, or an item of a bulleted
# list. Items of a list set in columns are not: the list moves as a whole.
_BREAKABLE_PARENTS = {"main", "ul"}


def balanced(render: Callable[[str], Document], html: str) -> Document:
    """``html`` laid out by ``render``, again with a page break moved when its last page
    holds fewer than ``MIN_LAST_PAGE_LINES`` lines of text."""
    document = render(html)
    if len(document.pages) < 2:
        return document
    last = text_lines(document.pages[-1])
    if len(last) >= MIN_LAST_PAGE_LINES:
        return document
    block = _block_to_carry_over(document, MIN_LAST_PAGE_LINES - len(last))
    if block is None:
        return document
    rule = f"<style>{block} {{ break-before: page; }}</style>"
    again = render(html.replace("</head>", rule + "</head>", 1))
    # Kept only if it does what it is for and does not add a page.
    if len(again.pages) == len(document.pages) and len(text_lines(again.pages[-1])) > len(last):
        return again
    return document


def text_lines(page: object) -> list[boxes.LineBox]:
    """The lines of text in a page's body, in order (running headers and footers,
    which sit in the page's margins, and bullets are not counted)."""
    found: list[boxes.LineBox] = []

    def walk(box: boxes.Box) -> None:
        # A list item's bullet is a line box of its own beside the item's first line.
        if isinstance(box, boxes.MarginBox) or (box.element_tag or "").endswith("::marker"):
            return
        if isinstance(box, boxes.LineBox):
            if any(_has_text(child) for child in box.children):
                found.append(box)
            return
        for child in getattr(box, "children", ()):
            walk(child)

    walk(page._page_box)  # type: ignore[attr-defined]
    return found


def _has_text(box: boxes.Box) -> bool:
    if isinstance(box, boxes.TextBox):
        return bool(box.text.strip())
    return any(_has_text(child) for child in getattr(box, "children", ()))


def _block_to_carry_over(document: Document, wanted: int):  # type: ignore[no-untyped-def]
    """A selector of the block that, moved to the last page with everything after it,
    gives that page ``wanted`` more lines; None when no block on the page before can."""
    lines = text_lines(document.pages[-2])
    if len(lines) <= wanted:
        return None
    root = document.pages[-2]._page_box.children[0].element  # type: ignore[attr-defined]
    parents = {child: parent for parent in root.iter() for child in parent}
    element = _breakable(lines[-wanted].element, parents)
    if element is None:
        return None
    siblings = _children(parents[element])
    position = siblings.index(element)
    if position and siblings[position - 1].tag in _HEADINGS:
        element = siblings[position - 1]  # a heading goes with what it introduces
    return _selector(element, parents)


def _breakable(element, parents):  # type: ignore[no-untyped-def]
    """The nearest ancestor-or-self of ``element`` a page break may be forced before."""
    while element in parents:
        if parents[element].tag in _BREAKABLE_PARENTS:
            return element
        element = parents[element]
    return None


def _children(element) -> list:  # type: ignore[no-untyped-def]
    return [child for child in element if isinstance(child.tag, str)]


def _selector(element, parents) -> str:  # type: ignore[no-untyped-def]
    """A CSS selector naming ``element`` by its place in the document."""
    steps = []
    while element in parents:
        parent = parents[element]
        steps.append(f"{element.tag}:nth-child({_children(parent).index(element) + 1})")
        element = parent
    return " > ".join([element.tag, *reversed(steps)])
