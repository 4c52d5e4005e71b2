"""Every language CLDR knows: 40 editions in 18 scripts, typeset and tagged right.

The pack (tests/roots/languages) holds a short sample in each language, written for
these tests: a sentence, a figure, a date, a plural, a Latin organisation name and a
reference. Built once in both formats, each edition is checked as a reader's tools see
it: the faces embedded (pdffonts), the text in logical order (pdftotext), every word
inside the text block (pdftotext -bbox), the PDF's /Lang, the DOCX's language and font
slots, and the faces LibreOffice draws the DOCX with.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import unicodedata
import zipfile
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from presskit.config import load_config
from presskit.languages import LATIN, Language
from tests.conftest import REPO, libreoffice_to_pdf, pdftotext, run

ROOT = REPO / "tests" / "roots" / "languages"
CONFIG = load_config(ROOT)
LANGUAGES = list(CONFIG.languages)
MM = 72 / 25.4
PAGE_WIDTH = 210 * MM
SIDE_MARGIN = 20 * MM  # the default theme's


def test_the_pack_covers_forty_languages_in_sixteen_scripts_or_more() -> None:
    assert len(LANGUAGES) == 40
    assert len({CONFIG.language(code).script.code for code in LANGUAGES}) >= 16


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = shutil.copytree(ROOT, tmp_path_factory.mktemp("languages") / "pack")
    result = run(pack, "build")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output, result.output
    return pack / "output"


def files(built: Path, code: str) -> tuple[Path, Path]:
    folder = built / code
    return next(folder.glob("*.pdf")), next(folder.glob("*.docx"))


def postscript(family: str) -> str:
    """How pdffonts names a family's faces: spaces and case dropped."""
    return re.sub(r"[^a-z0-9]", "", family.lower())


def embedded(pdf: Path) -> set[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in out.stdout.splitlines()[2:] if line.strip()]
    return {postscript(name.split("+", 1)[-1]) for name in names}


def allowed_faces(language: Language) -> set[str]:
    families = {LATIN.font, language.script.font, language.script.heading_font}
    return {postscript(f) + style for f in families for style in ("", "bold", "italic")}


@cache
def catalog_text(code: str, msgid: str) -> str:
    if code == CONFIG.source_language:
        return msgid
    path = ROOT / "locales" / code / "LC_MESSAGES" / "presskit.po"
    with path.open("rb") as handle:
        message = read_po(handle)[msgid]
    assert message is not None and message.string, (code, msgid)
    return message.string


def letters(text: str) -> str:
    """Letters, marks and digits: pdftotext adds line breaks and bidi controls."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LMN")


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_pdf_embeds_its_scripts_faces_and_the_latin_face_only(built: Path, code: str) -> None:
    language = CONFIG.language(code)
    pdf, _ = files(built, code)
    faces = embedded(pdf)
    assert postscript(language.script.font) in faces, faces
    assert faces <= allowed_faces(language), faces - allowed_faces(language)
    assert not any("dejavu" in face for face in faces)


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_text_copies_out_in_logical_order(built: Path, code: str) -> None:
    pdf, _ = files(built, code)
    text = letters(pdftotext(pdf))
    for msgid in (
        "Seeds for every garden",
        "Our network lends seeds to home gardeners free of charge.",
    ):
        assert letters(catalog_text(code, msgid)) in text, (code, msgid)
    assert letters("Svalbard Global Seed Vault") in text
    assert letters("TSL/2025/07") in text


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_no_word_leaves_the_text_block(built: Path, code: str) -> None:
    pdf, _ = files(built, code)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', out)
    assert words
    left, right = SIDE_MARGIN - 0.5, PAGE_WIDTH - SIDE_MARGIN + 0.5
    outside = [(a, b) for a, b in words if float(a) < left or float(b) > right]
    assert not outside, outside


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_pdf_says_its_language(built: Path, code: str, tmp_path: Path) -> None:
    pdf, _ = files(built, code)
    plain = tmp_path / "plain.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(plain)], check=True)
    data = plain.read_bytes().decode("latin-1")
    (catalog,) = [chunk for chunk in data.split("endobj") if "/Type /Catalog" in chunk]
    found = re.search(r"/Lang \(([^)]*)\)", catalog)
    assert found and found.group(1) == CONFIG.language(code).html_lang
    if code != CONFIG.source_language:
        # The partner libraries' names keep their language for screen readers.
        tagged = re.findall(r"/Lang \(en\)", data)
        assert len(tagged) >= 3, code


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_docx_tags_its_language_and_face_in_their_slots(built: Path, code: str) -> None:
    language = CONFIG.language(code)
    _, word = files(built, code)
    with zipfile.ZipFile(word) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
        document = package.read("word/document.xml").decode("utf-8")
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S).group(0)
    slot = {"ascii": "val", "eastAsia": "eastAsia", "cs": "bidi"}[language.script.docx_slot]
    assert re.search(rf'<w:lang w:{slot}="{language.word_lang}"/>', defaults), defaults
    font_slot = {"ascii": "hAnsi", "eastAsia": "eastAsia", "cs": "cs"}[language.script.docx_slot]
    assert f'w:{font_slot}="{language.script.font}"' in defaults, defaults
    # No other edition's faces or tags.
    others = {CONFIG.language(c).script.font for c in LANGUAGES} - {
        language.script.font,
        LATIN.font,
    }
    assert not [face for face in others if face in styles + document]
    assert ("<w:rtl/>" in document) == language.rtl


@pytest.fixture(scope="module")
def libreoffice_pdfs(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """LibreOffice's rendering of every DOCX, in one run."""
    documents = [files(built, code)[1] for code in LANGUAGES]
    out, profile = tmp_path_factory.mktemp("libreoffice"), tmp_path_factory.mktemp("profile")
    return libreoffice_to_pdf(documents, out, profile, timeout=600)


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_libreoffice_draws_the_docx_in_its_scripts_face(
    built: Path, libreoffice_pdfs: Path, code: str
) -> None:
    language = CONFIG.language(code)
    _, word = files(built, code)
    rendered = libreoffice_pdfs / (word.stem + ".pdf")
    faces = embedded(rendered)
    # A CJK face is one face of a collection (Noto Sans CJK *.ttc): LibreOffice names
    # what it embeds after the collection's first face, so only the collection is known.
    wanted = postscript(language.script.font)
    if language.script.docx_slot == "eastAsia":
        wanted = "notosanscjk"
    assert any(face.startswith(wanted) for face in faces), faces
    assert not any("dejavu" in face for face in faces), faces


