"""The font faces fontconfig offers, and whether the faces an edition names are among them.

fontconfig silently substitutes a missing family (DejaVu for Arabic, boxes for Chinese),
so a missing font would otherwise show only in the printed pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

from presskit.errors import PresskitError
from presskit.languages import LATIN, Language, language_of

STYLES = ("Regular", "Bold")  # the weights every edition sets text in


@dataclass(frozen=True, slots=True)
class FontFace:
    """One face fontconfig lists: a file, the face's index in it, its names."""

    path: str
    index: int  # face in a collection (low 16 bits); named instance of a variable font above
    families: tuple[str, ...]
    styles: tuple[str, ...]

    @property
    def face_number(self) -> int:
        """The face's position in a TrueType/OpenType collection (0 for a single font)."""
        return self.index & 0xFFFF


@dataclass(frozen=True, slots=True)
class FontCheck:
    language: str
    family: str
    style: str  # "Regular" or "Bold"
    package: str  # Debian package that provides it
    resolved: str  # "family|style" when fontconfig lists the face, else ""

    @property
    def ok(self) -> bool:
        family, _, style = self.resolved.partition("|")
        return family.split(",")[0].strip() == self.family and self.style in style


def required_faces(language: Language | str) -> list[tuple[str, str]]:
    """(family, Debian package) pairs an edition uses: the Latin face of names and
    references, and its script's text and heading faces."""
    script = language_of(language).script
    faces = [(LATIN.font, LATIN.package), (script.font, script.package)]
    faces.append((script.heading_font, script.package))
    return list(dict.fromkeys(faces))


# What steers fontconfig's answer: a listing is reused only under the same settings.
_FONTCONFIG_ENV = (
    "FONTCONFIG_FILE",
    "FONTCONFIG_PATH",
    "FONTCONFIG_SYSROOT",
    "HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
)
_LISTINGS: dict[tuple[str | None, ...], tuple[FontFace, ...]] = {}
_FORMAT = "%{file}\t%{index}\t%{family}\t%{style}\n"


def installed_faces() -> tuple[FontFace, ...]:
    """Every face fontconfig lists, from one fc-list run per process.

    The font check, the glyph check and the rendering fingerprint all read this one
    listing: fc-list runs before every build, even one that has nothing to do.
    """
    key = tuple(os.environ.get(name) for name in _FONTCONFIG_ENV)
    if key not in _LISTINGS:
        _LISTINGS[key] = tuple(_parse(_fc_list()))
    return _LISTINGS[key]


def _fc_list() -> str:
    if shutil.which("fc-list") is None:
        raise PresskitError(
            "fontconfig's fc-list is not installed: install the Debian package 'fontconfig'"
        )
    return subprocess.run(
        ["fc-list", "--format", _FORMAT],
        capture_output=True,
        check=False,
        encoding="utf-8",
        errors="surrogateescape",  # file names are bytes: keep them usable by os.stat
    ).stdout


def _parse(listing: str) -> list[FontFace]:
    faces = []
    for line in listing.splitlines():
        fields = line.split("\t")
        if len(fields) != 4 or not fields[1].isdigit():
            continue  # a file name with a tab or newline: not a face presskit names
        path, index, families, styles = fields
        faces.append(
            FontFace(
                path,
                int(index),
                tuple(name.strip() for name in families.split(",")),
                tuple(name.strip() for name in styles.split(",")),
            )
        )
    return faces


def faces_of(family: str, style: str | None = None) -> list[FontFace]:
    """The listed faces of a family (in one style, when given)."""
    return [
        face
        for face in installed_faces()
        if family in face.families and (style is None or style in face.styles)
    ]


def check_fonts(languages: list[Language] | list[str]) -> list[FontCheck]:
    """Each face the languages need, with what fontconfig has under that family and style."""
    installed = {
        (family, style)
        for face in installed_faces()
        for family in face.families
        for style in face.styles
    }
    checks = []
    for language in map(language_of, languages):
        for family, package in required_faces(language):
            for style in STYLES:
                found = (family, style) in installed
                resolved = f"{family}|{style}" if found else ""
                checks.append(FontCheck(language.code, family, style, package, resolved))
    return checks


def require_fonts(languages: list[Language] | list[str]) -> None:
    """Stop before rendering when a face is missing, naming the package to install."""
    missing = [c for c in check_fonts(languages) if not c.ok]
    if missing:
        first = missing[0]
        packages = sorted({c.package for c in missing})
        raise PresskitError(
            f"font '{first.family}' ({first.style}) needed for '{first.language}' is not "
            f"installed: install the Debian "
            f"package{'s' if len(packages) > 1 else ''} {', '.join(packages)}"
        )
