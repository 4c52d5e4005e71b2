"""A unit's text as XLIFF 1.2 inline content, its placeholders and markup as protected codes.

A CAT tool shows a code as a tag the translator moves but cannot edit: a presskit
placeholder (``{name}``, ``{person:x}``) becomes ``<ph>``; the delimiters of
``*emphasis*``, ``**strong**`` and ``[label](url)`` become a ``<bpt>``/``<ept>`` pair
around the text they enclose, the URL inside the closing code. Each code holds the text
it stands for, so the pieces joined give back the string exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from presskit.doctree.inline import MARKUP

# Any placeholder presskit fills: a name, optionally with a qualifier after a colon.
PLACEHOLDER_CODE = re.compile(r"\{[a-z_][a-z0-9_]*(?::[^{}\s]+)?\}")


@dataclass(frozen=True, slots=True)
class Code:
    """One protected code: ``ph``, ``bpt`` or ``ept``, with the text it stands for."""

    kind: str
    id: str
    text: str
    ctype: str  # x-presskit-placeholder, bold, italic or link
    pair: str = ""  # what a bpt/ept pair marks: "strong", "emph" or "link:<url>"


Piece = str | Code


def _tokens(text: str) -> Iterator[tuple[str, str, str]]:
    """(kind, text, pair key) runs covering ``text``: "text", "ph", or "open"/"close"
    with the pair's key. Nesting follows the build's parser (doctree.inline)."""
    position = 0
    for match in MARKUP.finditer(text):
        yield from _placeholders(text[position : match.start()])
        if match.group("label") is not None:
            key, inner = "link:" + match.group("url"), match.group("label")
            opening, closing = "[", text[match.end("label") : match.end()]
        elif match.group("strong") is not None:
            key, inner, opening, closing = "strong", match.group("strong"), "**", "**"
        else:
            key, inner, opening, closing = "emph", match.group("emph"), "*", "*"
        yield "open", opening, key
        yield from _tokens(inner)
        yield "close", closing, key
        position = match.end()
    yield from _placeholders(text[position:])


def _placeholders(text: str) -> Iterator[tuple[str, str, str]]:
    position = 0
    for match in PLACEHOLDER_CODE.finditer(text):
        if match.start() > position:
            yield "text", text[position : match.start()], ""
        yield "ph", match.group(), ""
        position = match.end()
    if position < len(text):
        yield "text", text[position:], ""


_CTYPES = {"strong": "bold", "emph": "italic"}


def source_pieces(text: str) -> list[Piece]:
    """The source text with every placeholder and markup delimiter as a numbered code."""
    pieces: list[Piece] = []
    opened: list[str] = []
    number = 0
    for kind, run, key in _tokens(text):
        if kind == "text":
            pieces.append(run)
        elif kind == "ph":
            number += 1
            pieces.append(Code("ph", str(number), run, "x-presskit-placeholder"))
        elif kind == "open":
            number += 1
            opened.append(str(number))
            pieces.append(Code("bpt", str(number), run, _ctype(key), key))
        else:
            pieces.append(Code("ept", opened.pop(), run, _ctype(key), key))
    return pieces


def target_pieces(text: str, source: Sequence[Piece]) -> list[Piece]:
    """A translation with the codes its source has, numbered as in the source; a
    placeholder or markup the source lacks (or has fewer times) stays plain text, as
    the build prints it."""
    free_ph = [p for p in source if isinstance(p, Code) and p.kind == "ph"]
    free_pairs = [p for p in source if isinstance(p, Code) and p.kind == "bpt"]
    pieces: list[Piece] = []
    opened: list[Code | None] = []
    for kind, run, key in _tokens(text):
        code: Code | None = None
        if kind == "ph":
            code = next((p for p in free_ph if p.text == run), None)
            if code is not None:
                free_ph.remove(code)
        elif kind == "open":
            code = next((p for p in free_pairs if p.pair == key and p.text == run), None)
            if code is not None:
                free_pairs.remove(code)
            opened.append(code)
        elif kind == "close":
            start = opened.pop()
            code = None if start is None else Code("ept", start.id, run, start.ctype, key)
        pieces.append(run if code is None else code)
    return pieces


def _ctype(key: str) -> str:
    return "link" if key.startswith("link:") else _CTYPES[key]


def joined(pieces: Sequence[Piece]) -> str:
    """The string the pieces stand for."""
    return "".join(p if isinstance(p, str) else p.text for p in pieces)


def codes(pieces: Sequence[Piece]) -> list[Code]:
    return [p for p in pieces if isinstance(p, Code)]
