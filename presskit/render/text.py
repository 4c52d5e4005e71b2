"""The plain-text writer: a document's blocks as the text body of an e-mail."""

from __future__ import annotations

from collections.abc import Iterable

from presskit.doctree import nodes
from presskit.doctree.inline import plain_text
from presskit.render.base import Visitor


class PlainText(Visitor):
    """Blocks to lines of text: headings, paragraphs, bullets, quotes and lists."""

    def blocks(self, blocks: Iterable[nodes.Block]) -> str:
        return "\n\n".join(self.visit(block) for block in blocks)

    def visit_Heading(self, node: nodes.Heading) -> str:
        return plain_text(node.children).upper() if node.level == 1 else plain_text(node.children)

    def visit_Paragraph(self, node: nodes.Paragraph) -> str:
        return plain_text(node.children)

    def visit_Quote(self, node: nodes.Quote) -> str:
        quoted = "\n".join(f"> {plain_text(p)}" for p in node.paragraphs)
        return f"{quoted}\n  — {plain_text(node.attribution)}"

    def visit_BulletList(self, node: nodes.BulletList) -> str:
        return "\n".join(f"- {plain_text(item)}" for item in node.items)

    def visit_EntryList(self, node: nodes.EntryList) -> str:
        entries = "\n".join(f"{e.number}. {e.name}{''.join(e.marks)}" for e in node.entries)
        footnotes = "".join(f"\n\n{f.mark}{plain_text(f.text)}" for f in node.footnotes)
        return f"{plain_text(node.heading)}\n\n{entries}{footnotes}"
