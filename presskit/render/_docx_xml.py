"""WordprocessingML that python-docx has no API for: fonts, languages, bidi, fields,
numbering, columns, hyperlinks. Children are inserted in schema order, which Word
requires."""

from __future__ import annotations

import copy
import functools

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from lxml import etree

RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)
PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
SECTPR_ORDER = (
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
)


def set_child(
    parent: BaseOxmlElement, tag: str, order: tuple[str, ...], **attrs: str
) -> BaseOxmlElement:
    """Get or create ``w:<tag>`` under ``parent`` at its schema position; set attributes."""
    child = parent.find(qn(f"w:{tag}"))
    if child is None:
        child = OxmlElement(f"w:{tag}")
        later = _after(order, tag)
        for sibling in parent:
            if sibling.tag in later:
                sibling.addprevious(child)
                break
        else:
            parent.append(child)
    for name, value in attrs.items():
        child.set(qn(f"w:{name}"), value)
    return child


@functools.cache
def _after(order: tuple[str, ...], tag: str) -> frozenset[str]:
    """The qualified names of the elements ``order`` puts after ``tag``."""
    return frozenset(qn(f"w:{name}") for name in order[order.index(tag) + 1 :])


def ppr(element: BaseOxmlElement) -> BaseOxmlElement:
    """The w:pPr of a paragraph or style element."""
    if element.tag == qn("w:p"):
        return element.get_or_add_pPr()
    found = element.find(qn("w:pPr"))
    if found is None:
        found = OxmlElement("w:pPr")
        run_props = element.find(qn("w:rPr"))
        if run_props is not None:
            run_props.addprevious(found)
        else:
            element.append(found)
    return found


def strip_theme_fonts(root: BaseOxmlElement) -> None:
    """Remove every theme font attribute (``w:asciiTheme``, ``w:hAnsiTheme``,
    ``w:eastAsiaTheme``, and ``w:cstheme``, spelled in lower case): a theme font beats a
    named one, so Word and LibreOffice would draw Arabic in the theme's face."""
    for fonts in root.iter(qn("w:rFonts")):
        for name in list(fonts.attrib):
            if name.lower().endswith("theme"):
                del fonts.attrib[name]


# The w:lang attribute of each w:rFonts slot: Latin-like text, East Asian, complex scripts.
LANG_SLOTS = {"ascii": "val", "eastAsia": "eastAsia", "cs": "bidi"}
# The w:rFonts attributes that name a face in each slot.
FONT_SLOTS = {"ascii": ("ascii", "hAnsi"), "eastAsia": ("eastAsia",), "cs": ("cs",)}


def set_lang(props: BaseOxmlElement, **tags: str) -> None:
    """w:lang with only the given slots (val, eastAsia, bidi): no other edition's tags."""
    element = set_child(props, "lang", RPR_ORDER)
    element.attrib.clear()
    for slot, tag in tags.items():
        element.set(qn(f"w:{slot}"), tag)


def set_bold(props: BaseOxmlElement, on: bool = True) -> None:
    """Bold for Latin and complex-script text (w:b and w:bCs): Arabic needs bCs."""
    value = "1" if on else "0"
    set_child(props, "b", RPR_ORDER, val=value)
    set_child(props, "bCs", RPR_ORDER, val=value)


def set_italic(props: BaseOxmlElement) -> None:
    set_child(props, "i", RPR_ORDER)
    set_child(props, "iCs", RPR_ORDER)


def set_emphasis_dot(props: BaseOxmlElement) -> None:
    """CJK emphasis: dots under the characters instead of faked italics."""
    set_child(props, "em", RPR_ORDER, val="dot")


def set_rtl_run(props: BaseOxmlElement) -> None:
    set_child(props, "rtl", RPR_ORDER)


def set_bidi(paragraph_props: BaseOxmlElement) -> None:
    set_child(paragraph_props, "bidi", PPR_ORDER)


PBDR_ORDER = ["top", "left", "bottom", "right", "between", "bar"]
_MIRRORED_SIDES = {"left": "right", "right": "left"}


def mirror_borders(paragraph_props: BaseOxmlElement) -> None:
    """Swap the left and right borders of a paragraph (or paragraph style). w:bidi makes
    a paragraph's indents, alignment and tab stops count from the right, but not its
    borders (ECMA-376 17.3.1.6): the rule of a quote must move to the right itself."""
    borders = paragraph_props.find(qn("w:pBdr"))
    if borders is None:
        return
    for side in borders:
        name = side.tag.rsplit("}", 1)[-1]
        if name in _MIRRORED_SIDES:
            side.tag = qn(f"w:{_MIRRORED_SIDES[name]}")
    ordered = sorted(borders, key=lambda side: PBDR_ORDER.index(side.tag.rsplit("}", 1)[-1]))
    borders[:] = ordered


