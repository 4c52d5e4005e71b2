"""What a journalist copies out of a PDF is what the source says.

In every PDF's text layer (`pdftotext -raw`, the order the text was set in; for
right-to-left editions the logical text of each run, see ``text_layer``):
- every date, reference, e-mail address and telephone number the document prints is
  there exactly, on one line: never broken across lines;
- every name from the data (the lists' entries, the spokespeople and their
  organisations) is there with its words in order and nothing added: no hyphen or
  soft hyphen from a line break.
Checked on the example pack in its six languages and on the Hebrew, Persian and
Japanese editions of the language test pack.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from presskit.config import load_config
from presskit.doctree import nodes
from presskit.project import Project
from tests.conftest import REPO, actual_text_runs, run

LANGUAGES_ROOT = REPO / "tests" / "roots" / "languages"
SAMPLE_EDITIONS = ["he", "fa", "ja"]


def text_layer(pdf: Path, rtl: bool, scratch: Path) -> list[str]:
    """The lines of the text layer: left to right, pdftotext's in the order the text was
    set (``-raw``: a list in columns comes out column by column). Right to left, each
    run's /ActualText, the logical text Acrobat and screen readers take: pdftotext's own
    reordering of right-to-left lines moves the numbers of a Persian line past each
    other and the punctuation next to them, whatever the file says."""
    if not rtl:
        out = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return out.splitlines()
    return actual_text_runs(pdf, scratch)


def kept_whole(tree: nodes.Document) -> set[str]:
    """The dates, references, addresses and telephone numbers the tree keeps whole."""
    found: set[str] = set()

    def walk(inlines: tuple[nodes.Inline, ...]) -> None:
        for node in inlines:
            date = isinstance(node, nodes.Text) and node.keep == "whole"
            if date or (isinstance(node, nodes.Isolate) and node.whole):
                found.add(node.text)
            elif hasattr(node, "children"):
                walk(node.children)

    walk(tree.date_label)
    walk(tree.index_label)
    for block in tree.blocks:
        for inlines in _inline_groups(block):
            walk(inlines)
    return found


def names(tree: nodes.Document) -> set[str]:
    """The names from the data the tree prints: list entries and attributions."""
    found: set[str] = set()
    for block in tree.blocks:
        if isinstance(block, nodes.EntryList):
            found |= {entry.name for entry in block.entries}
        for inlines in _inline_groups(block):
            found |= {n.text for n in inlines if isinstance(n, nodes.Isolate) and n.language}
    return found


def _inline_groups(block: nodes.Block) -> list[tuple[nodes.Inline, ...]]:
    if isinstance(block, (nodes.Heading, nodes.Paragraph)):
        return [block.children]
    if isinstance(block, nodes.Quote):
        return [*block.paragraphs, block.attribution]
    if isinstance(block, nodes.BulletList):
        return list(block.items)
    if isinstance(block, nodes.EntryList):
        return [block.heading, *(f.text for f in block.footnotes)]
    return []


def editions(pack: Path, output: Path, languages: list[str] | None = None):  # type: ignore[no-untyped-def]
    config = load_config(pack)
    project = Project(config)
    for language in languages or list(config.languages):
        for document in config.documents:
            (pdf,) = (output / language).glob(f"*-{document}-{language}.pdf")
            yield pdf, project.tree(document, language)


def assert_copies_out(pdf: Path, tree: nodes.Document, scratch: Path) -> None:
    lines = text_layer(pdf, tree.language.rtl, scratch)
    for whole in kept_whole(tree):
        assert any(whole in line for line in lines), (pdf.name, whole)
    rtl = tree.language.rtl
    flowing = _flat(" ".join(lines), rtl)  # a name may wrap between its words
    for name in names(tree):
        assert _flat(name, rtl) in flowing, (pdf.name, name)


def _flat(text: str, rtl: bool) -> str:
    """Each run of spaces made one; right to left, taken out: a name set in several runs
    (an acronym in it is a run of its own) comes out of /ActualText in pieces."""
    return "".join(text.split()) if rtl else " ".join(text.split())


@pytest.mark.slow
def test_the_example_packs_pdfs_copy_out_exactly(example_build: Path, tmp_path: Path) -> None:
    checked = 0
    for pdf, tree in editions(example_build, example_build / "output"):
        assert_copies_out(pdf, tree, tmp_path)
        checked += 1
    assert checked == 24


@pytest.mark.slow
def test_the_sample_editions_copy_out_exactly(tmp_path: Path) -> None:
    pack = shutil.copytree(LANGUAGES_ROOT, tmp_path / "pack")
    args = [a for code in SAMPLE_EDITIONS for a in ("--lang", code)]
    result = run(pack, "build", "--format", "pdf", *args)
    assert result.exit_code == 0, result.output
    for pdf, tree in editions(pack, pack / "output", SAMPLE_EDITIONS):
        assert kept_whole(tree) and names(tree)
        assert_copies_out(pdf, tree, tmp_path)
