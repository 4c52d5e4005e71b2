"""Right-to-left Arabic and Chinese: markup, DOCX XML, embedded fonts, logical-order text."""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from presskit.config import load_config
from presskit.content.loader import load_pack
from presskit.doctree import nodes
from presskit.doctree.build import DocumentBuilder
from presskit.doctree.inline import plain_text
from presskit.errors import PresskitError
from presskit.fonts import require_fonts
from presskit.i18n.catalogs import load_catalog
from presskit.i18n.localize import Localizer
from presskit.languages import resolve
from presskit.render.html import render_html
from tests.conftest import REPO, pdftotext, run

FILES = {
    ("ar", "appeal"): "ar/MDE2452542016-appeal-ar",
    ("ar", "explainer"): "ar/MDE2452572016-explainer-ar",
    ("ar", "release"): "ar/MDE2452552016-release-ar",
    ("zh", "appeal"): "zh/MDE2452542016-appeal-zh",
    ("zh", "release"): "zh/MDE2452552016-release-zh",
}


def tree(language: str, document: str) -> nodes.Document:
    config = load_config(REPO)
    pack = load_pack(config)
    localizer = Localizer(config.language(language), load_catalog(config, language))
    return DocumentBuilder(pack, config.language("en"), localizer).build(pack.documents[document])


@pytest.fixture(scope="module")
def built(example_build: Path) -> Path:
    return example_build / "output"


# HTML


def test_arabic_html_is_right_to_left_with_isolated_latin() -> None:
    html = render_html(tree("ar", "appeal"), REPO / "templates", REPO)
    assert '<html lang="ar" dir="rtl" ' in html
    # Latin runs of the translation are isolated and, like names from the data, carry
    # the source language, for hyphenation and screen readers.
    assert '<bdi dir="ltr" class="latin" lang="en">Staffan de Mistura</bdi>' in html
    # An acronym a line could break at its hyphen is kept whole; the name wraps.
    assert (
        '<bdi dir="ltr" class="latin" lang="en">NGO <span class="nowrap">NO-WAR</span> NETWORK</bdi>'
    ) in html
    assert '<bdi dir="ltr" class="latin nowrap">MDE 24/5254/2016</bdi>' in html
    # The script's record, not the stylesheet, names the faces and habits.
    assert '--text-font: "Noto Naskh Arabic", "Noto Sans";' in html
    assert 'class="script-Arab no-tracking upright no-hyphens"' in html
    css = (REPO / "templates/style.css").read_text()
    assert "font-family: var(--text-font)" in css and 'lang="' not in css
    assert 'html[dir="rtl"] figure.quote' in css


def test_chinese_html_declares_simplified_chinese() -> None:
    html = render_html(tree("zh", "release"), REPO / "templates", REPO)
    assert '<html lang="zh-Hans" dir="ltr" ' in html
    assert '--text-font: "Noto Sans CJK SC", "Noto Sans";' in html
    assert '--latin-font: "Noto Sans", "Noto Sans CJK SC";' in html
    css = (REPO / "templates/style.css").read_text()
    assert "html.upright em { font-style: normal" in css


# DOCX


def docx_part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")


def test_arabic_docx_is_bidi_throughout(built: Path) -> None:
    path = built / (FILES[("ar", "appeal")] + ".docx")
    styles = docx_part(path, "word/styles.xml")
    document = docx_part(path, "word/document.xml")
    numbering = docx_part(path, "word/numbering.xml")
    for style in ("Normal", "Title", "Heading1", "Header", "Footer", "ListNumber", "Quote"):
        block = re.search(rf'<w:style [^>]*w:styleId="{style}".*?</w:style>', styles, re.S)
        assert block and "<w:bidi/>" in block.group(0), style
        assert "<w:szCs " in block.group(0), style
    assert 'w:cs="Noto Naskh Arabic"' in styles
    assert "Theme=" not in styles  # theme fonts would beat the named ones
    # The edition's own tag (CLDR's likely region), in the complex-script slot only.
    assert '<w:lang w:bidi="ar-EG"/>' in styles
    assert "zh-CN" not in styles + document and "Noto Sans CJK" not in styles
    paragraphs = re.findall(r"<w:p>.*?</w:p>|<w:p .*?</w:p>", document, re.S)
    assert paragraphs and all("<w:bidi/>" in p for p in paragraphs if "<w:t" in p)
    runs = re.findall(r"<w:r>.*?</w:r>", document, re.S)
    arabic = [r for r in runs if re.search(r"<w:t[^>]*>[^<]*[\u0600-\u06ff]", r)]
    assert len(arabic) > 15 and all("<w:rtl/>" in r for r in arabic)
    assert 'w:jc w:val="right"' not in document and 'w:jc w:val="right"' not in styles
    sections = re.findall(r"<w:sectPr.*?</w:sectPr>", document, re.S)
    assert len(sections) == 3 and all("<w:bidi/>" in s for s in sections)
    assert sum('w:num="2"' in s for s in sections) == 1
    assert "<w:bidi/>" in numbering
    # Latin names are runs of their own, without w:rtl, between left-to-right marks.
    name_run = re.search(
        r"<w:r>(?:(?!<w:r>).)*?>\u200eNGO NO-WAR NETWORK\u200e</w:t></w:r>", document, re.S
    )
    assert name_run and "<w:rtl/>" not in name_run.group(0)
    assert "<w:bCs " in styles or "<w:bCs/>" in styles
    core = docx_part(path, "docProps/core.xml")
    assert "<dc:language>ar-EG</dc:language>" in core


