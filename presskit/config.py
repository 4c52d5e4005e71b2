"""The pack's configuration: presskit.toml."""

from __future__ import annotations

import math
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presskit.content.references import DEFAULT as DEFAULT_REFERENCES
from presskit.content.references import ReferenceScheme, scheme_from
from presskit.errors import ConfigError, Location, relative
from presskit.languages import Language, UnknownLanguage, resolve
from presskit.logo import SUFFIXES as LOGO_SUFFIXES
from presskit.logo import read_logo
from presskit.safefs import read_pack_file

CONFIG_FILE = "presskit.toml"
DEFAULT_MAX_LIST_ENTRIES = 20_000
MAX_BUDGET_MB = 10_000  # no mail system takes more; larger values are typing mistakes
DOCUMENT_ID = re.compile(r"[a-z][a-z0-9_-]*")
ACCENT = re.compile(r"#[0-9a-fA-F]{6}")
MAX_ORGANISATION = 200  # characters: one line of a masthead


@dataclass(frozen=True, slots=True)
class EmailSettings:
    """[email]: who the drafts are from and to; presskit never invents an address."""

    sender: str | None = None
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    reply_to: str | None = None
    size_budget_mb: float = 10.0  # warn before a draft with attachments exceeds this
    release: str | None = None  # document whose headline and lead make the e-mail
    notes: str | None = None  # document whose first list is the notes to editors


@dataclass(frozen=True, slots=True)
class ThemeSettings:
    """[theme]: what the default theme prints; a pack's own page template may use it too."""

    organisation: str | None = None  # printed in the masthead of both formats
    accent: str | None = None  # "#rrggbb": the theme's accent colour, in both formats
    logo: Path | None = None  # SVG or PNG inside the pack, on every document's first page
    logo_at: Location | None = None  # where presskit.toml names the logo, for later errors


@dataclass(frozen=True, slots=True)
class Config:
    """Settings of one pack; paths are absolute."""

    root: Path
    name: str
    source_language: str
    languages: tuple[str, ...]  # every edition built by default, source first
    documents: tuple[str, ...]
    content_dir: Path
    templates_dir: Path
    locales_dir: Path
    output_dir: Path
    # Share of a document's units that must be translated before it is built (0-100):
    # [completeness] (key None) and [completeness.<lang>], each by document or "default".
    completeness: dict[str | None, dict[str, float]] = field(default_factory=dict)
    email: EmailSettings = field(default_factory=lambda: EmailSettings())
    references: ReferenceScheme = DEFAULT_REFERENCES  # what a document's reference looks like
    theme: ThemeSettings = field(default_factory=lambda: ThemeSettings())
    # Each configured language's record: CLDR's, with [languages.<code>] applied.
    editions: dict[str, Language] = field(default_factory=dict)
    # The pack's list files (content/<name>.yaml): [pack] lists, by default the
    # signatories file when there is one.
    lists: tuple[str, ...] = ()
    # [pack] glossary: the TBX or CSV file of required terms; None: the locales folder's
    # glossary.tbx or glossary.csv, if there is one.
    glossary: Path | None = None
    # [names] first_mention: "local", or "local-original" (the original in brackets after
    # a name's first mention in running text, where the forms differ).
    first_mention: str = "local"
    # [pack] max_list_entries: a list file with more entries is refused before anything is
    # rendered (a mistaken export can hold millions of lines).
    max_list_entries: int = DEFAULT_MAX_LIST_ENTRIES

    def language(self, code: str) -> Language:
        """The record of a configured language."""
        return self.editions[code]

    def threshold(self, document: str, language: str | None = None) -> float:
        """The most specific setting wins: the language's for the document, the
        language's default, the pack's for the document, the pack's default, 100."""
        for table in (self.completeness.get(language, {}), self.completeness.get(None, {})):
            for key in (document, "default"):
                if key in table:
                    return table[key]
        return 100.0


_ADDRESS = re.compile(r"[^\s@<>,;\"]+@[^\s@<>,;\"]+\.[^\s@<>,;\"]+")


def is_address(value: object) -> bool:
    """A bare e-mail address: nothing that could add a header line or a second address."""
    return isinstance(value, str) and _ADDRESS.fullmatch(value) is not None


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding a presskit.toml."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def load_config(root: Path) -> Config:
    root = root.resolve()
    path = root / CONFIG_FILE
    if not path.exists():
        raise ConfigError(f"no {CONFIG_FILE} in {root}: not a presskit pack")
    raw = read_pack_file(path, root, CONFIG_FILE, "config", ConfigError)
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8 text", Location(CONFIG_FILE)) from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line = int(match.group(1)) if match else None
        raise ConfigError(f"TOML syntax error: {message}", Location(CONFIG_FILE, line)) from None
    return _validate(root, data, text)


