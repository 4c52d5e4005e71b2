"""One pack, loaded once: its content, its catalogs and the trees built from them.

Build, preview and e-mail all ask this object for a document's tree in a language, so
that each reads the pack and each catalog once and builds each tree once.
"""

from __future__ import annotations

from functools import cached_property

from presskit.config import Config
from presskit.content.loader import load_pack
from presskit.content.model import Pack, Unit
from presskit.content.units import plural_counts
from presskit.doctree.build import DocumentBuilder
from presskit.doctree.nodes import Document
from presskit.i18n.catalogs import LoadedCatalog, load_catalog
from presskit.i18n.localize import Localizer


class Project:
    """A pack's configuration with its content, catalogs and trees, each made on demand."""

    def __init__(self, config: Config, pack: Pack | None = None) -> None:
        self.config = config
        if pack is not None:  # loaded already, and its files unchanged since
            self.pack = pack
        self._catalogs: dict[str, LoadedCatalog | None] = {}
        self._trees: dict[tuple[str, str], Document] = {}
        self._fallbacks: dict[tuple[str, str], list[Unit]] = {}

    @cached_property
    def pack(self) -> Pack:
        return load_pack(self.config)

    def catalog(self, language: str) -> LoadedCatalog | None:
        """The language's catalog; None for the source language, which has none."""
        if language not in self._catalogs:
            self._catalogs[language] = (
                None
                if language == self.config.source_language
                # Checked against every count the pack prints, beyond the million too.
                else load_catalog(self.config, language, plural_counts(self.pack))
            )
        return self._catalogs[language]

    def catalogs(self, languages: list[str]) -> dict[str, LoadedCatalog]:
        """The catalogs of the translated languages among ``languages``."""
        found = {code: self.catalog(code) for code in dict.fromkeys(languages)}
        return {code: catalog for code, catalog in found.items() if catalog is not None}

    def tree(self, document: str, language: str) -> Document:
        """The localized tree of one document in one language."""
        key = (document, language)
        if key not in self._trees:
            localizer = Localizer(self.config.language(language), self.catalog(language))
            source = self.config.language(self.config.source_language)
            builder = DocumentBuilder(self.pack, source, localizer, self.config.editions)
            self._trees[key] = builder.build(self.pack.documents[document])
            self._fallbacks[key] = list(dict.fromkeys(localizer.fallbacks))
        return self._trees[key]

    def fallbacks(self, document: str, language: str) -> list[Unit]:
        """The units of a document printed in the source language, once each, in order:
        missing, empty or fuzzy in the language's catalog."""
        self.tree(document, language)
        return self._fallbacks[(document, language)]
