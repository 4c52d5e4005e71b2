"""The pack's logo ([theme] logo): an SVG or a PNG inside the pack, checked before use.

The PDF shows the file named; WeasyPrint reads it through the restricted fetcher like
any template asset (an SVG cannot pull in anything else). Word files cannot hold SVG,
so the DOCX shows a PNG: the logo itself, or the PNG of the same name beside an SVG.
"""

from __future__ import annotations

import struct
from pathlib import Path

from presskit.errors import ConfigError, Location, PresskitError, RenderError, relative
from presskit.safefs import read_pack_file

SUFFIXES = (".svg", ".png")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Far beyond a logo; a PNG claiming more is a mistake or a decompression bomb.
MAX_SIDE = 10_000


def read_logo(
    path: Path, root: Path, where: Location, error: type[PresskitError] = ConfigError
) -> bytes:
    """The bytes of a logo file, refused at ``where`` (its line in presskit.toml) when it
    is not a regular file inside the pack, too large, or not the image it claims to be."""
    shown = relative(path, root)
    try:
        data = read_pack_file(path, root, shown, "image")
    except PresskitError as exc:
        raise error(f"'logo' {exc.message}", where) from None
    problem = png_problem(data) if path.suffix.lower() == ".png" else svg_problem(data)
    if problem:
        raise error(f"'logo' {shown}: {problem}", where)
    return data


def png_problem(data: bytes) -> str | None:
    """Why ``data`` is not a PNG a logo can be, or None."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 24:
        return "is not a PNG image (no PNG signature)"
    width, height = struct.unpack(">II", data[16:24])
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        return f"is {width}x{height} pixels; a logo must be at most {MAX_SIDE} on each side"
    return None


def svg_problem(data: bytes) -> str | None:
    """Why ``data`` is not an SVG image, or None (WeasyPrint checks the rest)."""
    if b"<svg" not in data:
        return "is not an SVG image (no <svg> element)"
    return None


def docx_png(logo: Path, root: Path, where: Location) -> bytes:
    """The PNG a Word file shows for ``logo``: itself, or the PNG beside an SVG."""
    png = logo if logo.suffix.lower() == ".png" else logo.with_suffix(".png")
    if not png.exists() and not png.is_symlink():
        raise RenderError(
            f"'logo' {relative(logo, root)} is an SVG, which Word files cannot show: "
            f"put a PNG of it beside it as {relative(png, root)}",
            where,
        )
    return read_logo(png, root, where, RenderError)