def set_section_layout(sect_pr: BaseOxmlElement, *, columns: int, rtl: bool) -> None:
    """Column count (the gap is the reference document's), and right-to-left page order
    (column 1 on the right) for RTL."""
    cols = set_child(sect_pr, "cols", SECTPR_ORDER)
    if columns > 1:
        cols.set(qn("w:num"), str(columns))
    elif cols.get(qn("w:num")) is not None:
        del cols.attrib[qn("w:num")]
    if rtl:
        set_child(sect_pr, "bidi", SECTPR_ORDER)


def add_field(paragraph: Paragraph, instruction: str, props: BaseOxmlElement | None) -> None:
    """A field such as PAGE or NUMPAGES (begin, instruction, separate, end) with no cached
    result: Word and LibreOffice count pages as they lay the document out, and a reader
    that only shows cached results (a previewer) shows nothing rather than a wrong
    count."""

    def run(child: BaseOxmlElement) -> None:
        r = OxmlElement("w:r")
        if props is not None:
            r.append(copy.deepcopy(props))
        r.append(child)
        paragraph._p.append(r)

    for kind in ("begin", "instruction", "separate", "end"):
        if kind == "instruction":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run(element)


def drop_first_page(sect_pr: BaseOxmlElement) -> None:
    """A section without a first page of its own: no w:titlePg, no first-page header or
    footer."""
    for tag in ("headerReference", "footerReference"):
        for reference in sect_pr.findall(qn(f"w:{tag}")):
            if reference.get(qn("w:type")) == "first":
                sect_pr.remove(reference)
    for title_page in sect_pr.findall(qn("w:titlePg")):
        sect_pr.remove(title_page)


def add_decimal_numbering(  # type: ignore[no-untyped-def]
    numbering_part, indent_twips: int, rtl: bool, face: str | None = None
) -> int:
    """A new one-level decimal list ("1.") and a w:num for it; returns the numId.
    ``face`` draws the numbers when the text's own face has no digits."""
    numbering = numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids, default=0) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "singleLevel")
    abstract.append(multi)
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), "0")
    for tag, value in (
        ("start", "1"),
        ("numFmt", "decimal"),
        ("lvlText", "%1."),
        ("lvlJc", "left"),
    ):
        el = OxmlElement(f"w:{tag}")
        el.set(qn("w:val"), value)
        level.append(el)
    props = OxmlElement("w:pPr")
    if rtl:
        set_bidi(props)
    set_child(props, "ind", PPR_ORDER, left=str(indent_twips), hanging=str(indent_twips))
    level.append(props)
    if face is not None:
        run_props = OxmlElement("w:rPr")
        set_child(run_props, "rFonts", RPR_ORDER, ascii=face, hAnsi=face, cs=face)
        level.append(run_props)
    abstract.append(level)
    # Every w:abstractNum must precede the first w:num.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = numbering.add_num(abstract_id)
    return int(num.numId)


def set_numbering(paragraph: Paragraph, num_id: int) -> None:
    num_pr = set_child(paragraph._p.get_or_add_pPr(), "numPr", PPR_ORDER)
    set_child(num_pr, "ilvl", ("ilvl", "numId"), val="0")
    set_child(num_pr, "numId", ("ilvl", "numId"), val=str(num_id))


def add_hyperlink(paragraph: Paragraph, url: str) -> BaseOxmlElement:
    """An external w:hyperlink in ``paragraph``; runs are appended to it by the caller."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    return link


# The namespace of docProps/app.xml, the package's "extended properties".
EXTENDED_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def set_app_properties(package: OpcPackage, application: str) -> None:
    """docProps/app.xml naming the application that wrote the file, and nothing else.
    python-docx's template says Word for Mac wrote it, one page long with no words; no
    count is better than a wrong one (Word counts pages and words when it saves)."""
    root = etree.Element(f"{{{EXTENDED_PROPERTIES}}}Properties", nsmap={None: EXTENDED_PROPERTIES})
    etree.SubElement(root, f"{{{EXTENDED_PROPERTIES}}}Application").text = application
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            del package.rels[r_id]  # the template's part goes with its relationship
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, xml, package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def set_theme_font_lang(settings_element: BaseOxmlElement, **tags: str) -> None:
    """w:themeFontLang in settings.xml (the template says ja-JP): the edition's only."""
    found = settings_element.find(qn("w:themeFontLang"))
    if found is None:
        return
    found.attrib.clear()
    for slot, tag in tags.items():
        found.set(qn(f"w:{slot}"), tag)


# Taking parts of a reference document


def replace_contents(target: BaseOxmlElement, source: BaseOxmlElement) -> None:
    """Make ``target`` (styles, numbering) a copy of ``source``: attributes and children."""
    for child in list(target):
        target.remove(child)
    target.attrib.clear()
    target.attrib.update(source.attrib)
    for child in source:
        target.append(copy.deepcopy(child))


