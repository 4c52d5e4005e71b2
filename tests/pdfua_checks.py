"""A structural PDF/UA-1 check of a tagged PDF, written with pikepdf.

No maintained PDF/UA validator installs here (veraPDF needs its own download), so these
checks read the file's objects and content streams directly, for what a machine can
tell: every piece of content is either tagged (marked with an MCID that the structure
tree's parent tree maps to a structure element of the tree) or an artifact, running
content (the header and footer bands) is a pagination artifact, every link annotation
sits in a Link element, and the catalog says the document's language, title and
tagging. Each function returns the problems it finds, as sentences; none is a pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

# Operators that put marks on the page: text, paths, shadings and images.
TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
PAINT_OPERATORS = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "Do", "INLINE IMAGE"}
MM = 72 / 25.4


def check(path: Path, running_bands: tuple[float, float] | None = None) -> list[str]:
    """Every problem this module finds in the PDF at ``path``. With ``running_bands``
    (the top and bottom page margins, in points), text drawn in them must be marked as
    a pagination artifact and text between them must not."""
    with pikepdf.open(path) as pdf:
        tree = StructureTree.read(pdf)
        return [
            *catalog_problems(pdf),
            *tree.problems,
            *content_problems(pdf, tree, running_bands),
            *link_problems(pdf, tree),
        ]


def catalog_problems(pdf: pikepdf.Pdf) -> list[str]:
    """The catalog, info dictionary and XMP metadata PDF/UA-1 asks for."""
    problems = []
    root = pdf.Root
    if not str(root.get("/Lang", "")):
        problems.append("the catalog has no /Lang")
    mark_info = root.get("/MarkInfo", Dictionary())
    if mark_info.get("/Marked") is not True:
        problems.append("the catalog's /MarkInfo does not say /Marked true")
    preferences = root.get("/ViewerPreferences", Dictionary())
    if preferences.get("/DisplayDocTitle") is not True:
        problems.append("/ViewerPreferences does not say /DisplayDocTitle true")
    title = str(pdf.docinfo.get("/Title", ""))
    if not title:
        problems.append("the info dictionary has no /Title")
    with pdf.open_metadata() as xmp:
        if xmp.get("dc:title") != title:
            problems.append(f"XMP dc:title {xmp.get('dc:title')!r} is not the /Title")
        if xmp.get("pdfuaid:part") != "1":
            problems.append("XMP has no pdfuaid:part 1")
    return problems


@dataclass
class StructureTree:
    """The structure elements reachable from the StructTreeRoot, what they own and what
    the parent tree says owns each piece of content."""

    elements: dict[tuple[int, int], Dictionary] = field(default_factory=dict)
    parent: dict[tuple[int, int], Dictionary] = field(default_factory=dict)
    # (page, MCID) -> the element whose /K holds it
    owners: dict[tuple[tuple[int, int], int], tuple[int, int]] = field(default_factory=dict)
    # annotation -> the element whose /K holds an OBJR to it
    objr_owners: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    # (page, MCID) -> the element the parent tree gives, for each page's StructParents
    parent_tree: dict[tuple[tuple[int, int], int], tuple[int, int] | None] = field(
        default_factory=dict
    )
    # StructParent number of an annotation -> element
    parent_tree_objects: dict[int, tuple[int, int] | None] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, pdf: pikepdf.Pdf) -> StructureTree:
        tree = cls()
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            tree.problems.append("the catalog has no /StructTreeRoot")
            return tree
        for kid in _kids(root):
            if isinstance(kid, Dictionary):
                tree._walk(kid, root)
        tree._read_parent_tree(pdf, root)
        orphans = [
            obj.objgen
            for obj in pdf.objects
            if isinstance(obj, Dictionary)
            and obj.get("/Type") == Name.StructElem
            and obj.objgen not in tree.elements
        ]
        if orphans:
            tree.problems.append(
                f"{len(orphans)} structure element(s) outside the structure tree, such as "
                f"{tree._describe(pdf.get_object(orphans[0]))}"
            )
        return tree

    def _walk(self, element: Dictionary, parent: pikepdf.Object) -> None:
        key = element.objgen
        if key in self.elements:
            self.problems.append(f"{self._describe(element)} is reached twice")
            return
        self.elements[key] = element
        if element.get("/P") is None or element.P.objgen != parent.objgen:
            self.problems.append(f"{self._describe(element)} has a wrong /P")
        page = element.get("/Pg")
        for kid in _kids(element):
            if isinstance(kid, int):
                self._own((page, kid), key)
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                self._own((kid.get("/Pg", page), int(kid.MCID)), key)
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                self.objr_owners[kid.Obj.objgen] = key
            elif isinstance(kid, Dictionary):
                self._walk(kid, element)

    def _own(self, content: tuple[pikepdf.Object | None, int], key: tuple[int, int]) -> None:
        page, mcid = content
        if page is None:
            self.problems.append(f"MCID {mcid} of an element with no page")
            return
        if (page.objgen, mcid) in self.owners:
            self.problems.append(f"MCID {mcid} is owned by two elements")
        self.owners[page.objgen, mcid] = key

    def _read_parent_tree(self, pdf: pikepdf.Pdf, root: Dictionary) -> None:
        if "/ParentTree" not in root:
            self.problems.append("the structure tree has no /ParentTree")
            return
        numbers = dict(pikepdf.NumberTree(root.ParentTree).items())
        for page in pdf.pages:
            index = page.obj.get("/StructParents")
            if index is None:
                continue
            entries = numbers.get(int(index), Array())
            for mcid, element in enumerate(entries):
                self.parent_tree[page.obj.objgen, mcid] = (
                    element.objgen if isinstance(element, Dictionary) else None
                )
        for number, element in numbers.items():
            if isinstance(element, Dictionary):
                self.parent_tree_objects[number] = element.objgen

    @staticmethod
    def _describe(element: Dictionary) -> str:
        return f"a {element.get('/S')} element (object {element.objgen[0]})"


def _kids(element: pikepdf.Object) -> Iterator[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return
    if isinstance(kids, Array):
        yield from kids
    else:
        yield kids


@dataclass
class _Marked:
    tag: str
    properties: Dictionary | None


def content_problems(
    pdf: pikepdf.Pdf, tree: StructureTree, running_bands: tuple[float, float] | None
) -> list[str]:
    """Each page's content: tagged or an artifact, MCIDs mapped both ways, running
    content in the margins marked as pagination artifacts."""
    problems: list[str] = []
    for number, page in enumerate(pdf.pages, start=1):
        height = float(page.mediabox[3]) - float(page.mediabox[1])
        seen: set[int] = set()
        for found in _page_marks(page):
            where = f"page {number}"
            if found.operator == "BDC":
                if found.mcid in seen:
                    problems.append(f"{where}: MCID {found.mcid} is used twice")
                seen.add(found.mcid)
                problems += _mcid_problems(tree, page, found.mcid, where)
                continue
            if found.mcid is None and found.artifact is None:
                problems.append(f"{where}: {found.operator} outside tagged content and artifacts")
            elif found.mcid is not None and found.artifact is not None:
                problems.append(f"{where}: {found.operator} both tagged and an artifact")
            if running_bands is None or found.operator not in TEXT_OPERATORS:
                continue
            top, bottom = running_bands
            y = height - found.y  # from the top of the page
            in_band = y < top or y > height - bottom
            if in_band and found.artifact != "/Pagination":
                problems.append(
                    f"{where}: text in the running header or footer band "
                    f"({y / MM:.0f} mm from the top) is not a pagination artifact"
                )
            elif not in_band and found.artifact == "/Pagination":
                problems.append(f"{where}: body text marked as a pagination artifact")
        expected = {mcid for (page_key, mcid) in tree.parent_tree if page_key == page.objgen}
        unused = expected - seen
        if unused:
            problems.append(f"page {number}: the parent tree maps MCIDs {sorted(unused)} not drawn")
    return problems


def _mcid_problems(tree: StructureTree, page: pikepdf.Page, mcid: int, where: str) -> list[str]:
    mapped = tree.parent_tree.get((page.obj.objgen, mcid))
    if mapped is None:
        return [f"{where}: MCID {mcid} is not in the parent tree"]
    if mapped not in tree.elements:
        return [f"{where}: MCID {mcid} belongs to an element outside the structure tree"]
    if tree.owners.get((page.obj.objgen, mcid)) != mapped:
        return [f"{where}: the parent tree and the structure tree disagree on MCID {mcid}"]
    return []


@dataclass
class _Found:
    operator: str
    mcid: int | None  # the MCID of this BDC, or the innermost one around the operator
    artifact: str | None  # the artifact's /Type ("/Pagination", "" untyped), or None
    y: float  # for text: the baseline's distance from the bottom of the page


def _page_marks(page: pikepdf.Page) -> Iterator[_Found]:
    """Each BDC with an MCID and each operator that marks the page, with the marked
    content around it and, for text, where it is drawn."""
    stack: list[_Marked] = []
    ctm = [(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)]
    text_matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for operands, operator in _instructions(page):
        if operator in ("BDC", "BMC"):
            properties = operands[1] if operator == "BDC" else None
            if isinstance(properties, Name):
                properties = page.Resources.Properties[properties]
            stack.append(_Marked(str(operands[0]), properties))
            if properties is not None and "/MCID" in properties:
                yield _Found("BDC", int(properties.MCID), _artifact(stack[:-1]), 0)
        elif operator == "EMC":
            stack.pop()
        elif operator == "q":
            ctm.append(ctm[-1])
        elif operator == "Q":
            ctm.pop()
        elif operator == "cm":
            ctm[-1] = _multiply(tuple(float(v) for v in operands), ctm[-1])
        elif operator == "BT":
            text_matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        elif operator == "Tm":
            text_matrix = tuple(float(v) for v in operands)  # type: ignore[assignment]
        elif operator in TEXT_OPERATORS or operator in PAINT_OPERATORS:
            x, y = text_matrix[4], text_matrix[5]
            _, b, _, d, _, f = ctm[-1]
            yield _Found(operator, _mcid(stack), _artifact(stack), b * x + d * y + f)


def _instructions(page: pikepdf.Page) -> Iterator[tuple[list[object], str]]:
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            yield [], "INLINE IMAGE"
        else:
            yield list(instruction.operands), str(instruction.operator)


def _multiply(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _mcid(stack: list[_Marked]) -> int | None:
    for marked in reversed(stack):
        if marked.properties is not None and "/MCID" in marked.properties:
            return int(marked.properties.MCID)
    return None


def _artifact(stack: list[_Marked]) -> str | None:
    for marked in reversed(stack):
        if marked.tag == "/Artifact":
            kind = marked.properties.get("/Type") if marked.properties is not None else None
            return str(kind) if kind is not None else ""
    return None


def link_problems(pdf: pikepdf.Pdf, tree: StructureTree) -> list[str]:
    """Every link annotation in a Link element through an OBJR, both with a text."""
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        for annotation in page.obj.get("/Annots", Array()):
            if annotation.get("/Subtype") != Name.Link:
                continue
            where = f"page {number}: the link to {_target(annotation)!r}"
            if not str(annotation.get("/Contents", "")).strip():
                problems.append(f"{where} has no /Contents")
            owner = tree.objr_owners.get(annotation.objgen)
            element = tree.elements.get(owner) if owner else None
            if element is None:
                problems.append(f"{where} is in no structure element of the tree")
                continue
            if element.get("/S") != Name.Link:
                problems.append(f"{where} is in a {element.get('/S')} element, not a Link")
            elif not str(element.get("/Alt", "")).strip():
                problems.append(f"{where} is in a Link element with no /Alt")
            parent = annotation.get("/StructParent")
            if parent is None or tree.parent_tree_objects.get(int(parent)) != owner:
                problems.append(f"{where}: its /StructParent does not lead to its element")
    return problems


def _target(annotation: Dictionary) -> str:
    action = annotation.get("/A")
    if action is not None and "/URI" in action:
        return str(action.URI)
    return str(annotation.get("/Dest", "?"))


def languages_of_latin_runs(path: Path) -> list[tuple[str, str | None]]:
    """Each tagged run of text containing Latin letters, with the nearest /Lang of its
    element and their ancestors (None: only the catalog's)."""
    runs = []
    with pikepdf.open(path) as pdf:
        tree = StructureTree.read(pdf)
        texts = _actual_texts(pdf)
        for (page, mcid), key in tree.owners.items():
            text = texts.get((page, mcid), "")
            if re.search(r"[A-Za-z]", text):
                runs.append((text, _language(tree.elements[key])))
    return runs


def _actual_texts(pdf: pikepdf.Pdf) -> dict[tuple[tuple[int, int], int], str]:
    texts = {}
    for page in pdf.pages:
        for operands, operator in _instructions(page):
            if operator == "BDC" and isinstance(operands[1], Dictionary):
                properties = operands[1]
                if "/MCID" in properties and "/ActualText" in properties:
                    texts[page.obj.objgen, int(properties.MCID)] = str(properties.ActualText)
    return texts


def _language(element: Dictionary) -> str | None:
    while element is not None and element.get("/Type") != Name.StructTreeRoot:
        if "/Lang" in element:
            return str(element.Lang)
        element = element.get("/P")
    return None
