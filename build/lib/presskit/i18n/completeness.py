"""A catalog's completeness as `presskit check` reports it: what a build refuses is an
error, a gap the configured threshold accepts is a warning.

The test is the build's own (``check_complete`` and ``missing_units``), so that check
and build cannot disagree.
"""

from __future__ import annotations

from dataclasses import replace

from presskit.build import check_complete, missing_units
from presskit.config import Config
from presskit.content.model import Pack, Unit
from presskit.errors import CatalogError, short
from presskit.findings import WARNING, Finding, from_error
from presskit.i18n.catalogs import LoadedCatalog

Key = tuple[str | None, str]  # (msgctxt, msgid)


def completeness(
    config: Config, pack: Pack, loaded: LoadedCatalog
) -> tuple[list[Finding], set[Key]]:
    """Findings for every document, and the units whose gap a build refuses."""
    findings: list[Finding] = []
    refused: set[Key] = set()
    for document in config.documents:
        missing, total = missing_units(pack, loaded, document)
        try:
            check_complete(config, pack, loaded, document)
        except CatalogError as exc:
            findings.append(
                _located(
                    from_error(exc, "incomplete", loaded.where(missing[0])), loaded, missing[0]
                )
            )
            refused.update((u.context, u.msgid) for u in missing)
            continue
        if missing:
            first = missing[0]
            more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
            finding = Finding(
                loaded.where(first),
                WARNING,
                "incomplete",
                f"'{document}' prints untranslated '{short(first.msgid)}' ({first.location}){more} "
                f"in the source language: {total - len(missing)} of {total} units are "
                f"translated into {loaded.language}, within the "
                f"{config.threshold(document, loaded.language):.0f}% required",
            )
            findings.append(_located(finding, loaded, first))
    return findings, refused


def _located(finding: Finding, loaded: LoadedCatalog, unit: Unit) -> Finding:
    """A unit with no entry in the catalog is shown where the content has it."""
    if finding.location.line:
        return finding
    return replace(
        finding,
        location=unit.location,
        message=f"{loaded.shown} has no entry for this unit: {finding.message}",
    )
