"""The translator's workflow: extract, init, update, compile, stats."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po
from babel.util import pathmatch

from presskit import __version__, theme
from presskit.atomic import write_bytes_atomic
from presskit.config import Config
from presskit.content.labels import load_labels
from presskit.content.loader import LABELS_FILE, load_pack
from presskit.errors import ConfigError, ContentError, Location, UsageError, relative
from presskit.i18n.catalogs import (
    DOMAIN,
    catalog_path,
    existing_catalogs,
    read_catalog,
    template_path,
)
from presskit.i18n.extract import MAPPING_FILE, unit_message
from presskit.i18n.plurals import gettext_plural_forms
from presskit.i18n.previous import rewrap_previous
from presskit.languages import parse_locale
from presskit.reproducible import pack_timestamp
from presskit.safefs import check_pack_file


def catalog_date(config: Config) -> dt.datetime:
    """The date catalog headers carry: the pack's newest document's (or SOURCE_DATE_EPOCH),
    never the time of the command, so that re-extracting unchanged content changes
    nothing."""
    return pack_timestamp(load_pack(config))


def extract(config: Config) -> Catalog:
    """Run the pack's Babel mapping over the pack, exactly as ``pybabel extract`` does."""
    mapping_file = config.root / MAPPING_FILE
    try:
        with mapping_file.open(encoding="utf-8") as handle:
            method_map, options_map = parse_mapping_cfg(handle, filename=str(mapping_file))
    except OSError:
        raise ConfigError(f"no extraction mapping {MAPPING_FILE} in the pack") from None
    except Exception as exc:  # configparser's many errors, or an unknown extraction method
        raise ConfigError(f"malformed extraction mapping: {exc}", Location(MAPPING_FILE)) from None
    _check_mapped_files(config, method_map)
    catalog = _new_catalog(config, locale=None)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(config.root), method_map, options_map
    ):
        catalog.add(
            message,
            None,
            [(Path(filename).as_posix(), lineno)],
            auto_comments=comments,
            context=context,
        )
    _add_theme_labels(config, catalog)
    return catalog


def _add_theme_labels(config: Config, catalog: Catalog) -> None:
    """The theme's labels that the pack does not override: the theme lives in the package,
    outside the pack, so Babel's walk of the pack cannot find them."""
    theme_file = theme.shown(theme.THEME_DIR / LABELS_FILE, config.root)
    for key, unit in load_labels(config).items():
        if unit.location.path != theme_file:
            continue  # the pack's own labels file has it: extracted above
        line, _, messages, comments = unit_message(unit, f"Template label '{key}'.", {})
        msgid = messages[-2:] if unit.plural is not None else messages[-1]
        catalog.add(msgid, None, [(theme_file, line)], auto_comments=comments, context=unit.context)


def _check_mapped_files(config: Config, method_map: list[tuple[str, str]]) -> None:
    """Babel's extractor opens every file its mapping names itself: refuse first, the way
    every other read of the pack does, a link out of the pack, a FIFO (which would hang
    it) or a file beyond the limits. Folders are walked as Babel walks them."""
    for dirpath, dirnames, filenames in os.walk(config.root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in filenames:
            path = Path(dirpath) / name
            shown = path.relative_to(config.root).as_posix()
            if any(pathmatch(pattern, shown) for pattern, _ in method_map):
                check_pack_file(path, config.root, shown, "content", ContentError)


def _new_catalog(config: Config, locale: str | None) -> Catalog:
    date = catalog_date(config)
    what = "Translation template" if locale is None else "Translation"
    return Catalog(
        locale=parse_locale(locale) if locale else None,  # Babel reads no "fr-CA"
        domain=DOMAIN,
        header_comment=(
            f'# {what} of the press pack "{config.name}".\n'
            "# Built with presskit; edit with any gettext editor (Poedit, Weblate).\n"
            "#"
        ),
        project=config.name,
        version=__version__,
        msgid_bugs_address="",
        last_translator="",
        language_team="",
        charset="utf-8",
        creation_date=date,
        revision_date=date,
        fuzzy=False,
    )


def write_catalog(catalog: Catalog, path: Path, root: Path, template: bool = False) -> None:
    for message in catalog:
        # Babel flags any msgid with a '%' as python-format, and msgfmt --check then
        # rejects a correct translation; presskit's placeholders are {braces}.
        message.flags.discard("python-format")
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=76,
        omit_header=False,
        ignore_obsolete=False,
        include_previous=True,
    )
    data = rewrap_previous(buffer.getvalue().decode("utf-8")).encode("utf-8")
    if template:
        # A template states no language; Babel writes an empty Language header.
        data = data.replace(b'"Language: \\n"\n', b"")
    write_bytes_atomic(path, data, root)


