"""Which characters the faces an edition names can draw, from their character maps.

Pango never fails on a missing glyph: it draws a box, or borrows the glyph from whatever
face fontconfig finds, so the gap shows only on the printed page. Reading each face's
cmap tells it before anything is rendered.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field

from presskit import font_cmap
from presskit.fonts import STYLES, FontFace, faces_of, required_faces
from presskit.languages import Language, language_of

# Characters that need no glyph of their own: spaces (HarfBuzz falls back to the
# font's space), control and format characters (joiners, bidi marks and isolates, soft
# hyphens), variation selectors and the combining grapheme joiner.
_NO_GLYPH_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_SELECTORS = ((0x034F, 0x034F), (0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F))
_SELECTORS += ((0xE0100, 0xE01EF),)
# Format characters that are printed all the same (Arabic number and end-of-ayah signs).
_PRINTED_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2")


def needs_glyph(char: str) -> bool:
    """Whether a character is drawn with a glyph of its own."""
    if char in _PRINTED_FORMAT:
        return True
    if unicodedata.category(char) in _NO_GLYPH_CATEGORIES:
        return False
    code = ord(char)
    return not any(low <= code <= high for low, high in _SELECTORS)


# Font files


_FILES: dict[tuple[str, int, int, int], frozenset[int]] = {}  # face and file state -> cover


def _code_points(face: FontFace) -> frozenset[int]:
    """The code points a face maps to a real glyph: its cmap, read once per process."""
    try:
        info = os.stat(face.path)
    except OSError:
        return frozenset()
    key = (face.path, face.face_number, info.st_size, info.st_mtime_ns)
    if key not in _FILES:
        _FILES[key] = font_cmap.mapped_code_points(face.path, face.face_number)
    return _FILES[key]


@dataclass(frozen=True, slots=True)
class Coverage:
    """What the faces an edition names can draw between them."""

    language: str
    families: tuple[str, ...]  # the installed ones, in the order the edition names them
    code_points: frozenset[int]
    _lacks: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def draws(self, char: str) -> bool:
        if ord(char) in self.code_points:
            return True
        # HarfBuzz draws a precomposed letter from its parts when the font has them.
        parts = unicodedata.normalize("NFD", char)
        return parts != char and all(ord(part) in self.code_points for part in parts)

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` that need a glyph and that no face has, once each."""
        # Composed first: HarfBuzz composes a letter and its accent when the font has both.
        chars = dict.fromkeys(text if text.isascii() else unicodedata.normalize("NFC", text))
        lacks = self._lacks  # the same few hundred characters recur in every unit
        for char in chars:
            if char not in lacks:
                lacks[char] = needs_glyph(char) and not self.draws(char)
        return [char for char in chars if lacks[char]]


def coverage(language: Language | str) -> Coverage | None:
    """The code points the faces of ``language`` draw, or None when none is installed.

    A character counts when some family has it in every style the edition sets (and in
    every file fontconfig lists for that style, since it may pick any of them). Missing
    faces are the font check's to report: text is not checked against nothing, nor
    without HarfBuzz to read the faces (WeasyPrint cannot typeset without it either).
    """
    if not font_cmap.available():
        return None
    families: list[str] = []
    union: set[int] = set()
    for family, _package in required_faces(language):
        styles = [faces_of(family, style) for style in STYLES]
        faces = list(dict.fromkeys(f for found in styles for f in found))
        if not faces:
            continue
        drawn = frozenset.intersection(*(_code_points(face) for face in faces))
        families.append(family)
        union |= drawn
    code = language_of(language).code
    return Coverage(code, tuple(families), frozenset(union)) if families else None


def name(char: str) -> str:
    """A character as findings name it: ``U+2695 STAFF OF AESCULAPIUS``."""
    category = unicodedata.category(char)
    fallback = {"Co": "<private use>", "Cn": "<unassigned>"}.get(category, "<unnamed>")
    return f"U+{ord(char):04X} {unicodedata.name(char, fallback)}"
