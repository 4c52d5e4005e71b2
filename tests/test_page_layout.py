"""The page as a reader sees it, measured from the word boxes of every PDF
(`pdftotext -bbox-layout`) of the example pack:
- under the running header's rule, room before the text (3 mm at least);
- the last page of a document of several pages holds five lines of text or more;
- no page ends with a heading.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from presskit.config import load_config
from presskit.doctree import nodes
from presskit.doctree.inline import plain_text
from presskit.project import Project

MM = 72 / 25.4
TOP_MARGIN = 24 * MM  # the example pack's page margins (templates/style.css)
BOTTOM_MARGIN = 22 * MM
PAGE_HEIGHT = 297 * MM
HEADER_PADDING = 1.5 * MM  # between the header's text and its rule
MIN_GAP_UNDER_RULE = 3 * MM
MIN_LAST_PAGE_LINES = 5


@dataclass(frozen=True)
class Line:
    top: float
    bottom: float
    text: str


def pages(pdf: Path) -> list[list[Line]]:
    """Each page's lines of text, top to bottom."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for page in re.findall(r"<page .*?</page>", out, re.S):
        lines = []
        for attrs, body in re.findall(r"<line ([^>]*)>(.*?)</line>", page, re.S):
            top = float(re.search(r'yMin="([\d.]+)"', attrs).group(1))
            bottom = float(re.search(r'yMax="([\d.]+)"', attrs).group(1))
            words = re.findall(r"<word [^>]*>([^<]*)</word>", body)
            lines.append(Line(top, bottom, " ".join(words)))
        found.append(sorted(lines, key=lambda line: line.top))
    return found


def body(lines: list[Line]) -> list[Line]:
    return [
        ln
        for ln in lines
        if ln.top >= TOP_MARGIN - 1 and ln.bottom <= PAGE_HEIGHT - BOTTOM_MARGIN + 1
    ]


def headings(tree: nodes.Document) -> set[str]:
    found = set()
    for block in tree.blocks:
        if isinstance(block, nodes.Heading):
            found.add(plain_text(block.children))
        elif isinstance(block, nodes.EntryList):
            found.add(plain_text(block.heading))
    return {" ".join(h.split()) for h in found}


def documents(example_build: Path):  # type: ignore[no-untyped-def]
    config = load_config(example_build)
    project = Project(config)
    for language in config.languages:
        for document in config.documents:
            (pdf,) = (example_build / "output" / language).glob(f"*-{document}-{language}.pdf")
            yield pdf, project.tree(document, language)


@pytest.mark.slow
def test_the_running_header_leaves_room_under_its_rule(example_build: Path) -> None:
    for pdf, _ in documents(example_build):
        for number, lines in enumerate(pages(pdf)[1:], start=2):
            header = [ln for ln in lines if ln.bottom < TOP_MARGIN]
            text = body(lines)
            assert header and text, (pdf.name, number)
            rule = max(ln.bottom for ln in header) + HEADER_PADDING
            gap = min(ln.top for ln in text) - rule
            assert gap >= MIN_GAP_UNDER_RULE, (pdf.name, number, round(gap / MM, 1))


@pytest.mark.slow
def test_a_last_page_holds_five_lines_or_more(example_build: Path) -> None:
    for pdf, _ in documents(example_build):
        laid_out = pages(pdf)
        if len(laid_out) > 1:
            lines = body(laid_out[-1])
            assert len(lines) >= MIN_LAST_PAGE_LINES, (pdf.name, [ln.text for ln in lines])


@pytest.mark.slow
def test_no_page_ends_with_a_heading(example_build: Path) -> None:
    for pdf, tree in documents(example_build):
        titles = headings(tree)
        for number, lines in enumerate(pages(pdf)[:-1], start=1):
            last = body(lines)[-1].text
            assert " ".join(last.split()) not in titles, (pdf.name, number, last)