def _validate(root: Path, data: dict[str, Any], text: str) -> Config:
    def at(key: str) -> Location:
        for number, line in enumerate(text.splitlines(), start=1):
            if re.match(rf"\s*{re.escape(key)}\s*=", line):
                return Location(CONFIG_FILE, number)
        return Location(CONFIG_FILE)

    unknown = set(data) - {
        "pack",
        "completeness",
        "email",
        "theme",
        "references",
        "languages",
        "names",
    }
    if unknown:
        raise ConfigError(f"unknown table [{sorted(unknown)[0]}]", Location(CONFIG_FILE))
    pack = data.get("pack")
    if not isinstance(pack, dict):
        raise ConfigError("missing [pack] table", Location(CONFIG_FILE))
    allowed = {
        "name",
        "source_language",
        "languages",
        "documents",
        "lists",
        "content",
        "templates",
        "locales",
        "output",
        "glossary",
        "max_list_entries",
    }
    for key in pack:
        if key not in allowed:
            raise ConfigError(f"unknown setting '{key}' in [pack]", at(key))

    def string(key: str, default: str | None = None) -> str:
        value = pack.get(key, default)
        if not isinstance(value, str) or not value:
            raise ConfigError(f"'{key}' must be a non-empty string", at(key))
        return value

    def strings(key: str) -> tuple[str, ...]:
        value = pack.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"'{key}' must be a non-empty list of strings", at(key))
        if len(set(value)) != len(value):
            raise ConfigError(f"'{key}' lists an entry twice", at(key))
        return tuple(value)

    source = string("source_language")
    languages = strings("languages")
    editions = _editions(data.get("languages", {}), source, languages, at, text)
    if source not in languages:
        raise ConfigError(f"the source language '{source}' must be in 'languages'", at("languages"))
    documents = strings("documents")
    for doc in documents:
        if not DOCUMENT_ID.fullmatch(doc):
            raise ConfigError(f"'{doc}' is not a valid document name", at("documents"))

    completeness = _completeness(data.get("completeness", {}), languages, documents, at)
    content_dir = _pack_folder(root, string("content", "content"), "content", at)
    if "lists" in pack:
        lists = strings("lists") if pack["lists"] != [] else ()
    else:  # the file every pack had before lists were configured
        lists = ("signatories",) if _present(content_dir / "signatories.yaml") else ()
    for name in lists:
        if not DOCUMENT_ID.fullmatch(name):
            raise ConfigError(f"'{name}' is not a valid list name", at("lists"))
        if name in documents:
            raise ConfigError(f"'{name}' is both a document and a list", at("lists"))
        if not _present(content_dir / f"{name}.yaml"):
            raise ConfigError(
                f"list '{name}' is configured but "
                f"{relative(content_dir / (name + '.yaml'), root)} does not exist",
                at("lists"),
            )

    max_entries = pack.get("max_list_entries", DEFAULT_MAX_LIST_ENTRIES)
    if isinstance(max_entries, bool) or not isinstance(max_entries, int) or max_entries < 1:
        raise ConfigError(
            "'max_list_entries' must be a whole number above 0", at("max_list_entries")
        )
    email = _email_settings(data.get("email", {}), documents, at)
    references = _references(data.get("references", {}), at)
    theme = _theme_settings(data.get("theme", {}), root, at)
    first_mention = _first_mention(data.get("names", {}), at)
    ordered = (source, *(code for code in languages if code != source))
    folders = {
        key: _pack_folder(root, string(key, key), key, at)
        for key in ("content", "templates", "locales", "output")
    }
    sources = {key: folders[key] for key in ("content", "templates", "locales")}
    problem = output_problem(folders["output"], root, sources)
    if problem:
        raise ConfigError(f"'output' {problem}", at("output"))
    return Config(
        root=root,
        name=string("name"),
        source_language=source,
        languages=ordered,
        documents=documents,
        content_dir=folders["content"],
        templates_dir=folders["templates"],
        locales_dir=folders["locales"],
        output_dir=folders["output"],
        completeness=completeness,
        email=email,
        references=references,
        theme=theme,
        lists=lists,
        editions=editions,
        glossary=_glossary(root, pack["glossary"], at("glossary")) if "glossary" in pack else None,
        first_mention=first_mention,
        max_list_entries=max_entries,
    )


def _glossary(root: Path, value: Any, where: Location) -> Path:
    """[pack] glossary: a .tbx or .csv file inside the pack (read by `presskit check`)."""
    path = _pack_path(root, value, where, "glossary", "a .tbx or .csv file", (".tbx", ".csv"))
    if not (path.exists() or path.is_symlink()):
        raise ConfigError(f"'glossary' names '{value}', which does not exist", where)
    return path


