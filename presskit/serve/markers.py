"""Marks on the live preview: each unit printed in the source language, with the
catalog entry a translator has to fill in."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from presskit.content.model import Unit
from presskit.doctree import nodes
from presskit.errors import Location
from presskit.i18n.catalogs import LoadedCatalog
from presskit.render.html import HtmlBody

# What a translator is told to do about a unit the catalog does not have at all.
NOT_IN_CATALOG = "not in the catalog: run presskit i18n update"


@dataclass(frozen=True, slots=True)
class Gap:
    """A unit printed in the source language, and why."""

    unit: Unit
    state: str  # "untranslated" (empty msgstr), "fuzzy", or "missing" from the catalog
    where: Location  # the catalog, at the entry's line when it has the entry

    @property
    def label(self) -> str:
        """What the page says next to the unit: its state and where to translate it."""
        if self.state == "missing":
            return f"{NOT_IN_CATALOG} — {self.where}"
        return f"{self.state} — {self.where}"


def find_gap(catalog: LoadedCatalog, unit: Unit) -> Gap:
    """Why ``unit`` falls back to the source text in ``catalog``, and where its entry is
    (the line Babel read it at, as ``presskit check`` reports it)."""
    entry = catalog.entry(unit)
    if entry is None:
        state = "missing"
    elif entry.fuzzy:
        state = "fuzzy"
    else:
        state = "untranslated"
    return Gap(unit, state, catalog.where(unit))


class MarkedHtmlBody(HtmlBody):
    """The page's HTML with every unit in the source language outlined and labelled with
    its catalog entry: for the live preview only, never for a build or ``preview``."""

    def __init__(self, doc: nodes.Document, catalog: LoadedCatalog | None) -> None:
        super().__init__(doc)
        self.catalog = catalog
        self.marked: dict[Unit, str] = {}  # unit -> id of its first mark on the page

    def visit_InLanguage(self, node: nodes.InLanguage) -> Markup:
        inner = super().visit_InLanguage(node)
        if node.unit is None or self.catalog is None:
            return inner
        gap = find_gap(self.catalog, node.unit)
        anchor = ""
        if node.unit not in self.marked:
            self.marked[node.unit] = f"presskit-gap-{len(self.marked) + 1}"
            anchor = f' id="{self.marked[node.unit]}"'
        return Markup(
            f'<span class="presskit-gap presskit-{gap.state}"{anchor} '
            f'data-catalog="{escape(str(gap.where))}" data-state="{gap.state}">'
            f'<span class="presskit-gap-label" lang="en" dir="ltr">{escape(gap.label)}</span>'
            f"{inner}</span>"
        )
