"""Quality checks of a translation catalog, message by message.

Modelled on translate-toolkit's pofilter and Weblate's checks. A translator silences a
rule for one message with a translator comment ``# ignore-<code>: <reason>``, which
every gettext tool keeps through a merge (the flag ``#, ignore-<code>`` works too, but
msgmerge drops custom flags).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from babel.messages.catalog import Catalog, Message

from presskit.config import Config
from presskit.content.model import FILLABLE, Pack, is_name_unit
from presskit.content.units import pack_units, plural_counts
from presskit.doctree.inline import markup_signature
from presskit.errors import CatalogError, Location, relative, short
from presskit.findings import ERROR, WARNING, Finding, from_error, silenced_rules
from presskit.i18n.catalogs import PluralFormsError, catalog_path, load_catalog, read_catalog
from presskit.i18n.completeness import Key, completeness
from presskit.i18n.glossary import Glossary, TermCheck
from presskit.i18n.literals import VERBATIM as _VERBATIM
from presskit.i18n.typography import RULES as TYPOGRAPHY_RULES
from presskit.i18n.typography import for_language
from presskit.i18n.typography import problems as typography_problems
from presskit.safefs import read_pack_file

# code -> (severity, what it finds)
RULES = {
    "syntax": (ERROR, "the catalog is missing or cannot be read"),
    "plural-forms": (ERROR, "plural forms that disagree with CLDR (header or entry)"),
    "incomplete": (ERROR, "a document less translated than its threshold (a warning within it)"),
    "unused": (ERROR, "an entry for no unit of the pack, not marked obsolete"),
    "untranslated": (ERROR, "a message has no translation"),
    "fuzzy": (ERROR, "a translation is marked fuzzy (not used by builds)"),
    "placeholders": (ERROR, "placeholders missing from or added to the translation"),
    "markup": (ERROR, "emphasis or links that do not match the source"),
    "numbers": (ERROR, "a number of the source is missing from the translation"),
    "verbatim": (ERROR, "a URL, e-mail address, telephone number or reference was altered"),
    "whitespace": (WARNING, "leading, trailing or doubled spaces"),
    "obsolete": (WARNING, "obsolete entries kept in the catalog"),
    "ignore-reason": (WARNING, "a rule is silenced without a reason"),
    "glossary": (ERROR, "a term of the pack's glossary without its required form"),
    **{code: (WARNING, what) for code, what in TYPOGRAPHY_RULES.items()},
}
# Gaps a build fills with the source text: errors only where the build refuses them.
_GAPS = {"untranslated", "fuzzy"}

_NUMBER = re.compile(r"\d+")  # a run of decimal digits of any script Unicode knows


def _western(number: str) -> str:
    """A number's digits as 0-9, whatever their script (Persian ۱۲, Devanagari १२…)."""
    return "".join(str(unicodedata.decimal(char)) for char in number)


def check_catalog(
    config: Config, language: str, pack: Pack | None, glossary: Glossary | None = None
) -> list[Finding]:
    """Every finding of one catalog; ``pack`` is None when the content does not load."""
    path = catalog_path(config, language)
    shown = relative(path, config.root)
    findings: list[Finding] = []
    try:  # exactly as a build loads it
        loaded = load_catalog(config, language, plural_counts(pack) if pack else ())
        catalog = loaded.catalog
    except PluralFormsError as exc:
        findings.append(from_error(exc, "plural-forms", Location(shown)))
        try:
            loaded, catalog = None, read_catalog(path, shown, language, config.root)
        except CatalogError:
            return findings  # a header with too few forms: the entries cannot be read
    except CatalogError as exc:
        return [from_error(exc, "syntax", Location(shown))]
    units = {(u.context, u.msgid) for u in pack_units(pack)} if pack else set()
    accepted: set[Key] = set()  # gaps the build fills with the source text
    if pack is not None and loaded is not None:
        found, refused = completeness(config, pack, loaded)
        findings += found
        accepted = units - refused
    text = read_pack_file(path, config.root, shown, "catalog", CatalogError).decode("utf-8")
    written = _written_plural_forms(text)
    references = _references(config, pack)
    more = _language_checks(config, language, glossary, references[0])
    for message in catalog:
        if message.id:
            forms = written.get(message.lineno)
            problems = list(_message(catalog, message, forms, references, more))
            found = _silenced(message, problems, shown)
            if is_name_unit(message.context):  # left empty, its source form prints
                found = [f for f in found if f.code != "untranslated"]
            elif _key(message) in accepted:
                found = [_accepted(f) if f.code in _GAPS else f for f in found]
            findings += found
    if pack is not None:
        findings += _unused(catalog, units, shown)
    findings += [
        Finding(
            Location(shown, message.lineno),
            WARNING,
            "obsolete",
            f"obsolete entry '{short(message.id)}': remove it once no longer useful",
        )
        for message in catalog.obsolete.values()
    ]
    return findings


def _key(message: Message) -> Key:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return (message.context, msgid)


def _unused(catalog: Catalog, units: set[Key], shown: str) -> list[Finding]:
    """Entries for no unit of the pack: a build never reads them, a reviewer may."""
    return [
        Finding(
            Location(shown, message.lineno),
            ERROR,
            "unused",
            f"'{short(message.id)}' is not in the pack's units: mark it obsolete with "
            "presskit i18n update or remove it",
        )
        for message in catalog
        if message.id and _key(message) not in units
    ]


