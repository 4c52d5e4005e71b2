"""The default theme shipped with presskit, and how a pack's templates override it.

A pack's ``templates/`` folder is optional: a file there wins over the theme's file of
the same name (MkDocs' ``custom_dir`` rule), so a pack overrides only what it changes.
The theme is package data, read like a pack's own files: regular files inside its
folder, within the same size limits.
"""

from __future__ import annotations

from pathlib import Path

from presskit.errors import relative

THEME_DIR = Path(__file__).resolve().parent / "themes" / "default"
THEME_NAME = "presskit/themes/default"  # how errors and hashes name the theme's files
REFERENCE_DOC = "reference.docx"  # the DOCX writer's styles, page size and margins


def folders(templates_dir: Path) -> tuple[Path, Path]:
    """Where templates are looked up, in order: the pack's folder, then the theme's."""
    return (templates_dir, THEME_DIR)


def find(templates_dir: Path, name: str) -> Path:
    """The file ``name`` as a build sees it: the pack's when it has one, else the theme's.

    A pack file that exists in any form (even a link leading out, or a FIFO) is the one
    chosen, so that reading it is refused instead of silently falling back to the theme.
    """
    own = templates_dir / name
    if own.exists() or own.is_symlink():
        return own
    return THEME_DIR / name


def read_root(path: Path, templates_dir: Path) -> Path:
    """The folder a template file must stay inside when it is read."""
    return THEME_DIR if is_theme_file(path) else templates_dir


def is_theme_file(path: Path) -> bool:
    return Path(path).is_relative_to(THEME_DIR)


def shown(path: Path, pack_root: Path) -> str:
    """A template file as errors name it: relative to the pack, or inside the theme."""
    if is_theme_file(path):
        return f"{THEME_NAME}/{Path(path).relative_to(THEME_DIR).as_posix()}"
    return relative(path, pack_root)
