"""Build a pack: plan the jobs, render every file in memory, then write them all at once.

Nothing is written until every requested file has rendered, so a failed build leaves
the output folder as it was; each file is replaced atomically and the manifest last.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from presskit.atomic import write_bytes_atomic
from presskit.config import Config
from presskit.content.loader import load_pack, printed_units
from presskit.content.model import Pack, Unit
from presskit.doctree.build import DocumentBuilder
from presskit.doctree.nodes import Document
from presskit.errors import CatalogError, PresskitError, UsageError
from presskit.i18n.catalogs import LoadedCatalog, load_catalog
from presskit.i18n.localize import Localizer
from presskit.languages import LANGUAGES
from presskit.render.base import FORMATS, Rendered, output_name

MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class Job:
    """One output file: one document, one language, one format."""

    document: str
    language: str
    format: str


@dataclass(frozen=True, slots=True)
class BuiltFile:
    job: Job
    path: str  # relative to the output folder
    reference: str
    title: str
    rendered: Rendered
    fallbacks: int

    def manifest_entry(self) -> dict[str, object]:
        entry: dict[str, object] = {
            "document": self.job.document,
            "language": self.job.language,
            "format": self.job.format,
            "path": self.path,
            "reference": self.reference,
            "title": self.title,
            "sha256": hashlib.sha256(self.rendered.data).hexdigest(),
            "bytes": len(self.rendered.data),
        }
        if self.rendered.pages is not None:
            entry["pages"] = self.rendered.pages
        entry["fallback_units"] = self.fallbacks
        return entry


@dataclass
class BuildResult:
    files: list[BuiltFile] = field(default_factory=list)
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
) -> BuildResult:
    """Render ``jobs`` and write them into the output folder, all or nothing."""
    out = (output_dir or config.output_dir).resolve()
    pack = load_pack(config)
    catalogs = {
        lang: load_catalog(config, lang)
        for lang in dict.fromkeys(job.language for job in jobs)
        if lang != config.source_language
    }
    if not allow_incomplete:
        for job in jobs:
            if job.language in catalogs:
                check_complete(config, pack, catalogs[job.language], job.document)

    trees: dict[tuple[str, str], Document] = {}
    results: list[BuiltFile] = []
    for number, job in enumerate(jobs, start=1):
        if progress:
            progress(number, len(jobs), job)
        key = (job.document, job.language)
        if key not in trees:
            localizer = Localizer(LANGUAGES[job.language], catalogs.get(job.language))
            builder = DocumentBuilder(pack, config.source_language, localizer)
            trees[key] = builder.build(pack.documents[job.document])
        tree = trees[key]
        rendered = render(config, tree, job.format)
        results.append(
            BuiltFile(
                job=job,
                path=f"{job.language}/{output_name(tree, job.format)}",
                reference=tree.reference,
                title=tree.title,
                rendered=rendered,
                fallbacks=tree.fallbacks,
            )
        )
    write_outputs(out, results)
    return BuildResult(results, out)


def render(config: Config, tree: Document, fmt: str) -> Rendered:
    """One file's bytes. Writers are imported here: only rendering pays for them."""
    if fmt == "pdf":
        from presskit.render.html import render_html
        from presskit.render.pdf import write_pdf

        html = render_html(tree, config.templates_dir, config.root)
        return write_pdf(html, config.templates_dir, config.root)
    from presskit.render.docx import write_docx

    return write_docx(tree)


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
        f"'{_short(first.msgid)}' ({first.location}){more}; "
        "translate them or build with --allow-incomplete",
        catalog.where(first),
    )


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def write_outputs(out: Path, files: list[BuiltFile]) -> None:
    """Replace each file atomically, then the manifest, which keeps entries of files
    this build did not touch."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        # Temporary files left by a build that was killed mid-write.
        for stale in out.rglob(".*.tmp"):
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
            entries[(job.document, job.language, job.format)] = item.manifest_entry()
        ordered = sorted(
            entries.values(), key=lambda e: (e["language"], e["document"], e["format"])
        )
        data = json.dumps({"documents": ordered}, indent=2, ensure_ascii=False) + "\n"
        write_bytes_atomic(out / MANIFEST, data.encode("utf-8"))
    except OSError as exc:
        raise PresskitError(f"cannot write the output folder {out}: {exc.strerror}") from None


def read_manifest(out: Path) -> list[dict[str, object]]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        documents = data.get("documents", [])
        return [
            d
            for d in documents
            if isinstance(d, dict) and {"document", "language", "format"} <= d.keys()
        ]
    except (OSError, ValueError, AttributeError):
        return []
