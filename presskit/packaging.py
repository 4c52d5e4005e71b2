"""What the e-mail drafts and bundles share: an up-to-date pack and deterministic zips."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

from presskit.build import build, plan, read_manifest
from presskit.config import Config
from presskit.content.loader import load_pack
from presskit.content.model import Pack
from presskit.reproducible import build_timestamp, zip_date_time


def up_to_date_pack(
    config: Config, languages: list[str], output: Path | None
) -> tuple[Path, list[dict[str, object]], Pack]:
    """Build what is missing or stale for ``languages``; return the output folder, its
    manifest entries for those languages, and the pack."""
    jobs = plan(config, languages)
    result = build(config, jobs, output, workers=os.cpu_count() or 1)
    out = result.output_dir
    assert out is not None
    # Only what the pack configures now: the manifest may remember removed documents.
    wanted = {(job.document, job.language, job.format) for job in jobs}
    entries = [
        e for e in read_manifest(out) if (e["document"], e["language"], e["format"]) in wanted
    ]
    return out, entries, load_pack(config)


def pack_timestamp(pack: Pack) -> dt.datetime:
    """The date a pack's derived files carry: its newest document's, or SOURCE_DATE_EPOCH."""
    return build_timestamp(max(doc.date for doc in pack.documents.values()))


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "presskit"


def deterministic_zip(members: list[tuple[str, bytes]], when: dt.datetime) -> bytes:
    """A zip whose bytes depend only on its members and ``when``."""
    stamp = zip_date_time(when)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()
