"""The DOCX writer: the document tree as an editable Word document with real styles."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

import docx
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.text.paragraph import Paragraph

from presskit import __version__
from presskit.config import Config
from presskit.doctree import nodes
from presskit.doctree.inline import isolate_latin, split_matches
from presskit.errors import Location, RenderError
from presskit.languages import LATIN, LATIN_FONT, Language
from presskit.logo import docx_png
from presskit.render import _docx_xml as x
from presskit.render.base import Rendered, Visitor
from presskit.render.reference_doc import Reference, load_reference, style_named, styled_base
from presskit.reproducible import build_timestamp, rezip
from presskit.theme import REFERENCE_DOC, THEME_NAME

# The logo's height on the first page, as the theme's stylesheet sets it for the PDF.
LOGO_HEIGHT = Mm(14)
# The Word field that counts each part of the page label ("Page {page} of {pages}").
PAGE_FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}
# The mark that keeps a run's neutral characters (brackets, quotation marks, a final
# full stop) and digits with it where the paragraph runs the other way, by the run's
# direction (right to left or not).
DIRECTION_MARKS = {False: "\u200e", True: "\u200f"}  # LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK


@dataclass(frozen=True, slots=True)
class DocxTheme:
    """What a DOCX takes from the pack besides its tree: its reference document and the
    [theme] settings."""

    reference: Reference
    organisation: str | None = None
    accent: str | None = None  # "#rrggbb", replacing the theme's accent colour
    logo: bytes | None = None  # a PNG


def docx_theme(config: Config) -> DocxTheme:
    settings = config.theme
    logo = None
    if settings.logo is not None:
        logo = docx_png(settings.logo, config.root, settings.logo_at or Location("presskit.toml"))
    return DocxTheme(
        load_reference(config.templates_dir, config.root),
        settings.organisation,
        settings.accent,
        logo,
    )


class DocxWriter(Visitor):
    """Write one document; every paragraph gets a named style a journalist can edit."""

    def __init__(self, doc: nodes.Document, theme: DocxTheme | None = None) -> None:
        self.doc = doc
        self.lang = doc.language
        self.theme = theme or DocxTheme(load_reference())
        base = styled_base(self.theme.reference, self.lang, self.theme.accent)
        self.word = docx.Document(io.BytesIO(base))
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
        # Page size and margins are the reference document's.
        section = self.word.sections[0]
        self.text_width = Emu(section.page_width - section.left_margin - section.right_margin)
        x.set_section_layout(section._sectPr, columns=1, rtl=self.lang.rtl)
        self._running_header(section.header.paragraphs[0])
        self._running_footer(section.footer.paragraphs[0])
        # The first page carries the masthead instead of the running header, as the
        # PDF's does; its footer is every page's.
        section.different_first_page_header_footer = True
        self._styled(section.first_page_header.paragraphs[0], "Header")
        self._running_footer(section.first_page_footer.paragraphs[0])

    def _running_header(self, header: Paragraph) -> None:
        self._styled(header, "Header")
        self._tab_to_end(header)
        self._runs(header, self._isolated(self.doc.pack_title))
        self._runs(header, (nodes.Text("\t"), *self._isolated(self.doc.kind)))
        if self.doc.incomplete:  # said on every page, as in the PDF
            self._runs(header, (nodes.Strong((nodes.Text(" · " + self.doc.incomplete),)),))

    def _running_footer(self, footer: Paragraph) -> None:
        self._styled(footer, "Footer")
        self._tab_to_end(footer)
        self._runs(footer, self.doc.index_label)
        self._runs(footer, (nodes.Text("\t"),))
        for part, text in self.doc.page_label:
            if part == "text":
                self._runs(footer, (nodes.Text(text),))
            else:
                props = self._run_props(isolate=True)
                x.add_field(footer, PAGE_FIELDS[part], props)

    def _tab_to_end(self, paragraph: Paragraph) -> None:
        # Positions count from the paragraph's start side, so in a bidi paragraph this
        # right-aligned stop lands on the left margin: the end of an Arabic line.
        paragraph.paragraph_format.tab_stops.add_tab_stop(self.text_width, WD_TAB_ALIGNMENT.RIGHT)

    def _masthead(self) -> None:
        doc = self.doc
        if self.theme.logo is not None:
            self._logo(self.theme.logo)
        if self.theme.organisation:
            self._paragraph("Organisation", self._isolated(self.theme.organisation))
        if doc.release_line:
            self._paragraph("Release Line", self._isolated(doc.release_line))
        self._paragraph("Kind", self._isolated(doc.kind))
        meta = self._paragraph("Document Meta", doc.date_label)
        self._tab_to_end(meta)
        self._runs(meta, (nodes.Text("\t"), *doc.index_label))
        self._paragraph("Title", self._isolated(doc.title))
        if doc.original_language:
            self._paragraph("Document Meta", self._isolated(doc.original_language))
        if doc.incomplete:
            self._paragraph("Document Meta", (nodes.Strong(self._isolated(doc.incomplete)),))

    def _isolated(self, text: str) -> tuple[nodes.Inline, ...]:
        """A running text (title, kind, labels) as inlines: in a right-to-left edition its
        Latin runs are isolated, as the doctree isolates them in the body."""
        inlines = (nodes.Text(text),)
        return isolate_latin(inlines) if self.lang.rtl else inlines

    def _logo(self, png: bytes) -> None:
        """The logo on the first page: the theme's height, never wider than the text."""
        image = Image.from_blob(png)
        width = LOGO_HEIGHT * image.px_width // image.px_height
        size = {"height": LOGO_HEIGHT} if width <= self.text_width else {"width": self.text_width}
        paragraph = self._paragraph("Logo", ())
        paragraph.add_run().add_picture(io.BytesIO(png), **size)

    def _metadata(self) -> None:
        doc = self.doc
        core = self.word.core_properties
        core.title = doc.title
        core.subject = doc.subject
        core.identifier = doc.reference
        core.language = doc.language.word_lang
        core.keywords = ", ".join((doc.reference, doc.kind, doc.pack_title))
        core.category = doc.kind
        core.author = self.theme.organisation or doc.pack_title
        core.last_modified_by = self.theme.organisation or doc.pack_title
        # Word's File > Info shows Comments, not Subject: an embargo must be seen there.
        core.comments = doc.release_line or ""
        core.revision = 1
        when = build_timestamp(_date(doc)).replace(tzinfo=None)
        core.created = core.modified = when
        package = self.word.part.package
        for r_id, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[r_id]
        x.set_app_properties(package, f"presskit {__version__}")

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

    def visit_EntryList(self, node: nodes.EntryList) -> None:
        heading = self._paragraph("Heading 1", node.heading)
        self._end_section(heading, columns=1)
        if self.numbering_id is None:
            self.numbering_id = x.add_decimal_numbering(
                self.word.part.numbering_part,
                indent_twips=454,
                rtl=self.lang.rtl,
                face=None if self.lang.script.ascii else LATIN_FONT,
            )
        last = heading
        for entry in node.entries:
            last = self._paragraph("List Number", (nodes.Isolate(entry.name, entry.language),))
            x.set_numbering(last, self.numbering_id)
            if not self.lang.script.ascii:  # the number's label takes the mark's face
                mark = x.set_child(last._p.get_or_add_pPr(), "rPr", x.PPR_ORDER)
                x.set_child(
                    mark, "rFonts", x.RPR_ORDER, ascii=LATIN_FONT, hAnsi=LATIN_FONT, cs=LATIN_FONT
                )
            for mark in entry.marks:
                run = last.add_run(mark)
                run.font.superscript = True
        self._end_section(last, columns=2)
        body_section = self.word.sections[-1]._sectPr
        x.set_child(body_section, "type", x.SECTPR_ORDER, val="continuous")
        for number, note in enumerate(node.footnotes):
            footnote = self._paragraph("List Footnote", (nodes.Text(note.mark), *note.text))
            if number == 0:
                footnote.paragraph_format.space_before = Pt(6)

    def _end_section(self, paragraph: Paragraph, columns: int) -> None:
        """Close the current section at ``paragraph`` with ``columns`` columns (Word's way:
        the section's properties ride on its last paragraph)."""
        body_sect = self.word.sections[-1]._sectPr
        ending = copy.deepcopy(body_sect)
        x.set_section_layout(ending, columns=columns, rtl=self.lang.rtl)
        if columns > 1:
            x.set_child(ending, "type", x.SECTPR_ORDER, val="continuous")
        paragraph._p.get_or_add_pPr().append(ending)
        # Only the document's first page takes the first-page header, not the first
        # page of each later section.
        x.drop_first_page(body_sect)

    # Inlines

    def _style_id(self, name: str) -> str:
        """The id of the reference document's paragraph style ``name``."""
        if name not in self._style_ids:
            style = style_named(self.word.styles.element, name)
            if style is None:
                raise RenderError(
                    f"has no paragraph style '{name}', which presskit's Word files use "
                    f"(start from {THEME_NAME}/{REFERENCE_DOC} and change its styles)",
                    Location(self.theme.reference.shown),
                )
            self._style_ids[name] = style.get(qn("w:styleId"))
        return self._style_ids[name]

    def _styled(self, paragraph: Paragraph, style: str) -> None:
        """Give ``paragraph`` the style ``style`` and the edition's direction. (By id:
        python-docx's style setter scans every style per call, which made the 223-item
        list the slowest part of a DOCX.)"""
        props = paragraph._p.get_or_add_pPr()
        x.set_child(props, "pStyle", x.PPR_ORDER, val=self._style_id(style))
        if self.lang.rtl:
            x.set_bidi(props)

    def _paragraph(self, style: str, inlines: tuple[nodes.Inline, ...]) -> Paragraph:
        paragraph = self.word.add_paragraph()
        self._styled(paragraph, style)
        self._runs(paragraph, inlines)
        return paragraph

    def _runs(self, paragraph: Paragraph, inlines: tuple[nodes.Inline, ...], **style: bool) -> None:
        for node in inlines:
            self._inline(paragraph, paragraph._p, node, **style)

    def _inline(self, paragraph: Paragraph, container, node: nodes.Inline, **style: Any) -> None:  # type: ignore[no-untyped-def]
        if isinstance(node, nodes.Text):
            text = _unbroken(node.text) if node.keep == "whole" else node.text
            self._add_run(container, text, isolate=False, **style)
        elif isinstance(node, nodes.Isolate):
            text = _unbroken(node.text) if node.whole else node.text
            self._add_run(container, text, isolate=True, **{"name": node.language, **style})
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
        foreign: Language | None = None,
        name: Language | None = None,
        latin_face: bool = False,
    ):  # type: ignore[no-untyped-def]
        props = OxmlElement("w:rPr")
        # A name written in a script other than Latin (the data's lang:) keeps that
        # script's face, slot and direction, in any edition.
        name_script = name.script if isolate and name is not None else None
        if name_script is not None and name_script.code == LATIN.code:
            name_script = None
        if latin_face or (isolate and not name_script and self.lang.script.font != LATIN_FONT):
            # Names, references and the digits and punctuation a script's face lacks:
            # the Latin face in every slot, since a run has one face per slot.
            x.set_child(
                props, "rFonts", x.RPR_ORDER, ascii=LATIN_FONT, hAnsi=LATIN_FONT, cs=LATIN_FONT
            )
        if link:
            x.set_child(props, "rStyle", x.RPR_ORDER, val="Hyperlink")
        if strong:
            x.set_bold(props)
        script = self.lang.script
        if emph:
            # Scripts with no italic: CJK take emphasis dots, the others bold.
            if script.italic or isolate:
                x.set_italic(props)
            elif script.docx_slot == "eastAsia":
                x.set_emphasis_dot(props)
            else:
                x.set_bold(props)
        if foreign is not None:
            # A unit left in the source language: tagged with that language, in its slot.
            if foreign.rtl:
                x.set_rtl_run(props)
            x.set_lang(props, **{x.LANG_SLOTS[foreign.script.docx_slot]: foreign.word_lang})
        elif name_script is not None and name is not None:
            slot = name_script.docx_slot
            if name_script.code != script.code:
                faces = dict.fromkeys(x.FONT_SLOTS[slot], name_script.font)
                x.set_child(props, "rFonts", x.RPR_ORDER, **faces)
            if slot == "eastAsia":
                x.set_child(props, "rFonts", x.RPR_ORDER, hint="eastAsia")
            if name.rtl:
                x.set_rtl_run(props)
            x.set_lang(props, **{x.LANG_SLOTS[slot]: name.word_lang})
        elif isolate and name is not None and name.word_lang != self.lang.word_lang:
            # A name from the data, in its own language's slot (a screen reader's voice).
            x.set_lang(props, **{x.LANG_SLOTS[name.script.docx_slot]: name.word_lang})
        elif not isolate and script.docx_slot != "ascii":
            if self.lang.rtl:
                x.set_rtl_run(props)
            if script.docx_slot == "eastAsia":
                x.set_child(props, "rFonts", x.RPR_ORDER, hint="eastAsia")
            x.set_lang(props, **{x.LANG_SLOTS[script.docx_slot]: self.lang.word_lang})
        return props

    def _marked(self, text: str, name: Language | None) -> str:
        """An isolated run's text, between marks of its own direction when the paragraph
        runs the other way. Inside an Arabic sentence, a name that ends in a quotation
        mark keeps it, "(ACT)" keeps its brackets and "+1 202 476 0026" its order. Word
        has read these marks since its first bidi versions; LibreOffice ignores Word's
        w:dir embedding element."""
        rtl = bool(name is not None and name.rtl)
        if rtl == self.lang.rtl:
            return text
        return DIRECTION_MARKS[rtl] + text + DIRECTION_MARKS[rtl]

    def _add_run(  # type: ignore[no-untyped-def]
        self, container, text: str, *, isolate: bool, latin_face: bool | None = None, **style: Any
    ) -> None:
        if latin_face is None and not isolate and not self.lang.script.ascii:
            # Split off the digits and punctuation the script's face cannot draw.
            for piece, latin in _ascii_pieces(text):
                self._add_run(container, piece, isolate=False, latin_face=latin, **style)
            return
        style["latin_face"] = bool(latin_face)
        if isolate:
            text = self._marked(text, style.get("name"))
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


