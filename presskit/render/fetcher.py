"""A URL fetcher that lets WeasyPrint read the pack's templates (and the theme's behind
them) and nothing else."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from presskit.errors import PresskitError
from presskit.safefs import LIMITS, read_pack_file


class BlockedResource(ValueError):
    """WeasyPrint skips a resource whose fetch raises ValueError, with a logged warning."""


class TemplatesOnlyFetcher(URLFetcher):
    """Allow ``data:`` URLs, files inside ``root`` and single ``files``; nothing else.

    With a ``fallback`` folder (the theme), ``root`` is an overlay: a URL inside ``root``
    names the file of ``root`` when there is one, else the fallback's file of the same
    name, so a stylesheet the pack does not override comes from the theme. The response
    keeps the URL asked for, so that links inside a theme file resolve the same way.
    No network, no other file; files are read with the pack's limits.
    """

    def __init__(
        self, root: Path, fallback: Path | None = None, files: Iterable[Path] = ()
    ) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.root = Path(root).resolve()
        self.fallback = Path(fallback).resolve() if fallback else None
        self.files = {Path(f).resolve() for f in files}
        self.blocked: list[str] = []

    def fetch(self, url: str, headers=None):  # type: ignore[no-untyped-def]
        if url.startswith("data:"):
            return super().fetch(url, headers)
        found = self._resolve(url)
        if found is None:
            self.blocked.append(url)
            raise BlockedResource(f"blocked: {url}")
        path, folder, kind = found
        try:
            data = read_pack_file(path, folder, path.name, kind)
        except PresskitError as exc:  # changed since it was checked
            self.blocked.append(url)
            raise BlockedResource(f"blocked: {url}") from exc
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, data, {"Content-Type": mime})

    @property
    def scope(self) -> tuple[Path, Path | None, frozenset[Path]]:
        """What this fetcher lets through: two fetchers of the same scope answer a URL
        with the same file."""
        return self.root, self.fallback, frozenset(self.files)

    def allows(self, url: str) -> bool:
        return url.startswith("data:") or self._resolve(url) is not None

    def _resolve(self, url: str) -> tuple[Path, Path, str] | None:
        """The file a URL names, the folder it must stay in and its kind, or None."""
        if not url.lower().startswith("file:"):
            return None
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        asked = Path(url2pathname(unquote(parts.path))).resolve()
        if asked in self.files:
            return _bounded(asked, asked.parent, "image")
        if asked.is_relative_to(self.root):
            name = asked.relative_to(self.root)
            # The pack's file when it has one in any form (a link leading out is refused,
            # not replaced by the theme's), else the theme's.
            if self.fallback is None or _present(self.root / name):
                return _bounded(self.root / name, self.root, "template")
            return _bounded(self.fallback / name, self.fallback, "template")
        if self.fallback is not None and asked.is_relative_to(self.fallback):
            return _bounded(asked, self.fallback, "template")
        return None


def _present(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _bounded(path: Path, folder: Path, kind: str) -> tuple[Path, Path, str] | None:
    """``path`` if it is a regular file of bounded size inside ``folder`` (not a FIFO or
    device, not a link leading out)."""
    real = path.resolve()
    if real.is_relative_to(folder) and real.is_file() and real.stat().st_size <= LIMITS[kind]:
        return real, folder, kind
    return None
