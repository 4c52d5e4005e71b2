"""What WeasyPrint 70's tagged PDF leaves out, added (its version is pinned).

- /Lang on the structure elements of text in another language than the edition's:
  WeasyPrint tags the document's language in the catalog but drops the ``lang`` of
  elements inside it, so a screen reader would speak an English name in an Arabic
  edition with an Arabic voice.
- /ActualText on each run of text: WeasyPrint maps every shaped glyph to characters,
  which loses their order wherever shaping reorders or merges glyphs (Devanagari vowel
  signs, Thai and Khmer clusters, Arabic marks, Nastaliq's stepped baseline): copied
  text came out scrambled. The run's own text, in logical order, is what copy-paste and
  screen readers now get. A right-to-left run also carries, in an inner span, its text
  in the order it is drawn, for poppler (see ``_marked``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import stream as pdf_stream
from weasyprint.pdf import tags
from weasyprint.text.ffi import ffi

from presskit.render.pdf_running import in_running_content


def _tagging_languages(build_box_tree: Any) -> Any:
    def build(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        lang = None
        if element is not None and getattr(box, "element_tag", None) not in ("html", "body"):
            lang = element.get("lang")
        for structure in build_box_tree(box, parent, *args):
            # Only the element made for this box carries its language, not its children.
            made_here = structure.get("P") == getattr(parent, "reference", None)
            if lang and made_here and "Lang" not in structure:
                structure["Lang"] = pydyf.String(lang)
            yield structure

    return build


@contextmanager
def _marked(self: Any, box: Any, tag: str) -> Iterator[None]:
    """WeasyPrint's Stream.marked, with the text box's text as its ActualText; in running
    content (a pagination artifact) without an MCID, since it is not tagged."""
    opened = 0
    if self._tags is not None:
        properties = pydyf.Dictionary()
        if not in_running_content():
            mcid = len(self._tags)
            assert box not in self._tags
            self._tags[box] = {"tag": tag, "mcid": mcid}
            properties["MCID"] = mcid
        text_box = isinstance(box, boxes.TextBox) and bool(box.text)
        rtl = text_box and box.style["direction"] == "rtl"
        # Right to left, the glyphs' own mapping copies out right unless glyphs are
        # raised or lowered (Arabic marks, Nastaliq's stepped baseline) or numbers are
        # there (poppler reorders them): only then does a run carry its text, twice
        # (see below), which for every run cost Arabic files a tenth of their size.
        visual = _visual(box) if rtl else None
        if text_box and (visual or not rtl):
            properties["ActualText"] = TextString(_logical(box))
        if properties:
            pdf_stream.Stream.begin_marked_content(self, tag, properties)
            opened += 1
        # Poppler (pdftotext, Evince, Okular) spreads an ActualText over its glyphs
        # from left to right and then reverses right-to-left letters, as if it were
        # visual: it reads the innermost span, which gives it the text in the order
        # drawn. Readers that follow the standard take the outer, logical text.
        if visual:
            pdf_stream.Stream.begin_marked_content(
                self, "Span", pydyf.Dictionary({"ActualText": TextString(visual)})
            )
            opened += 1
    try:
        yield
    finally:
        for _ in range(opened):
            pdf_stream.Stream.end_marked_content(self)


class TextString(pydyf.Object):  # type: ignore[misc]
    """A text string written as a literal: its UTF-16 bytes, not their hexadecimal
    digits (pydyf's form), which made every run's ActualText four characters a letter
    and Arabic files a tenth larger."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    @property
    def data(self) -> bytes:
        try:
            raw = self.text.encode("ascii")
        except UnicodeEncodeError:
            raw = b"\xfe\xff" + self.text.encode("utf-16-be")
        # Escaped: the string's delimiters, its escape character and the line ends a
        # reader would otherwise normalise.
        escaped = re.sub(rb"[\\()\r\n]", lambda m: _ESCAPES[m.group(0)], raw)
        return b"(" + escaped + b")"


_ESCAPES = {b"\\": b"\\\\", b"(": b"\\(", b")": b"\\)", b"\r": b"\\r", b"\n": b"\\n"}


def _logical(box: Any) -> str:
    """A text box's characters; the hyphen a line break added becomes a soft hyphen
    (U+00AD), which the text never had, so that copying joins the word again."""
    text = box.text
    hyphen = box.style["hyphenate_character"]
    if hyphen and text.endswith(hyphen) and box.style["hyphens"] != "none":
        text = text[: -len(hyphen)] + "\u00ad"
    return text


def _visual(box: Any) -> str | None:
    """A line's characters in the order its glyphs are drawn (Pango's runs from left to
    right, each right-to-left run's characters reversed), when it holds digits or a
    raised or lowered glyph; None otherwise, when the glyphs copy out as they are."""
    layout = box.pango_layout
    layout.reactivate(box.style)  # WeasyPrint keeps no Pango layout between uses
    try:
        line, _ = layout.get_first_line()
        encoded = layout.text.encode()
        pieces = []
        shifted = False
        run = line.runs[0]
        while run != ffi.NULL:
            item = run.data.item
            text = encoded[item.offset : item.offset + item.length].decode()
            pieces.append(text[::-1] if item.analysis.level % 2 else text)
            glyphs = run.data.glyphs
            shifted = shifted or any(
                glyphs.glyphs[i].geometry.y_offset for i in range(glyphs.num_glyphs)
            )
            run = run.next
    finally:
        layout.deactivate()
    text = "".join(pieces)
    return text if shifted or any(c.isdigit() for c in text) else None


def install() -> None:
    """Make WeasyPrint's structure tree carry the language of every tagged element, and
    each run of text its characters in logical order."""
    tags._build_box_tree = _tagging_languages(tags._build_box_tree)
    pdf_stream.Stream.marked = _marked
