"""Catalog integrity: a catalog shared by a coalition cannot print what its reviewed
entries do not say, and `check` refuses exactly what `build` refuses."""

from __future__ import annotations

import gettext
import json
import random
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from babel import Locale
from babel.plural import to_gettext

from presskit.config import load_config
from presskit.content.loader import load_pack
from presskit.content.units import pack_units
from presskit.i18n.catalogs import load_catalog
from presskit.i18n.localize import Localizer
from presskit.i18n.plurals import (
    LIMIT,
    ORDER,
    categories,
    check_plural_expression,
    gettext_plural_forms,
)
from presskit.i18n.workflow import extract
from tests.conftest import REPO, copy_pack, run, snapshot
from tests.test_bad_input import FR_PLURAL, FR_PO, append, prepend, replace

BUILD = ("build", "--lang", "en", "--lang", "fr", "--doc", "notes", "--format", "docx")
CHECK = ("check", "--lang", "fr")
TRANSLATED = ("fr", "es", "ar", "ru", "zh")


@pytest.fixture(scope="module")
def built_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = copy_pack(tmp_path_factory.mktemp("built") / "pack")
    assert run(pack, *BUILD).exit_code == 0
    return pack


@pytest.fixture
def pack_copy(built_pack: Path, tmp_path: Path) -> Path:
    """The built pack, safe to edit; its output folder is as the build left it."""
    return Path(shutil.copytree(built_pack, tmp_path / "pack"))


def refused(pack: Path, mutate: Callable[[Path], None], line: int | str, message: str) -> None:
    """``mutate`` makes build refuse with one located line and check report it as an error."""
    before = snapshot(pack / "output")
    mutate(pack)
    result = run(pack, *BUILD)
    assert result.exit_code == 1, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output, result.output
    pattern = rf"presskit: {re.escape(FR_PO)}:{line}: {message}"
    assert re.match(pattern, result.output), result.output
    assert snapshot(pack / "output") == before
    check = run(pack, *CHECK, "--json")
    assert check.exit_code == 1
    errors = [f for f in json.loads(check.output) if f["severity"] == "error"]
    assert any(
        f["path"] == FR_PO
        and re.fullmatch(str(line), str(f["line"]))
        and re.match(message, f["message"])
        for f in errors
    ), errors


def line_of(pack: Path, text: str, occurrence: int = 1) -> int:
    lines = (pack / FR_PO).read_text(encoding="utf-8").split("\n")
    found = [number for number, line in enumerate(lines, start=1) if line == text]
    return found[occurrence - 1]


# 1. Control characters in ids


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        # A raw EOT makes "first page\x04Date: {date}" the key of the msgctxt entry in the .mo.
        (
            'msgid "first page\x04Date: {date}"\nmsgstr "Date : 31 février"\n',
            r"the msgid 'first page\\u0004Date: \{date\}' contains the control character "
            r"U\+0004 \(gettext's context separator\)",
        ),
        (
            'msgid "ENDS\x00"\nmsgstr "FIN"\n',
            r"the msgid 'ENDS\\u0000' contains the control character U\+0000",
        ),
        (
            'msgctxt "first\x04page"\nmsgid "Date: {date}"\nmsgstr "Date"\n',
            r"the msgctxt 'first\\u0004page' contains the control character U\+0004",
        ),
        (
            'msgid "{signatories} file"\nmsgid_plural "{signatories}\x1bfiles"\n'
            'msgstr[0] "a"\nmsgstr[1] "b"\nmsgstr[2] "c"\n',
            r"the msgid '\{signatories\}\\u001bfiles' contains the control character U\+001B",
        ),
    ],
    ids=["eot-in-msgid", "nul-in-msgid", "eot-in-msgctxt", "escape-in-msgid-plural"],
)
def test_control_characters_in_ids_are_refused(pack_copy: Path, entry: str, message: str) -> None:
    at = len((pack_copy / FR_PO).read_text(encoding="utf-8").split("\n")) + 1
    at += entry.startswith("msgctxt")  # the entry's line is its msgid's
    refused(pack_copy, append(FR_PO, "\n" + entry), at, message)


