"""`presskit doctor`: what the rendering stack is, and whether every edition's fonts are there."""

from __future__ import annotations

from presskit import __version__
from presskit.fingerprint import harfbuzz_version, pango_version
from presskit.fonts import check_fonts


def library_versions() -> dict[str, str]:
    """Versions of the libraries that decide how pages look."""
    # Imported as the PDF writer imports it: its C libraries found the same quick way.
    from presskit.render.native_libraries import weasyprint

    wffi = weasyprint.text.ffi

    harfbuzz = harfbuzz_version()
    versions = {
        "presskit": __version__,
        "WeasyPrint": weasyprint.__version__,
        "Pango": pango_version(),
        "HarfBuzz": "not found" if harfbuzz == "?" else harfbuzz,
    }
    # Without libharfbuzz-subset WeasyPrint falls back to fontTools: a Chinese PDF then
    # takes over 10 s and differs from run to run.
    versions["HarfBuzz subsetting"] = (
        "yes (libharfbuzz-subset)" if wffi.harfbuzz_subset else "NO: install libharfbuzz-subset0"
    )
    return versions


def report(languages: list[str]) -> tuple[list[str], bool]:
    """Lines to print, and whether everything is in order."""
    versions = library_versions()
    lines = [f"{name}: {value}" for name, value in versions.items()]
    healthy = versions["HarfBuzz subsetting"].startswith("yes")
    lines.append("fonts:")
    for check in check_fonts(languages):
        state = "ok" if check.ok else f"MISSING (install {check.package})"
        lines.append(f"  {check.language}  {check.family} {check.style}: {state}")
        healthy = healthy and check.ok
    return lines, healthy
