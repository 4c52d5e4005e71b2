"""What each output file depends on, as one hash: the basis of incremental builds."""

from __future__ import annotations

import functools
import hashlib
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from presskit import __version__, theme
from presskit.config import CONFIG_FILE, Config
from presskit.content.loader import FACTS_FILE, LABELS_FILE, NAMES_FILE
from presskit.errors import PresskitError
from presskit.fingerprint import rendering_fingerprint
from presskit.i18n.catalogs import catalog_path
from presskit.render.registry import FORMATS
from presskit.safefs import read_pack_file, regular_files
from presskit.theme import THEME_DIR


class InputHasher:
    """Hash a job's inputs, in two parts.

    ``settings``: what shapes a file besides its document's tree, the same for every
    document: the configuration, the logo, the templates the format uses (the PDF every
    template file of the pack and of the theme, the DOCX its reference document), the
    fonts and libraries, presskit's version. ``job``: those and every content file,
    the labels and the language's catalog, which a no-op build compares without
    loading the pack; when it differs, the build compares the settings and the digest
    of the document's tree instead (``presskit.doctree.digest``), so that an edit
    rebuilds only the documents whose trees it changes. Only files the configuration
    names are read (the configured folders are inside the pack, checked before this
    runs), each through the pack's bounded reader.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self._files: dict[Path, str] = {}
        self._fingerprints: dict[str, str] = {}
        content = [config.content_dir / f"{doc}.yaml" for doc in config.documents]
        content += [config.content_dir / f"{name}.yaml" for name in config.lists]
        content += [config.content_dir / FACTS_FILE, config.content_dir / NAMES_FILE]
        labels = [THEME_DIR / LABELS_FILE, config.templates_dir / LABELS_FILE]
        templates = [
            path
            for folder in theme.folders(config.templates_dir)
            for path in regular_files(folder, folder)
            if path != folder / theme.REFERENCE_DOC  # the DOCX's, not the page's
        ]
        self._common = self._combine(
            [config.root / CONFIG_FILE, *_logo_files(config)],
            f"presskit {__version__}",
            f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}",
        )
        self._content = self._combine([*content, *labels])
        self._templates = self._combine(templates)

    def job(self, document: str, language: str, fmt: str) -> str:
        """The hash of every file the job may read, content and catalog included."""
        parts = [self.settings(document, language, fmt), self._content]
        if language != self.config.source_language:
            parts.append(self._combine([catalog_path(self.config, language)]))
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def settings(self, document: str, language: str, fmt: str) -> str:
        """The hash of what the job's file depends on besides its document's tree."""
        parts = [self._common, f"{document}/{language}/{fmt}"]
        writer = FORMATS[fmt]
        parts += [_library(name) for name in writer.libraries]
        if writer.uses_templates:
            parts.append(self._templates)
        else:
            files = [theme.find(self.config.templates_dir, name) for name in writer.theme_files]
            parts.append(self._combine(files))
        if writer.needs_fonts:
            # Fonts and the text libraries change the pages drawn with them.
            if language not in self._fingerprints:
                edition = self.config.language(language)
                self._fingerprints[language] = rendering_fingerprint([edition])
            parts.append(self._fingerprints[language])
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def _combine(self, paths: list[Path], *extra: str) -> str:
        # Files are named as errors name them: where presskit is installed does not count.
        lines = [f"{theme.shown(p, self.config.root)} {self._file(p)}" for p in paths]
        return hashlib.sha256("\n".join([*lines, *extra]).encode()).hexdigest()

    def _file(self, path: Path) -> str:
        if path not in self._files:
            kind = "catalog" if path.suffix == ".po" else "content"
            root = THEME_DIR if theme.is_theme_file(path) else self.config.root
            try:
                data = read_pack_file(path, root, theme.shown(path, self.config.root), kind)
                self._files[path] = hashlib.sha256(data).hexdigest()
            except PresskitError:
                # Absent (a pack need not override the theme), or the build says why.
                self._files[path] = "absent" if not path.exists() else "unreadable"
        return self._files[path]


def _logo_files(config: Config) -> list[Path]:
    """The logo, and the PNG beside an SVG logo, which the DOCX shows."""
    logo = config.theme.logo
    return [] if logo is None else list(dict.fromkeys([logo, logo.with_suffix(".png")]))


@functools.cache  # reading a distribution's metadata is slow, and asked for every job
def _library(name: str) -> str:
    try:
        return f"{name} {version(name)}"
    except PackageNotFoundError:
        return f"{name} ?"
