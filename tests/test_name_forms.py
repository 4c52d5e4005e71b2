"""Names in every script: people and organisations of a pack's names file.

The pack (tests/roots/name-forms) is a German river campaign's call with Greek and
Georgian editions. Its prose and attributions name people and organisations with
placeholders ({person:weisshaupt}, {org:buendnis}); each edition prints the form its
translator gives (Greek and Georgian forms of the alliance and its chair), or the
source form, tagged with its language, where the unit is left empty (the foundation
in both, the Turkish ecologist in Georgian). The pack gives the original in brackets
after a name's first mention in running text.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from presskit.config import load_config
from presskit.content.loader import load_pack
from presskit.doctree import nodes
from presskit.doctree.build import DocumentBuilder
from presskit.doctree.inline import plain_text
from presskit.i18n.catalogs import load_catalog
from presskit.i18n.localize import Localizer
from tests.conftest import REPO, edit, pdftotext, run

ROOT = REPO / "tests" / "roots" / "name-forms"
CHAIR = {
    "de": "Anna Weißhaupt-Lindner",
    "el": "Άννα Βάισχαουπτ-Λίντνερ",
    "ka": "ანა ვაისჰაუპტ-ლინდნერი",
}
ALLIANCE = {
    "de": "Bündnis Freie Flüsse",
    "el": "Συμμαχία Ελεύθερα Ποτάμια",
    "ka": "ალიანსი „თავისუფალი მდინარეები“",
}
FOUNDATION = "Umweltstiftung Donau-Karpaten"  # no form in any edition
ECOLOGIST = {"de": "Deniz Oruç", "el": "Ντενίζ Ορούτς", "ka": "Deniz Oruç"}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    return shutil.copytree(ROOT, tmp_path / "pack")


def tree(code: str) -> nodes.Document:
    config = load_config(ROOT)
    pack = load_pack(config)
    catalog = load_catalog(config, code) if code != "de" else None
    localizer = Localizer(config.language(code), catalog)
    builder = DocumentBuilder(pack, config.language("de"), localizer, config.editions)
    return builder.build(pack.documents["aufruf"])


def inlines(doc: nodes.Document) -> list[nodes.Inline]:
    found: list[nodes.Inline] = []
    for block in doc.blocks:
        if isinstance(block, nodes.Paragraph):
            found += block.children
        elif isinstance(block, nodes.Quote):
            found += block.attribution
    return found


def body_text(doc: nodes.Document) -> str:
    return " ".join(plain_text(b.children) for b in doc.blocks if isinstance(b, nodes.Paragraph))


def test_each_edition_prints_its_own_form_and_the_original_once() -> None:
    greek = tree("el")
    text = body_text(greek)
    # The first mention in running text gives the original in brackets, the others not.
    assert text.count(f"{ALLIANCE['el']} (Bündnis Freie Flüsse)") == 1
    assert text.count(f"{CHAIR['el']} ({CHAIR['de']})") == 1
    assert text.count(CHAIR["el"]) == 5
    assert text.count(CHAIR["de"]) == 1
    # The kind is no running text: the form alone, never a bracket.
    assert greek.kind == f"Έκκληση της {ALLIANCE['el']}"
    # A name mentioned first in an attribution gets its original there.
    attribution = plain_text(
        next(b for b in greek.blocks if isinstance(b, nodes.Quote)).attribution
    )
    assert attribution == f"{CHAIR['el']}, Πρόεδρος, {ALLIANCE['el']}"
    last = plain_text([b for b in greek.blocks if isinstance(b, nodes.Quote)][-1].attribution)
    assert last == f"{ECOLOGIST['el']}, Οικολόγος ποταμών, {FOUNDATION}"


def test_a_local_form_is_in_the_edition_and_an_empty_unit_prints_the_source_tagged() -> None:
    georgian = inlines(tree("ka"))
    local = [n for n in georgian if isinstance(n, nodes.Text) and n.keep and n.text in CHAIR["ka"]]
    # Never hyphenated, and its hyphenated word never broken at the hyphen.
    assert {(n.text, n.keep) for n in local} == {("ანა", "name"), ("ვაისჰაუპტ-ლინდნერი", "whole")}
    sources = {
        (n.text, n.language.code if n.language else None)
        for n in georgian
        if isinstance(n, nodes.Isolate) and n.name
    }
    # The ecologist's unit is empty in Georgian: his name as written, in Turkish.
    assert sources == {
        (FOUNDATION, "de"),
        (ECOLOGIST["ka"], "tr"),
        (ALLIANCE["de"], "de"),
        (CHAIR["de"], "de"),
    }


def test_the_source_edition_and_a_local_first_mention_policy(copy: Path) -> None:
    assert body_text(tree("de")).count(CHAIR["de"]) == 5  # no brackets in the source
    edit(copy / "presskit.toml", 'first_mention = "local-original"', 'first_mention = "local"')
    config = load_config(copy)
    pack = load_pack(config)
    localizer = Localizer(config.language("el"), load_catalog(config, "el"))
    doc = DocumentBuilder(pack, config.language("de"), localizer).build(pack.documents["aufruf"])
    assert "(" not in body_text(doc)
    assert CHAIR["de"] not in body_text(doc)


def test_an_unknown_name_is_one_line_at_its_unit(copy: Path) -> None:
    edit(copy / "content" / "aufruf.yaml", "{org:stiftung} zählt", "{org:stiftunq} zählt")
    result = run(copy, "check")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "stiftunq" in line]
    assert lines == [
        "content/aufruf.yaml:13: error: syntax: unknown name {org:stiftunq} "
        "(known: {org:buendnis}, {org:stiftung})"
    ]
    assert "Traceback" not in result.output


def test_a_spokesperson_may_only_be_a_name_placeholder_whole(copy: Path) -> None:
    edit(copy / "content" / "facts.yaml", '"{person:oruc}"', '"Herr {person:oruc}"')
    result = run(copy, "build")
    assert result.exit_code == 1
    assert result.output.strip().endswith(
        "content/facts.yaml:8: a name placeholder must be the whole value "
        "('{person:<id>}' or '{org:<id>}')"
    )


@pytest.mark.parametrize("form", ["{person:weisshaupt}", "Deniz {n} Oruç"])
def test_a_placeholder_in_a_names_form_is_one_line(copy: Path, form: str) -> None:
    edit(copy / "content" / "names.yaml", "name: Deniz Oruç", f'name: "{form}"')
    result = run(copy, "check")
    assert result.exit_code == 1
    placeholder = re.search(r"\{[^}]*\}", form).group(0)
    assert (
        f"content/names.yaml:7: error: syntax: name 'person:oruc' is printed as written: "
        f"{placeholder} is not filled in a name"
    ) in result.output.splitlines()


def test_extraction_gives_each_name_a_unit_with_its_context_and_comment(copy: Path) -> None:
    assert run(copy, "i18n", "extract").exit_code == 0
    with (copy / "locales" / "presskit.pot").open("rb") as handle:
        template = read_po(handle)
    unit = template.get("Anna Weißhaupt-Lindner", context="person:weisshaupt")
    assert unit is not None
    assert unit.locations == [("content/names.yaml", 4)]
    comments = " ".join(unit.auto_comments)
    assert "Name of a person: give the form the press in your language uses" in comments
    assert "Left empty, the name is printed as written here." in comments
    assert "Chair of the alliance." in comments
    kind = template.get("Aufruf des {org:buendnis}")
    assert kind is not None
    assert "{org:buendnis} is Bündnis Freie Flüsse" in " ".join(kind.auto_comments)


def test_an_empty_name_is_no_gap_but_a_dropped_placeholder_is(copy: Path) -> None:
    assert run(copy, "check").output.strip() == "0 errors, 0 warnings"
    po = copy / "locales" / "el" / "LC_MESSAGES" / "presskit.po"
    edit(po, 'msgstr "Έκκληση της {org:buendnis}"', f'msgstr "Έκκληση της {ALLIANCE["el"]}"')
    result = run(copy, "check")
    assert result.exit_code == 1
    assert re.search(
        r"locales/el/LC_MESSAGES/presskit\.po:\d+: error: placeholders: missing "
        r"\{org:buendnis\}",
        result.output,
    ), result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = shutil.copytree(ROOT, tmp_path_factory.mktemp("name-forms") / "pack")
    result = run(pack, "build", "-j", "1")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output, result.output
    return pack / "output"


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.slow
@pytest.mark.parametrize("code", ["de", "el", "ka"])
def test_names_print_whole_never_hyphenated(built: Path, code: str) -> None:
    text = pdftotext(next((built / code).glob("*.pdf")))
    # Lines may wrap between a name's words, never inside one: each mention is whole
    # once the lines are joined, and no break left a hyphen of its own at a line end.
    joined = one_line(text)
    assert joined.count(CHAIR[code]) == 6  # five in the body, one in an attribution
    assert joined.count(ALLIANCE[code]) == 2  # the body, an attribution (the kind is in capitals)
    assert joined.count(FOUNDATION) == 6
    assert not re.search(r"(Donau|Weißhaupt|Βάισχαουπτ|ვაისჰაუპტ)-\n", text)
    assert "\u00ad" not in "".join(re.findall(r"\S*(?:Donau|haupt|Λίντ|ლინდ)\S*", text))


@pytest.mark.slow
def test_the_docx_carries_each_form_with_its_language(built: Path) -> None:
    xml = zipfile.ZipFile(next((built / "ka").glob("*.docx"))).read("word/document.xml")
    runs = re.findall(r"<w:r>(.*?)</w:r>", xml.decode("utf-8"))

    def languages(text: str) -> set[str | None]:
        found = set()
        for run_xml in runs:
            if f">{text}</w:t>" in run_xml:
                lang = re.search(r'<w:lang w:val="([^"]+)"', run_xml)
                found.add(lang.group(1) if lang else None)
        return found

    assert languages(ECOLOGIST["ka"]) == {"tr-TR"}
    assert languages(FOUNDATION) == {"de-DE"}
    assert languages(ALLIANCE["de"]) == {"de-DE"}  # the bracketed original
    assert languages("თავისუფალი მდინარეები") == {None}  # the edition's language (ka-GE)


EXAMPLE_FORMS = {
    "ar": ["ستافان دي ميستورا", "الدكتور سايمون آدامز", "الدكتور أحمد طرقجي", "إدواردا هامان"],
    "ru": ["Стаффан де Мистура", "Доктор Саймон Адамс", "Доктор Ахмад Таракджи", "Эдуарда Хаманн"],
    "zh": ["斯塔凡·德米斯图拉", "西蒙·亚当斯博士", "艾哈迈德·塔拉克吉博士", "爱德华达·哈曼"],
}
AMNESTY = {"ar": "منظمة العفو الدولية", "ru": "«Международная амнистия»", "zh": "国际特赦组织"}


@pytest.mark.slow
@pytest.mark.parametrize("code", ["ar", "ru", "zh"])
def test_the_example_names_people_and_amnesty_in_each_script(
    example_build: Path, code: str
) -> None:
    """de Mistura, the three spokespeople and Amnesty International in the edition's
    own script: in the appeal's masthead and running header too."""
    output = example_build / "output" / code
    text = "".join(pdftotext(pdf) for pdf in sorted(output.glob("*.pdf")))
    words = one_line(text)
    for form in EXAMPLE_FORMS[code]:
        assert form in words, form
    assert "Staffan de Mistura" in words  # the original, after the first mention
    appeal = next(output.glob("*appeal*.pdf"))
    # The masthead sets the kind in capitals where the script has them; the signatory
    # list keeps "Amnesty International" as the organisation writes itself.
    first_page = one_line(pdftotext(appeal, page=1)).upper()
    assert AMNESTY[code].upper() in first_page
    assert "AMNESTY INTERNATIONAL JOINT" not in first_page
    assert AMNESTY[code].upper() in one_line(pdftotext(appeal, page=2)).upper()  # header


def test_the_glyph_check_counts_a_name_form(copy: Path) -> None:
    po = copy / "locales" / "el" / "LC_MESSAGES" / "presskit.po"
    edit(po, f'msgstr "{ALLIANCE["el"]}"', f'msgstr "{ALLIANCE["el"]} \U0001f30a"')
    line = (
        po.read_text(encoding="utf-8").splitlines().index(f'msgstr "{ALLIANCE["el"]} \U0001f30a"')
    )
    result = run(copy, "check")
    assert f"locales/el/LC_MESSAGES/presskit.po:{line}: warning: glyphs: U+1F30A" in result.output


def test_a_name_no_document_prints_is_a_warning(copy: Path) -> None:
    names = copy / "content" / "names.yaml"
    names.write_text(names.read_text(encoding="utf-8") + "  fischerei: Fischereiverband\n")
    result = run(copy, "check")
    assert result.exit_code == 0, result.output
    assert (
        "content/names.yaml:15: warning: name-unused: {org:fischerei} "
        "('Fischereiverband') is printed by no document"
    ) in result.output
