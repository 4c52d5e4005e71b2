"""The PDF writer: the HTML stage typeset by WeasyPrint."""

from __future__ import annotations

# Before anything imports WeasyPrint: it then finds its C libraries quicker.
from presskit.render.native_libraries import weasyprint  # isort: split

import logging
from pathlib import Path

from weasyprint.text.fonts import FontConfiguration

from presskit.config import Config
from presskit.doctree.nodes import Document
from presskit.errors import Location, RenderError, relative
from presskit.render import pdf_columns, pdf_links, pdf_running, pdf_structure, pdf_stylesheets
from presskit.render.base import Rendered
from presskit.render.fetcher import TemplatesOnlyFetcher
from presskit.render.page_balance import balanced
from presskit.render.pdf_options import PDF_OPTIONS
from presskit.theme import THEME_DIR

# What WeasyPrint 70 leaves out of PDF/UA-1, added as it writes (each wraps what the one
# before installed).
for _completion in (pdf_structure, pdf_running, pdf_links, pdf_columns):
    _completion.install()
# The linked stylesheet is parsed once per process, not once per document.
pdf_stylesheets.install()

_font_config: FontConfiguration | None = None


def font_configuration() -> FontConfiguration:
    """One fontconfig set-up per process: building it is the slow part of a first render."""
    global _font_config
    if _font_config is None:
        _font_config = FontConfiguration()
    return _font_config


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def write_pdf(
    html: str, templates_dir: Path, pack_root: Path, logo: Path | None = None
) -> Rendered:
    """Typeset ``html`` as PDF; resources resolve inside ``templates_dir`` (or the theme's
    folder behind it) only, and the logo file."""
    fetcher = TemplatesOnlyFetcher(templates_dir, THEME_DIR, [logo] if logo else [])
    collector = _WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        base_url = templates_dir.resolve().as_uri() + "/"

        def render(page: str) -> weasyprint.Document:
            return weasyprint.HTML(string=page, base_url=base_url, url_fetcher=fetcher).render(
                font_config=font_configuration()
            )

        document = balanced(render, html)
        data = document.write_pdf(**PDF_OPTIONS)
    finally:
        logger.removeHandler(collector)
    if fetcher.blocked:
        raise RenderError(
            f"the document asks for a resource outside the templates folder: {fetcher.blocked[0]}",
            Location(relative(templates_dir, pack_root)),
        )
    css_errors = [m for m in collector.messages if "Ignored" in m or "Invalid" in m]
    if css_errors:
        raise RenderError(
            f"stylesheet problem: {css_errors[0]}", Location(relative(templates_dir, pack_root))
        )
    # A logo or picture that cannot be drawn would silently be left out of the page.
    image_errors = [m for m in collector.messages if m.startswith("Failed to load image")]
    if image_errors:
        raise RenderError(
            f"image problem: {image_errors[0]}", Location(relative(templates_dir, pack_root))
        )
    return Rendered(data, pages=len(document.pages))


def render_pdf(config: Config, tree: Document) -> Rendered:
    """The registry's entry point: a document tree typeset as PDF."""
    from presskit.render.html import render_html

    html = render_html(tree, config.templates_dir, config.root, config.theme)
    return write_pdf(html, config.templates_dir, config.root, config.theme.logo)
