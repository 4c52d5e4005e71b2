"""Build a pack: plan the jobs, render every file in memory, then write them all at once.

Nothing is written until every requested file has rendered, so a failed build leaves
the output folder as it was; each file is replaced atomically and the manifest last.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from presskit.atomic import write_bytes_atomic
from presskit.config import Config
from presskit.content.loader import load_pack, printed_units
from presskit.content.model import Pack, Unit
from presskit.errors import CatalogError, PresskitError, UsageError, short
from presskit.fonts import require_fonts
from presskit.i18n.catalogs import LoadedCatalog, load_catalog
from presskit.inputs import InputHasher
from presskit.languages import LANGUAGES
from presskit.render.base import FORMATS
from presskit.workers import Job, Rendering, render_jobs

MANIFEST = "manifest.json"
LOCK = ".presskit.lock"


@dataclass
class BuildResult:
    files: list[Rendering] = field(default_factory=list)  # written by this build
    up_to_date: list[Job] = field(default_factory=list)  # skipped: inputs unchanged
    output_dir: Path | None = None


Progress = Callable[[int, int, Job], None]


def plan(
    config: Config,
    languages: Iterable[str] = (),
    documents: Iterable[str] = (),
    formats: Iterable[str] = (),
) -> list[Job]:
    """Every job the options ask for; unknown names are usage errors."""
    langs = list(dict.fromkeys(languages)) or list(config.languages)
    docs = list(dict.fromkeys(documents)) or list(config.documents)
    fmts = list(dict.fromkeys(formats)) or list(FORMATS)
    for lang in langs:
        if lang not in config.languages:
            known = "unknown language" if lang not in LANGUAGES else "language not in presskit.toml"
            raise UsageError(f"{known}: '{lang}' (configured: {', '.join(config.languages)})")
    for doc in docs:
        if doc not in config.documents:
            raise UsageError(
                f"unknown document '{doc}' (configured: {', '.join(config.documents)})"
            )
    for fmt in fmts:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    return [Job(d, lang, f) for lang in langs for d in docs for f in fmts]


def build(
    config: Config,
    jobs: list[Job],
    output_dir: Path | None = None,
    allow_incomplete: bool = False,
    progress: Progress | None = None,
    workers: int = 1,
    force: bool = False,
) -> BuildResult:
    """Render the stale ``jobs`` and write them into the output folder, all or nothing.

    A job is up to date when the manifest records the same input hash for it and its
    file still has the recorded bytes; ``force`` renders every job.
    """
    out = (output_dir or config.output_dir).resolve()
    hasher = InputHasher(config)
    inputs = {job: hasher.job(job.document, job.language, job.format) for job in jobs}
    recorded = {(e["document"], e["language"], e["format"]): e for e in read_manifest(out)}
    stale = [
        job
        for job in jobs
        if force or not _up_to_date(out, recorded.get(_key(job)), inputs[job], allow_incomplete)
    ]
    if not stale:
        return BuildResult([], jobs, out)

    require_fonts(list(dict.fromkeys(job.language for job in stale if job.format == "pdf")))
    pack = load_pack(config)
    catalogs = {
        lang: load_catalog(config, lang)
        for lang in dict.fromkeys(job.language for job in stale)
        if lang != config.source_language
    }
    if not allow_incomplete:
        for job in stale:
            if job.language in catalogs:
                check_complete(config, pack, catalogs[job.language], job.document)
    results = render_jobs(config, pack, catalogs, stale, workers, progress)
    write_outputs(out, results, inputs, allow_incomplete)
    return BuildResult(results, [job for job in jobs if job not in stale], out)


def _key(job: Job) -> tuple[str, str, str]:
    return (job.document, job.language, job.format)


def _up_to_date(
    out: Path, entry: dict[str, object] | None, inputs: str, allow_incomplete: bool
) -> bool:
    if entry is None or entry.get("inputs") != inputs:
        return False
    if entry.get("allow_incomplete") and not allow_incomplete:
        return False  # built with --allow-incomplete: the policy must be applied again
    try:
        data = (out / str(entry["path"])).read_bytes()
    except (OSError, KeyError):
        return False
    return hashlib.sha256(data).hexdigest() == entry.get("sha256")


def manifest_entry(item: Rendering, inputs: str, allow_incomplete: bool) -> dict[str, object]:
    entry: dict[str, object] = {
        "document": item.job.document,
        "language": item.job.language,
        "format": item.job.format,
        "path": item.path,
        "reference": item.reference,
        "title": item.title,
        "sha256": hashlib.sha256(item.rendered.data).hexdigest(),
        "bytes": len(item.rendered.data),
    }
    if item.rendered.pages is not None:
        entry["pages"] = item.rendered.pages
    entry["fallback_units"] = item.fallbacks
    # Gaps accepted only by --allow-incomplete are checked again by a build without it.
    entry["allow_incomplete"] = allow_incomplete and item.fallbacks > 0
    entry["inputs"] = inputs
    return entry


def missing_units(pack: Pack, catalog: LoadedCatalog, document: str) -> tuple[list[Unit], int]:
    """The units a document prints that the catalog does not translate, and how many it prints."""
    units = printed_units(pack, document)
    return [u for u in units if not catalog.is_translated(u)], len(units)


def check_complete(config: Config, pack: Pack, catalog: LoadedCatalog, document: str) -> None:
    missing, total = missing_units(pack, catalog, document)
    if not missing:
        return
    done = 100.0 * (total - len(missing)) / total
    if done >= config.threshold(document):
        return
    first = missing[0]
    more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
    raise CatalogError(
        f"'{document}' is {done:.0f}% translated into {catalog.language}, "
        f"below the {config.threshold(document):.0f}% required: untranslated "
        f"'{short(first.msgid)}' ({first.location}){more}; "
        "translate them or build with --allow-incomplete",
        catalog.where(first),
    )


def write_outputs(
    out: Path, files: list[Rendering], inputs: dict[Job, str], allow_incomplete: bool = False
) -> None:
    """Replace each file atomically, then the manifest, which keeps entries of files
    this build did not touch."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        # One build writes into a folder at a time; the lock is released on exit.
        with (out / LOCK).open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            _write_locked(out, files, inputs, allow_incomplete)
    except OSError as exc:
        raise PresskitError(f"cannot write the output folder {out}: {exc.strerror}") from None


