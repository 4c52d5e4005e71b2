"""`presskit bundle`: one zip per language and one with every language, manifest inside."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from presskit.build import MANIFEST
from presskit.config import Config
from presskit.packaging import (
    commit_files,
    deterministic_zip,
    slug,
    up_to_date_pack,
)
from presskit.reproducible import pack_timestamp

BUNDLE_DIR = "bundles"


def write_bundles(
    config: Config,
    languages: list[str] | None = None,
    output: Path | None = None,
    allow_incomplete: bool = False,
    warn: Callable[[str], None] | None = None,
) -> list[Path]:
    """One zip per language, and one of every language when all of them are bundled."""
    chosen = languages or list(config.languages)
    with up_to_date_pack(config, chosen, output, allow_incomplete, warn) as built:
        when = pack_timestamp(built.pack)
        name = slug(config.name)
        groups = [
            (language, [e for e in built.entries if e["language"] == language])
            for language in chosen
        ]
        if set(chosen) == set(config.languages):
            groups.append(("all", built.entries))
        files = []
        for label, group in groups:
            ordered = sorted(group, key=lambda e: str(e["path"]))
            manifest = json.dumps({"documents": ordered}, indent=2, ensure_ascii=False) + "\n"
            members = [(MANIFEST, manifest.encode("utf-8"))]
            members += [(str(e["path"]), built.read(e)) for e in ordered]
            files.append((f"{BUNDLE_DIR}/{name}-{label}.zip", deterministic_zip(members, when)))
        commit_files(built.folder, files)
        return [built.folder.path / file for file, _ in files]
