"""Build a pack: plan the jobs, render every file in memory, then write them all at once.

Nothing is written until every requested file has rendered, and the files are then
committed together (``presskit.outputs``), so a failed build leaves the output folder
as it was.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from presskit.config import Config
from presskit.content.model import Pack, Unit
from presskit.content.units import name_languages, printed_units
from presskit.doctree.digest import tree_digest
from presskit.errors import CatalogError, PresskitError, UsageError, short
from presskit.fonts import require_fonts
from presskit.glyph_check import glyph_warnings
from presskit.i18n.catalogs import LoadedCatalog
from presskit.inputs import InputHasher
from presskit.outputs import OutputFolder, Transaction, output_folder
from presskit.project import Project
from presskit.render.registry import FORMATS
from presskit.safefs import read_output_file
from presskit.workers import Job, Rendering, render_jobs

MANIFEST = "manifest.json"
# Folders of the output that may hold presskit's temporary files of a killed command.
SIDE_FOLDERS = ("email", "bundles", "preview", "xliff")


@dataclass
class BuildResult:
    files: list[Rendering] = field(default_factory=list)  # written by this build
    up_to_date: list[Job] = field(default_factory=list)  # skipped: inputs unchanged
    output_dir: Path | None = None
    warnings: list[str] = field(default_factory=list)  # repaired or ignored on the way


def open_output(config: Config, output: Path | None = None) -> OutputFolder:
    """The build's output folder, checked; use it in a ``with`` block to hold its lock."""
    path = output_folder(config, output)
    return OutputFolder(path, config.root, (*config.languages, *SIDE_FOLDERS))


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
            raise UsageError(
                f"language not in presskit.toml: '{lang}' (configured: "
                f"{', '.join(config.languages)})"
            )
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
    with open_output(config, output_dir) as folder:
        out = folder.path
        hasher = InputHasher(config)
        inputs = {job: hasher.job(job.document, job.language, job.format) for job in jobs}
        manifest = read_manifest(folder)
        warnings = folder.warnings + manifest.warnings
        recorded = {(e["document"], e["language"], e["format"]): e for e in manifest.entries}
        # A file whose every input file is unchanged is up to date without loading the pack.
        changed = [
            job
            for job in jobs
            if force
            or not _up_to_date(folder, recorded.get(_key(job)), inputs[job], allow_incomplete)
        ]
        if not changed:
            return BuildResult([], jobs, out, warnings)

        project = Project(config)
        pack = project.pack
        # Else it is up to date when its settings and its document's tree are unchanged.
        # A forced build need not ask: the workers build and digest the trees, in parallel.
        keys = {} if force else {job: _inputs(hasher, project, job) for job in changed}
        stale = [
            job
            for job in changed
            if force or not _same_tree(folder, recorded.get(_key(job)), keys[job], allow_incomplete)
        ]
        for job in changed:
            if job not in stale:  # recorded with the new hash: the next build skips it early
                recorded[_key(job)] = {**recorded[_key(job)], "inputs": inputs[job]}
        if not stale:
            write_outputs(folder, [], inputs, list(recorded.values()), allow_incomplete, keys)
            return BuildResult([], jobs, out, warnings)

        typeset = dict.fromkeys(j.language for j in stale if FORMATS[j.format].needs_fonts)
        if typeset:  # the editions' faces, and those of names written in other scripts
            names = [config.editions.get(code) or code for code in name_languages(pack)]
            require_fonts([*(config.language(code) for code in typeset), *names])
        catalogs = project.catalogs([job.language for job in stale])
        if not allow_incomplete:
            for job in stale:
                if job.language in catalogs:
                    check_complete(config, pack, catalogs[job.language], job.document)
        languages = list(dict.fromkeys(job.language for job in stale))
        warnings += [str(finding) for finding in pack.warnings]  # deprecated forms
        # A character no chosen face can draw would print as a box or in a fallback face.
        warnings += glyph_warnings(pack, catalogs, [config.language(c) for c in languages])
        # A forced build's settings, read before rendering, as the files are when used.
        settings = {
            job: hasher.settings(job.document, job.language, job.format)
            for job in stale
            if job not in keys
        }
        results = render_jobs(project, stale, workers, progress)
        for item in results:
            if item.job in settings:
                keys[item.job] = TreeInputs(settings[item.job], item.tree_digest)
        write_outputs(folder, results, inputs, list(recorded.values()), allow_incomplete, keys)
        return BuildResult(results, [job for job in jobs if job not in stale], out, warnings)


@dataclass(frozen=True)
class TreeInputs:
    """What a job's file depends on once its tree is built: its settings and its tree."""

    settings: str
    tree: str


def _inputs(hasher: InputHasher, project: Project, job: Job) -> TreeInputs:
    return TreeInputs(
        hasher.settings(job.document, job.language, job.format),
        tree_digest(project.tree(job.document, job.language)),
    )


def _key(job: Job) -> tuple[str, str, str]:
    return (job.document, job.language, job.format)