@pytest.mark.parametrize("escape", ["\\004", "\\x04", "\\a", "\\000"])
def test_escapes_gettext_reads_as_controls_are_refused(pack_copy: Path, escape: str) -> None:
    # msgfmt and Poedit read these as control characters; Babel would keep them as text.
    at = len((pack_copy / FR_PO).read_text(encoding="utf-8").split("\n")) + 1
    mutate = append(FR_PO, f'\nmsgid "first page{escape}Date: {{date}}"\nmsgstr "Date"\n')
    refused(pack_copy, mutate, at, re.escape(f"malformed catalog: the escape '{escape[:2]}'"))


# 2. Duplicate entries


def test_a_repeated_entry_is_refused_naming_the_first(pack_copy: Path) -> None:
    first = line_of(pack_copy, 'msgid "ENDS"')
    at = len((pack_copy / FR_PO).read_text(encoding="utf-8").split("\n")) + 1
    mutate = append(FR_PO, '\nmsgid "ENDS"\nmsgstr "FIN (version non relue)"\n')
    refused(pack_copy, mutate, at, rf"this entry repeats the entry at line {first}")


def test_a_second_header_is_refused(pack_copy: Path) -> None:
    # Babel would let it replace the first header, Plural-Forms included.
    at = len((pack_copy / FR_PO).read_text(encoding="utf-8").split("\n")) + 1
    mutate = append(FR_PO, '\nmsgid ""\nmsgstr "Plural-Forms: nplurals=1; plural=0;\\n"\n')
    refused(pack_copy, mutate, at, r"this entry repeats the entry at line 4")


def test_a_plural_entry_repeating_a_singular_one_is_refused(pack_copy: Path) -> None:
    # Babel would let the plural entry replace the reviewed singular one.
    first = line_of(pack_copy, 'msgid "ENDS"')
    at = len((pack_copy / FR_PO).read_text(encoding="utf-8").split("\n")) + 1
    entry = 'msgid "ENDS"\nmsgid_plural "ENDS"\nmsgstr[0] "A"\nmsgstr[1] "B"\nmsgstr[2] "C"\n'
    refused(
        pack_copy, append(FR_PO, "\n" + entry), at, rf"this entry repeats the entry at line {first}"
    )


# 3. Entries the pack does not use


