"""`presskit preview`: the HTML each PDF is typeset from, to open in a browser."""

from __future__ import annotations

import shutil
from pathlib import Path

from presskit.atomic import write_bytes_atomic
from presskit.build import check_complete
from presskit.config import Config
from presskit.content.loader import LABELS_FILE, load_pack
from presskit.doctree.build import DocumentBuilder
from presskit.errors import PresskitError
from presskit.i18n.catalogs import load_catalog
from presskit.i18n.localize import Localizer
from presskit.languages import LANGUAGES
from presskit.render.html import TEMPLATE, render_html

PREVIEW_DIR = "preview"


def write_previews(
    config: Config, languages: list[str], documents: list[str], output: Path | None = None
) -> list[Path]:
    """Write the previews (see ``_write_previews``); a folder that cannot be written is
    reported as one line."""
    try:
        return _write_previews(config, languages, documents, output)
    except OSError as exc:
        raise PresskitError(f"cannot write the preview: {exc.strerror} ({exc.filename})") from None


def _write_previews(
    config: Config, languages: list[str], documents: list[str], output: Path | None = None
) -> list[Path]:
    """Write ``<document>-<lang>.html`` per edition, with the stylesheet beside them.

    The HTML is exactly what WeasyPrint receives; its relative links resolve against
    the copied template assets.
    """
    out = (output or config.output_dir / PREVIEW_DIR).resolve()
    pack = load_pack(config)
    written = []
    for language in languages:
        catalog = None if language == config.source_language else load_catalog(config, language)
        for document in documents:
            if catalog is not None:
                check_complete(config, pack, catalog, document)
            localizer = Localizer(LANGUAGES[language], catalog)
            tree = DocumentBuilder(pack, config.source_language, localizer).build(
                pack.documents[document]
            )
            html = render_html(tree, config.templates_dir, config.root)
            path = out / f"{tree.compact_reference}-{document}-{language}.html"
            write_bytes_atomic(path, html.encode("utf-8"))
            written.append(path)
    for asset in sorted(config.templates_dir.rglob("*")):
        if asset.is_file() and asset.name not in (TEMPLATE, LABELS_FILE):
            target = out / asset.relative_to(config.templates_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(asset, target)
    return written