def _write_locked(
    out: Path, files: list[Rendering], inputs: dict[Job, str], allow_incomplete: bool
) -> None:
    # Temporary files left by a build killed mid-write: under the lock no other build is
    # writing, and only the folders presskit writes are looked at.
    for folder in [out, *(out / code for code in LANGUAGES)]:
        if folder.is_dir():
            for stale in folder.glob(".*.tmp"):
                stale.unlink(missing_ok=True)
    for item in files:
        write_bytes_atomic(out / item.path, item.rendered.data)
    entries = {
        (e["document"], e["language"], e["format"]): e
        for e in read_manifest(out)
        if (out / str(e.get("path", ""))).is_file()
    }
    for item in files:
        job = item.job
        entry = manifest_entry(item, inputs[job], allow_incomplete)
        entries[(job.document, job.language, job.format)] = entry
    ordered = sorted(entries.values(), key=lambda e: (e["language"], e["document"], e["format"]))
    data = json.dumps({"documents": ordered}, indent=2, ensure_ascii=False) + "\n"
    write_bytes_atomic(out / MANIFEST, data.encode("utf-8"))


def _sane_entry(entry: dict[str, object]) -> bool:
    """An entry presskit could have written: its path stays inside the output folder."""
    path = entry.get("path")
    return (
        {"document", "language", "format"} <= entry.keys()
        and isinstance(path, str)
        and not Path(path).is_absolute()
        and ".." not in Path(path).parts
    )


def read_manifest(out: Path) -> list[dict[str, object]]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        documents = data.get("documents", [])
        return [d for d in documents if isinstance(d, dict) and _sane_entry(d)]
    except (OSError, ValueError, AttributeError):
        return []