def test_pack_units_are_the_units_extraction_finds() -> None:
    config = load_config(REPO)
    units = {(u.context, u.msgid) for u in pack_units(load_pack(config))}
    extracted = {
        (m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in extract(config) if m.id
    }
    assert units == extracted


def test_an_entry_for_no_unit_is_an_error_in_check(pack: Path) -> None:
    po = pack / FR_PO
    original = po.read_text(encoding="utf-8")
    po.write_text(
        original + '\nmsgid "An old heading"\nmsgstr "Un ancien titre"\n', encoding="utf-8"
    )
    line = len(original.split("\n")) + 1
    result = run(pack, *CHECK)
    assert result.exit_code == 1
    assert (
        f"{FR_PO}:{line}: error: unused: 'An old heading' is not in the pack's units: mark it "
        "obsolete with presskit i18n update or remove it"
    ) in result.output.splitlines()
    # Marked obsolete, it is only a reminder; the header entry is no unit and is fine.
    po.write_text(
        original + '\n#~ msgid "An old heading"\n#~ msgstr "Un ancien titre"\n', encoding="utf-8"
    )
    result = run(pack, *CHECK)
    assert result.exit_code == 0, result.output
    assert "warning: obsolete: obsolete entry 'An old heading'" in result.output


# 4. Plural forms: CLDR for every n


# At least 40 locales, every plural rule shape among them.
LOCALES = [
    "ar",
    "fr",
    "es",
    "pt",
    "pt_PT",
    "it",
    "ca",
    "ru",
    "uk",
    "be",
    "pl",
    "cs",
    "sk",
    "he",
    "cy",
    "ga",
    "br",
    "lt",
    "lv",
    "sl",
    "mt",
    "ro",
    "gd",
    "gv",
    "kw",
    "is",
    "mk",
    "hr",
    "sr",
    "bs",
    "zh",
    "ja",
    "ko",
    "en",
    "de",
    "da",
    "si",
    "fil",
    "tzm",
    "shi",
    "ksh",
    "lag",
    "hy",
]


def _python(expression: str) -> str:
    """A gettext expression as Python's gettext evaluates it."""
    source, rest = gettext._parse(gettext._tokenize(expression))  # type: ignore[attr-defined]
    assert not rest
    return source


def _cldr_reference(code: str) -> tuple[str, list[str]]:
    """Babel's own compilation of the CLDR rule (to_gettext), for whole numbers (its
    exponent operand e, and c, are 0), and the categories its indices stand for."""
    rule = Locale.parse(code).plural_form
    tags = [tag for tag in ORDER if tag in rule.tags | {"other"}]
    expression = to_gettext(rule).split("plural=", 1)[1].rstrip(";")
    return re.sub(r"\b[ce]\b", "0", expression), tags


def test_the_reference_is_cldr() -> None:
    """Babel's to_gettext, specialised for whole numbers, gives plural_form's category."""
    sample = [*range(2001), *(j * 10**k for k in range(3, 7) for j in range(1, 11))]
    sample += random.Random(816).sample(range(LIMIT + 1), 2000)
    for code in LOCALES:
        expression, tags = _cldr_reference(code)
        rule = Locale.parse(code).plural_form
        values = eval(f"[{_python(expression)} for n in sample]", {"sample": sample})
        assert [tags[v] for v in values] == [rule(n) for n in sample], code


@pytest.mark.slow
def test_plural_forms_header_is_cldr_for_every_n_up_to_a_million() -> None:
    assert len(LOCALES) >= 40
    checked: set[tuple[object, str]] = set()
    for code in LOCALES:
        rule = Locale.parse(code).plural_form
        header = gettext_plural_forms(code)
        key = (tuple(sorted(rule.rules.items())), header)
        if key in checked:
            continue  # the same rule and header: the same million values
        checked.add(key)
        reference, tags = _cldr_reference(code)
        forms = categories(code)
        assert forms == tuple(t for t in ORDER if t in forms)  # CLDR's order
        assert header.startswith(f"nplurals={len(forms)}; plural=")
        ours = header.split("plural=", 1)[1].rstrip(";")
        gettext.c2py(ours)  # what builds compile
        table = bytes(forms.index(t) if t in forms else 255 for t in tags).ljust(256, b"\xff")
        every = f"bytes([{{}} for n in range({LIMIT + 1})])"
        expected = eval(every.format(_python(reference))).translate(table)
        assert 255 not in expected, code  # integers reach only the categories listed
        assert eval(every.format(_python(ours))) == expected, code
        assert set(expected) == set(range(len(forms))), code  # and reach them all


def test_msgfmt_accepts_every_header(tmp_path: Path) -> None:
    for code in LOCALES:
        forms = len(categories(code))
        strings = "".join(f'msgstr[{i}] "x{i}"\n' for i in range(forms))
        po = tmp_path / f"{code}.po"
        po.write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Plural-Forms: {gettext_plural_forms(code)}\\n"\n\n'
            f'msgid "one"\nmsgid_plural "many"\n{strings}',
            encoding="utf-8",
        )
        result = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
        )
        assert result.returncode == 0, (code, result.stderr)


def test_babel_table_headers_are_refused() -> None:
    # Babel's hand-written table swaps Arabic forms 4 and 5 and gives French no "many".
    arabic = "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5)"
    mismatch = check_plural_expression("ar", arabic)
    assert mismatch is not None and (mismatch.n, mismatch.found, mismatch.category) == (
        11,
        5,
        "many",
    )
    french = "(n == 0 || n == 1) ? 0 : 2"  # right for every n but the millions
    mismatch = check_plural_expression("fr", french)
    assert mismatch is not None and (mismatch.n, mismatch.category) == (1_000_000, "many")
    # Other spellings of CLDR's rule are accepted.
    russian = "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"
    assert check_plural_expression("ru", russian) is None
    assert check_plural_expression("fr", "n<=1 ? 0 : n%1000000 == 0 ? 1 : 2") is None


