"""The DOCX writer: the document tree as an editable Word document with real styles."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from presskit.config import Config
from presskit.doctree import nodes
from presskit.languages import LANGUAGES, LATIN_FONT, Language
from presskit.render import _docx_xml as x
from presskit.render.base import Rendered, Visitor
from presskit.reproducible import build_timestamp, rezip

ARABIC_FONT = LANGUAGES["ar"].font
CJK_FONT = LANGUAGES["zh"].font
INK = RGBColor(0x11, 0x11, 0x11)
MUTED = RGBColor(0x55, 0x55, 0x55)
TEXT_WIDTH = Mm(170)  # A4 less 20 mm margins

# Style name -> (size in points, bold, space before, space after) for the styles we shape.
STYLE_SHAPES = {
    "Normal": (10.5, False, 0, 6),
    "Title": (21, True, 6, 6),
    "Heading 1": (13, True, 12, 4),
    "Heading 2": (11, True, 8, 3),
    "Quote": (11, False, 4, 2),
    "List Number": (8.5, False, 0, 1),
    "List Bullet": (10.5, False, 0, 3),
    "Header": (8, False, 0, 0),
    "Footer": (8, False, 0, 0),
}
# Styles presskit adds: name -> (based on, size, bold, color)
CUSTOM_STYLES = {
    "Kind": ("Normal", 9, True, INK),
    "Release Line": ("Normal", 9, True, INK),
    "Document Meta": ("Normal", 9, False, MUTED),
    "Lead": ("Normal", 11.5, True, INK),
    "Quote Attribution": ("Normal", 9, False, MUTED),
    "Ends": ("Normal", 10.5, True, INK),
    "Note": ("Normal", 9, False, MUTED),
    "Signatory Footnote": ("Normal", 8.5, False, MUTED),
}


class DocxWriter(Visitor):
    """Write one document; every paragraph gets a named style a journalist can edit."""

    def __init__(self, doc: nodes.Document) -> None:
        self.doc = doc
        self.lang = doc.language
        self.word = docx.Document(io.BytesIO(_styled_template(self.lang.code)))
        self.numbering_id: int | None = None
        self._style_ids: dict[str, str] = {}

    # Document set-up

    def render(self) -> Rendered:
        self._setup_page()
        self._masthead()
        for block in self.doc.blocks:
            self.visit(block)
        self._metadata()
        buffer = io.BytesIO()
        self.word.save(buffer)
        return Rendered(rezip(buffer.getvalue(), build_timestamp(_date(self.doc))))

    def _setup_page(self) -> None:
        section = self.word.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(24), Mm(22)
        section.header_distance = section.footer_distance = Mm(10)
        x.set_section_layout(section._sectPr, columns=1, space_twips=567, rtl=self.lang.rtl)

        header = section.header.paragraphs[0]
        header.style = self.word.styles["Header"]
        self._tab_to_end(header)
        self._runs(header, (nodes.Text(self.doc.pack_title),))
        self._runs(header, (nodes.Text("\t" + self.doc.kind),))
        if self.doc.incomplete:  # said on every page, as in the PDF
            self._runs(header, (nodes.Strong((nodes.Text(" · " + self.doc.incomplete),)),))

        footer = section.footer.paragraphs[0]
        footer.style = self.word.styles["Footer"]
        self._tab_to_end(footer)
        self._runs(footer, self.doc.index_label)
        self._runs(footer, (nodes.Text("\t"),))
        for part, text in self.doc.page_label:
            if part == "text":
                self._runs(footer, (nodes.Text(text),))
            else:
                props = self._run_props(isolate=True)
                instruction = "PAGE" if part == "page" else "NUMPAGES"
                x.add_field(footer, instruction, "1", props)

    def _tab_to_end(self, paragraph: Paragraph) -> None:
        # Positions count from the paragraph's start side, so in a bidi paragraph this
        # right-aligned stop lands on the left margin: the end of an Arabic line.
        paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)

    def _masthead(self) -> None:
        doc = self.doc
        if doc.release_line:
            self._paragraph("Release Line", (nodes.Text(doc.release_line),))
        self._paragraph("Kind", (nodes.Text(doc.kind),))
        meta = self._paragraph("Document Meta", doc.date_label)
        self._tab_to_end(meta)
        self._runs(meta, (nodes.Text("\t"), *doc.index_label))
        self._paragraph("Title", (nodes.Text(doc.title),))
        if doc.original_language:
            self._paragraph("Document Meta", (nodes.Text(doc.original_language),))
        if doc.incomplete:
            self._paragraph("Document Meta", (nodes.Strong((nodes.Text(doc.incomplete),)),))

    def _metadata(self) -> None:
        doc = self.doc
        core = self.word.core_properties
        core.title = doc.title
        core.subject = f"{doc.kind}, {doc.reference}"
        core.identifier = doc.reference
        core.language = doc.language.word_lang
        core.keywords = ", ".join((doc.reference, doc.kind, doc.pack_title))
        core.category = doc.kind
        core.author = doc.pack_title
        core.last_modified_by = doc.pack_title
        core.comments = ""
        core.revision = 1
        when = build_timestamp(_date(doc)).replace(tzinfo=None)
        core.created = core.modified = when
        package = self.word.part.package
        for r_id, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[r_id]

    # Blocks

    def visit_Heading(self, node: nodes.Heading) -> None:
        self._paragraph("Heading 1" if node.level == 1 else "Heading 2", node.children)

    def visit_Paragraph(self, node: nodes.Paragraph) -> None:
        style = {"lead": "Lead", "note": "Note", "ends": "Ends"}.get(node.role or "", "Normal")
        self._paragraph(style, node.children)

    def visit_Quote(self, node: nodes.Quote) -> None:
        for paragraph in node.paragraphs:
            self._paragraph("Quote", paragraph)
        self._paragraph("Quote Attribution", node.attribution)

    def visit_BulletList(self, node: nodes.BulletList) -> None:
        for item in node.items:
            self._paragraph("List Bullet", item)

    def visit_SignatoryList(self, node: nodes.SignatoryList) -> None:
        heading = self._paragraph("Heading 1", node.heading)
        self._end_section(heading, columns=1)
        if self.numbering_id is None:
            self.numbering_id = x.add_decimal_numbering(
                self.word.part.numbering_part, indent_twips=454, rtl=self.lang.rtl
            )
        last = heading
        for entry in node.entries:
            last = self._paragraph("List Number", (nodes.Isolate(entry.name),))
            x.set_numbering(last, self.numbering_id)
            if entry.marked:
                run = last.add_run(node.mark)
                run.font.superscript = True
        self._end_section(last, columns=2)
        body_section = self.word.sections[-1]._sectPr
        x.set_child(body_section, "type", x.SECTPR_ORDER, val="continuous")
        footnote = self._paragraph("Signatory Footnote", (nodes.Text(node.mark), *node.footnote))
        footnote.paragraph_format.space_before = Pt(6)

    def _end_section(self, paragraph: Paragraph, columns: int) -> None:
        """Close the current section at ``paragraph`` with ``columns`` columns (Word's way:
        the section's properties ride on its last paragraph)."""
        body_sect = self.word.sections[-1]._sectPr
        ending = copy.deepcopy(body_sect)
        x.set_section_layout(ending, columns=columns, space_twips=567, rtl=self.lang.rtl)
        if columns > 1:
            x.set_child(ending, "type", x.SECTPR_ORDER, val="continuous")
        paragraph._p.get_or_add_pPr().append(ending)

    # Inlines

    def _paragraph(self, style: str, inlines: tuple[nodes.Inline, ...]) -> Paragraph:
        paragraph = self.word.add_paragraph()
        # Set the style by id: python-docx's style setter scans every style per call,
        # which made the 223-item list the slowest part of a DOCX.
        if style not in self._style_ids:
            self._style_ids[style] = self.word.styles[style].style_id
        x.set_child(
            paragraph._p.get_or_add_pPr(), "pStyle", x.PPR_ORDER, val=self._style_ids[style]
        )
        if self.lang.rtl:
            x.set_bidi(paragraph._p.get_or_add_pPr())
        self._runs(paragraph, inlines)
        return paragraph

    def _runs(self, paragraph: Paragraph, inlines: tuple[nodes.Inline, ...], **style: bool) -> None:
        for node in inlines:
            self._inline(paragraph, paragraph._p, node, **style)

    def _inline(self, paragraph: Paragraph, container, node: nodes.Inline, **style: Any) -> None:  # type: ignore[no-untyped-def]
        if isinstance(node, nodes.Text):
            self._add_run(container, node.text, isolate=False, **style)
        elif isinstance(node, nodes.Isolate):
            self._add_run(container, node.text, isolate=True, **style)
        elif isinstance(node, nodes.Emph):
            for child in node.children:
                self._inline(paragraph, container, child, **{**style, "emph": True})
        elif isinstance(node, nodes.Strong):
            for child in node.children:
                self._inline(paragraph, container, child, **{**style, "strong": True})
        elif isinstance(node, nodes.Link):
            link = x.add_hyperlink(paragraph, node.url)
            for child in node.children:
                self._inline(paragraph, link, child, **{**style, "link": True})
        elif isinstance(node, nodes.InLanguage):
            for child in node.children:
                self._inline(paragraph, container, child, **{**style, "foreign": node.language})
        else:
            raise TypeError(f"DocxWriter has no handler for {type(node).__name__}")

    def _run_props(
        self,
        *,
        isolate: bool,
        emph: bool = False,
        strong: bool = False,
        link: bool = False,
        foreign: str | None = None,
    ):  # type: ignore[no-untyped-def]
        props = OxmlElement("w:rPr")
        if link:
            x.set_child(props, "rStyle", x.RPR_ORDER, val="Hyperlink")
        if strong:
            x.set_bold(props)
        if emph:
            if self.lang.script == "cjk" and not isolate:
                x.set_emphasis_dot(props)
            else:
                x.set_italic(props)
        if foreign is not None:
            # A unit left in the source language: tagged with that language, in its slot.
            language = LANGUAGES[foreign]
            slot = "bidi" if language.rtl else "eastAsia" if language.script == "cjk" else "val"
            if language.rtl:
                x.set_rtl_run(props)
            x.set_child(props, "lang", x.RPR_ORDER, **{slot: language.word_lang})
        elif self.lang.rtl and not isolate:
            x.set_rtl_run(props)
            x.set_child(props, "lang", x.RPR_ORDER, bidi="ar-SA")
        elif self.lang.script == "cjk" and not isolate:
            x.set_child(props, "rFonts", x.RPR_ORDER, hint="eastAsia")
            x.set_child(props, "lang", x.RPR_ORDER, eastAsia="zh-CN")
        return props

    def _add_run(self, container, text: str, *, isolate: bool, **style: Any) -> None:  # type: ignore[no-untyped-def]
        run = OxmlElement("w:r")
        run.append(self._run_props(isolate=isolate, **style))
        pieces = text.split("\t")
        for index, piece in enumerate(pieces):
            if index:
                run.append(OxmlElement("w:tab"))
            if piece:
                t = OxmlElement("w:t")
                t.set(qn("xml:space"), "preserve")
                t.text = piece
                run.append(t)
        container.append(run)


@functools.cache
def _styled_template(language: str) -> bytes:
    """python-docx's template with presskit's styles for one language, made once per
    process: every document of that language starts from a copy."""
    word = docx.Document()
    _setup_styles(word, LANGUAGES[language])
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _setup_styles(word: DocxDocument, lang: Language) -> None:
    """Fonts, languages, sizes and directions of the styles the writer uses."""
    styles_element = word.styles.element
    x.strip_theme_fonts(styles_element)
    defaults = styles_element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    x.set_fonts(run_defaults, latin=LATIN_FONT, east_asia=CJK_FONT, complex_script=ARABIC_FONT)
    x.set_lang(
        run_defaults,
        val=lang.word_lang if lang.script in ("latin", "cyrillic") else "en-GB",
        east_asia=lang.word_lang if lang.script == "cjk" else "zh-CN",
        bidi=lang.word_lang if lang.rtl else "ar-SA",
    )
    x.set_theme_font_lang(word.settings.element, val="en-GB", east_asia="zh-CN", bidi="ar-SA")
    shapes = dict(STYLE_SHAPES)
    for name, (based_on, size, bold, color) in CUSTOM_STYLES.items():
        style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = word.styles[based_on]
        style.quick_style = True
        shapes[name] = (size, bold, 0, 4)
        style.font.color.rgb = color
    for name, (size, bold, before, after) in shapes.items():
        style = word.styles[name]
        props = x.rpr(style.element)
        x.set_size(props, int(size * 2))
        x.set_bold(props, bold)
        x.remove_child(props, "i")
        x.remove_child(props, "iCs")
        if name not in CUSTOM_STYLES:
            style.font.color.rgb = INK
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if lang.rtl:
            x.set_bidi(x.ppr(style.element))
    for name in ("Header", "Footer"):
        # The template's Letter-size centre and right tab stops would catch our tabs.
        x.remove_child(x.ppr(word.styles[name].element), "tabs")
    word.styles["Normal"].paragraph_format.line_spacing = 1.15
    word.styles["Quote"].paragraph_format.left_indent = Mm(8)
    word.styles["Quote Attribution"].paragraph_format.left_indent = Mm(8)
    word.styles["Ends"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.styles["Title"].paragraph_format.space_after = Pt(10)
    hyperlink = word.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    hyperlink.font.underline = True
    hyperlink.font.color.rgb = INK


def _date(doc: nodes.Document) -> dt.date:
    return dt.date.fromisoformat(doc.date)


def write_docx(doc: nodes.Document) -> Rendered:
    return DocxWriter(doc).render()


def render_docx(config: Config, tree: nodes.Document) -> Rendered:
    """The registry's entry point: a document tree written as DOCX."""
    return write_docx(tree)
