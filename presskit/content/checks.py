"""Content QA: what a press officer's own files can get wrong before a journalist sees it.

Structural checks read the raw YAML so that one run reports every broken reference,
date and duplicate; the figure checks then run on the validated content model. A rule
is silenced for one unit or document with ``ignore: {rule: reason}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from presskit.config import Config
from presskit.content import loader, units
from presskit.content.lists import LEGACY_KEY
from presskit.content.model import Count, Pack
from presskit.content.references import ReferenceScheme
from presskit.content.yamlfile import LDict, LList, Location, LStr, load_yaml
from presskit.errors import ContentError, relative
from presskit.findings import ERROR, WARNING, Finding, from_error

# The first four cannot be silenced: a build needs every file readable, every
# document dated and every reference well formed and unique.
RULES = {
    "syntax": (ERROR, "a content file cannot be read or does not validate"),
    "reference-format": (ERROR, "a reference is not of the pack's form ([references])"),
    "reference-duplicate": (ERROR, "two documents share a reference (or its file-name form)"),
    "date-missing": (ERROR, "a document has no date"),
    "contact-missing": (ERROR, "a press release gives no contact"),
    "signatory-duplicate": (ERROR, "an entry is listed twice in a list"),
    "count-mismatch": (ERROR, "a typed figure contradicts the data"),
    "deprecated": (WARNING, "an older form of a content file that still loads"),
    "name-unused": (WARNING, "a name of names.yaml that no document prints"),
}

# A number is read from the start of its run of digits and commas only (the lookbehind):
# trying every digit of "1,1,1,…" would make the scan quadratic.
_NUMBER_RUN = r"(?<![\w,]),*(?P<n>\d[\d,]*)"


def typed_count_pattern(count: Count) -> re.Pattern[str] | None:
    """A typed number before one of the count's nouns ("223 organisations", "over 220
    organisations"), from the nouns and qualifiers the list file gives."""
    if not count.nouns:
        return None

    def words(phrases: tuple[str, ...]) -> str:
        longest_first = sorted(phrases, key=len, reverse=True)
        return "|".join(r"\s+".join(map(re.escape, p.split())) for p in longest_first)

    more_than = rf"(?P<over>(?:{words(count.more_than)})\s+)?" if count.more_than else ""
    return re.compile(
        more_than + _NUMBER_RUN + rf"\s+(?:{words(count.nouns)})(?!\w)", re.IGNORECASE
    )


def check_content(config: Config) -> list[Finding]:
    findings: list[Finding] = []
    raw: dict[str, Any] = {}
    paths = [config.content_dir / f"{doc}.yaml" for doc in config.documents]
    paths += [
        path
        for path in (config.content_dir / f"{name}.yaml" for name in config.lists)
        if loader.present(path)
    ]
    for path in paths:
        shown = relative(path, config.root)
        try:
            raw[shown] = load_yaml(path, shown, config.root)
        except ContentError as exc:
            findings.append(_from_error(exc, shown))
    documents = {p: d for p, d in raw.items() if loader.file_kind(d) == "document"}
    findings += _references(documents, config.references)
    findings += _dates_and_contacts(documents)
    for data in raw.values():
        if loader.file_kind(data) == "list":
            findings += _duplicate_entries(data)
    if findings:
        return findings  # the model cannot be loaded; these are the reasons
    try:
        pack = loader.load_pack(config)
    except ContentError as exc:
        return [_from_error(exc, "content")]
    return [*pack.warnings, *_figures(pack), *_unused_names(pack)]


def _unused_names(pack: Pack) -> Iterator[Finding]:
    """A name no document prints: its translators work for nothing, or a placeholder
    that should name it does not."""
    used = {name.key for name in units.used_names(pack)}
    for key, name in pack.names.items():
        if key not in used:
            yield Finding(
                name.unit.location,
                WARNING,
                "name-unused",
                f"{{{key}}} ('{name.source}') is printed by no document",
            )


