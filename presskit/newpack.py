"""`presskit new DIR`: a minimal pack to start from, written from presskit's skeleton.

The skeleton (``presskit/skeleton/``) is package data: a configuration with one
language and one document, a sample document holding one block of every kind, the
a facts file and a list with one mark, the extraction mapping and a
README for the press officer. It has no templates folder: the default theme is used.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from string import Template

from presskit.config import load_config
from presskit.errors import UsageError
from presskit.i18n.workflow import extract_to_template

SKELETON = Path(__file__).resolve().parent / "skeleton"
# Package data cannot hold dotfiles portably; they are written under their real names.
RENAMED = {"gitignore": ".gitignore"}


def new_pack(target: Path, today: dt.date | None = None) -> list[Path]:
    """Write a new pack into ``target`` (a new or empty folder); returns the files written.

    The sample document is dated ``today``; its reference carries the same year, as the
    content model requires.
    """
    if target.exists() or target.is_symlink():
        if not target.is_dir():
            raise UsageError(f"{target} exists and is not a folder")
        if any(target.iterdir()):
            raise UsageError(
                f"{target} exists and is not empty: presskit new writes only into a new "
                "or empty folder"
            )
    day = today or dt.date.today()
    written = []
    for source in sorted(SKELETON.rglob("*")):
        if not source.is_file():
            continue
        name = source.relative_to(SKELETON).as_posix()
        text = Template(source.read_text(encoding="utf-8")).safe_substitute(
            year=f"{day.year:04d}", date=day.isoformat()
        )
        path = target / RENAMED.get(name, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    # The translation template, so that a translator can start at once.
    config = load_config(target)
    template, _ = extract_to_template(config)
    return [*written, target / template.relative_to(config.root)]
