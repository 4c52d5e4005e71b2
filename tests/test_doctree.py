"""The document tree: what every writer receives."""

from __future__ import annotations

import dataclasses

from presskit.config import load_config
from presskit.content.loader import load_pack
from presskit.doctree import nodes
from presskit.doctree.build import DocumentBuilder, page_label
from presskit.doctree.inline import parse, plain_text
from presskit.i18n.localize import Localizer
from tests.conftest import REPO


def english(document: str, pack=None) -> nodes.Document:  # type: ignore[no-untyped-def]
    pack = pack or load_pack(load_config(REPO))
    english = load_config(REPO).language("en")
    return DocumentBuilder(pack, english, Localizer(english)).build(pack.documents[document])


def test_appeal_tree_has_six_paragraphs_and_the_full_list() -> None:
    tree = english("appeal")
    paragraphs = [b for b in tree.blocks if isinstance(b, nodes.Paragraph)]
    assert len(paragraphs) == 6
    assert plain_text(paragraphs[0].children).startswith(
        "The UN Security Council has failed Syrians."
    )
    assert "a global coalition of 223 civil society organizations" in plain_text(
        paragraphs[2].children
    )
    assert "some 250,000 civilians" in plain_text(paragraphs[0].children)
    (signatories,) = [b for b in tree.blocks if isinstance(b, nodes.EntryList)]
    assert len(signatories.entries) == 223
    entry = signatories.entries[124]
    assert (entry.number, entry.name, entry.marks) == (125, "NGO NO-WAR NETWORK", ())
    assert entry.language is not None and entry.language.code == "en"  # the source language
    assert sum(e.marks == ("*",) for e in signatories.entries) == 46
    (footnote,) = signatories.footnotes
    assert footnote.mark == "*"
    assert plain_text(footnote.text).startswith("These organizations are members of the Syria")


def test_tree_carries_reference_date_and_labels() -> None:
    tree = english("release")
    assert tree.reference == "MDE 24/5255/2016"
    assert tree.compact_reference == "MDE2452552016"
    assert plain_text(tree.index_label) == "AI Index: MDE 24/5255/2016"
    assert plain_text(tree.date_label) == "Date: 1 December 2016"
    assert tree.release_line == "FOR IMMEDIATE RELEASE"
    assert tree.original_language is None  # the source edition
    lead = tree.blocks[0]
    assert isinstance(lead, nodes.Paragraph) and lead.role == "lead"
    assert "over 220 civil society organizations from 45 countries" in plain_text(lead.children)


def test_counts_follow_the_list_when_it_changes() -> None:
    pack = load_pack(load_config(REPO))
    full = pack.lists["signatories"]
    shorter_list = dataclasses.replace(full, entries=full.entries[:201])
    shorter = dataclasses.replace(pack, lists={"signatories": shorter_list})
    paragraphs = [b for b in english("appeal", shorter).blocks if isinstance(b, nodes.Paragraph)]
    assert "a global coalition of 201 civil society organizations" in plain_text(
        paragraphs[2].children
    )
    notes = english("notes", shorter)
    bullets = next(b for b in notes.blocks if isinstance(b, nodes.BulletList))
    assert plain_text(bullets.items[0]).startswith("201 organisations from 45 countries")


def test_quotes_have_attribution_from_the_spokespeople() -> None:
    quotes = [b for b in english("release").blocks if isinstance(b, nodes.Quote)]
    assert [plain_text(q.attribution).split(",")[0] for q in quotes] == [
        "Dr Simon Adams",
        "Dr. Ahmad Tarakji",
        "Eduarda Hamann",
    ]


def test_inline_markup_is_limited_and_html_stays_text() -> None:
    parsed = parse(
        "*a* **b** [c](https://example.org) <img src=x> {{ 7*7 }} [d](file:///etc/passwd)", {}
    )
    assert parsed[0] == nodes.Emph((nodes.Text("a"),))
    assert nodes.Strong((nodes.Text("b"),)) in parsed
    assert nodes.Link("https://example.org", (nodes.Text("c"),)) in parsed
    assert "<img src=x> {{ 7*7 }} [d](file:///etc/passwd)" in plain_text(parsed)


def test_page_label_keeps_counter_order() -> None:
    assert page_label("Page {page} of {pages}") == (
        ("text", "Page "),
        ("page", ""),
        ("text", " of "),
        ("pages", ""),
    )
    assert page_label("第 {page} 页，共 {pages} 页")[-1] == ("text", " 页")


def test_latin_runs_in_arabic_text_are_isolated() -> None:
    from presskit.doctree.inline import isolate_latin

    result = isolate_latin(
        (nodes.Text("وقالت Human Rights Watch (HRW)، في القرار 377A(V) و377 (V) من (P5)."),)
    )
    assert [n.text for n in result if isinstance(n, nodes.Isolate)] == [
        "Human Rights Watch (HRW)",
        "377A(V)",
        "377 (V)",
        "P5",
    ]
    assert (
        plain_text(result) == "وقالت Human Rights Watch (HRW)، في القرار 377A(V) و377 (V) من (P5)."
    )


def isolates(tree: nodes.Document) -> dict[str, str | None]:
    """Every Isolate run of a tree's paragraphs, with its language's code."""
    found: dict[str, str | None] = {}

    def walk(inlines) -> None:  # type: ignore[no-untyped-def]
        for node in inlines:
            if isinstance(node, nodes.Isolate):
                found[node.text] = node.language.code if node.language else None
            elif hasattr(node, "children"):
                walk(node.children)

    for block in tree.blocks:
        if isinstance(block, nodes.Paragraph):
            walk(block.children)
    return found


def test_latin_runs_a_translation_keeps_are_in_the_source_language() -> None:
    # An organisation's name typed in Arabic or Chinese prose was copied from the English
    # source: a screen reader should speak it in English. A reference, an e-mail address
    # or a telephone number is in no language and carries none.
    from presskit.project import Project

    project = Project(load_config(REPO))
    for code in ("ar", "zh"):
        runs = isolates(project.tree("release", code))
        assert runs["Amnesty International"] == "en", code
        assert runs["Crisis Action"] == "en", code
        assert runs["Jamie.pb@crisisaction.org"] is None, code
        assert runs["+1 202 476 0026"] is None, code