def _from_error(exc: ContentError, shown: str) -> Finding:
    return from_error(exc, "syntax", Location(shown))


def _ignored(data: Any, rule: str) -> bool:
    ignore = data.get("ignore") if isinstance(data, LDict) else None
    return isinstance(ignore, LDict) and rule in ignore


def _references(documents: dict[str, Any], scheme: ReferenceScheme) -> Iterator[Finding]:
    seen: dict[str, Location] = {}
    for shown, data in documents.items():
        value = data.get("reference") if isinstance(data, LDict) else None
        where = getattr(value, "location", getattr(data, "location", Location(shown)))
        reference = scheme.parse(str(value).strip()) if isinstance(value, LStr) else None
        if reference is None or not reference.compact:
            yield Finding(
                where,
                ERROR,
                "reference-format",
                f"malformed reference '{value}': expected the pack's form, such as "
                f"'{scheme.example}' ([references] in presskit.toml)",
            )
            continue
        key = reference.compact  # file names keep only letters and digits
        if key in seen:
            yield Finding(
                where,
                ERROR,
                "reference-duplicate",
                f"reference {value} is already used by {seen[key]} "
                "(file names keep only its letters and digits)",
            )
        seen.setdefault(key, where)


def _dates_and_contacts(documents: dict[str, Any]) -> Iterator[Finding]:
    for shown, data in documents.items():
        if not isinstance(data, LDict):
            continue
        if "date" not in data:
            yield Finding(data.location, ERROR, "date-missing", f"{shown} has no date")
        body = data.get("body")
        has_contact = isinstance(body, LList) and any(
            isinstance(block, LDict) and "contact" in block for block in body
        )
        # Either spelling of a release line makes a press release: `release:` in any
        # form, or the older `release_line: true`.
        is_release = "release" in data or getattr(data.get("release_line"), "value", 0) is True
        if is_release and not has_contact and not _ignored(data, "contact-missing"):
            yield Finding(
                data.location,
                ERROR,
                "contact-missing",
                "a press release needs a contact block (- contact: {label: …, who: …})",
            )


def _duplicate_entries(data: Any) -> Iterator[Finding]:
    entries = data.get("entries", data.get(LEGACY_KEY)) if isinstance(data, LDict) else None
    if not isinstance(entries, LList):
        return
    seen: dict[str, tuple[int, Location]] = {}
    for number, entry in enumerate(entries, start=1):
        name = entry.get("name") if isinstance(entry, LDict) else None
        if not isinstance(name, LStr):
            continue
        key = " ".join(str(name).split()).casefold()
        if key in seen and not _ignored(entry, "signatory-duplicate"):  # as the loader does
            first, where = seen[key]
            yield Finding(
                name.location,
                ERROR,
                "signatory-duplicate",
                f"no. {number} '{name}' repeats no. {first} ({where})",
            )
        seen.setdefault(key, (number, name.location))


def _figures(pack: Pack) -> Iterator[Finding]:
    """Typed numbers that contradict a count the lists determine."""
    checked = [
        (count, value, pattern)
        for entry_list in pack.lists.values()
        for count, value in entry_list.counts()
        if (pattern := typed_count_pattern(count)) is not None
    ]
    if not checked:
        return
    all_units = [u for doc in pack.documents.values() for u in units.document_units(doc)]
    for unit in all_units:
        if "count-mismatch" in unit.ignored:
            continue
        for text in filter(None, (unit.msgid, unit.plural)):
            for count, value, pattern in checked:
                for match in pattern.finditer(text):
                    typed = int(match.group("n").replace(",", ""))
                    over = count.more_than and match.group("over")
                    if typed >= value if over else typed != value:
                        rounded = f" (or {{{count.rounded}}})" if count.rounded else ""
                        yield Finding(
                            unit.location,
                            ERROR,
                            "count-mismatch",
                            f"'{' '.join(match.group(0).split())}' but the list counts "
                            f"{value}: write {{{count.placeholder}}}{rounded}",
                        )