WITHOUT_SPACES = [c for c in LANGUAGES if CONFIG.language(c).script.word_breaks]


@pytest.mark.slow
def test_long_paragraphs_without_spaces_break_between_words(tmp_path: Path) -> None:
    """A paragraph of Thai, Khmer or Myanmar runs its words together: lines break at
    the breaks ICU's dictionary finds, inside the text block, and copy out with no
    character added."""
    assert {"th", "km", "my"} <= set(WITHOUT_SPACES)
    pack = shutil.copytree(ROOT, tmp_path / "pack")
    lead = "Our network lends seeds to home gardeners free of charge."
    for code in WITHOUT_SPACES:
        path = pack / "locales" / code / "LC_MESSAGES" / "presskit.po"
        sentence = catalog_text(code, lead)
        # Eight sentences in one run of text, as a long paragraph would be.
        text = path.read_text(encoding="utf-8").replace(
            f'msgstr "{sentence}"', f'msgstr "{sentence.rstrip(".។။") * 8}"', 1
        )
        assert sentence * 2 not in path.read_text(encoding="utf-8")
        path.write_text(text, encoding="utf-8")
    args = [arg for code in WITHOUT_SPACES for arg in ("--lang", code)]
    result = run(pack, "build", "--format", "pdf", *args)
    assert result.exit_code == 0, result.output
    for code in WITHOUT_SPACES:
        pdf = next((pack / "output" / code).glob("*.pdf"))
        out = subprocess.run(
            ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', out))
        assert right <= PAGE_WIDTH - SIDE_MARGIN + 0.5, (code, right)
        assert "\u200b" not in pdftotext(pdf)


@pytest.mark.slow
def test_korean_lines_break_between_words_only(tmp_path: Path) -> None:
    """Korean is set with spaces between words and breaks only there, not between any
    two syllables as Chinese does."""
    pack = shutil.copytree(ROOT, tmp_path / "pack")
    lead = "Our network lends seeds to home gardeners free of charge."
    sentence = catalog_text("ko", lead)
    path = pack / "locales" / "ko" / "LC_MESSAGES" / "presskit.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'msgstr "{sentence}"', f'msgstr "{(sentence + " ") * 6}"'))
    assert run(pack, "build", "--format", "pdf", "--lang", "ko").exit_code == 0
    pdf = next((pack / "output" / "ko").glob("*.pdf"))
    words = set(sentence.split())
    lines = [line.strip() for line in pdftotext(pdf).splitlines() if line.strip()]
    body = [line for line in lines if len(set(line.split()) & words) >= 2]
    assert len(body) >= 3
    for line in body:
        assert set(line.split()) <= words, line  # every line is made of whole words


# Characters a Japanese or Chinese line may not start with (closing brackets and marks,
# small kana, the prolonged sound mark, iteration marks) and may not end with (opening
# brackets): JIS X 4051's kinsoku rules, which UAX #14 encodes.
NOT_AT_LINE_START = set(
    "、。，．：；！？）」』】〕〉》”’ゃゅょっぁぃぅぇぉゎャュョッァィゥェォヮヵヶー々ゝゞ・"
)
NOT_AT_LINE_END = set("（「『【〔〈《“‘")


@pytest.mark.slow
def test_japanese_and_chinese_lines_keep_kinsoku(tmp_path: Path) -> None:
    """A long paragraph full of brackets, small kana and punctuation breaks only where
    Japanese and Chinese typesetting allow: no line starts with a closing mark or small
    kana, none ends with an opening bracket."""
    pack = shutil.copytree(ROOT, tmp_path / "pack")
    lead = "Our network lends seeds to home gardeners free of charge."
    codes = ["ja", "zh-Hans"]
    for code in codes:
        sentence = catalog_text(code, lead)
        # The sentence cut at every third character, so that the line ends fall on
        # every kind of character; test characters follow each piece.
        pieces = "".join(
            sentence[k:-1] + "「ッ」ャ（ュ）ョー、。" for k in range(0, len(sentence) - 1, 2)
        )
        path = pack / "locales" / code / "LC_MESSAGES" / "presskit.po"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f'msgstr "{sentence}"', f'msgstr "{pieces}"', 1))
    args = [arg for code in codes for arg in ("--lang", code)]
    assert run(pack, "build", "--format", "pdf", *args).exit_code == 0
    for code in codes:
        pdf = next((pack / "output" / code).glob("*.pdf"))
        characters = set(catalog_text(code, lead) + "「ッ」ャ（ュ）ョー、。")
        lines = [line.strip() for line in pdftotext(pdf).splitlines() if line.strip()]
        body = [line for line in lines if set(line) <= characters]
        assert len(body) >= 6, lines
        for before, after in itertools.pairwise(body):
            assert after[0] not in NOT_AT_LINE_START, (code, before, after)
            assert before[-1] not in NOT_AT_LINE_END, (code, before, after)
