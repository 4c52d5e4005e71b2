"""`presskit bundle`: one zip per language and one with every language, manifest inside."""

from __future__ import annotations

import json
from pathlib import Path

from presskit.atomic import write_bytes_atomic
from presskit.build import MANIFEST
from presskit.config import Config
from presskit.errors import PresskitError
from presskit.packaging import deterministic_zip, pack_timestamp, slug, up_to_date_pack

BUNDLE_DIR = "bundles"


def write_bundles(config: Config, output: Path | None = None) -> list[Path]:
    out, entries, pack = up_to_date_pack(config, list(config.languages), output)
    when = pack_timestamp(pack)
    name = slug(config.name)
    groups = [
        (language, [e for e in entries if e["language"] == language])
        for language in config.languages
    ]
    groups.append(("all", entries))
    written = []
    for label, group in groups:
        ordered = sorted(group, key=lambda e: str(e["path"]))
        manifest = json.dumps({"documents": ordered}, indent=2, ensure_ascii=False) + "\n"
        members = [(MANIFEST, manifest.encode("utf-8"))]
        members += [(str(e["path"]), (out / str(e["path"])).read_bytes()) for e in ordered]
        path = out / BUNDLE_DIR / f"{name}-{label}.zip"
        try:
            write_bytes_atomic(path, deterministic_zip(members, when))
        except OSError as exc:
            raise PresskitError(f"cannot write {path}: {exc.strerror}") from None
        written.append(path)
    return written
