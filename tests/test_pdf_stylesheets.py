"""The linked stylesheet is parsed once per process: a second document reuses the parse,
an edited sheet is parsed anew, a sheet with @font-face is never kept, and every
document still fetches its sheet through the fetcher, which refuses what lies outside
the templates folder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import weasyprint

from presskit.errors import RenderError
from presskit.render import pdf_stylesheets
from presskit.render.pdf import write_pdf
from tests.conftest import pdftotext

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour timetable</title>
<link rel="stylesheet" href="{href}"></head>
<body><h1>Harbour timetable</h1><p class="note">{text}</p></body></html>"""

SHEET = """@page {{ size: {size}; margin: 15mm; }}
:root {{ --shade: #204060; }}
h1 {{ color: var(--shade); }}
.note::before {{ content: "{label}: "; }}
"""


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "style.css").write_text(SHEET.format(size="A6", label="Ferry"))
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URL of every linked stylesheet WeasyPrint parses from now on."""
    seen: list[str] = []
    parse = weasyprint.CSS.__init__

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("url"):
            seen.append(kwargs["url"])
        parse(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.CSS, "__init__", counting)
    return seen


def render(templates: Path, out: Path, text: str, href: str = "style.css") -> Path:
    data = write_pdf(PAGE.format(href=href, text=text), templates, templates.parent).data
    out.write_bytes(data)
    return out


A6 = "Page size:       297.638 x 419.528 pts"


def page_size(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return next(line for line in info.stdout.splitlines() if line.startswith("Page size:"))


def test_a_second_document_reuses_the_parsed_sheet(
    templates: Path, tmp_path: Path, parses: list[str]
) -> None:
    first = render(templates, tmp_path / "first.pdf", "Departures at dawn")
    second = render(templates, tmp_path / "second.pdf", "Arrivals at dusk")
    assert len(parses) == 1
    # The reused sheet still sets the page (its @page rule) and the text (its rules).
    assert page_size(first) == page_size(second) == A6
    assert "Ferry: Arrivals at dusk" in pdftotext(second)
    # And the document is byte for byte what a fresh parse gives.
    pdf_stylesheets._parsed.clear()
    fresh = render(templates, tmp_path / "fresh.pdf", "Arrivals at dusk")
    assert len(parses) == 2
    assert fresh.read_bytes() == second.read_bytes()


def test_an_edited_sheet_is_parsed_anew(templates: Path, tmp_path: Path, parses: list[str]) -> None:
    before = render(templates, tmp_path / "before.pdf", "Departures at dawn")
    (templates / "style.css").write_text(SHEET.format(size="A5", label="Night bus"))
    after = render(templates, tmp_path / "after.pdf", "Departures at dawn")
    assert len(parses) == 2
    assert "Ferry: Departures" in pdftotext(before)
    assert "Night bus: Departures" in pdftotext(after)
    assert page_size(before) != page_size(after)


def test_a_sheet_with_font_faces_is_parsed_for_every_document(
    templates: Path, tmp_path: Path, parses: list[str]
) -> None:
    face = subprocess.run(
        ["fc-match", "-f", "%{file}", "DejaVu Sans Mono"], check=True, capture_output=True
    ).stdout.decode()
    shutil.copy(face, templates / "face.ttf")
    sheet = templates / "style.css"
    rule = '@font-face { font-family: "Timetable"; src: url(face.ttf); }\n'
    sheet.write_text(rule + sheet.read_text() + "body { font-family: Timetable; }\n")
    render(templates, tmp_path / "first.pdf", "Departures at dawn")
    second = render(templates, tmp_path / "second.pdf", "Arrivals at dusk")
    assert len(parses) == 2
    fonts = subprocess.run(["pdffonts", str(second)], check=True, capture_output=True, text=True)
    assert "+Timetable " in fonts.stdout  # the face the sheet declares, embedded


def test_the_sheet_is_fetched_and_checked_for_every_document(
    templates: Path, tmp_path: Path
) -> None:
    render(templates, tmp_path / "first.pdf", "Departures at dawn")
    # The same bytes, now behind a link leading out of the templates folder.
    outside = tmp_path / "outside.css"
    outside.write_bytes((templates / "style.css").read_bytes())
    (templates / "style.css").unlink()
    (templates / "style.css").symlink_to(outside)
    with pytest.raises(RenderError, match="resource outside the templates folder: file://"):
        render(templates, tmp_path / "second.pdf", "Arrivals at dusk")
    # And the same bytes at a URL outside the folder.
    (templates / "style.css").unlink()
    (templates / "style.css").write_bytes(outside.read_bytes())
    render(templates, tmp_path / "third.pdf", "Departures at dawn")
    with pytest.raises(RenderError, match="resource outside the templates folder: file://"):
        render(templates, tmp_path / "fourth.pdf", "Arrivals", href=outside.as_uri())


def test_a_stylesheet_problem_is_reported_for_every_document(
    templates: Path, tmp_path: Path, parses: list[str]
) -> None:
    # A custom property that is no colour: found when the page is styled, not parsed.
    (templates / "style.css").write_text("h1 { color: var(--width); } :root { --width: 4mm; }")
    for name in ("first", "second"):
        with pytest.raises(RenderError, match=r"stylesheet problem: Ignored `color: 4mm`"):
            render(templates, tmp_path / f"{name}.pdf", "Departures at dawn")
    assert len(parses) == 1
