"""The reference document a DOCX starts from, the way pandoc's ``--reference-doc`` works.

The DOCX writer takes from ``reference.docx`` its styles (fonts, sizes, colours, spacing,
indents, the defaults of every paragraph), its list numbering, its page size and
margins: nothing else. Its text, headers, footers, pictures, macros and links are never
copied, so a reference document from someone else cannot put anything into the files
journalists receive. It is the pack's ``templates/reference.docx`` when there is one,
else the theme's.

The theme's ``presskit/themes/default/reference.docx`` was made once with python-docx:
python-docx's empty document given the styles presskit's writer used to set up in code
(Noto Sans, A4 with 20 mm side margins, 24 mm top, 22 mm bottom), the theme's accent
colour (#1f4e79) on the "Kind" style and on the rule of the "Quote" style, the styles
"Organisation" and "Logo", and one sample paragraph per style; it holds those styles
only (with the styles they are linked to), no theme fonts, and a title without
rule or letter-spacing, as the PDF prints it. A press office makes its
own by copying it into the pack's ``templates/``, opening it in Word or LibreOffice
Writer, changing the styles (not only the sample text: only styles are taken) and the
page set-up, and saving it as .docx. Fonts must be named: theme fonts ("+Body") are
removed, as they would override the faces presskit sets for complex-script and East
Asian text.

What depends on the language stays in code: the faces of complex-script and East Asian
text, the language tags and right-to-left paragraphs. So does what the writer owns: the
outline levels of the title and headings, and which styles a file carries (the writer's
own, the styles they are based on or linked to, and Word's defaults; nothing else of the
reference document).
"""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from presskit import theme
from presskit.errors import Location, RenderError
from presskit.languages import LATIN_FONT, Language
from presskit.render import _docx_xml as x
from presskit.safefs import MIB, read_pack_file

# The theme's accent colour, wherever its reference document uses it: [theme] accent
# replaces it there (the PDF's stylesheet has the same colour as its --accent).
THEME_ACCENT = "1F4E79"
# A .docx is a zip: bounded once unpacked too, so a small file cannot expand to gigabytes.
MAX_PARTS = 1000
MAX_UNPACKED = 64 * MIB


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference document's bytes, and its name as errors give it."""

    data: bytes
    shown: str


def load_reference(templates_dir: Path | None = None, pack_root: Path | None = None) -> Reference:
    """The pack's ``templates/reference.docx``, else the theme's (without a pack: the
    theme's), read with the limits of every template file."""
    if templates_dir is None or pack_root is None:
        templates_dir = pack_root = theme.THEME_DIR
    path = theme.find(templates_dir, theme.REFERENCE_DOC)
    shown = theme.shown(path, pack_root)
    root = theme.read_root(path, templates_dir)
    return Reference(read_pack_file(path, root, shown, "template", RenderError), shown)


@functools.cache
def styled_base(reference: Reference, language: Language, accent: str | None) -> bytes:
    """An empty document with the reference's styles, numbering and page, set up for one
    language and accent; made once per process, each document starts from a copy."""
    source = _open(reference)
    word = docx.Document()  # python-docx's own package: nothing else of the reference
    x.replace_contents(word.styles.element, source.styles.element)
    numbering = word.part.numbering_part.element
    x.replace_contents(numbering, source.part.numbering_part.element)
    x.remove_picture_bullets(numbering)
    x.copy_page_layout(word.sections[0]._sectPr, source.sections[-1]._sectPr)
    _keep_writer_styles(word)
    _drop_template_parts(word)
    _set_outline_levels(word)
    _set_language(word, language)
    if accent:
        x.recolour(word.styles.element, THEME_ACCENT, accent.lstrip("#").upper())
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _open(reference: Reference) -> DocxDocument:
    where = Location(reference.shown)
    try:
        with zipfile.ZipFile(io.BytesIO(reference.data)) as package:
            parts = package.infolist()
        if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED:
            raise RenderError(
                f"unpacks to more than {MAX_PARTS} parts or {MAX_UNPACKED // MIB} MB", where
            )
        return docx.Document(io.BytesIO(reference.data))
    except RenderError:
        raise
    except Exception as exc:  # zipfile's, lxml's and python-docx's many errors
        raise RenderError(f"is not a Word document (.docx): {exc}", where) from None


def style_named(styles: BaseOxmlElement, name: str) -> BaseOxmlElement | None:
    """The w:style called ``name``. Word writes built-in names in lower case ("heading
    1"), LibreOffice as shown ("Heading 1"): names are compared case-insensitively."""
    wanted = name.casefold()
    for style in styles.iterchildren(qn("w:style")):
        label = style.find(qn("w:name"))
        if label is not None and (label.get(qn("w:val")) or "").casefold() == wanted:
            return style
    return None


