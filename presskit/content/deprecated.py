"""Forms of the content files that still load but have a newer spelling.

A pack written in an older format keeps building; each old form gets one warning that
names the new form, and ``presskit check`` lists them with the other findings.
"""

from __future__ import annotations

from presskit.errors import Location
from presskit.findings import WARNING, Finding

CODE = "deprecated"


def deprecated(where: Location, old: str, new: str) -> Finding:
    return Finding(where, WARNING, CODE, f"{old} is deprecated: write {new} (see docs/content.md)")
