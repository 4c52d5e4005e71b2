"""A font's character map read through HarfBuzz: the characters it draws with real glyphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from presskit import fonts
from presskit.config import load_config
from presskit.font_cmap import mapped_code_points
from presskit.fonts import STYLES, faces_of, required_faces
from tests.conftest import REPO

LANGUAGES_PACK = REPO / "tests/roots/languages"


def faces_named_by_the_languages_pack() -> list[fonts.FontFace]:
    config = load_config(LANGUAGES_PACK)
    found = {
        face
        for code in config.languages
        for family, _package in required_faces(config.language(code))
        for style in STYLES
        for face in faces_of(family, style)
    }
    return sorted(found, key=lambda face: (face.path, face.face_number))


def read_with_fonttools(path: str, number: int) -> frozenset[int]:
    """The best cmap subtable's characters whose glyph is neither 0 nor past the last."""
    with TTFont(path, fontNumber=number, lazy=True) as font:
        order = font.getGlyphOrder()
        real = {name for gid, name in enumerate(order) if 0 < gid < font["maxp"].numGlyphs}
        return frozenset(code for code, name in font["cmap"].getBestCmap().items() if name in real)


def test_every_face_of_forty_languages_reads_as_fonttools_reads_it() -> None:
    faces = faces_named_by_the_languages_pack()
    assert len({face.path for face in faces}) >= 30  # 18 scripts, most in several styles
    differ = [
        (face.path, face.face_number)
        for face in faces
        if mapped_code_points(face.path, face.face_number)
        != read_with_fonttools(face.path, face.face_number)
    ]
    assert differ == []


@pytest.mark.parametrize("content", [b"", b"not a font at all"])
def test_a_file_that_is_no_font_maps_nothing(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.ttf"
    path.write_bytes(content)
    assert mapped_code_points(str(path), 0) == frozenset()


def test_a_missing_file_maps_nothing(tmp_path: Path) -> None:
    assert mapped_code_points(str(tmp_path / "gone.ttf"), 0) == frozenset()


def test_glyph_zero_does_not_count(tmp_path: Path) -> None:
    # A font written for this test: A maps to a glyph, B to glyph 0 (the box).
    path = tmp_path / "sample.ttf"
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({ord("A"): "A", ord("B"): ".notdef"})
    pen = TTGlyphPen(None)
    for x, y in [(0, 0), (500, 700), (500, 0)]:
        (pen.moveTo if (x, y) == (0, 0) else pen.lineTo)((x, y))
    pen.closePath()
    builder.setupGlyf({".notdef": pen.glyph(), "A": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (600, 0), "A": (600, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Sample", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))
    assert mapped_code_points(str(path), 0) == {ord("A")}