def extract_to_template(config: Config) -> tuple[Path, int]:
    catalog = extract(config)
    path = template_path(config)
    write_catalog(catalog, path, config.root, template=True)
    return path, len(catalog)


def _translated_language(config: Config, code: str) -> None:
    if code not in config.languages:
        raise UsageError(
            f"'{code}' is not in presskit.toml's languages ({', '.join(config.languages)}): "
            "add it there first"
        )
    if code == config.source_language:
        raise UsageError(f"'{code}' is the source language: it has no catalog")


def init(config: Config, code: str) -> Path:
    """Start a catalog for a language from the template."""
    _translated_language(config, code)
    path = catalog_path(config, code)
    if path.exists():
        raise UsageError(f"{relative(path, config.root)} exists already: use presskit i18n update")
    template = _template(config)
    # Like `pybabel init`: the template's entries as they are, under a header for the
    # language (CLDR plural rules). No fuzzy matching: there is nothing to match against.
    catalog = _new_catalog(config, code)
    for message in template:
        if message.id:
            catalog[message.id] = message
    _fix_language_header(catalog, code, catalog_date(config))
    write_catalog(catalog, path, config.root)
    return path


def update(config: Config, codes: list[str] | None = None) -> list[Path]:
    """Merge the template into every catalog: fuzzy matches, previous msgids, obsolete kept."""
    template = _template(config)
    date = catalog_date(config)
    written: list[Path] = []
    for code in codes or [c for c in config.languages if c != config.source_language]:
        _translated_language(config, code)
        path = catalog_path(config, code)
        if not path.is_file():
            continue
        catalog = read_catalog(path, relative(path, config.root), code, config.root)
        # Before the merge, which sizes plural entries by the header.
        _fix_language_header(catalog, code, date)
        # Babel's merge forgets the previous msgid of an entry that is still fuzzy.
        previous = {
            (m.id if isinstance(m.id, str) else m.id[0], m.context): m.previous_id
            for m in catalog
            if m.fuzzy and m.previous_id
        }
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
        for message in catalog:
            key = (message.id if isinstance(message.id, str) else message.id[0], message.context)
            if message.fuzzy and not message.previous_id and key in previous:
                message.previous_id = previous[key]
        _fix_language_header(catalog, code, date)
        write_catalog(catalog, path, config.root)
        written.append(path)
    return written


def _fix_language_header(catalog: Catalog, code: str, date: dt.datetime) -> None:
    # CLDR's plural forms (Babel's own table disagrees with CLDR for some languages);
    # the Language header is the pack's code, which is what Weblate and Poedit match on.
    catalog.locale = parse_locale(code)
    catalog.mime_headers = [("Plural-Forms", gettext_plural_forms(code))]
    catalog.language_team = parse_locale(code).english_name or code
    catalog.revision_date = date
    if not catalog.last_translator or "FULL NAME" in catalog.last_translator:
        catalog.last_translator = "presskit translators"


def compile_all(config: Config) -> list[Path]:
    """Write the .mo of every catalog beside its .po (derived files, never committed)."""
    written = []
    for loaded in existing_catalogs(config):
        buffer = io.BytesIO()
        write_mo(buffer, loaded.catalog, use_fuzzy=False)
        mo_path = catalog_path(config, loaded.language).with_suffix(".mo")
        write_bytes_atomic(mo_path, buffer.getvalue(), config.root)
        written.append(mo_path)
    return written


def _template(config: Config) -> Catalog:
    path = template_path(config)
    if not path.is_file():
        raise UsageError(
            f"no template {relative(path, config.root)}: run presskit i18n extract first"
        )
    return read_catalog(path, relative(path, config.root), root=config.root)