def test_every_n_up_to_a_million_is_checked() -> None:
    wrong = "n == 999999 ? 1 : (n == 0 || n == 1) ? 0 : n % 1000000 == 0 ? 1 : 2"
    mismatch = check_plural_expression("fr", wrong)
    assert mismatch is not None and (mismatch.n, mismatch.found, mismatch.expected) == (
        999_999,
        1,
        2,
    )
    wrong = "(n == 0 || n == 1) ? 0 : n % 1000000 == 0 ? 1 : n % 7 == 3 && n > 999990 ? 0 : 2"
    mismatch = check_plural_expression("fr", wrong)
    assert mismatch is not None and mismatch.n == 999_995


def test_an_expression_using_n_in_arithmetic_is_refused(pack_copy: Path) -> None:
    # n * n * n… evaluated a million times could take hours; no gettext tool writes it.
    header = "plural=(n*1 == 0 || n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"
    mutate = replace(FR_PO, FR_PLURAL, header)
    line = 13
    message = re.escape(
        "the Plural-Forms expression uses n otherwise than in comparisons with numbers and in "
        f"n % number: write CLDR's, {gettext_plural_forms('fr')}"
    )
    refused(pack_copy, mutate, line, message)


def test_counts_beyond_a_million_are_checked_too() -> None:
    right_to_a_million = "(n == 0 || n == 1) ? 0 : n == 1000000 ? 1 : 2"
    assert check_plural_expression("fr", right_to_a_million) is None
    mismatch = check_plural_expression("fr", right_to_a_million, counts=[223, 2_000_000])
    assert mismatch is not None and (mismatch.n, mismatch.category) == (2_000_000, "many")


def test_a_count_the_header_gets_wrong_refuses_check_and_build(pack_copy: Path) -> None:
    facts = "content/facts.yaml"
    replace(facts, "uk_organisations:\n    value: 20\n", "uk_organisations:\n    value: 2000000\n")(
        pack_copy
    )
    header = "plural=(n == 0 || n == 1 ? 0 : n == 1000000 ? 1 : 2);"
    replace(FR_PO, FR_PLURAL, header)(pack_copy)
    line = line_of(pack_copy, '"Plural-Forms: nplurals=3; ' + header + '\\n"')
    message = (
        r"the Plural-Forms expression gives form 2 for n=2000000; CLDR's category for 2000000 is "
        r"'many', form 1"
    )
    refused(pack_copy, lambda pack: None, line, message)


@pytest.mark.parametrize("language", TRANSLATED)
def test_shipped_catalogs_carry_the_header_presskit_writes(language: str) -> None:
    catalog = load_catalog(load_config(REPO), language).catalog
    assert catalog.plural_forms == gettext_plural_forms(language)


def test_init_writes_cldr_plural_forms(pack: Path) -> None:
    (pack / FR_PO).unlink()
    assert run(pack, "i18n", "init", "fr").exit_code == 0
    text = (pack / FR_PO).read_text(encoding="utf-8")
    header = text.split('"Plural-Forms: ', 1)[1].split('\\n"', 1)[0]
    assert header.replace('"\n"', "") == gettext_plural_forms("fr")
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(pack / FR_PO)])
    assert result.returncode == 0


def test_update_writes_cldr_plural_forms(pack: Path) -> None:
    po = pack / "locales/ar/LC_MESSAGES/presskit.po"
    text = po.read_text(encoding="utf-8")
    old = text.split('"Plural-Forms: ', 1)[1].split('\\n"\n', 1)[0]
    babel = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5);"
    po.write_text(text.replace(old, babel), encoding="utf-8")
    assert run(pack, "i18n", "update", "--lang", "ar").exit_code == 0
    assert load_catalog(load_config(pack), "ar").catalog.plural_forms == gettext_plural_forms("ar")


