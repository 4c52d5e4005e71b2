"""`presskit preview`: the HTML each PDF is typeset from, to open in a browser."""

from __future__ import annotations

import os
from pathlib import Path

from presskit import theme
from presskit.build import check_complete
from presskit.config import Config
from presskit.content.loader import LABELS_FILE
from presskit.errors import PresskitError
from presskit.outputs import OutputFolder, Transaction, output_folder
from presskit.project import Project
from presskit.render.html import TEMPLATE, render_html
from presskit.safefs import read_pack_file

PREVIEW_DIR = "preview"


def write_previews(
    config: Config,
    languages: list[str],
    documents: list[str],
    output: Path | None = None,
    allow_incomplete: bool = False,
) -> list[Path]:
    """Write ``<reference>-<document>-<lang>.html`` per edition, with the template assets
    beside them, into ``<output>/preview`` (or ``output``), all or nothing.

    The HTML is exactly what WeasyPrint receives; its relative links resolve against
    the copied template assets.
    """
    path = output_folder(config, output, sub=None if output else PREVIEW_DIR)
    project = Project(config)
    files: list[tuple[str, bytes]] = []
    for language in languages:
        catalog = project.catalog(language)
        for document in documents:
            if catalog is not None and not allow_incomplete:
                check_complete(config, project.pack, catalog, document)
            tree = project.tree(document, language)
            html = render_html(tree, config.templates_dir, config.root, config.theme)
            name = f"{tree.compact_reference}-{document}-{language}.html"
            files.append((name, html.encode("utf-8")))
    pages = [name for name, _ in files]
    files += template_assets(config)
    with OutputFolder(path, config.root) as folder, Transaction(folder) as transaction:
        for name, data in files:
            transaction.stage(name, data)
        transaction.commit()
    return [path / name for name in pages]


def template_assets(config: Config) -> list[tuple[str, bytes]]:
    """Every file of the templates folders a page may link to (stylesheets, images): the
    theme's, and the pack's, which win over the theme's of the same name.

    Read like any pack file: a link that leaves the pack is an error, never copied.
    """
    assets: dict[str, bytes] = {}
    for folder in reversed(theme.folders(config.templates_dir)):
        for source in _files(folder):
            name = source.relative_to(folder).as_posix()
            if name in (TEMPLATE, LABELS_FILE, theme.REFERENCE_DOC):
                continue
            shown = theme.shown(source, config.root)
            assets[name] = read_pack_file(source, folder, shown, "template", PresskitError)
    return sorted(assets.items())


def _files(folder: Path) -> list[Path]:
    """Every file below ``folder``, links included (reading them decides), sorted."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames.sort()
        found += [Path(dirpath) / filename for filename in sorted(filenames)]
    return found
