"""The DOCX files as the software that reads them sees them.

A schema validator (openxml-audit, a Python port of the Open XML SDK's validation)
reads every file of the example pack, and is shown to catch an error; LibreOffice
converts every file to PDF, and its PDFs say which faces it drew, how many pages it laid
out, what its first page carries and in which order it put a name's characters;
docx2python reads what a previewer shows of the running footer. The writer's own
choices are checked in the XML: the title's style, the styles a file carries, the
application it names, the page fields, the first page's header and the marks around
left-to-right runs in right-to-left paragraphs.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx2python import docx2python
from lxml import etree
from openxml_audit import OpenXmlValidator

from presskit import __version__
from presskit.config import load_config
from presskit.project import Project
from presskit.render.docx import docx_theme, write_docx
from presskit.render.reference_doc import (
    WRITER_CHARACTER_STYLES,
    WRITER_STYLES,
    Reference,
)
from presskit.theme import THEME_DIR
from tests.conftest import REPO, libreoffice_to_pdf, run

NAMES = REPO / "tests" / "roots" / "names"
CONFIG = load_config(REPO)
EDITIONS = [(code, doc) for code in CONFIG.languages for doc in CONFIG.documents]
MM = 72 / 25.4  # PDF points in a millimetre
LRM, RLM = "\u200e", "\u200f"


@cache
def project(root: Path) -> Project:
    return Project(load_config(root))


def render(root: Path, document: str, language: str, reference: Reference | None = None) -> bytes:
    """One edition written by the DOCX writer, with the pack's theme (or ``reference``)."""
    pack = project(root)
    theme = docx_theme(pack.config)
    if reference is not None:
        theme = dataclasses.replace(theme, reference=reference)
    return write_docx(pack.tree(document, language), theme).data


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def xml(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(parts(data)[name])


def style(styles: etree._Element, name: str) -> etree._Element:
    """The w:style called ``name`` (Word writes "heading 1", LibreOffice "Heading 1")."""
    for element in styles.iter(qn("w:style")):
        if element.find(qn("w:name")).get(qn("w:val")).casefold() == name.casefold():
            return element
    raise AssertionError(name)


def text_of(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run.iter(qn("w:t")))


def left_to_right(text: str) -> bool:
    return any(unicodedata.bidirectional(c) == "L" for c in text)


def story_parts(data: bytes) -> list[str]:
    """The parts holding text: the body, headers and footers."""
    return [n for n in parts(data) if re.fullmatch(r"word/(document|header\d+|footer\d+)\.xml", n)]


def edited_reference(edit) -> Reference:  # type: ignore[no-untyped-def]
    """The theme's reference document after ``edit(styles element)``, as a pack's own."""
    word = docx.Document(str(THEME_DIR / "reference.docx"))
    edit(word.styles.element)
    buffer = io.BytesIO()
    word.save(buffer)
    return Reference(buffer.getvalue(), "templates/reference.docx")


# 1. The title


@pytest.mark.parametrize(
    ("root", "language"), [(REPO, "en"), (REPO, "ar"), (REPO, "zh"), (NAMES, "en"), (NAMES, "ar")]
)
def test_the_title_has_no_rule_or_letter_spacing_and_heads_the_outline(
    root: Path, language: str
) -> None:
    document = "release" if root == REPO else "programme"
    styles = xml(render(root, document, language), "word/styles.xml")
    title = style(styles, "Title")
    assert title.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is None  # python-docx's blue rule
    assert title.find(f"{qn('w:rPr')}/{qn('w:spacing')}") is None
    assert "4F81BD" not in etree.tostring(styles).decode()
    for name, level in (("Title", "0"), ("Heading 1", "1"), ("Heading 2", "2")):
        outline = style(styles, name).find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        assert outline is not None and outline.get(qn("w:val")) == level, name


def test_connected_scripts_drop_the_letter_spacing_a_pack_gives_its_title() -> None:
    def spaced_title(styles: etree._Element) -> None:
        props = style(styles, "Title").find(qn("w:rPr"))
        spacing = etree.SubElement(props, qn("w:spacing"))
        spacing.set(qn("w:val"), "20")
        props.remove(spacing)
        props.find(qn("w:color")).addnext(spacing)  # its place in the schema's order

    reference = edited_reference(spaced_title)

    def title_spacing(language: str) -> etree._Element | None:
        styles = xml(render(REPO, "release", language, reference), "word/styles.xml")
        return style(styles, "Title").find(f"{qn('w:rPr')}/{qn('w:spacing')}")

    assert title_spacing("en") is not None  # the pack's choice, where Latin takes it
    assert title_spacing("ar") is None  # Arabic letters would come apart


# 2. The styles a file carries


def writer_style_closure(styles: etree._Element) -> set[str]:
    """The ids of the writer's styles, the styles they refer to, and the defaults."""
    by_id = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
    wanted = {name.casefold() for name in (*WRITER_STYLES, *WRITER_CHARACTER_STYLES)}
    pending = [
        i
        for i, s in by_id.items()
        if s.find(qn("w:name")).get(qn("w:val")).casefold() in wanted
        or (s.get(qn("w:default")) == "1" and s.get(qn("w:type")) in ("paragraph", "character"))
    ]
    found: set[str] = set()
    while pending:
        style_id = pending.pop()
        if style_id in found:
            continue
        found.add(style_id)
        for tag in ("basedOn", "link", "next"):
            reference = by_id[style_id].find(qn(f"w:{tag}"))
            if reference is not None:
                pending.append(reference.get(qn("w:val")))
    return found


def referenced_styles(data: bytes) -> set[str]:
    """Every style id the parts of a file name."""
    names = set()
    for part in (*story_parts(data), "word/numbering.xml", "word/styles.xml"):
        for tag in ("pStyle", "rStyle", "basedOn", "link", "next"):
            names |= {e.get(qn("w:val")) for e in xml(data, part).iter(qn(f"w:{tag}"))}
    return names


@pytest.mark.parametrize(("document", "language"), [("appeal", "en"), ("notes", "ar")])
def test_a_file_holds_the_writers_styles_only(document: str, language: str) -> None:
    data = render(REPO, document, language)
    styles = xml(data, "word/styles.xml")
    ids = {s.get(qn("w:styleId")) for s in styles.iter(qn("w:style"))}
    assert ids == writer_style_closure(styles)
    assert referenced_styles(data) <= ids  # nothing points at a dropped style
    assert len(ids) < 30  # python-docx's template has 164
    assert "word/stylesWithEffects.xml" not in parts(data)
    assert len(parts(data)["word/styles.xml"]) < 40_000  # it was 345 KB


def test_a_packs_own_styles_stay_when_the_writer_uses_them() -> None:
    def own_styles(styles: etree._Element) -> None:
        quote = style(styles, "Quote")
        for name, based_on in (("Quote Base", "Normal"), ("Sidebar", "Normal")):
            extra = etree.SubElement(styles, qn("w:style"))
            extra.set(qn("w:type"), "paragraph")
            extra.set(qn("w:styleId"), name.replace(" ", ""))
            etree.SubElement(extra, qn("w:name")).set(qn("w:val"), name)
            etree.SubElement(extra, qn("w:basedOn")).set(qn("w:val"), based_on)
        quote.find(qn("w:basedOn")).set(qn("w:val"), "QuoteBase")

    data = render(REPO, "release", "en", edited_reference(own_styles))
    ids = {s.get(qn("w:styleId")) for s in xml(data, "word/styles.xml").iter(qn("w:style"))}
    assert {"Quote", "QuoteBase"} <= ids  # the writer's Quote and what it is based on
    assert "Sidebar" not in ids


# 3. The application


@pytest.mark.parametrize("language", ["en", "ar"])
def test_app_properties_name_presskit_and_count_nothing(language: str) -> None:
    app = xml(render(REPO, "appeal", language), "docProps/app.xml")
    assert [etree.QName(child).localname for child in app] == ["Application"]
    assert app[0].text == f"presskit {__version__}"


# 4. Page fields


def fields(root: etree._Element) -> list[list[etree._Element]]:
    """Each complex field's runs, from its begin to its end."""
    found, current = [], None
    for element in root.iter(qn("w:r")):
        char = element.find(qn("w:fldChar"))
        kind = char.get(qn("w:fldCharType")) if char is not None else None
        if kind == "begin":
            current = []
        if current is not None:
            current.append(element)
        if kind == "end":
            found.append(current)
            current = None
    return found


def flatten(nested: object) -> list[str]:
    """The strings of docx2python's nested lists (tables, rows, cells, paragraphs)."""
    if isinstance(nested, str):
        return [nested]
    return [text for item in nested for text in flatten(item)]  # type: ignore[attr-defined]


def test_page_fields_cache_no_page_count(tmp_path: Path) -> None:
    data = render(REPO, "appeal", "en")
    footers = [n for n in parts(data) if n.startswith("word/footer")]
    assert len(footers) == 2  # the first page's and the others'
    for name in footers:
        found = fields(xml(data, name))
        instructions = ["".join(r.itertext()).strip() for f in found for r in f]
        assert "PAGE" in instructions and "NUMPAGES" in instructions
        for field in found:
            assert not [text_of(r) for r in field if text_of(r)], name
    # What a previewer shows: no count rather than "Page 1 of 1" on a four-page file.
    path = tmp_path / "appeal.docx"
    path.write_bytes(data)
    with docx2python(path) as read:
        footer = "\n".join(flatten(read.footer)).replace("\u00a0", " ")  # no-break spaces
    assert "AI Index: MDE 24/5254/2016" in footer
    assert "Page  of " in footer and not re.search(r"Page \d|of \d", footer)


# 5. The first page


def test_the_first_page_has_the_masthead_instead_of_the_running_header() -> None:
    document = docx.Document(io.BytesIO(render(REPO, "appeal", "en")))
    first, *later = document.sections
    assert first.different_first_page_header_footer
    assert [p.text for p in first.first_page_header.paragraphs] == [""]
    assert first.header.paragraphs[0].text == (
        "Uniting for Peace in Syria\tAmnesty International joint public statement"
    )
    # The PDF keeps its footer on the first page: so does the DOCX.
    footer = [p.text for p in first.footer.paragraphs]
    assert [p.text for p in first.first_page_footer.paragraphs] == footer
    assert footer[0].startswith("AI Index: MDE\u00a024/5254/2016\tPage ")
    # The list's sections (two columns, then one) begin mid-page: no first page of theirs.
    assert len(later) == 2
    assert not any(section.different_first_page_header_footer for section in later)
    assert all(
        reference.get(qn("w:type")) != "first"
        for section in later
        for reference in section._sectPr.iterchildren(
            qn("w:headerReference"), qn("w:footerReference")
        )
    )


# 6. Runs against the paragraph's direction


def marked_runs(data: bytes) -> list[tuple[str, bool, str]]:
    """(text, right-to-left run, paragraph direction) of every run with text."""
    found = []
    for part in story_parts(data):
        for paragraph in xml(data, part).iter(qn("w:p")):
            rtl_paragraph = paragraph.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None
            for element in paragraph.iter(qn("w:r")):
                text = text_of(element)
                if text:
                    rtl_run = element.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None
                    found.append((text, rtl_run, "rtl" if rtl_paragraph else "ltr"))
    return found


@pytest.mark.parametrize(
    ("root", "document"),
    [(REPO, "appeal"), (REPO, "notes"), (REPO, "release"), (NAMES, "programme")],
)
def test_latin_runs_in_arabic_paragraphs_are_between_left_to_right_marks(
    root: Path, document: str
) -> None:
    runs = marked_runs(render(root, document, "ar"))
    latin = [text for text, rtl, direction in runs if direction == "rtl" and left_to_right(text)]
    assert latin and all(text.startswith(LRM) and text.endswith(LRM) for text in latin), [
        text for text in latin if not (text.startswith(LRM) and text.endswith(LRM))
    ]
    arabic = [text for text, rtl, _ in runs if rtl]
    assert arabic and not any(LRM in text or RLM in text for text in arabic)


def test_names_keep_their_brackets_and_quotation_marks_inside_arabic() -> None:
    texts = [text for text, _, _ in marked_runs(render(REPO, "appeal", "ar"))]
    assert f"{LRM}Asia Forum for Human Rights and Development (FORUM-ASIA){LRM}" in texts
    assert f"{LRM}Staffan de Mistura{LRM}" in texts
    names = [text for text, _, _ in marked_runs(render(NAMES, "programme", "ar"))]
    assert f"{LRM}Хор «Гавань»{LRM}" in names
    # Right-to-left names inside English take right-to-left marks.
    english = [text for text, _, _ in marked_runs(render(NAMES, "programme", "en"))]
    assert f"{RLM}מקהלת הנמל{RLM}" in english and f"{RLM}جوقة الفيحاء للشباب{RLM}" in english
    assert "Harbour Youth Choir" in english  # same direction as its paragraph: no marks


# The validator


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == name else source.read(info))
    return out.getvalue()


