"""Both writers: the same text, the reference on every page, the list in two columns."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from presskit.doctree import nodes
from presskit.render.docx import DocxWriter
from presskit.render.html import HtmlBody, render_html
from tests.conftest import REPO, pdftotext
from tests.test_doctree import english

APPEAL_PDF = "en/MDE2452542016-appeal-en.pdf"
APPEAL_DOCX = "en/MDE2452542016-appeal-en.docx"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def unhyphenate(text: str) -> str:
    """Words broken at line ends joined again (they end in a soft hyphen)."""
    return re.sub(r"(\w)[-\u00ad]\n([^\W\d])", r"\1\2", text)


def test_every_node_type_has_a_handler_in_every_writer() -> None:
    for node_type in nodes.NODE_TYPES:
        name = f"visit_{node_type.__name__}"
        assert callable(getattr(HtmlBody, name, None)), name
        if node_type.__name__ in ("Heading", "Paragraph", "Quote", "BulletList", "EntryList"):
            assert callable(getattr(DocxWriter, name, None)), name


def test_unknown_node_raises() -> None:
    body = HtmlBody(english("notes"))
    with pytest.raises(TypeError):
        body.visit(object())


def test_html_escapes_text() -> None:
    tree = english("notes")
    hostile = nodes.Paragraph((nodes.Text('<script>alert(1)</script> & "x"'),))
    html = render_html(dataclasses.replace(tree, blocks=(hostile,)), REPO / "templates", REPO)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;" in html


def test_appeal_pdf_text_is_complete_and_in_order(english_build: Path) -> None:
    pdf = english_build / APPEAL_PDF
    text = squash(unhyphenate(pdftotext(pdf)))
    tree = english("appeal")
    from presskit.doctree.inline import plain_text

    position = 0
    for block in tree.blocks:
        if isinstance(block, nodes.Paragraph):
            found = text.find(squash(plain_text(block.children)), position)
            assert found > position, plain_text(block.children)[:60]
            position = found
    for number, name in (
        (1, "ABBAD"),
        (117, "Médecins du Monde France"),
        (125, "NGO NO-WAR NETWORK"),
        (223, "11.11.11"),
    ):
        assert f"{number}. {name}" in text
    listed = re.findall(r"\b(\d{1,3})\. ", unhyphenate(pdftotext(pdf)))
    assert sorted(int(n) for n in listed) == list(range(1, 224))
    assert "These organizations are members of the Syria Relief Network (SRN)" in text


def test_appeal_pdf_has_the_reference_on_every_page(english_build: Path) -> None:
    pdf = english_build / APPEAL_PDF
    pages = int(re.search(r"Pages:\s+(\d+)", _pdfinfo(pdf)).group(1))
    assert pages >= 3
    for page in range(1, pages + 1):
        text = pdftotext(pdf, page)
        assert "AI Index: MDE 24/5254/2016" in text, page
        assert f"Page {page} of {pages}" in text, page


def test_pdf_metadata_names_title_language_and_reference(english_build: Path) -> None:
    info = _pdfinfo(english_build / APPEAL_PDF)
    assert "Title:           Uniting for Peace in Syria: Global Civil Society Appeal" in info
    assert "MDE 24/5254/2016" in info  # subject and keywords
    assert "CreationDate:    Thu Dec  1" in info
    assert b"/Lang (en)" in _uncompressed(english_build / APPEAL_PDF)


def _uncompressed(path: Path) -> bytes:
    return subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(path), "-"],
        check=True,
        capture_output=True,
    ).stdout


def _pdfinfo(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout


def test_appeal_docx_holds_the_same_text_with_real_styles(english_build: Path) -> None:
    document = docx.Document(str(english_build / APPEAL_DOCX))
    paragraphs = document.paragraphs
    styles = {p.style.name for p in paragraphs}
    assert {"Title", "List Number", "Heading 1"} <= styles
    numbered = [p.text for p in paragraphs if p.style.name == "List Number"]
    assert len(numbered) == 223
    assert numbered[124] == "NGO NO-WAR NETWORK"
    assert numbered[116] == "Médecins du Monde France"
    body = [p.text for p in paragraphs if p.style.name == "Normal"]
    tree = english("appeal")
    from presskit.doctree.inline import plain_text

    expected = [plain_text(b.children) for b in tree.blocks if isinstance(b, nodes.Paragraph)]
    assert body == expected
    assert document.core_properties.identifier == "MDE 24/5254/2016"
    assert document.core_properties.language == "en-GB"
    assert document.core_properties.title.startswith("Uniting for Peace in Syria")
    assert document.core_properties.created.year == 2016


def test_docx_footer_carries_reference_and_page_fields(english_build: Path) -> None:
    with zipfile.ZipFile(english_build / APPEAL_DOCX) as package:
        footers = [
            package.read(n).decode() for n in package.namelist() if n.startswith("word/footer")
        ]
        document_xml = package.read("word/document.xml").decode()
    footer = next(f for f in footers if "MDE\u00a024/5254/2016" in f)  # kept on one line
    assert "AI Index: " in "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", footer))
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert '<w:cols w:space="567" w:num="2"/>' in document_xml or 'w:num="2"' in document_xml


def test_libreoffice_reads_the_docx_if_installed(english_build: Path, tmp_path: Path) -> None:
    soffice = subprocess.run(["which", "soffice"], capture_output=True, text=True).stdout.strip()
    if not soffice:
        pytest.skip("LibreOffice is not installed (not needed to build; used for a manual check)")
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(english_build / APPEAL_DOCX),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = pdftotext(tmp_path / "MDE2452542016-appeal-en.pdf")
    assert "NGO NO-WAR NETWORK" in text
    assert text.count("AI Index: MDE 24/5254/2016") >= 3


def test_docx_is_deterministic(english_build: Path) -> None:
    tree = english("appeal")
    assert DocxWriter(tree).render().data == DocxWriter(english("appeal")).render().data