def _pack_path(
    root: Path, value: Any, where: Location, key: str, kind: str, suffixes: tuple[str, ...]
) -> Path:
    """A setting naming a file of the pack: a relative path that stays inside it."""
    if not isinstance(value, str) or not value:
        raise ConfigError(f"'{key}' must be the path of {kind} in the pack", where)
    path = Path(value)
    if path.is_absolute() or not Path(os.path.normpath(root / path)).is_relative_to(root):
        raise ConfigError(f"'{key}' must be a file inside the pack, not '{value}'", where)
    if path.suffix.lower() not in suffixes:
        raise ConfigError(f"'{key}' must be {kind}, not '{value}'", where)
    return root / path


FIRST_MENTIONS = ("local", "local-original")


def _first_mention(table: Any, at: Any) -> str:
    """[names] first_mention: how running text names a person or organisation of the
    names file the first time: its form in the edition's language ("local"), or that
    form followed by the original in brackets ("local-original")."""
    if not isinstance(table, dict):
        raise ConfigError("[names] must be a table", Location(CONFIG_FILE))
    for key in table:
        if key != "first_mention":
            raise ConfigError(f"unknown setting '{key}' in [names]", at(key))
    value = table.get("first_mention", "local")
    if value not in FIRST_MENTIONS:
        raise ConfigError(
            f"'first_mention' must be one of {', '.join(FIRST_MENTIONS)}", at("first_mention")
        )
    return str(value)


def _editions(
    table: Any, source: str, languages: tuple[str, ...], at: Any, text: str
) -> dict[str, Language]:
    """Every configured language's record; [languages.<code>] sets what differs from
    CLDR's defaults (locale, script, font, heading_font, digits)."""
    if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
        raise ConfigError("[languages] must hold one table per language", Location(CONFIG_FILE))
    editions = {}
    for code in dict.fromkeys((source, *languages)):
        key = "source_language" if code == source else "languages"
        try:
            editions[code] = resolve(code, table.get(code))
        except UnknownLanguage as exc:
            where = _setting_line(text, code, str(exc)) if code in table else at(key)
            raise ConfigError(str(exc), where) from None
    return editions


def _setting_line(text: str, code: str, message: str) -> Location:
    """Where [languages.<code>] sets what ``message`` names ('size' of 'ar'), else the
    table's header."""
    setting = re.match(r"'(\w+)' of '", message) or re.match(r"unknown setting '(\w+)'", message)
    header = re.compile(rf"""\s*\[\s*languages\s*\.\s*["']?{re.escape(code)}["']?\s*\]""")
    found = None
    for number, line in enumerate(text.splitlines(), start=1):
        if found is None:
            if header.match(line):
                found = number
        elif line.lstrip().startswith("["):
            break
        elif setting and re.match(rf"\s*{setting.group(1)}\s*=", line):
            return Location(CONFIG_FILE, number)
    return Location(CONFIG_FILE, found)


def _present(path: Path) -> bool:
    """Whether a file is there (a link counts: reading it then says why it is refused)."""
    return path.exists() or path.is_symlink()


def _references(table: Any, at: Any) -> ReferenceScheme:
    """[references]: ``pattern`` (a regular expression, or a preset's name) and
    ``example``."""
    if not isinstance(table, dict):
        raise ConfigError("[references] must be a table", Location(CONFIG_FILE))
    for key in table:
        if key not in ("pattern", "example"):
            raise ConfigError(f"unknown setting '{key}' in [references]", at(key))
    values = {}
    for key in ("pattern", "example"):
        value = table.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ConfigError(f"'{key}' in [references] must be non-empty text", at(key))
        values[key] = value
    scheme = scheme_from(values["pattern"], values["example"])
    if isinstance(scheme, str):
        raise ConfigError(f"[references]: {scheme}", at("pattern"))
    return scheme


def _completeness(
    table: Any, languages: tuple[str, ...], documents: tuple[str, ...], at: Any
) -> dict[str | None, dict[str, float]]:
    """[completeness]: percentages by document or "default", and a table per language."""
    if not isinstance(table, dict):
        raise ConfigError("[completeness] must be a table", Location(CONFIG_FILE))

    def percentages(values: dict[str, Any], name: str) -> dict[str, float]:
        result = {}
        for key, value in values.items():
            if key != "default" and key not in documents:
                raise ConfigError(f"[{name}] names an unknown document '{key}'", at(key))
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not 0 <= value <= 100
            ):
                raise ConfigError(f"[{name}] '{key}' must be a percentage (0-100)", at(key))
            result[key] = float(value)
        return result

    by_language = {k: v for k, v in table.items() if isinstance(v, dict)}
    for code in by_language:
        if code not in languages:
            raise ConfigError(
                f"[completeness.{code}] names a language not in 'languages'", at(code)
            )
    thresholds: dict[str | None, dict[str, float]] = {
        None: percentages({k: v for k, v in table.items() if k not in by_language}, "completeness")
    }
    for code, values in by_language.items():
        thresholds[code] = percentages(values, f"completeness.{code}")
    return thresholds