def test_arabic_docx_header_and_footer_are_right_to_left(built: Path) -> None:
    path = built / (FILES[("ar", "appeal")] + ".docx")
    with zipfile.ZipFile(path) as package:
        footer = next(
            package.read(n).decode()
            for n in package.namelist()
            # The reference is kept on one line: no-break spaces.
            if n.startswith("word/footer") and "MDE\u00a024/5254/2016".encode() in package.read(n)
        )
    assert "<w:rtl/>" in footer and " PAGE " in footer and " NUMPAGES " in footer
    assert "رقم الوثيقة" in footer


def test_chinese_docx_names_east_asian_font_and_language(built: Path) -> None:
    path = built / (FILES[("zh", "release")] + ".docx")
    styles = docx_part(path, "word/styles.xml")
    document = docx_part(path, "word/document.xml")
    assert 'w:eastAsia="Noto Sans CJK SC"' in styles
    assert "Theme=" not in styles
    assert 'w:eastAsia="zh-CN"' in document
    assert 'w:hint="eastAsia"' in document
    quote = re.search(r'<w:style [^>]*w:styleId="Quote".*?</w:style>', styles, re.S).group(0)
    assert "<w:i/>" not in document and "<w:i/>" not in quote  # no faked italics
    assert "<dc:language>zh-CN</dc:language>" in docx_part(path, "docProps/core.xml")
    assert "ar-" not in styles + document and "Naskh" not in styles  # no other edition's


# PDF