def test_millions_take_the_many_form() -> None:
    config = load_config(REPO)
    units = {u.msgid: u for u in pack_units(load_pack(config))}
    unit = next(
        u for msgid, u in units.items() if msgid.startswith("{signatories} organisation from")
    )
    french = Localizer(config.language("fr"), load_catalog(config, "fr"))
    spanish = Localizer(config.language("es"), load_catalog(config, "es"))
    assert french.text(unit, 1_000_000).startswith("{signatories} d’organisations de")
    assert french.text(unit, 223).startswith("{signatories} organisations de")
    assert spanish.text(unit, 2_000_000).startswith("{signatories} de organizaciones de")
    assert spanish.text(unit, 1_000_001).startswith("{signatories} organizaciones de")


# 5. Byte-order mark and invisible characters


def test_a_byte_order_mark_is_named(pack_copy: Path) -> None:
    mutate = lambda pack: (pack / FR_PO).write_bytes(b"\xef\xbb\xbf" + (pack / FR_PO).read_bytes())  # noqa: E731
    message = r"starts with a UTF-8 byte-order mark \(BOM\): save the file as UTF-8 without BOM"
    refused(pack_copy, mutate, 1, message)


def test_line_and_paragraph_separators_in_a_translation_are_accepted(pack_copy: Path) -> None:
    replace(FR_PO, 'msgstr "Signataires', 'msgstr "Signataires\u2028\u0085')(pack_copy)
    assert run(pack_copy, *BUILD).exit_code == 0
    result = run(pack_copy, *CHECK)
    assert result.exit_code == 0, result.output
    # Lines are counted as gettext tools count them: the separators start no line.
    line = line_of(pack_copy, 'msgstr "FIN"')
    refused(
        pack_copy,
        replace(FR_PO, 'msgstr "FIN"', 'msgstr "FIN'),
        line,
        "malformed catalog: cannot parse",
    )


def test_an_unparsable_line_shows_its_invisible_characters(pack_copy: Path) -> None:
    line = line_of(pack_copy, 'msgstr "FIN"')
    mutate = replace(FR_PO, 'msgstr "FIN"', '\u200bmsgstr "FIN"')
    refused(
        pack_copy,
        mutate,
        line,
        re.escape("malformed catalog: cannot parse '\\u200bmsgstr \"FIN\"'"),
    )


# 6. check sees what build sees


NEW_PARAGRAPH = "\nbody:\n  - paragraph: The coalition will hold a press conference on Friday.\n"


def test_check_and_build_agree_on_a_new_paragraph(pack_copy: Path) -> None:
    replace("content/notes.yaml", "\nbody:\n", NEW_PARAGRAPH)(pack_copy)
    before = snapshot(pack_copy / "output")
    build = run(pack_copy, *BUILD)
    assert build.exit_code == 1 and build.output.count("\n") == 1
    assert "'notes' is 96% translated into fr, below the 100% required" in build.output
    assert snapshot(pack_copy / "output") == before
    missing = re.search(r"untranslated '[^']+' \(content/notes\.yaml:\d+\)", build.output)
    assert missing, build.output
    check = run(pack_copy, *CHECK)
    assert check.exit_code == 1
    assert re.search(
        r"^content/notes\.yaml:\d+: error: incomplete: locales/fr/LC_MESSAGES/presskit\.po has no "
        r"entry for this unit: 'notes' is 96% translated into fr, below the 100% required: "
        + re.escape(missing.group(0)),
        check.output,
        re.MULTILINE,
    ), check.output

    toml = pack_copy / "presskit.toml"
    toml.write_text(toml.read_text() + "\n[completeness]\ndefault = 50\n")
    check = run(pack_copy, *CHECK)
    assert check.exit_code == 0, check.output
    assert "warning: incomplete: locales/fr/LC_MESSAGES/presskit.po has no entry" in check.output
    assert run(pack_copy, *BUILD).exit_code == 0


