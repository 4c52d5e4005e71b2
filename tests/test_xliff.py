"""`presskit i18n export --format xliff` and `i18n import`: catalogs to CAT tools and back.

The round trip gives back every catalog byte for byte; translate-toolkit reads every
unit, context, plural form and comment of the exported files; a unit edited as a CAT
tool would lands in its entry; hostile or mismatched files are refused whole.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import polib
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st
from translate.storage import factory

from presskit.config import load_config
from presskit.i18n.catalogs import catalog_path, read_catalog
from presskit.i18n.inline_codes import joined, source_pieces, target_pieces
from presskit.i18n.integrity import FORBIDDEN_IN_TEXT
from presskit.i18n.workflow import write_catalog
from presskit.i18n.xliff import to_xliff
from presskit.i18n.xliff_import import apply, parse_xliff, read_units, xliff_file
from tests.conftest import REPO, run, snapshot

EXCHANGE = Path(__file__).parent / "roots" / "exchange"
SHIPPED = sorted(p.parents[1].name for p in (REPO / "locales").glob("*/LC_MESSAGES/presskit.po"))


@pytest.fixture
def exchange(tmp_path: Path) -> Path:
    """A private copy of the test pack in Polish (3 plural forms) and Welsh (6)."""
    return Path(shutil.copytree(EXCHANGE, tmp_path / "exchange"))


def export(pack: Path, out: Path, *languages: str) -> dict[str, Path]:
    args = [a for code in languages for a in ("--lang", code)]
    out = out / "xliff-files"  # beside the pack, never in it
    result = run(pack, "i18n", "export", "--format", "xliff", "--output", str(out), *args)
    assert result.exit_code == 0, result.output
    files = {re.search(r"-([^-]+)\.xlf$", p.name).group(1): p for p in out.glob("*.xlf")}
    assert sorted(files) == sorted(languages or files)
    return files


def blank(pack: Path, language: str) -> None:
    """Empty every translation and translator comment of a catalog (flags stay)."""
    config = load_config(pack)
    path = catalog_path(config, language)
    catalog = read_catalog(path, "catalog", language, pack)
    for message in catalog:
        if message.id:
            plural = isinstance(message.id, (list, tuple))
            message.string = ("",) * catalog.num_plurals if plural else ""
            message.user_comments = []
    write_catalog(catalog, path, pack)


def po(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def catalogs(pack: Path) -> list[Path]:
    return sorted(pack.glob("locales/*/LC_MESSAGES/presskit.po"))


def test_round_trip_is_the_identity(pack: Path, exchange: Path, tmp_path: Path) -> None:
    """Export, empty the translations, import: every catalog comes back byte for byte,
    fuzzy entries with their previous msgid, silencing comments and flags, obsolete
    entries and all."""
    for root in (pack, exchange):
        before = {p: p.read_bytes() for p in catalogs(root)}
        files = export(root, tmp_path / root.name)
        assert len(files) == len(before)
        for language, file in files.items():
            blank(root, language)
            assert catalog_path(load_config(root), language).read_bytes() not in before.values()
            result = run(root, "i18n", "import", str(file))
            assert result.exit_code == 0, result.output
            assert f"locales/{language}/LC_MESSAGES/presskit.po" in result.output
        assert {p: p.read_bytes() for p in catalogs(root)} == before
        # Importing an unchanged file again changes nothing.
        result = run(root, "i18n", "import", str(files[sorted(files)[0]]))
        assert result.exit_code == 0 and "unchanged" in result.output
    assert run(exchange, "check").exit_code == 0


def test_export_writes_to_the_output_folder(exchange: Path) -> None:
    result = run(exchange, "i18n", "export", "--lang", "cy")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "output/xliff/glyder-valley-rescue-cy.xlf"
    assert (exchange / "output/xliff/glyder-valley-rescue-cy.xlf").is_file()
    assert run(exchange, "i18n", "export", "--lang", "en").exit_code == 2  # the source
    assert run(exchange, "i18n", "export", "--lang", "de").exit_code == 2


@pytest.mark.parametrize("root", ["shipped", "exchange"])
def test_translate_toolkit_reads_every_unit(root: str, tmp_path: Path) -> None:
    """translate-toolkit's XLIFF reader (Weblate's) finds each entry of the .po, in order,
    with its context, every plural form, its state, references and comments."""
    pack = REPO if root == "shipped" else EXCHANGE
    for language, file in export(pack, tmp_path).items():
        store = factory.getobject(str(file))
        units = [u for u in store.units if not u.isheader()]
        # polib, a third reader, gives the .po's side.
        catalog = polib.pofile(str(pack / f"locales/{language}/LC_MESSAGES/presskit.po"))
        entries = [e for e in catalog if not e.obsolete]
        forms = int(re.search(r"nplurals=(\d+)", catalog.metadata["Plural-Forms"]).group(1))
        assert len(units) == len(entries)
        for unit, entry in zip(units, entries, strict=True):
            contexts = [
                t for g in unit.getcontextgroups("po-entry") for k, t in g if k == "x-po-msgctxt"
            ]
            assert contexts == ([entry.msgctxt] if entry.msgctxt is not None else [])
            if entry.msgid_plural:
                assert unit.hasplural()
                strings = [entry.msgstr_plural[i] for i in range(forms)]
                assert list(unit.target.strings) == strings
                assert unit.source.strings[0] == entry.msgid
                assert set(unit.source.strings[1:]) <= {entry.msgid_plural}
            else:
                assert unit.source == entry.msgid
                assert (unit.target or "") == entry.msgstr
            assert unit.isfuzzy() == entry.fuzzy
            assert unit.getlocations() == [f"{f}:{n}" for f, n in entry.occurrences]
            assert unit.getnotes("developer") == entry.comment
            assert unit.getnotes("translator") == entry.tcomment
            if entry.previous_msgid and not entry.msgid_plural:
                assert [a.source for a in unit.getalttrans()] == [entry.previous_msgid]
        if language == "cy":
            plural = next(u for u in units if u.hasplural())
            assert len(plural.target.strings) == 6  # Welsh: zero, one, two, few, many, other


def test_codes_protect_placeholders_and_markup(tmp_path: Path) -> None:
    file = export(EXCHANGE, tmp_path, "pl")["pl"]
    text = file.read_text("utf-8")
    assert (
        '<source>Read <bpt id="1" ctype="italic">*</bpt>the full log<ept id="1">*</ept> and '
        '<bpt id="2" ctype="bold">**</bpt>support us<ept id="2">**</ept> at '
        '<bpt id="3" ctype="link">[</bpt>our site<ept id="3">](https://glyder-rescue.example/log)'
        "</ept>.</source>"
    ) in text
    assert '<ph id="1" ctype="x-presskit-placeholder">{volunteers}</ph> ochotników' in text
    assert 'resname="door sign"' in text and 'resname="status"' in text
    assert '<alt-trans origin="previous">' in text  # the fuzzy entry's old source


def cat_edit(file: Path, old: str, new: str) -> None:
    text = file.read_text("utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), "utf-8")


def test_a_cat_tools_edits_land_in_their_entries(exchange: Path, tmp_path: Path) -> None:
    file = export(exchange, tmp_path, "pl")["pl"]
    # The status "Open" retranslated; the fuzzy road sentence reviewed and approved; a
    # plural form rewritten around its tag; a note added as a translator comment.
    cat_edit(
        file,
        '<target state="translated">Przejezdna</target>',
        '<target state="translated">Przejezdna (otwarta)</target>',
    )
    cat_edit(
        file,
        '<target state="needs-review-translation">Górna droga pozostaje zamknięta do marca.',
        '<target state="translated">Górna droga pozostaje zamknięta do odwilży.',
    )
    cat_edit(
        file,
        "wezwań od grudnia do marca.</target>",
        'wezwań między grudniem a marcem.</target><note from="po-translator">'
        "Forma „wezwań” dla 5 i więcej.</note>",
    )
    result = run(exchange, "i18n", "import", str(file))
    assert result.exit_code == 0, result.output
    assert "updated locales/pl/LC_MESSAGES/presskit.po: 3 entries" in result.output
    polish = po(exchange / "locales/pl/LC_MESSAGES/presskit.po")
    assert polish.get("Open", context="status").string == "Przejezdna (otwarta)"
    assert polish.get("Open", context="door sign").string == "Otwarte"
    road = polish.get("The upper road stays closed until the thaw.")
    assert road.string == "Górna droga pozostaje zamknięta do odwilży." and not road.fuzzy
    plural = polish.get("The team answered {callouts} call-out between December and March.")
    assert plural.string[2].endswith("wezwań między grudniem a marcem.")
    assert plural.user_comments == ["Forma „wezwań” dla 5 i więcej."]
    text = (exchange / "locales/pl/LC_MESSAGES/presskit.po").read_text("utf-8")
    assert "#| msgid" not in text  # reviewed: the previous source text is gone
    result = run(exchange, "check", "--lang", "pl")
    assert result.exit_code == 0 and "fuzzy" not in result.output


def test_a_translator_comment_in_a_cat_tool_silences_a_rule(exchange: Path, tmp_path: Path) -> None:
    """Silencing travels as a translator comment, which the XLIFF carries both ways."""
    file = export(exchange, tmp_path, "cy")["cy"]
    note = '<note from="po-translator">ignore-markup: Welsh running text here sets no bold.</note>'
    cat_edit(file, note, '<note from="po-translator">Checked.</note>')
    result = run(exchange, "i18n", "import", str(file))
    assert result.exit_code == 1  # the ** pair is missing and nothing silences it
    assert "the protected code <bpt id='2'> (**) of the source is missing" in result.output
    cat_edit(
        file,
        '<note from="po-translator">Checked.</note>',
        '<note from="po-translator">ignore-markup: no bold in Welsh.</note>',
    )
    result = run(exchange, "i18n", "import", str(file))
    assert result.exit_code == 0, result.output
    text = (exchange / "locales/cy/LC_MESSAGES/presskit.po").read_text("utf-8")
    assert "# ignore-markup: no bold in Welsh.\n" in text
    assert run(exchange, "check", "--lang", "cy").exit_code == 0


ORIGINAL = "locales/pl/LC_MESSAGES/presskit.po"
HOSTILE = {
    "billion laughs": (
        '<?xml version="1.0"?>\n<!DOCTYPE xliff [\n<!ENTITY a "aaaaaaaaaa">\n'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file '
        'original="{original}" source-language="en" target-language="pl" datatype="po">'
        "<body><trans-unit id='x'><source>&c;</source></trans-unit></body></file></xliff>",
        ":2: declares a DTD or entities",
    ),
    "external entity": (
        '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file '
        'original="{original}" source-language="en" target-language="pl" datatype="po">'
        "<body><trans-unit id='x'><source>&secret;</source></trans-unit></body></file></xliff>",
        ":2: declares a DTD or entities",
    ),
    "external DTD": (
        '<?xml version="1.0"?>\n<!DOCTYPE xliff SYSTEM "http://127.0.0.1:9/xliff.dtd">\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>',
        ":2: declares a DTD or entities",
    ),
    "not XML": ("<xliff><file>", ":1: malformed XML"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_xml_is_refused(exchange: Path, tmp_path: Path, case: str) -> None:
    text, message = HOSTILE[case]
    file = tmp_path / "hostile.xlf"
    file.write_text(text.replace("{original}", ORIGINAL), "utf-8")
    before = snapshot(exchange)
    result = run(exchange, "i18n", "import", str(file))
    assert result.exit_code == 1
    assert f"presskit: {file}{message}" in result.output
    assert "root:" not in result.output  # nothing of /etc/passwd
    assert snapshot(exchange) == before


MISMATCHES = {
    "wrong target-language": (
        'target-language="pl"',
        'target-language="de"',
        (3, "target-language 'de' is not a translated language of the pack (pl, cy)"),
    ),
    "another language's file": (
        'target-language="pl"',
        'target-language="cy"',
        (
            3,
            "the file was exported from locales/pl/LC_MESSAGES/presskit.po, but its "
            "target-language 'cy' is the language of locales/cy/LC_MESSAGES/presskit.po",
        ),
    ),
    "a target in another language": (
        '<target state="translated">Przejezdna</target>',
        '<target state="translated" xml:lang="de">Befahrbar</target>',
        "a target in 'de' in a file whose target-language is 'pl'",
    ),
    "unknown plural unit": (
        '<group id="u',
        '<group id="x',
        "('The team answered {callouts} call-out between Dec…') is not in the catalog",
    ),
    "unknown unit": (
        '<trans-unit id="u',
        '<trans-unit id="x',
        "is not in the catalog: it was removed or its source changed since the export",
    ),
    "altered placeholder": (
        '<ph id="1" ctype="x-presskit-placeholder">{volunteers}</ph> ochotników',
        '<ph id="1" ctype="x-presskit-placeholder">{wolontariusze}</ph> ochotników',
        "the protected code <ph id='1'> was altered: '{wolontariusze}' where the source has "
        "'{volunteers}'",
    ),
    "missing placeholder": (
        '<ph id="1" ctype="x-presskit-placeholder">{volunteers}</ph> ochotników',
        "24 ochotników",
        "the protected code <ph id='1'> ({volunteers}) of the source is missing from the "
        "translation",
    ),
    "altered link": (
        '<ept id="3">](https://glyder-rescue.example/log)</ept>.</target>',
        '<ept id="3">](https://evil.example/)</ept>.</target>',
        "the protected code <ept id='3'> was altered",
    ),
    "unpaired markup": (
        '<bpt id="2" ctype="bold">**</bpt>wesprzyj nas<ept id="2">**</ept>',
        '<bpt id="2" ctype="bold">**</bpt>wesprzyj nas',
        "the code <bpt id='2'> has no <ept>",
    ),
    "missing plural form": (
        re.compile(r'<trans-unit id="(u\w+)\[2\]".*?</trans-unit>', re.S),
        "",
        "2 plural forms for 'The team answered {callouts} call-out between Dec…' where the "
        "catalog has 3",
    ),
    "foreign inline element": (
        "wesprzyj nas<ept",
        'wesprzyj <g id="9">nas</g><ept',
        "<g> is not an inline code presskit writes (only ph, bpt, ept, mrk)",
    ),
}


@pytest.mark.parametrize("case", sorted(MISMATCHES))
def test_mismatched_units_are_refused(exchange: Path, tmp_path: Path, case: str) -> None:
    old, new, message = MISMATCHES[case]
    file = export(exchange, tmp_path, "pl")["pl"]
    text = file.read_text("utf-8")
    changed = (
        old.sub(new, text, count=1) if isinstance(old, re.Pattern) else text.replace(old, new, 1)
    )
    assert changed != text
    file.write_text(changed, "utf-8")
    before = snapshot(exchange)
    result = run(exchange, "i18n", "import", str(file))
    assert result.exit_code == 1, result.output
    line = re.match(rf"presskit: {re.escape(str(file))}:(\d+): (.*)", result.output)
    assert line, result.output
    number, message = message if isinstance(message, tuple) else (None, message)
    assert message in line.group(2)
    assert number is None or int(line.group(1)) == number
    assert len(result.output.strip().splitlines()) == 1
    assert snapshot(exchange) == before


# Any text: XML's special characters, carriage returns, brackets and braces, markup.
TEXT = st.lists(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff").filter(
        lambda c: not FORBIDDEN_IN_TEXT.match(c)
    )
    | st.sampled_from(["{n}", "{person:x}", "*", "**", "[a](https://x.example/)", "\r", "]]>"]),
    max_size=20,
).map("".join)


@given(source=TEXT.filter(bool), translation=TEXT, context=st.none() | TEXT)
@settings(max_examples=150, deadline=None)
def test_any_text_survives_the_xml(source: str, translation: str, context: str | None) -> None:
    """Whatever a unit holds, its text comes back from the XLIFF as it went in."""
    pieces = source_pieces(source)
    assert joined(pieces) == source
    assert joined(target_pieces(translation, pieces)) == translation
    catalog = Catalog(locale="pl")
    # Silenced: a translation may lack the source's tags (refusing that is tested above).
    catalog.add(
        source, translation, context=context, flags={"ignore-placeholders", "ignore-markup"}
    )
    data = to_xliff(catalog, "x.po", "en", "pl")
    message = catalog.get(source, context=context)
    message.string = "" if translation else "x"
    units = read_units(xliff_file(parse_xliff(data, "x.xlf"), "x.xlf"), catalog, "x.xlf")
    apply(units)
    assert message.string == translation


def test_the_documented_unit_is_what_export_writes() -> None:
    """docs/content.md shows a unit and its XLIFF source: export writes exactly that."""
    section = (REPO / "docs/content.md").read_text("utf-8").split("## Catalogs in translators")[1]
    po_text = re.search(r"```po\n(.*?)```", section, re.S).group(1)
    xml = re.search(r"```xml\n(.*?)```", section, re.S).group(1)
    unit = next(m for m in read_po(io.BytesIO(po_text.encode())) if m.id)
    catalog = Catalog(locale="pl")
    catalog.add(unit.id, "", context=unit.context, auto_comments=unit.auto_comments)
    written = to_xliff(catalog, "x.po", "en", "pl").decode()
    source = re.search(rf'resname="{unit.context}"[^>]*>\s*<source>(.*?)</source>', written, re.S)
    assert source and " ".join(source.group(1).split()) == " ".join(xml.split())