def pdffonts(path: Path) -> list[tuple[str, str, str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        fields = line.split()
        rows.append((fields[0].split("+", 1)[-1], fields[-5], fields[-4]))  # name, emb, sub
    return rows


def test_arabic_pdf_embeds_only_naskh_and_noto_sans(built: Path) -> None:
    fonts = pdffonts(built / (FILES[("ar", "appeal")] + ".pdf"))
    # No Latin text is bold since the masthead names Amnesty International in Arabic.
    assert {name for name, _, _ in fonts} == {
        "Noto-Naskh-Arabic",
        "Noto-Naskh-Arabic-Bold",
        "Noto-Sans",
    }
    assert all(emb == "yes" and sub == "yes" for _, emb, sub in fonts)


def test_chinese_pdf_embeds_the_cjk_face_and_the_latin_face_only(built: Path) -> None:
    fonts = pdffonts(built / (FILES[("zh", "release")] + ".pdf"))
    # Latin names and references take the Latin face, not the CJK face's Latin letters.
    assert {name for name, _, _ in fonts} == {
        "Noto-Sans-CJK-SC",
        "Noto-Sans-CJK-SC-Bold",
        "Noto-Sans",
    }
    assert all(emb == "yes" and sub == "yes" for _, emb, sub in fonts)


def letters(text: str) -> str:
    """Letters, marks and digits only: pdftotext places neutral punctuation next to
    left-to-right runs on either side, and adds bidi controls and line breaks."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LMN")


def body_text(pdf: Path, doc: nodes.Document) -> str:
    """pdftotext's text without the running header and footer lines."""
    # Compared as sets of characters: pdftotext may put a Latin name first in a right-to-
    # left line ("Amnesty International بيان عام مشترك صادر عن").
    running = {
        frozenset(letters(text)) for text in (plain_text(doc.index_label), doc.pack_title, doc.kind)
    }
    running.add(frozenset(letters(doc.pack_title + doc.kind)))  # the header's one line
    page = "".join(
        re.escape(letters(text)) if part == "text" else r"\d+" for part, text in doc.page_label
    )
    lines = [
        line
        for line in pdftotext(pdf).splitlines()
        if frozenset(letters(line)) not in running and not re.fullmatch(page, letters(line))
    ]
    return letters("\n".join(lines))


def paragraphs_of(doc: nodes.Document) -> list[str]:
    result = []
    for block in doc.blocks:
        if isinstance(block, nodes.Paragraph) and block.role != "contact":
            result.append(plain_text(block.children))
        elif isinstance(block, nodes.Quote):
            result += [plain_text(p) for p in block.paragraphs]
        elif isinstance(block, nodes.BulletList):
            result += [plain_text(item) for item in block.items]
    return result


# pdftotext decides a page's direction by its letters: the appeal's second page, mostly
# Latin signatory names, is read as left to right, and there an Arabic line cut by a
# comma comes out in visual order. Strict: it fails here if poppler reads it right.
POPPLER_PAGE_DIRECTION = pytest.mark.xfail(
    strict=True, reason="pdftotext reads a page of Latin names as left to right"
)


@pytest.mark.parametrize(
    ("language", "document"),
    [
        pytest.param("ar", "appeal", marks=POPPLER_PAGE_DIRECTION),
        ("ar", "explainer"),
        ("ar", "release"),
        ("zh", "release"),
    ],
)
def test_pdf_text_is_in_logical_order(built: Path, language: str, document: str) -> None:
    doc = tree(language, document)
    pdf = built / (FILES[(language, document)] + ".pdf")
    text = body_text(pdf, doc)
    position = 0
    for paragraph in paragraphs_of(doc):
        found = text.find(letters(paragraph), position)
        assert found >= position, paragraph[:50]
        position = found


def test_every_pdf_is_small(built: Path) -> None:
    pdfs = list(built.rglob("*.pdf"))
    assert len(pdfs) == 24  # four documents in six languages
    assert all(p.stat().st_size < 500_000 for p in pdfs), [(p.name, p.stat().st_size) for p in pdfs]


def test_missing_font_stops_the_build_naming_the_package() -> None:
    broken = resolve("ar", {"font": "Noto Kufi Nowhere", "package": "fonts-noto-extra"})
    with pytest.raises(PresskitError) as caught:
        require_fonts([resolve("en"), broken])
    message = caught.value.format_message()
    assert message.startswith("font 'Noto Kufi Nowhere' (Regular) needed for 'ar' is not installed")
    assert message.endswith("install the Debian package fonts-noto-extra")
    require_fonts(["en", "zh"])  # the real faces resolve


def test_doctor_reports_versions_and_fonts(pack: Path) -> None:
    result = run(pack, "doctor")
    assert result.exit_code == 0, result.output
    assert "WeasyPrint: 70.0" in result.output
    assert re.search(r"Pango: 1\.\d+\.\d+", result.output)
    assert re.search(r"HarfBuzz: \d+\.\d+\.\d+", result.output)
    assert "HarfBuzz subsetting: yes" in result.output
    assert "ar  Noto Naskh Arabic Bold: ok" in result.output
    assert "zh  Noto Sans CJK SC Regular: ok" in result.output


@pytest.mark.parametrize("language", ["ar", "zh", "en"])
def test_no_theme_font_overrides_the_named_faces(built: Path, language: str) -> None:
    # w:asciiTheme, w:hAnsiTheme, w:eastAsiaTheme and w:cstheme (lower case) all beat the
    # named font of the same w:rFonts: with cstheme left, LibreOffice drew Arabic in
    # DejaVu Sans instead of Noto Naskh Arabic.
    import zipfile

    path = next((built / language).glob("*-release-*.docx"))
    with zipfile.ZipFile(path) as docx_file:
        for part in ("word/styles.xml", "word/document.xml"):
            xml = docx_file.read(part).decode("utf-8")
            assert not re.search(r'w:\w*[tT]heme="', xml), (
                part,
                re.findall(r'w:\w*[tT]heme="\w+"', xml)[:3],
            )


def test_hyphens_added_at_line_ends_copy_out_as_soft_hyphens(built: Path) -> None:
    """A word hyphenated at a line end copies out whole: the hyphen the break added is
    a soft hyphen (U+00AD), never a real one (U+2010) that the text does not have."""
    french = pdftotext(built / "fr" / "MDE2452562016-notes-fr.pdf")
    assert "\u00ad\n" in french  # the notes do break words at line ends
    for pdf in built.rglob("*.pdf"):
        assert "\u2010" not in pdftotext(pdf), pdf.name