def _unbroken(text: str) -> str:
    """A date, reference or telephone number Word keeps on one line: Word has no
    no-wrap property, so its spaces become no-break spaces, as a typist would type."""
    return text.replace(" ", "\u00a0")


# Printable ASCII, Latin letters and the dashes, quotation marks and other punctuation of
# Unicode's General Punctuation block (U+2010-U+2027, U+2030-U+205E; not its spaces,
# separators and invisible controls), with the spaces between them (not around them).
# The faces of scripts that lack ASCII punctuation lack these too: Noto Naskh Arabic
# has no en dash, and LibreOffice drew it in DejaVu Sans.
_LATIN_FACE = "!-~\u00a1-\u024f\u2010-\u2027\u2030-\u205e"
_ASCII_RUN = re.compile(rf"[{_LATIN_FACE}](?:[ \u00a0{_LATIN_FACE}]*[{_LATIN_FACE}])?")


def _ascii_pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into runs of the characters set in the Latin face (True) and the
    rest (False)."""
    return split_matches(_ASCII_RUN, text)


def _date(doc: nodes.Document) -> dt.date:
    return dt.date.fromisoformat(doc.date)


def write_docx(doc: nodes.Document, theme: DocxTheme | None = None) -> Rendered:
    return DocxWriter(doc, theme).render()


def render_docx(config: Config, tree: nodes.Document) -> Rendered:
    """The registry's entry point: a document tree written as DOCX."""
    return write_docx(tree, docx_theme(config))
