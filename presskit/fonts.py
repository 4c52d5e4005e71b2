"""Check that the faces an edition names resolve through fontconfig to themselves.

fontconfig silently substitutes a missing family (DejaVu for Arabic, boxes for Chinese),
so a missing font would otherwise show only in the printed pages.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from presskit.errors import PresskitError
from presskit.languages import LANGUAGES, LATIN_FONT


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


def required_faces(language: str) -> list[tuple[str, str]]:
    """(family, Debian package) pairs an edition in ``language`` uses."""
    lang = LANGUAGES[language]
    faces = [(LATIN_FONT, "fonts-noto-core")]
    if lang.font != LATIN_FONT:
        faces.append((lang.font, lang.font_package))
    return faces


def check_fonts(languages: list[str]) -> list[FontCheck]:
    """Each face the languages need, with what fontconfig has under that family and style."""
    if shutil.which("fc-list") is None:
        raise PresskitError(
            "fontconfig's fc-list is not installed: install the Debian package 'fontconfig'"
        )
    # One fc-list call (not one fc-match per face): this runs before every build.
    listing = subprocess.run(
        ["fc-list", ":", "family", "style"], capture_output=True, text=True, check=False
    ).stdout
    installed: set[tuple[str, str]] = set()
    for line in listing.splitlines():
        families, _, styles = line.partition(":style=")
        for family in families.split(","):
            for style in styles.split(","):
                installed.add((family.strip(), style.strip()))
    checks = []
    for language in languages:
        for family, package in required_faces(language):
            for style in ("Regular", "Bold"):
                found = (family, style) in installed
                resolved = f"{family}|{style}" if found else ""
                checks.append(FontCheck(language, family, style, package, resolved))
    return checks


def require_fonts(languages: list[str]) -> None:
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