def test_the_validator_catches_paragraph_properties_out_of_order(tmp_path: Path) -> None:
    data = render(REPO, "notes", "en")
    validator = OpenXmlValidator()
    assert validator.validate(write(tmp_path / "good.docx", data)).is_valid
    body = parts(data)["word/document.xml"].decode()
    # Word requires w:pStyle first in w:pPr; put it after the paragraph's tab stops.
    broken = re.sub(
        r"<w:pPr>(<w:pStyle [^>]*/>)(<w:tabs>.*?</w:tabs>)", r"<w:pPr>\2\1", body, count=1
    )
    assert broken != body
    bad = write(tmp_path / "bad.docx", with_part(data, "word/document.xml", broken.encode()))
    result = validator.validate(bad)
    assert not result.is_valid
    assert [(e.part_uri, "pStyle" in e.description) for e in result.errors] == [
        ("/word/document.xml", True)
    ]


# The example pack's 24 files, read by the validator and by LibreOffice


@pytest.fixture(scope="module")
def built(example_build: Path) -> Path:
    return example_build / "output"


def edition_file(built: Path, language: str, document: str, suffix: str) -> Path:
    return next((built / language).glob(f"*-{document}-{language}.{suffix}"))


def test_every_docx_of_the_example_pack_is_valid_ooxml(built: Path) -> None:
    validator = OpenXmlValidator(max_errors=0)
    files = sorted(built.rglob("*.docx"))
    assert len(files) == len(EDITIONS) == 24
    findings = {
        f.name: [f"{e.part_uri}: {e.description}" for e in validator.validate(f).errors]
        for f in files
    }
    assert findings == {f.name: [] for f in files}


