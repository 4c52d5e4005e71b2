"""What a PDF's pages depend on outside the pack: font files and the text libraries.

A font upgrade or a new Pango changes line breaks and glyphs without touching the pack;
folded into the build's input hash, this fingerprint makes such files stale. It runs on
every build, including one with nothing to do: one fc-list run, a few stat calls, no
WeasyPrint import.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import os
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version

from presskit.fonts import installed_faces, required_faces

# Python libraries that shape the files but are not pinned by presskit: hyphenation
# dictionaries and the HTML template engine (PDF), the XML library of python-docx (DOCX).
_PYTHON_LIBRARIES = ("pyphen", "Jinja2", "lxml")


@functools.cache
def native_version(library: str, function: str) -> str:
    """A C library's version string, read through ctypes ("?" when it cannot be loaded)."""
    try:
        reader = getattr(ctypes.CDLL(library), function)
    except (OSError, AttributeError):
        return "?"
    reader.restype = ctypes.c_char_p
    reader.argtypes = []
    value = reader()
    return value.decode("ascii", "replace") if value else "?"


def pango_version() -> str:
    return native_version("libpango-1.0.so.0", "pango_version_string")


def harfbuzz_version() -> str:
    return native_version("libharfbuzz.so.0", "hb_version_string")


def _distribution(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def rendering_fingerprint(languages: Iterable[str]) -> str:
    """sha256 over the font files the languages' faces come from and the text libraries.

    Each font file of every family the languages use (all its styles: italics are set
    too) counts by path, size, modification time and inode change time: the last moves
    whenever a file is rewritten, even when a copy restores the old modification time.
    A file that vanished counts as missing. Hashing the files themselves would read
    tens of megabytes on every build.
    """
    families = sorted({family for code in languages for family, _ in required_faces(code)})
    wanted = set(families)
    paths = sorted({face.path for face in installed_faces() if wanted & set(face.families)})
    lines = [f"family {family}" for family in families]
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            lines.append(f"font {path} missing")
            continue
        lines.append(f"font {path} {info.st_size} {info.st_mtime_ns} {info.st_ctime_ns}")
    lines.append(f"Pango {pango_version()}")
    lines.append(f"HarfBuzz {harfbuzz_version()}")
    lines += [f"{name} {_distribution(name)}" for name in _PYTHON_LIBRARIES]
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()
