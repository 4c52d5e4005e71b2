"""Link annotations as PDF/UA-1 wants them: each in a Link element, with a text.

WeasyPrint 70 gives every box inside a link its own annotation (an ``<a>`` holding a
``<span>`` or ``<bdi>`` got two, one of them in a Span element, which screen readers
cannot follow), makes a separate Link element of each line a link is broken over, and
describes the annotation by its URL only. Here:

- a box inside a link whose area is already the link's gets no annotation of its own;
- the pieces of one link on one page share one Link element, holding an OBJR for each
  piece's annotation and their text, so the link is announced once;
- the link's text is the Link element's /Alt and each annotation's /Contents, and the
  annotations print (/F 4) as they show.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from typing import Any

import pydyf
from weasyprint import pdf as weasyprint_pdf
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags

PRINT_FLAG = 4
# The Link element made for each link element on a page, by the structure element the
# link sits in: pieces of the link met later join it.
_links: weakref.WeakKeyDictionary[Any, dict[tuple[int, Any], Any]] = weakref.WeakKeyDictionary()


def link_text(box: Any) -> str:
    """The words of the link a box belongs to, as one line; for a link with no words (a
    logo), its pictures' alt texts, else where it leads."""
    element = box.element
    if element is None:
        return ""
    words = "".join(element.itertext()).split() or [
        alt for child in element.iter() if (alt := child.get("alt"))
    ]
    return " ".join(words) or element.get("href", "")


def _outermost(links: list[Any]) -> list[Any]:
    """The links of a page less those inside another box of the same link: WeasyPrint
    passes a link on to every box inside it, and each would get an annotation."""
    kept: list[Any] = []
    inside: dict[int, tuple[str, str]] = {}  # box -> the link around it (type, target)
    for link in links:
        link_type, target, _, box = link
        if inside.get(id(box)) == (link_type, target):
            continue
        kept.append(link)
        if isinstance(box, boxes.ParentBox):
            inside.update(
                (id(child), (link_type, target)) for child in box.descendants() if child is not box
            )
    return kept


def _one_annotation_per_link(add_links: Any) -> Any:
    def add(links_and_anchors: Any, matrix: Any, pdf: Any, page: Any, *args: Any) -> None:
        links, anchors = links_and_anchors
        kept = _outermost(links)
        add_links((kept, anchors), matrix, pdf, page, *args)
        for *_, box in kept:
            annotation = box.link_annotation
            if annotation is not None:
                annotation["F"] = PRINT_FLAG
                text = link_text(box)
                if text:
                    annotation["Contents"] = pydyf.String(text)

    return add


def _link_elements_with_text(build_box_tree: Any) -> Any:
    def build(box: Any, parent: Any, pdf: Any, page_number: int, *args: Any) -> Iterator[Any]:
        if getattr(box, "element_tag", None) is None or not _is_link(box):
            yield from build_box_tree(box, parent, pdf, page_number, *args)
            return
        known = _links.setdefault(pdf, {})
        key = (id(parent), box.element)
        if key in known:
            _join(known[key], box, pdf, page_number, *args)
            return
        for structure in build_box_tree(box, parent, pdf, page_number, *args):
            if structure.get("S") == "/Link" and structure.get("P") == parent.reference:
                known[key] = structure
                if text := link_text(box):
                    structure["Alt"] = pydyf.String(text)
            yield structure

    return build


def _is_link(box: Any) -> bool:
    return box.element_tag.split(":")[0] == "a"


def _join(
    link: Any, box: Any, pdf: Any, page_number: int, nums: Any, annotations: Any, marks: Any
) -> None:
    """Add one more piece of a link (its annotation and content) to the Link element made
    for its first piece, as WeasyPrint's tags._build_box_tree adds a piece to its own."""
    if box.link_annotation is not None:
        reference = pydyf.Dictionary(
            {
                "Type": "/OBJR",
                "Obj": box.link_annotation.reference,
                "Pg": pdf.page_references[page_number],
            }
        )
        pdf.add_object(reference)
        annotations.append((link.reference, box.link_annotation))
        link["K"].append(reference.reference)
    for child in box.children:
        for piece in child.children if isinstance(child, boxes.LineBox) else [child]:
            if isinstance(piece, boxes.TextBox):
                mark = marks.pop(piece)
                link["K"].append(mark["mcid"])
                nums[mark["mcid"]] = link.reference
            else:
                link["K"].extend(
                    element.reference
                    for element in tags._build_box_tree(
                        piece, link, pdf, page_number, nums, annotations, marks
                    )
                )


def install() -> None:
    """One annotation per link piece, one Link element per link and page, with texts."""
    weasyprint_pdf.add_links = _one_annotation_per_link(weasyprint_pdf.add_links)
    tags._build_box_tree = _link_elements_with_text(tags._build_box_tree)