@pytest.fixture(scope="module")
def names_arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = shutil.copytree(NAMES, tmp_path_factory.mktemp("names") / "pack")
    result = run(pack, "build", "--lang", "ar", "--format", "docx")
    assert result.exit_code == 0, result.output
    return next((pack / "output" / "ar").glob("*.docx"))


@pytest.fixture(scope="module")
def libreoffice(built: Path, names_arabic: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """LibreOffice's PDF of every DOCX of the example pack and of the Arabic choir
    programme, converted in one run with a profile of its own."""
    documents = [*sorted(built.rglob("*.docx")), names_arabic]
    out, profile = tmp_path_factory.mktemp("libreoffice"), tmp_path_factory.mktemp("profile")
    return libreoffice_to_pdf(documents, out, profile, timeout=900)


def converted(libreoffice: Path, docx_file: Path) -> Path:
    return libreoffice / (docx_file.stem + ".pdf")


def faces(pdf: Path) -> set[str]:
    """pdffonts' face names, subset prefix dropped, lower case, letters only."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in out.stdout.splitlines()[2:] if line.strip()]
    return {re.sub(r"[^a-z]", "", name.split("+", 1)[-1].lower()) for name in names}


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def words(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    """(top, bottom, word) of every word pdftotext finds on ``page``, in points, without
    the direction marks it may keep."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (
            float(top),
            float(bottom),
            (etree.fromstring(f"<w>{word}</w>").text or "").strip(LRM + RLM),
        )
        for top, bottom, word in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', out
        )
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("language", "document"), EDITIONS)
def test_libreoffice_draws_the_docx_in_the_editions_faces(
    built: Path, libreoffice: Path, language: str, document: str
) -> None:
    found = faces(converted(libreoffice, edition_file(built, language, document, "docx")))
    script = CONFIG.language(language).script
    # A CJK face is one face of a collection (Noto Sans CJK *.ttc): LibreOffice names
    # what it embeds after the collection's first face (NotoSansCJKjp).
    wanted = "notosanscjk" if script.docx_slot == "eastAsia" else script.font.replace(" ", "")
    assert any(face.startswith(wanted.lower()) for face in found), found
    assert not any("dejavu" in face for face in found), found


