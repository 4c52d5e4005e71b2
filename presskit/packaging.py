"""What the e-mail drafts and bundles share: an up-to-date pack and deterministic zips."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from presskit.build import build, open_output, plan, read_manifest
from presskit.config import Config
from presskit.content.model import Pack
from presskit.outputs import OutputFolder, Transaction
from presskit.project import Project
from presskit.reproducible import zip_date_time
from presskit.safefs import read_output_file


@dataclass(frozen=True)
class BuiltPack:
    """A pack built up to date, its manifest entries and a way to read its files."""

    folder: OutputFolder  # held under its lock
    entries: list[dict[str, object]]
    project: Project

    @property
    def pack(self) -> Pack:
        return self.project.pack

    def read(self, entry: dict[str, object]) -> bytes:
        path = str(entry["path"])
        return read_output_file(self.folder.path / path, self.folder.path, path)


@contextmanager
def up_to_date_pack(
    config: Config,
    languages: list[str],
    output: Path | None,
    allow_incomplete: bool = False,
    warn: Callable[[str], None] | None = None,
) -> Iterator[BuiltPack]:
    """Build what is missing or stale for ``languages``, then hold the output folder's lock
    while the caller reads the files and commits what it derives from them. ``warn``
    receives the build's warnings."""
    jobs = plan(config, languages)
    result = build(
        config, jobs, output, allow_incomplete=allow_incomplete, workers=os.cpu_count() or 1
    )
    for warning in result.warnings if warn else ():
        warn(warning)
    with open_output(config, output) as folder:
        # Only what the pack configures now: the manifest may remember removed documents.
        wanted = {(job.document, job.language, job.format) for job in jobs}
        entries = [
            e
            for e in read_manifest(folder).entries
            if (e["document"], e["language"], e["format"]) in wanted
        ]
        yield BuiltPack(folder, entries, Project(config))


def commit_files(folder: OutputFolder, files: list[tuple[str, bytes]]) -> None:
    """Write derived files (drafts, zips) into the output folder, all or nothing."""
    with Transaction(folder) as transaction:
        for name, data in files:
            transaction.stage(name, data)
        transaction.commit()


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
            info.external_attr = (stat.S_IFREG | 0o644) << 16  # a regular file, rw-r--r--
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()
