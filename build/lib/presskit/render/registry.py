"""Every output format presskit writes, and every fact about it, in one table.

The command line, the build plan, the input hash, the font check and the e-mail drafts
all read this table; adding a format means adding a writer module and one entry here.
Writers are imported only when a file is rendered, so that commands which render
nothing never load WeasyPrint or python-docx.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from presskit.config import Config
    from presskit.doctree.nodes import Document
    from presskit.render.base import Rendered


@dataclass(frozen=True, slots=True)
class Format:
    """One output format."""

    name: str  # as on the command line and in the manifest
    extension: str  # of the files written
    mime: tuple[str, str]  # (maintype, subtype) of an e-mail attachment
    libraries: tuple[str, ...]  # distributions whose version changes the bytes written
    uses_templates: bool  # typeset from every file of templates/ and of the theme
    # Otherwise, the template files it starts from (the pack's, else the theme's).
    theme_files: tuple[str, ...]
    needs_fonts: bool  # its pages are drawn with installed fonts: check them, hash them
    writer: str  # "module:function" taking (config, tree) and returning Rendered
    cost: float  # rough rendering time relative to the other formats, to order jobs

    def render(self, config: Config, tree: Document) -> Rendered:
        module, _, function = self.writer.partition(":")
        return getattr(importlib.import_module(module), function)(config, tree)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            name="pdf",
            extension="pdf",
            mime=("application", "pdf"),
            libraries=("weasyprint", "pydyf", "tinycss2", "fonttools", "babel"),
            uses_templates=True,
            theme_files=(),
            needs_fonts=True,
            writer="presskit.render.pdf:render_pdf",
            cost=5.0,
        ),
        Format(
            name="docx",
            extension="docx",
            mime=("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
            libraries=("python-docx", "lxml", "babel"),
            uses_templates=False,
            theme_files=("reference.docx",),
            needs_fonts=False,
            writer="presskit.render.docx:render_docx",
            cost=1.0,
        ),
    )
}
