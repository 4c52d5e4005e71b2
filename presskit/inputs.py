"""What each output file depends on, as one hash: the basis of incremental builds."""

from __future__ import annotations

import hashlib
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from presskit import __version__
from presskit.config import CONFIG_FILE, Config
from presskit.i18n.catalogs import catalog_path

# Libraries whose version changes a format's bytes (Babel: dates, numbers, plural rules).
_RENDERERS = {
    "pdf": ("weasyprint", "pydyf", "tinycss2", "fonttools", "babel"),
    "docx": ("python-docx", "babel"),
}


class InputHasher:
    """Hash a job's inputs: configuration, content, templates it uses, its catalog, versions.

    Content files are all inputs of every job (a sentence can quote any figure or
    reference); the PDF depends on every template file, the DOCX only on the labels.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self._files: dict[Path, str] = {}
        content = sorted(config.content_dir.glob("*.yaml"))
        templates = sorted(p for p in config.templates_dir.rglob("*") if p.is_file())
        self._common = self._combine(
            [config.root / CONFIG_FILE, *content, config.templates_dir / "labels.yaml"],
            f"presskit {__version__}",
            f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}",
        )
        self._templates = self._combine(templates)

    def job(self, document: str, language: str, fmt: str) -> str:
        parts = [self._common, f"{document}/{language}/{fmt}"]
        parts += [_library(name) for name in _RENDERERS[fmt]]
        if fmt == "pdf":
            parts.append(self._templates)
        if language != self.config.source_language:
            parts.append(self._combine([catalog_path(self.config, language)]))
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def _combine(self, paths: list[Path], *extra: str) -> str:
        lines = [
            f"{p.relative_to(self.config.root) if p.is_relative_to(self.config.root) else p} "
            f"{self._file(p)}"
            for p in paths
        ]
        return hashlib.sha256("\n".join([*lines, *extra]).encode()).hexdigest()

    def _file(self, path: Path) -> str:
        if path not in self._files:
            try:
                self._files[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                self._files[path] = "missing"
        return self._files[path]


def _library(name: str) -> str:
    try:
        return f"{name} {version(name)}"
    except PackageNotFoundError:
        return f"{name} ?"