def test_a_gap_the_threshold_accepts_is_a_warning(pack: Path) -> None:
    replace(FR_PO, 'msgid "ENDS"', '#, fuzzy\nmsgid "ENDS"')(pack)
    result = run(pack, *CHECK)
    assert result.exit_code == 1
    assert re.search(r"presskit\.po:\d+: error: fuzzy: 'ENDS' is fuzzy", result.output)
    assert re.search(r"presskit\.po:\d+: error: incomplete: 'release' is 96%", result.output)
    toml = pack / "presskit.toml"
    toml.write_text(toml.read_text() + "\n[completeness]\nrelease = 90\n")
    result = run(pack, *CHECK)
    assert result.exit_code == 0, result.output
    assert re.search(r"presskit\.po:\d+: warning: fuzzy: 'ENDS' is fuzzy", result.output)
    assert re.search(
        r"presskit\.po:\d+: warning: incomplete: 'release' prints untranslated 'ENDS'",
        result.output,
    )
    assert run(pack, "build", "--lang", "fr", "--doc", "release", "--format", "docx").exit_code == 0


def test_a_configured_language_without_catalog_is_an_error(pack: Path) -> None:
    (pack / "locales/es/LC_MESSAGES/presskit.po").unlink()
    result = run(pack, "check")
    assert result.exit_code == 1
    assert (
        "locales/es/LC_MESSAGES/presskit.po: error: syntax: no catalog for 'es' "
        "(create it with: presskit i18n init es)"
    ) in result.output


# 7. Linear check rules


def _adversarial() -> dict[str, str]:
    size = 100_000
    return {
        "word-run-without-at": "a" * size,
        "at-signs": "a@" * (size // 2),
        "dotted-local-part": ("a." * (size // 2 - 2)) + "@b",
        "domain-without-dot": "a@" + "b" * (size - 2),
        "mailto": "mailto:" * (size // 7),
        "urls": "https://x " * (size // 10),
        "digits": "1" * size,
        "phone-without-end": "+1" + " " * (size - 2),
        "phone-parens": "+1" + "(" * (size - 2),
        "placeholders": "{" * size,
        "placeholder-run": "{" + "a" * (size - 1),
        "references": "ABC 12/1234/" * (size // 12),
        "strong": "**a" + "b" * (size - 3),
        "emphasis": "*a " * (size // 3),
        "link-label": "[" + "a" * (size - 1),
        "numbers-and-commas": "1," * (size // 2),
        "over": "over " * (size // 5),
    }


@pytest.mark.parametrize("text", list(_adversarial().values()), ids=list(_adversarial()))
@pytest.mark.slow
def test_check_rules_are_linear(pack: Path, text: str) -> None:
    assert len(text) >= 99_990
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    (pack / FR_PO).write_text(
        (pack / FR_PO).read_text(encoding="utf-8") + f'\nmsgid "{escaped}"\nmsgstr "{escaped}"\n',
        encoding="utf-8",
    )
    notes = pack / "content/notes.yaml"
    notes.write_text(
        notes.read_text(encoding="utf-8").replace(
            "\nbody:\n", f"\nbody:\n  - paragraph: {json.dumps(text)}\n"
        ),
        encoding="utf-8",
    )
    start = time.perf_counter()
    result = run(pack, *CHECK)
    elapsed = time.perf_counter() - start
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    assert elapsed < 20, f"check took {elapsed:.1f} s"  # a hang guard, not a speed target


def test_a_bom_is_named_in_check_too(pack: Path) -> None:
    prepend(FR_PO, "\ufeff")(pack)
    result = run(pack, *CHECK)
    assert result.exit_code == 1
    assert f"{FR_PO}:1: error: syntax: starts with a UTF-8 byte-order mark (BOM)" in result.output


def test_a_formula_wrong_only_at_1500_is_refused_not_printed_in_english(pack_copy: Path) -> None:
    # Right for every n up to 1,000 (the old check's range), wrong at 1,500: the build
    # used to print English there with fallback_units 0.
    header = (
        'plural=(n == 1500 ? 1 : n == 0 || n == 1 ? 0 : n != 0 && n % "\n"1000000 == 0 ? 1 : 2);'
    )
    mutate = replace(FR_PO, FR_PLURAL, header)
    refused(pack_copy, mutate, 13, r"the Plural-Forms expression gives form 1 for n=1500")