@pytest.mark.slow
@pytest.mark.parametrize(("language", "document"), EDITIONS)
def test_libreoffice_lays_out_as_many_pages_as_the_pdf_give_or_take_one(
    built: Path, libreoffice: Path, language: str, document: str
) -> None:
    ours = page_count(edition_file(built, language, document, "pdf"))
    theirs = page_count(converted(libreoffice, edition_file(built, language, document, "docx")))
    assert abs(ours - theirs) <= 1, (ours, theirs)


# The reference document's margins: 24 mm at the top, 22 mm at the bottom of an A4 page.
HEADER_ZONE = 20 * MM
FOOTER_ZONE = (297 - 17) * MM


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "ar", "zh"])
def test_libreoffice_prints_no_running_header_on_the_first_page(
    built: Path, libreoffice: Path, language: str
) -> None:
    pdf = converted(libreoffice, edition_file(built, language, "appeal", "docx"))
    first, second = words(pdf, 1), words(pdf, 2)
    assert not [w for top, bottom, w in first if bottom < HEADER_ZONE]
    assert [w for top, bottom, w in second if bottom < HEADER_ZONE]  # the running header
    for page in (first, second):
        footer = [w for top, _, w in page if top > FOOTER_ZONE]
        assert "24/5254/2016" in footer, footer  # the reference, in the footer of both


@pytest.mark.slow
def test_libreoffice_keeps_names_whole_inside_arabic(
    built: Path, names_arabic: Path, libreoffice: Path
) -> None:
    # A name ending in a quotation mark keeps it at its end; the mark used to jump to
    # the name's start, mirrored into an opening one.
    programme = converted(libreoffice, names_arabic)
    assert "«Гавань»" in [w for _, _, w in words(programme, 1)]
    appeal = converted(libreoffice, edition_file(built, "ar", "appeal", "docx"))
    listed = [w for page in range(1, 5) for _, _, w in words(appeal, page)]
    assert "(FORUM-ASIA)" in listed and "(ACT-J)" in listed
