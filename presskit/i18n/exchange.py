"""`presskit i18n export` and `import`: catalogs out to CAT tools as XLIFF, and back."""

from __future__ import annotations

from pathlib import Path

from presskit.config import Config
from presskit.errors import CatalogError, Location, UsageError, relative
from presskit.i18n.catalogs import catalog_path, load_catalog
from presskit.i18n.workflow import write_catalog
from presskit.i18n.xliff import to_xliff
from presskit.i18n.xliff_import import apply, parse_xliff, read_units, same_language, xliff_file
from presskit.outputs import OutputFolder, Transaction, output_folder
from presskit.packaging import slug
from presskit.safefs import read_pack_file

XLIFF_DIR = "xliff"
FORMATS = ("xliff",)


def _translations(config: Config, languages: list[str]) -> list[str]:
    chosen = languages or [c for c in config.languages if c != config.source_language]
    for code in chosen:
        if code not in config.languages or code == config.source_language:
            raise UsageError(f"'{code}' is not a translated language of the pack")
        if not catalog_path(config, code).is_file():
            raise UsageError(f"no catalog for '{code}' (create it with: presskit i18n init {code})")
    return chosen


def export_xliff(config: Config, languages: list[str], output: Path | None = None) -> list[Path]:
    """Write ``<pack-name>-<lang>.xlf`` per language into ``<output>/xliff`` (or
    ``output``), all or nothing: files to send, derived from the catalogs like the
    pack's other deliverables, never beside the catalogs they would go stale against."""
    files = []
    for code in _translations(config, languages):
        # Loaded as a build loads it: its plural forms are CLDR's for the language.
        loaded = load_catalog(config, code)
        data = to_xliff(loaded.catalog, loaded.shown, config.source_language, code)
        files.append((f"{slug(config.name)}-{code}.xlf", data))
    folder_path = output_folder(config, output, sub=None if output else XLIFF_DIR)
    with OutputFolder(folder_path, config.root) as folder, Transaction(folder) as transaction:
        for name, data in files:
            transaction.stage(name, data)
        transaction.commit()
    return [folder_path / name for name, _ in files]


def import_xliff(config: Config, file: Path) -> tuple[Path, int]:
    """Merge a translated XLIFF into its language's catalog; (catalog, entries changed).

    Every unit is checked before the catalog is written (atomically), so a refused file
    changes nothing.
    """
    shown = relative(file, config.root)
    data = read_pack_file(file, file.resolve().parent, shown, "catalog", CatalogError)
    root = parse_xliff(data, shown)
    element = xliff_file(root, shown)
    where = Location(shown, element.sourceline)
    target = element.get("target-language", "")
    code = next(
        (c for c in config.languages if c != config.source_language and same_language(c, target)),
        None,
    )
    if code is None:
        translated = ", ".join(c for c in config.languages if c != config.source_language)
        raise CatalogError(
            f"target-language '{target}' is not a translated language of the pack ({translated})",
            where,
        )
    source = element.get("source-language", "")
    if not same_language(source, config.source_language):
        raise CatalogError(
            f"source-language '{source}' is not the pack's '{config.source_language}'", where
        )
    path = catalog_path(config, code)
    catalog_shown = relative(path, config.root)
    original = element.get("original")
    if original is not None and original != catalog_shown:
        raise CatalogError(
            f"the file was exported from {original}, but its target-language '{target}' "
            f"is the language of {catalog_shown}",
            where,
        )
    if not path.is_file():
        raise UsageError(f"no catalog for '{code}' (create it with: presskit i18n init {code})")
    catalog = load_catalog(config, code).catalog
    changed = apply(read_units(element, catalog, shown))
    if changed:
        write_catalog(catalog, path, config.root)
    return path, changed
