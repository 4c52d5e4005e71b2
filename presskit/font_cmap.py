"""The characters a font file maps to glyphs, as HarfBuzz reads its character map.

HarfBuzz is what shapes the text WeasyPrint typesets, so its reading is the one that
counts: it picks the same subtable (Unicode full repertoire first, then BMP) and leaves
out characters mapped to glyph 0, the box, or to glyphs the font does not have. It reads
a CJK face in milliseconds where decoding the table in Python took a tenth of a second.
"""

from __future__ import annotations

import ctypes
import functools

_VOID = ctypes.c_void_p
_UINT = ctypes.c_uint
_CODE_POINT = ctypes.c_uint32
_NO_VALUE = 0xFFFFFFFF  # HB_SET_VALUE_INVALID: start before the first element

# name: (result type, argument types); hb_set_next_many needs HarfBuzz 4.2.
_FUNCTIONS = {
    "hb_blob_create_from_file_or_fail": (_VOID, [ctypes.c_char_p]),
    "hb_blob_destroy": (None, [_VOID]),
    "hb_face_create": (_VOID, [_VOID, _UINT]),
    "hb_face_destroy": (None, [_VOID]),
    "hb_face_collect_unicodes": (None, [_VOID, _VOID]),
    "hb_set_create": (_VOID, []),
    "hb_set_destroy": (None, [_VOID]),
    "hb_set_get_population": (_UINT, [_VOID]),
    "hb_set_next_many": (_UINT, [_VOID, _CODE_POINT, ctypes.POINTER(_CODE_POINT), _UINT]),
}


@functools.cache
def _harfbuzz() -> ctypes.CDLL | None:
    try:
        library = ctypes.CDLL("libharfbuzz.so.0")
        for name, (result, arguments) in _FUNCTIONS.items():
            function = getattr(library, name)
            function.restype, function.argtypes = result, arguments
    except (OSError, AttributeError):
        return None
    return library


def available() -> bool:
    """Whether HarfBuzz (4.2 or later) is installed to read character maps with."""
    return _harfbuzz() is not None


def mapped_code_points(path: str, number: int) -> frozenset[int]:
    """The code points face ``number`` of the font file maps to a real glyph; nothing for
    a file HarfBuzz cannot read."""
    hb = _harfbuzz()
    if hb is None:
        return frozenset()
    blob = hb.hb_blob_create_from_file_or_fail(path.encode())
    if not blob:
        return frozenset()
    face = hb.hb_face_create(blob, number)
    found = hb.hb_set_create()
    try:
        hb.hb_face_collect_unicodes(face, found)
        size = hb.hb_set_get_population(found)
        codes = (_CODE_POINT * size)()
        copied = hb.hb_set_next_many(found, _NO_VALUE, codes, size)
        return frozenset(codes[:copied])
    finally:
        hb.hb_set_destroy(found)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)