def remove_picture_bullets(numbering: BaseOxmlElement) -> None:
    """Picture bullets point at images of the reference document, which are not taken."""
    for tag in ("numPicBullet", "lvlPicBulletId"):
        for element in numbering.iter(qn(f"w:{tag}")):
            element.getparent().remove(element)


def copy_page_layout(target: BaseOxmlElement, source: BaseOxmlElement) -> None:
    """Page size, margins and column gap of the section ``source``, into ``target``."""
    for tag in ("pgSz", "pgMar", "cols"):
        found = source.find(qn(f"w:{tag}"))
        if found is None:
            continue
        taken = copy.deepcopy(found)
        if tag == "cols":  # the gap only: the writer decides how many columns
            for name in ("num", "equalWidth", "sep"):
                taken.attrib.pop(qn(f"w:{name}"), None)
            for column in taken.findall(qn("w:col")):
                taken.remove(column)
        placeholder = set_child(target, tag, SECTPR_ORDER)
        target.replace(placeholder, taken)


# The references from one style to another: the style it inherits from, its linked
# paragraph or character style, and the style of the paragraph that follows it.
STYLE_REFERENCES = ("basedOn", "link", "next")


def prune_styles(styles: BaseOxmlElement, roots: set[str]) -> set[str]:
    """Keep the styles ``roots`` (ids), those they refer to, and the default paragraph
    and character styles (Normal, Default Paragraph Font); drop the others. Returns the
    ids kept."""
    by_id = {style.get(qn("w:styleId")): style for style in styles.iterchildren(qn("w:style"))}
    defaults = {
        style_id
        for style_id, style in by_id.items()
        if style.get(qn("w:default")) in ("1", "true", "on")
        and style.get(qn("w:type")) in ("paragraph", "character")
    }
    kept: set[str] = set()
    pending = [style_id for style_id in (*roots, *defaults) if style_id in by_id]
    while pending:
        style_id = pending.pop()
        if style_id in kept:
            continue
        kept.add(style_id)
        for tag in STYLE_REFERENCES:
            reference = by_id[style_id].find(qn(f"w:{tag}"))
            if reference is not None and reference.get(qn("w:val")) in by_id:
                pending.append(reference.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in kept:
            styles.remove(style)
    return kept


def style_numbering_ids(styles: BaseOxmlElement) -> set[str]:
    """The list instances (w:numId) the styles number their paragraphs with."""
    return {
        num_id.get(qn("w:val"))
        for style in styles.iterchildren(qn("w:style"))
        for num_id in style.iter(qn("w:numId"))
    }


def prune_numbering(numbering: BaseOxmlElement, num_ids: set[str], style_ids: set[str]) -> None:
    """Keep the list instances ``num_ids`` and their definitions; drop the rest, and the
    links from the kept definitions to styles that are gone."""
    abstract_ids = set()
    for num in numbering.findall(qn("w:num")):
        definition = num.find(qn("w:abstractNumId"))
        if num.get(qn("w:numId")) in num_ids and definition is not None:
            abstract_ids.add(definition.get(qn("w:val")))
        else:
            numbering.remove(num)
    for abstract in numbering.findall(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) not in abstract_ids:
            numbering.remove(abstract)
            continue
        for tag in ("pStyle", "styleLink", "numStyleLink"):
            for link in list(abstract.iter(qn(f"w:{tag}"))):
                if link.get(qn("w:val")) not in style_ids:
                    link.getparent().remove(link)


def strip_letter_spacing(styles: BaseOxmlElement) -> None:
    """Remove the character spacing (w:spacing in run properties) of every style."""
    for props in styles.iter(qn("w:rPr")):
        for spacing in props.findall(qn("w:spacing")):
            props.remove(spacing)


def run_defaults(styles: BaseOxmlElement) -> BaseOxmlElement:
    """The w:rPr of w:docDefaults (created when a reference document has none)."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run = defaults.find(qn("w:rPrDefault"))
    if run is None:
        run = OxmlElement("w:rPrDefault")
        defaults.insert(0, run)
    props = run.find(qn("w:rPr"))
    if props is None:
        props = OxmlElement("w:rPr")
        run.append(props)
    return props


def recolour(root: BaseOxmlElement, old: str, new: str) -> None:
    """Replace the colour ``old`` (RRGGBB) by ``new`` in text colours, borders and shading."""
    for element in root.iter():
        for name in ("val", "color", "fill"):
            attribute = qn(f"w:{name}")
            value = element.get(attribute)
            if value is not None and value.upper() == old and _colour_attribute(element, name):
                element.set(attribute, new)


def _colour_attribute(element: BaseOxmlElement, name: str) -> bool:
    tag = element.tag.rsplit("}", 1)[-1]
    return (tag == "color" and name == "val") or (tag != "color" and name in ("color", "fill"))
