"""A URL fetcher that lets WeasyPrint read the pack's templates folder and nothing else."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher

from presskit.safefs import LIMITS


class BlockedResource(ValueError):
    """WeasyPrint skips a resource whose fetch raises ValueError, with a logged warning."""


class TemplatesOnlyFetcher(URLFetcher):
    """Allow ``data:`` URLs and files inside ``root``; no network, no other file."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.root = Path(root).resolve()
        self.blocked: list[str] = []

    def fetch(self, url: str, headers=None):  # type: ignore[no-untyped-def]
        if not self.allows(url):
            self.blocked.append(url)
            raise BlockedResource(f"blocked: {url}")
        return super().fetch(url, headers)

    def allows(self, url: str) -> bool:
        if url.startswith("data:"):
            return True
        if not url.lower().startswith("file:"):
            return False
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return False
        path = Path(url2pathname(unquote(parts.path))).resolve()
        # A regular file (not a FIFO or device) of bounded size inside the folder.
        return (
            path.is_relative_to(self.root)
            and path.is_file()
            and path.stat().st_size <= LIMITS["template"]
        )
