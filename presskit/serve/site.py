"""The pages of the live preview, rendered from the pack as it is on disk: each kept
until a file of the pack changes. Nothing is ever written."""

from __future__ import annotations

import logging
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from presskit.config import CONFIG_FILE, Config, load_config
from presskit.content.model import Pack
from presskit.errors import Location, PresskitError, RenderError
from presskit.logo import read_logo
from presskit.preview import template_assets
from presskit.project import Project
from presskit.render.html import render_html
from presskit.serve import chrome
from presskit.serve.inert import inert
from presskit.serve.markers import MarkedHtmlBody, find_gap

LOGO_URL = "/_logo"
HTML = "text/html; charset=utf-8"
log = logging.getLogger("presskit.serve")


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    content_type: str
    body: bytes
    filename: str | None = None  # shown by the browser when the file is saved


class Site:
    """The pack's pages. ``reload`` after a change; ``stamp`` names the pack's state, so
    that an open page knows when it is out of date."""

    def __init__(self, config: Config) -> None:
        self.root = config.root
        self.config = config  # the last configuration that loaded
        self.error: PresskitError | None = None  # presskit.toml's, while it is broken
        self.nonce = secrets.token_urlsafe(16)  # only the preview's own script runs
        self._instance = secrets.token_hex(4)
        self._generation = 0
        self.lock = threading.RLock()  # renders one at a time: a Project is not shared
        self.changed = threading.Condition()
        self._reset()

    @property
    def stamp(self) -> str:
        return f"{self._instance}.{self._generation}"

    def reload(self, changed: list[Path] | None = None) -> None:
        """Forget every page: the pack's files changed (``changed``; None: any of them)."""
        with self.lock:
            pack = self._unchanged_pack(changed)
            if pack is None:
                try:
                    self.config, self.error = load_config(self.root), None
                except PresskitError as exc:
                    self.error = exc
            self._reset(pack)

    def _unchanged_pack(self, changed: list[Path] | None) -> Pack | None:
        """The loaded pack, when only catalogs changed: the translator's usual save,
        which then costs the catalog and the page, not the whole pack."""
        locales = self.config.locales_dir
        if self.error is not None or not changed:
            return None
        if not all(path.is_relative_to(locales) for path in changed):
            return None
        try:
            return self.project.pack
        except PresskitError:
            return None

    def publish(self, pages: list[tuple[str, str] | None]) -> None:
        """A new state of the pack: render the ``pages`` open in a browser (language and
        document; None for the index), then tell them."""
        with self.lock:
            with self.changed:
                self._generation += 1
            self._cache.clear()  # pages rendered since the reload carry the old stamp
            for page in pages:
                if page is None:
                    self.index()
                elif self.is_page(*page):
                    self.page(*page)
        self.notify()

    def notify(self) -> None:
        """Wake every open page's event stream."""
        with self.changed:
            self.changed.notify_all()

    def _reset(self, pack: Pack | None = None) -> None:
        self.project = Project(self.config, pack)
        self._cache: dict[tuple[str, ...], Response] = {}
        self._assets: dict[str, bytes] | None = None

    # Routing: names are looked up among the pack's own; no path comes from the URL.

    def is_page(self, language: str, document: str) -> bool:
        return language in self.config.languages and document in self.config.documents

    def place(self, language: str | None = None, document: str | None = None) -> chrome.Place:
        return chrome.Place(self.config.languages, self.config.documents, language, document)

    def page(self, language: str, document: str) -> Response:
        """The HTML WeasyPrint typesets, with the toolbar and the marks."""
        return self._cached(("page", language, document), self._page, language, document)

    def pdf(self, language: str, document: str) -> Response:
        """The PDF of the page, rendered in memory, gaps in the source language."""
        return self._cached(("pdf", language, document), self._pdf, language, document)

    def index(self) -> Response:
        return self._cached(("index",), self._index)

    def asset(self, name: str) -> Response | None:
        """A file of the templates folders a page may link to (as ``preview`` copies
        them), read with the pack's rules."""
        with self.lock:
            if self._assets is None:
                try:
                    self._assets = dict(template_assets(self.config))
                except PresskitError as exc:
                    return Response(500, "text/plain; charset=utf-8", str(exc).encode())
            data = self._assets.get(name)
        if data is None:
            return None
        return Response(200, _mime(name), data)

    def logo(self) -> Response | None:
        theme = self.config.theme
        if theme.logo is None:
            return None
        try:
            data = read_logo(
                theme.logo, self.root, theme.logo_at or Location(CONFIG_FILE), RenderError
            )
        except PresskitError as exc:
            return Response(500, "text/plain; charset=utf-8", str(exc).encode())
        return Response(200, _mime(theme.logo.name), data)

    def _cached(self, key: tuple[str, ...], make, *args: str) -> Response:  # type: ignore[no-untyped-def]
        with self.lock:
            if key not in self._cache:
                self._cache[key] = self._safely(make, *args)
            return self._cache[key]

    def _safely(self, make, *args: str) -> Response:  # type: ignore[no-untyped-def]
        """A pack error is shown on the page, as presskit prints it; the server goes on."""
        place = self.place(*args)
        try:
            if self.error is not None:
                raise self.error
            return make(*args)
        except PresskitError as exc:
            message = exc.format_message()
        except Exception as exc:  # a bug: say so on the page, keep serving
            log.exception("internal error")
            message = f"internal error: {type(exc).__name__}: {exc} (please report it)"
        log.error("%s", message)
        events = _events_url(*args)
        page = chrome.error_page(message, place, self._head(events))
        return Response(500, HTML, page.encode("utf-8"))

    def _head(self, events: str) -> Markup:
        return chrome.head(self.stamp, events, self.nonce)

    def _page(self, language: str, document: str) -> Response:
        project = self.project
        config = self.config
        tree = project.tree(document, language)
        catalog = project.catalog(language)
        body = MarkedHtmlBody(tree, catalog)
        html = render_html(
            tree, config.templates_dir, config.root, config.theme, body=body, logo_url=LOGO_URL
        )
        gaps = None
        if catalog is not None:
            gaps = [find_gap(catalog, unit) for unit in project.fallbacks(document, language)]
        bar = chrome.toolbar(self.place(language, document), gaps, body.marked)
        page = chrome.inject(inert(html), self._head(_events_url(language, document)), bar)
        return Response(200, HTML, page.encode("utf-8"))

    def _pdf(self, language: str, document: str) -> Response:
        from presskit.render.pdf import render_pdf  # WeasyPrint: loaded once a PDF is asked for

        tree = self.project.tree(document, language)
        rendered = render_pdf(self.config, tree)
        name = f"{tree.compact_reference}-{document}-{language}.pdf"
        return Response(200, "application/pdf", rendered.data, filename=name)

    def _index(self) -> Response:
        project, config = self.project, self.config
        rows = []
        for document in config.documents:
            title = project.tree(document, config.source_language).title
            gaps = tuple(
                (
                    language,
                    None
                    if project.catalog(language) is None
                    else len(project.fallbacks(document, language)),
                )
                for language in config.languages
            )
            rows.append(chrome.IndexRow(document, title, gaps))
        page = chrome.index_page(config.name, rows, self.place(), self._head(_events_url()))
        return Response(200, HTML, page.encode("utf-8"))


def _events_url(language: str | None = None, document: str | None = None) -> str:
    return f"/_events/{language}/{document}" if language and document else "/_events"


_MIMES = {
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
}


def _mime(name: str) -> str:
    """Only the types a page shows; anything else is sent as bytes to save, never run."""
    return _MIMES.get(Path(name).suffix.lower(), "application/octet-stream")