def _up_to_date(
    folder: OutputFolder, entry: dict[str, object] | None, inputs: str, allow_incomplete: bool
) -> bool:
    if entry is None or entry.get("inputs") != inputs:
        return False
    return _intact(folder, entry, allow_incomplete)


def _same_tree(
    folder: OutputFolder,
    entry: dict[str, object] | None,
    inputs: TreeInputs,
    allow_incomplete: bool,
) -> bool:
    if (
        entry is None
        or entry.get("settings") != inputs.settings
        or entry.get("tree") != inputs.tree
    ):
        return False
    return _intact(folder, entry, allow_incomplete)


def _intact(folder: OutputFolder, entry: dict[str, object], allow_incomplete: bool) -> bool:
    """Whether the recorded file is still there as written, built under this policy."""
    if entry.get("allow_incomplete") and not allow_incomplete:
        return False  # built with --allow-incomplete: the policy must be applied again
    try:
        data = read_output_file(folder.path / str(entry["path"]), folder.path, str(entry["path"]))
    except PresskitError:
        return False
    return hashlib.sha256(data).hexdigest() == entry.get("sha256")


def manifest_entry(
    item: Rendering, inputs: str, keys: TreeInputs, allow_incomplete: bool
) -> dict[str, object]:
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
    entry["settings"] = keys.settings
    entry["tree"] = keys.tree
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
    required = config.threshold(document, catalog.language)
    if done >= required:
        return
    first = missing[0]
    more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
    raise CatalogError(
        f"'{document}' is {done:.0f}% translated into {catalog.language}, "
        f"below the {required:.0f}% required: untranslated "
        f"'{short(first.msgid)}' ({first.location}){more}; "
        "translate them or build with --allow-incomplete",
        catalog.where(first),
    )


def write_outputs(
    folder: OutputFolder,
    files: list[Rendering],
    inputs: dict[Job, str],
    recorded: list[dict[str, object]],
    allow_incomplete: bool,
    keys: dict[Job, TreeInputs],
) -> None:
    """Commit the new files and the manifest, which keeps the entries of files this
    build did not touch, all together (see ``presskit.outputs``)."""
    entries = {
        (e["document"], e["language"], e["format"]): e
        for e in recorded
        if (folder.path / str(e["path"])).is_file()
    }
    for item in files:
        job = item.job
        entries[(job.document, job.language, job.format)] = manifest_entry(
            item, inputs[job], keys[job], allow_incomplete
        )
    ordered = sorted(entries.values(), key=lambda e: (e["language"], e["document"], e["format"]))
    data = json.dumps({"documents": ordered}, indent=2, ensure_ascii=False) + "\n"
    with Transaction(folder) as transaction:
        for item in files:
            transaction.stage(item.path, item.rendered.data)
        transaction.stage(MANIFEST, data.encode("utf-8"))  # staged last: renamed last
        transaction.commit()


@dataclass
class Manifest:
    entries: list[dict[str, object]]
    warnings: list[str]


# What each field of a manifest entry must be; anything else means the file is not one
# presskit wrote (edited by hand, truncated, or shipped in a pack) and is not trusted.
_ENTRY_FIELDS: dict[str, type | tuple[type, ...]] = {
    "document": str,
    "language": str,
    "format": str,
    "path": str,
    "reference": str,
    "title": str,
    "sha256": str,
    "bytes": int,
    "fallback_units": int,
    "allow_incomplete": bool,
    "inputs": str,
}
# Fields a manifest of an older presskit lacks: its files are rebuilt once.
_OPTIONAL_FIELDS: dict[str, type] = {"settings": str, "tree": str}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _valid_entry(entry: object) -> bool:
    if not isinstance(entry, dict) or not _ENTRY_FIELDS.keys() <= entry.keys():
        return False
    if not all(isinstance(entry[key], kind) for key, kind in _ENTRY_FIELDS.items()):
        return False
    if not all(isinstance(entry.get(k, ""), t) for k, t in _OPTIONAL_FIELDS.items()):
        return False
    pages = entry.get("pages", 0)
    if isinstance(pages, bool) or not isinstance(pages, int):
        return False
    parts = str(entry["path"]).split("/")
    return (
        len(parts) == 2
        and parts[0] == entry["language"]
        and all(_NAME.fullmatch(part) for part in parts)
    )


def read_manifest(folder: OutputFolder) -> Manifest:
    """The manifest's entries; a manifest presskit cannot have written is ignored with a
    warning, which makes the build render everything again."""
    path = folder.path / MANIFEST
    if not path.exists() and not path.is_symlink():
        return Manifest([], [])
    shown = folder.shown(path)
    try:
        data = json.loads(read_output_file(path, folder.path, shown).decode("utf-8"))
    except (PresskitError, ValueError, RecursionError):
        data = None
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, list) or not all(_valid_entry(e) for e in documents):
        return Manifest(
            [], [f"{shown}: not a manifest presskit wrote; ignored, every file is rebuilt"]
        )
    return Manifest(documents, [])
