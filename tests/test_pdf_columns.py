"""A list set in columns over several pages: each column is laid out once, and the PDF
is the one WeasyPrint's own layout, which lays every column out again, writes.

The pack is the lake-shore compact of tests/roots/marks with its member list made long
enough to start under the text of the first page, fill whole pages and end on a
balanced page: the three ways WeasyPrint settles a page of columns. Styles under which
a page being empty so far changes the layout are built too: there the columns are laid
out again where needed, and the PDF is still WeasyPrint's.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from math import inf
from pathlib import Path
from typing import Any

import pytest
from weasyprint.layout import block

# The PDF writer installs its changes to WeasyPrint's layout when imported.
import presskit.render.pdf  # noqa: F401
from presskit.render import pdf_column_reuse
from presskit.theme import THEME_DIR
from tests.conftest import REPO, pdftotext, run

ROOT = REPO / "tests" / "roots" / "marks"
PLACES = ["Northbank", "Varen Shore", "Reedmoor", "Eastwater", "Stillbay", "Heron Point"]
KINDS = [
    "Anglers",
    "Rowing Club",
    "Association of Boat Owners, Net Menders and Ferry Crews of the Upper Lake",
    "Wetland Trust",
    "Beekeepers",
]
ENTRIES = 260


def member_names() -> Iterator[str]:
    for number in range(1, ENTRIES + 1):
        place = PLACES[number % len(PLACES)]
        kind = KINDS[number % len(KINDS)]
        yield f"{place} {kind} {number}"


@pytest.fixture
def long_list(tmp_path: Path) -> Path:
    return long_list_pack(tmp_path)


def long_list_pack(tmp_path: Path, extra_style: str = "") -> Path:
    pack = shutil.copytree(ROOT, tmp_path / "compact")
    if extra_style:
        # A pack's templates/style.css replaces the theme's.
        (pack / "templates").mkdir()
        style = (THEME_DIR / "style.css").read_text(encoding="utf-8")
        (pack / "templates" / "style.css").write_text(style + extra_style, encoding="utf-8")
    members = pack / "content" / "members.yaml"
    text = members.read_text(encoding="utf-8")
    head = text[: text.index("entries:")]
    lines = []
    for number, name in enumerate(member_names(), start=1):
        lines.append(f"  - name: {name}")
        if number % 7 == 0:
            lines.append("    marks: [founding]")
        elif number % 11 == 0:
            lines.append("    marks: [observer]")
    members.write_text(head + "entries:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return pack


def build(pack: Path, out: Path, reuse: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The statement's PDF built into ``out``, with how many times a column of the list
    was laid out (``laid out``) and placed on a page (``placed``)."""
    counts = {"laid out": 0, "placed": 0}
    monkeypatch.setattr(pdf_column_reuse, "enabled", reuse)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1480000000")

    container_layout = block.block_container_layout

    def counting_layout(
        context: Any, box: Any, bottom_space: float, *args: Any, **kwargs: Any
    ) -> Any:
        # A column with no bottom limit is the measurement of its next entry.
        if box.is_column and bottom_space != inf:
            counts["laid out"] += 1
        return container_layout(context, box, bottom_space, *args, **kwargs)

    columns_layout = block.columns_layout

    def counting_columns(*args: Any, **kwargs: Any) -> Any:
        result = columns_layout(*args, **kwargs)
        if result[0] is not None:
            counts["placed"] += sum(child.is_column for child in result[0].children)
        return result

    with monkeypatch.context() as patches:
        patches.setattr(block, "block_container_layout", counting_layout)
        patches.setattr(block, "columns_layout", counting_columns)
        result = run(pack, "build", "--force", "--format", "pdf", "-j", "1", "--output", str(out))
    assert result.exit_code == 0, result.output
    return counts


def the_pdf(out: Path) -> Path:
    (pdf,) = (out / "en").glob("*.pdf")
    return pdf


def test_each_column_is_laid_out_once_and_the_pdf_is_unchanged(
    long_list: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    again = build(long_list, tmp_path / "laid-out-again", reuse=False, monkeypatch=monkeypatch)
    once = build(long_list, tmp_path / "laid-out-once", reuse=True, monkeypatch=monkeypatch)

    fresh, reused = the_pdf(tmp_path / "laid-out-again"), the_pdf(tmp_path / "laid-out-once")
    assert fresh.read_bytes() == reused.read_bytes()

    # The list starts under the statement's text, fills whole pages and ends on a page
    # of its own, short and balanced.
    names = list(member_names())
    pages = pdftotext(reused).split("\f")[:-1]
    assert len(pages) >= 3
    assert "lower abstraction limit" in pages[0] and names[0] in pages[0]
    assert names[-1] in pages[-1] and names[-1] not in pages[-2]

    # Every column placed on a page is one laid out while trying column heights (and
    # some tries are kept when the list is laid out again to fit its bottom margin).
    assert again["placed"] == once["placed"] > 0
    assert again["laid out"] - once["laid out"] >= again["placed"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "extra_style",
    [
        # Kept on a page empty so far, put off to the next page otherwise.
        "ol.entries li:first-child { padding-bottom: 240mm; }",
        # A top margin inside an entry, dropped at the top of a page.
        'ol.entries li::before { content: ""; display: block; margin-top: 3mm; }',
        # Breaks to avoid, taken anyway on a page empty so far.
        "ol.entries li { break-after: avoid; }",
    ],
    ids=["entry-taller-than-a-page", "top-margin-in-entries", "breaks-to-avoid"],
)
def test_where_an_empty_page_lays_out_otherwise_the_pdf_is_unchanged(
    extra_style: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = long_list_pack(tmp_path, extra_style)
    build(pack, tmp_path / "laid-out-again", reuse=False, monkeypatch=monkeypatch)
    build(pack, tmp_path / "laid-out-once", reuse=True, monkeypatch=monkeypatch)
    fresh, reused = the_pdf(tmp_path / "laid-out-again"), the_pdf(tmp_path / "laid-out-once")
    assert fresh.read_bytes() == reused.read_bytes()