def _keep_writer_styles(word: DocxDocument) -> None:
    """Drop every style the writer does not use (python-docx's template and a reference
    document carry a hundred or more), and the list definitions only they used."""
    styles = word.styles.element
    wanted = [style_named(styles, name) for name in (*WRITER_STYLES, *WRITER_CHARACTER_STYLES)]
    roots = {style.get(qn("w:styleId")) for style in wanted if style is not None}
    kept = x.prune_styles(styles, roots)
    x.prune_numbering(word.part.numbering_part.element, x.style_numbering_ids(styles), kept)


def _drop_template_parts(word: DocxDocument) -> None:
    """Parts of python-docx's template the writer never fills: a copy of its default
    styles for Word 2010 (which contradicts the styles taken from the reference) and an
    empty bibliography."""
    for r_id, rel in list(word.part.rels.items()):
        if rel.reltype in TEMPLATE_PARTS:
            word.part.drop_rel(r_id)


def _set_outline_levels(word: DocxDocument) -> None:
    """Word's navigation pane and LibreOffice's navigator list paragraphs by outline
    level: the title above the headings, as the PDF tags them H1, H2 and H3."""
    styles = word.styles.element
    for name, level in OUTLINE_LEVELS.items():
        style = style_named(styles, name)
        if style is not None:
            x.set_child(x.ppr(style), "outlineLvl", x.PPR_ORDER, val=str(level))


def _set_language(word: DocxDocument, lang: Language) -> None:
    """Faces, language tags and direction of one language's edition."""
    styles = word.styles.element
    x.strip_theme_fonts(styles)
    run_defaults = x.run_defaults(styles)
    # The Latin face is the reference's; the face of the edition's script is presskit's,
    # in the slot Word reads for that script (and only that one: no other edition's).
    script = lang.script
    fonts = x.set_child(run_defaults, "rFonts", x.RPR_ORDER)
    for slot in ("eastAsia", "cs"):
        fonts.attrib.pop(qn(f"w:{slot}"), None)
    if not fonts.get(qn("w:ascii")):
        x.set_child(run_defaults, "rFonts", x.RPR_ORDER, ascii=LATIN_FONT, hAnsi=LATIN_FONT)
    # The script's face in its slot. Armenian, Georgian, Ethiopic: Western-slot scripts
    # with a face of their own (LibreOffice draws Western text in w:ascii's face); Latin
    # runs name theirs.
    if script.docx_slot != "ascii" or script.font != LATIN_FONT:
        for attribute in x.FONT_SLOTS[script.docx_slot]:
            fonts.set(qn(f"w:{attribute}"), script.font)
    if script.size != 1:  # body text, in the size Word reads for the script's runs
        _scale_body_size(word, "szCs" if script.docx_slot == "cs" else "sz", script.size)
    tags = {x.LANG_SLOTS[script.docx_slot]: lang.word_lang}
    x.set_lang(run_defaults, **tags)
    x.set_theme_font_lang(word.settings.element, **tags)
    if not script.tracking:  # letter-spacing would pull connected letters apart
        x.strip_letter_spacing(styles)
    if lang.rtl:
        for style in word.styles:
            if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name in WRITER_STYLES:
                x.set_bidi(x.ppr(style.element))
                x.mirror_borders(x.ppr(style.element))


def _scale_body_size(word: DocxDocument, tag: str, factor: float) -> None:
    """Normal's size (w:sz, or w:szCs for complex scripts) times ``factor``."""
    props = word.styles["Normal"].element.get_or_add_rPr()
    size = props.find(qn(f"w:{tag}"))
    if size is None:  # the document default's, else Word's own 11 pt
        size = x.run_defaults(word.styles.element).find(qn(f"w:{tag}"))
    half_points = int(size.get(qn("w:val"))) if size is not None else 22
    x.set_child(props, tag, x.RPR_ORDER, val=str(round(half_points * factor)))


# Every paragraph style the writer may use.
WRITER_STYLES = (
    "Normal",
    "Title",
    "Heading 1",
    "Heading 2",
    "Quote",
    "List Number",
    "List Bullet",
    "Header",
    "Footer",
    "Kind",
    "Release Line",
    "Document Meta",
    "Lead",
    "Quote Attribution",
    "Ends",
    "Note",
    "List Footnote",
    "Organisation",
    "Logo",
)
# The character styles it applies to runs.
WRITER_CHARACTER_STYLES = ("Hyperlink",)

# The outline level of each heading style (0 is Word's "Level 1").
OUTLINE_LEVELS = {"Title": 0, "Heading 1": 1, "Heading 2": 2}

# Relationships from the document to python-docx's template parts the writer drops.
TEMPLATE_PARTS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.CUSTOM_XML,
)