def _accepted(finding: Finding) -> Finding:
    return replace(
        finding,
        severity=WARNING,
        message=f"{finding.message} (printed in the source language: within the threshold)",
    )


def _written_plural_forms(text: str) -> dict[int, int]:
    """How many ``msgstr[N]`` each plural entry really has (Babel pads missing ones)."""
    counts: dict[int, int] = {}
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if line.startswith("msgid ") and number < len(lines):
            following = lines[number : number + 400]
            end = next(
                (i for i, text_line in enumerate(following) if not text_line.strip()),
                len(following),
            )
            forms = sum(1 for text_line in following[:end] if text_line.startswith("msgstr["))
            if forms:
                counts[number] = forms
    return counts


# The pack's references, and its scheme's pattern when it is a preset (see
# ReferenceScheme.searchable): a reference quoted in a sentence stays as written.
References = tuple[tuple[str, ...], "re.Pattern[str] | None"]


def _references(config: Config, pack: Pack | None) -> References:
    known = tuple(str(d.reference) for d in pack.documents.values()) if pack else ()
    scheme = config.references
    return known, scheme.compiled if scheme.searchable else None


Check = Callable[[str, str], Iterator[tuple[str, str]]]


def _language_checks(
    config: Config, language: str, glossary: Glossary | None, references: tuple[str, ...]
) -> list[Check]:
    """The rules that depend on the translation's language: glossary and typography."""
    edition = config.language(language)
    rules = for_language(edition)
    checks: list[Check] = [lambda s, t: typography_problems(rules, s, t, references)]
    if glossary is not None:
        terms = TermCheck(glossary, config.language(config.source_language), edition)
        checks.append(lambda s, t: terms.problems(s, t, references))
    return checks


def _message(
    catalog: Catalog,
    message: Message,
    written_forms: int | None,
    references: References,
    more: Sequence[Check] = (),
) -> Iterator[tuple[str, str]]:
    """(code, text) for each problem of one message."""
    plural = isinstance(message.id, (list, tuple))
    strings = (
        list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
    )
    forms = written_forms if written_forms is not None else len(strings)
    if plural and forms != catalog.num_plurals:
        yield (
            "plural-forms",
            (f"{forms} plural forms where the catalog declares {catalog.num_plurals}"),
        )
        return
    if message.fuzzy:
        yield "fuzzy", f"'{short(message.id)}' is fuzzy: review it and remove the flag"
        return
    if not all(strings):
        yield "untranslated", f"'{short(message.id)}' is not translated"
        return
    ids = list(message.id) if plural else [message.id]
    seen: set[tuple[str, str]] = set()
    for index, translation in enumerate(strings):
        source = ids[min(index, len(ids) - 1)] if len(strings) > 1 else ids[-1]
        form = (plural and index) or None
        yield from _compare(source, translation, form, references)
        where = "" if form is None else f" (plural form {form})"
        for check in more:
            for code, text in check(source, translation):
                if (code, text) not in seen:  # the same slip in every plural form: once
                    seen.add((code, text))
                    yield code, text + where


def _compare(
    source: str, translation: str, form: int | None, references: References = ((), None)
) -> Iterator[tuple[str, str]]:
    where = "" if form is None else f" (plural form {form})"
    # A figure's placeholders and a name's ({org:coalition}) must both be kept.
    wanted, found = set(FILLABLE.findall(source)), set(FILLABLE.findall(translation))
    if wanted - found:
        yield "placeholders", f"missing {_names(wanted - found)}{where}"
    if found - wanted:
        yield "placeholders", f"{_names(found - wanted)} not in the source{where}"
    if Counter(markup_signature(source)) != Counter(markup_signature(translation)):
        yield (
            "markup",
            (
                f"markup {markup_signature(translation) or 'none'} does not match the source's "
                f"{markup_signature(source) or 'none'}{where}"
            ),
        )
    numbers = {_western(n) for n in _NUMBER.findall(FILLABLE.sub("", translation))}
    for number in dict.fromkeys(map(_western, _NUMBER.findall(FILLABLE.sub("", source)))):
        if number not in numbers:
            yield "numbers", f"the number {number} of the source is missing{where}"
    for what, pattern in _VERBATIM:
        for item in dict.fromkeys(pattern.findall(source)):
            if item not in translation:
                yield "verbatim", f"the {what} '{item}' must stay as in the source{where}"
    known, pattern = references
    found = [item for item in known if item in source]
    if pattern is not None:
        found += [m.group() for m in pattern.finditer(source)]
    for item in dict.fromkeys(found):
        if item not in translation:
            yield "verbatim", f"the reference '{item}' must stay as in the source{where}"
    if translation != translation.strip() and source == source.strip():
        yield "whitespace", f"leading or trailing whitespace{where}"
    if "  " in translation and "  " not in source:
        yield "whitespace", f"doubled space{where}"


def _silenced(message: Message, problems: list[tuple[str, str]], shown: str) -> list[Finding]:
    where = Location(shown, message.lineno)
    ignored = silenced_rules(message.flags, message.user_comments)
    findings = [
        Finding(where, RULES[code][0], code, text) for code, text in problems if code not in ignored
    ]
    findings += [
        Finding(
            where,
            WARNING,
            "ignore-reason",
            f"'ignore-{code}' needs a comment '# ignore-{code}: <reason>'",
        )
        for code, reason in sorted(ignored.items())
        if not reason
    ]
    return findings


def _names(names: set[str]) -> str:
    return ", ".join(f"{{{n}}}" for n in sorted(names))