def _pack_folder(root: Path, value: str, key: str, at: Any) -> Path:
    """A configured folder: relative, and inside the pack once symlinks are resolved."""
    path = Path(value)
    if path.is_absolute() or not Path(os.path.normpath(root / path)).is_relative_to(root):
        raise ConfigError(
            f"'{key}' must be a folder inside the pack, not '{value}' "
            "(only the command line's --output may point elsewhere)",
            at(key),
        )
    if not (root / path).resolve().is_relative_to(root):
        raise ConfigError(
            f"'{key}' ('{value}') goes through a symbolic link to a folder outside the pack",
            at(key),
        )
    return root / path


def output_problem(output: Path, root: Path, sources: dict[str, Path]) -> str | None:
    """Why ``output`` cannot be the folder a build writes into, or None.

    presskit replaces files in it and sweeps its own temporary files there: it must be a
    real folder of its own, never a link, the pack itself, or one of the pack's sources.
    """
    if output.is_symlink():
        return f"{output} is a symbolic link; presskit writes only into a real folder"
    real = output.resolve()
    if real == root or root.is_relative_to(real):
        return f"{output} is the pack's folder or contains it"
    for key, folder in sources.items():
        if real.is_relative_to(folder.resolve()):
            return f"{output} is inside the pack's {key} folder"
    return None


def _theme_settings(table: Any, root: Path, at: Any) -> ThemeSettings:
    if not isinstance(table, dict):
        raise ConfigError("[theme] must be a table", Location(CONFIG_FILE))
    for key in table:
        if key not in ("organisation", "accent", "logo"):
            raise ConfigError(f"unknown setting '{key}' in [theme]", at(key))
    organisation = table.get("organisation")
    if organisation is not None and (
        not isinstance(organisation, str)
        or not organisation.strip()
        or len(organisation) > MAX_ORGANISATION
        or any(unicodedata.category(c) == "Cc" for c in organisation)
    ):
        raise ConfigError(
            f"'organisation' must be one line of text (at most {MAX_ORGANISATION} characters)",
            at("organisation"),
        )
    accent = table.get("accent")
    if accent is not None and (not isinstance(accent, str) or not ACCENT.fullmatch(accent)):
        raise ConfigError(
            "'accent' must be a CSS hex colour such as \"#1f4e79\" (#rrggbb)", at("accent")
        )
    logo = None
    if "logo" in table:
        logo = _logo(table["logo"], root, at("logo"))
    return ThemeSettings(
        organisation=organisation.strip() if organisation else None,
        accent=accent.lower() if accent else None,
        logo=logo,
        logo_at=at("logo") if logo else None,
    )


def _logo(value: Any, root: Path, where: Location) -> Path:
    """[theme] logo: a regular SVG or PNG file inside the pack, checked now."""
    path = _pack_path(root, value, where, "logo", "an SVG or PNG file (.svg, .png)", LOGO_SUFFIXES)
    read_logo(path, root, where)
    return path


def _email_settings(table: Any, documents: tuple[str, ...], at: Any) -> EmailSettings:
    if not isinstance(table, dict):
        raise ConfigError("[email] must be a table", Location(CONFIG_FILE))
    allowed = {"from", "to", "cc", "reply_to", "size_budget_mb", "release", "notes"}
    for key in table:
        if key not in allowed:
            raise ConfigError(f"unknown setting '{key}' in [email]", at(key))

    def address(key: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not is_address(value):
            raise ConfigError(f"'{key}' must be an e-mail address", at(key))
        return str(value)

    def addresses(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(is_address(v) for v in value):
            raise ConfigError(f"'{key}' must be a list of e-mail addresses", at(key))
        return tuple(value)

    budget = table.get("size_budget_mb", 10)
    if (
        isinstance(budget, bool)
        or not isinstance(budget, (int, float))
        or not math.isfinite(budget)
        or not 0 < budget <= MAX_BUDGET_MB
    ):
        raise ConfigError(
            f"'size_budget_mb' must be a number of megabytes above 0 and at most {MAX_BUDGET_MB}",
            at("size_budget_mb"),
        )
    for key in ("release", "notes"):
        if key in table and table[key] not in documents:
            raise ConfigError(f"'{key}' names an unknown document '{table[key]}'", at(key))
    return EmailSettings(
        sender=address("from"),
        to=addresses("to"),
        cc=addresses("cc"),
        reply_to=address("reply_to"),
        size_budget_mb=float(budget),
        release=table.get("release"),
        notes=table.get("notes"),
    )
