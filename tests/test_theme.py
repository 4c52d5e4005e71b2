"""The default theme, [theme] settings, reference documents and `presskit new`, on small
packs under tests/roots/ that have nothing to do with the example pack."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Inches, Pt, RGBColor

from presskit import theme
from presskit.cli import cli
from presskit.config import load_config
from presskit.content.labels import REQUIRED_LABELS, parse_labels
from presskit.content.yamlfile import load_yaml
from presskit.inputs import InputHasher
from presskit.render.fetcher import TemplatesOnlyFetcher
from tests.conftest import pdftotext, run
from tests.test_hostile_pack import invoke, refused

ROOTS = Path(__file__).resolve().parent / "roots"
PDF = "output/en/NAC0700422024-announcement-en.pdf"
DOCX = "output/en/NAC0700422024-announcement-en.docx"
ACCENT = "2A7F62"  # tests/roots/themed/presskit.toml


def themed_copy(target: Path) -> Path:
    shutil.copytree(ROOTS / "themed", target)
    return target


@pytest.fixture(scope="module")
def themed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The themed pack built once (one PDF, one DOCX); tests that only read it share it."""
    pack = themed_copy(tmp_path_factory.mktemp("themed") / "pack")
    result = run(pack, "build", "-j", "1")
    assert result.exit_code == 0, result.output
    return pack


@pytest.fixture
def themed(tmp_path: Path) -> Path:
    """A private copy of the themed pack, safe to edit."""
    return themed_copy(tmp_path / "pack")


def set_setting(pack: Path, key: str, value: str) -> int:
    """Replace ``key = …`` in presskit.toml; returns its line number."""
    config = pack / "presskit.toml"
    lines = config.read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(lines) if row.startswith(f"{key} ="))
    lines[line] = f"{key} = {value}"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return line + 1


# The theme itself


def test_the_theme_ships_every_file_and_every_label() -> None:
    names = {p.name for p in theme.THEME_DIR.iterdir()}
    assert {"document.html", "style.css", "labels.yaml", "reference.docx"} <= names
    labels_file = theme.THEME_DIR / "labels.yaml"
    labels = parse_labels(load_yaml(labels_file, "labels.yaml", theme.THEME_DIR))
    assert set(labels) >= REQUIRED_LABELS
    assert labels["index"].msgid == "Reference: {reference}"
    assert labels["pack_title"].msgid == "{pack}"
    # Neutral: nothing of any campaign, no campaign yellow.
    for path in theme.THEME_DIR.iterdir():
        if path.suffix != ".docx":
            text = path.read_text(encoding="utf-8")
            assert "AI Index" not in text and "#ffdd00" not in text.lower(), path.name


def test_pack_without_templates_builds_with_the_theme(themed_build: Path) -> None:
    assert not (themed_build / "templates").exists()
    text = pdftotext(themed_build / PDF)
    assert "Reference: NAC 07/0042/2024" in text
    assert "Page 1 of 1" in text
    assert "Harbour Lights Festival returns to the waterfront" in " ".join(text.split())
    document = docx.Document(str(themed_build / DOCX))
    # The pack title label defaults to [pack] name.
    assert document.sections[0].header.paragraphs[0].text.startswith("Harbour Lights Festival")
    # The reference is kept on one line: no-break spaces.
    footer = document.sections[0].footer.paragraphs[0].text
    assert "Reference: NAC\u00a007/0042/2024" in footer


# [theme]: organisation, accent, logo in both formats


def test_pdf_first_page_shows_logo_organisation_and_accent(themed_build: Path) -> None:
    listing = subprocess.run(
        ["pdfimages", "-list", "-f", "1", "-l", "1", str(themed_build / PDF)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()[2:]
    assert len(listing) == 1 and listing[0].split()[2] == "image", listing
    assert "Northshore Arts Council" in pdftotext(themed_build / PDF, page=1)
    result = run(themed_build, "preview")
    assert result.exit_code == 0, result.output
    html = (themed_build / "output/preview/NAC0700422024-announcement-en.html").read_text()
    assert f"--accent: #{ACCENT.lower()};" in html
    assert f'src="{(themed_build / "logo.png").resolve().as_uri()}"' in html


def test_docx_shows_logo_organisation_and_accent(themed_build: Path) -> None:
    with zipfile.ZipFile(themed_build / DOCX) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert [package.read(n) for n in media] == [(themed_build / "logo.png").read_bytes()]
        styles = package.read("word/styles.xml").decode()
    # The accent replaces the theme's wherever the reference document uses it.
    assert ACCENT in styles and "1F4E79" not in styles
    document = docx.Document(str(themed_build / DOCX))
    assert document.styles["Kind"].font.color.rgb == RGBColor.from_string(ACCENT)
    first, second = document.paragraphs[:2]
    assert first.style.name == "Logo" and first._p.xpath(".//w:drawing")
    assert second.style.name == "Organisation" and second.text == "Northshore Arts Council"
    assert document.core_properties.author == "Northshore Arts Council"


def test_svg_logo_with_a_png_beside_it(themed: Path) -> None:
    set_setting(themed, "logo", '"logo.svg"')
    result = run(themed, "build")
    assert result.exit_code == 0, result.output
    html = run(themed, "preview")
    assert html.exit_code == 0, html.output
    page = (themed / "output/preview/NAC0700422024-announcement-en.html").read_text()
    assert (themed / "logo.svg").resolve().as_uri() in page
    with zipfile.ZipFile(themed / DOCX) as package:
        media = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
    assert media == [(themed / "logo.png").read_bytes()]


def test_svg_logo_without_a_png_is_refused_for_word_only(themed: Path) -> None:
    line = set_setting(themed, "logo", '"logo.svg"')
    (themed / "logo.png").unlink()
    refused(
        invoke(themed, "build"),
        rf"presskit\.toml:{line}: 'logo' logo\.svg is an SVG, which Word files cannot show: "
        r"put a PNG of it beside it as logo\.png$",
    )
    assert not (themed / "output/en").exists()
    assert invoke(themed, "build", "--format", "pdf").exit_code == 0


def test_svg_logo_cannot_fetch_anything_outside(themed: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes((themed / "logo.png").read_bytes())
    (themed / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        f'<image href="{(tmp_path / "secret.png").as_uri()}" width="10" height="10"/></svg>'
    )
    set_setting(themed, "logo", '"logo.svg"')
    refused(
        invoke(themed, "build", "--format", "pdf"),
        r"templates: the document asks for a resource outside the templates folder: file://",
    )


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("accent", '"#12345"', r"'accent' must be a CSS hex colour"),
        ("accent", '"red; } body { display: none"', r"'accent' must be a CSS hex colour"),
        ("organisation", '"two\\nlines"', r"'organisation' must be one line of text"),
        ("logo", '"../outside.png"', r"'logo' must be a file inside the pack"),
        ("logo", '"content"', r"'logo' must be an SVG or PNG file"),
        ("logo", '"missing.png"', r"'logo' missing\.png: cannot read file"),
        ("logo", '"fake.png"', r"'logo' fake\.png: is not a PNG image"),
        ("logo", '"link.png"', r"'logo' link\.png: is a link to a file outside the pack"),
        ("logo", '"huge.png"', r"'logo' huge\.png: is 20000x16 pixels"),
    ],
)
def test_theme_settings_are_checked_at_their_line(
    themed: Path, tmp_path: Path, key: str, value: str, message: str
) -> None:
    (themed / "fake.png").write_text("not an image")
    (tmp_path / "outside.png").write_bytes((themed / "logo.png").read_bytes())
    (themed / "link.png").symlink_to(tmp_path / "outside.png")
    huge = bytearray((themed / "logo.png").read_bytes())
    huge[16:20] = (20000).to_bytes(4, "big")  # IHDR width
    (themed / "huge.png").write_bytes(bytes(huge))
    line = set_setting(themed, key, value)
    refused(invoke(themed, "build"), rf"presskit\.toml:{line}: {message}")


# A pack's templates override the theme's files by name


def test_pack_stylesheet_overrides_only_the_stylesheet(themed: Path) -> None:
    (themed / "templates").mkdir()
    own = "html { font-family: 'Noto Sans'; } .kind { color: #aa0000; }\n"
    (themed / "templates/style.css").write_text(own)
    result = run(themed, "preview")
    assert result.exit_code == 0, result.output
    preview = themed / "output/preview"
    assert (preview / "style.css").read_text() == own
    assert not (preview / "reference.docx").exists()
    page = (preview / "NAC0700422024-announcement-en.html").read_text()
    assert '<div class="brand">' in page  # the theme's page template
    assert run(themed, "build").exit_code == 0
    assert "Reference: NAC 07/0042/2024" in pdftotext(themed / PDF)  # the theme's labels
    with zipfile.ZipFile(themed / DOCX) as package:  # the theme's reference document
        assert ACCENT in package.read("word/styles.xml").decode()


def test_pack_labels_override_and_add_key_by_key(themed: Path) -> None:
    templates = themed / "templates"
    templates.mkdir()
    (templates / "labels.yaml").write_text(
        'labels:\n  index: "Ref. {reference}"\n  embargo: "Embargoed until {date}"\n'
    )
    page = (theme.THEME_DIR / "document.html").read_text()
    (templates / "document.html").write_text(
        page.replace("<main>", '<p class="embargo">{{ labels.embargo }}</p>\n<main>')
    )
    result = run(themed, "build")
    assert result.exit_code == 0, result.output
    text = pdftotext(themed / PDF)
    assert "Ref. NAC 07/0042/2024" in text and "Reference:" not in text
    assert "Embargoed until 6 May 2024" in text
    assert "Page 1 of 1" in text  # left to the theme


def test_pack_reference_document_sets_word_styles_and_page(themed: Path) -> None:
    reference = docx.Document(str(theme.THEME_DIR / "reference.docx"))
    section = reference.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1)
    reference.styles["Normal"].font.size = Pt(12)
    reference.styles["Heading 1"].name = "Heading 1"  # as LibreOffice names it
    (themed / "templates").mkdir()
    reference.save(str(themed / "templates/reference.docx"))
    result = run(themed, "build", "--format", "docx")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(themed / DOCX))
    assert document.sections[0].page_width == Inches(8.5)
    assert document.sections[0].left_margin == Inches(1)
    assert document.styles["Normal"].font.size == Pt(12)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == ["What happens"]
    # Only styles and the page are taken: never the reference's text.
    assert not any("only a sample" in p.text for p in document.paragraphs)
    header = document.sections[0].header.paragraphs[0]
    assert header.paragraph_format.tab_stops[0].position == Inches(6.5)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip", r"templates/reference\.docx: is not a Word document \(\.docx\)"),
        ("many-parts", r"templates/reference\.docx: unpacks to more than 1000 parts"),
        ("no-kind-style", r"templates/reference\.docx: has no paragraph style 'Kind'"),
    ],
)
def test_bad_reference_document_is_refused(
    themed: Path, content: bytes | str, message: str
) -> None:
    path = themed / "templates/reference.docx"
    path.parent.mkdir()
    if content == "many-parts":
        with zipfile.ZipFile(path, "w") as package:
            for number in range(1001):
                package.writestr(f"part{number}.xml", "")
    elif content == "no-kind-style":
        reference = docx.Document(str(theme.THEME_DIR / "reference.docx"))
        kind = reference.styles["Kind"].element
        kind.getparent().remove(kind)
        reference.save(str(path))
    else:
        path.write_bytes(content)
    refused(invoke(themed, "build", "--format", "docx"), message)


# Overrides stay data: inside their folder, unable to call code


@pytest.mark.parametrize(
    "payload",
    [
        '{{ cycler.__init__.__globals__.os.system("touch MARKER") }}',
        "{{ ().__class__.__base__.__subclasses__() }}",
    ],
)
def test_unsafe_template_override_is_refused(themed: Path, payload: str) -> None:
    marker = themed.parent / "pwned"
    lines = (theme.THEME_DIR / "document.html").read_text().splitlines()
    body = next(n for n, line in enumerate(lines) if line.startswith("<body"))
    lines.insert(body + 1, payload.replace("MARKER", str(marker)))
    (themed / "templates").mkdir()
    (themed / "templates/document.html").write_text("\n".join(lines) + "\n")
    refused(
        invoke(themed, "build", "--format", "pdf"),
        rf"templates/document\.html:{body + 2}: template refused: ",
    )
    assert not marker.exists()


def test_override_cannot_include_outside_its_folder(themed: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("the user's secret")
    templates = themed / "templates"
    templates.mkdir()
    (templates / "part.html").symlink_to(tmp_path / "secret.txt")
    page = (theme.THEME_DIR / "document.html").read_text()
    (templates / "document.html").write_text(page.replace("<main>", '{% include "part.html" %}'))
    refused(
        invoke(themed, "build", "--format", "pdf"),
        r"templates/part\.html: is a link to a file outside the pack",
    )
    (templates / "document.html").write_text('{% include "../content/facts.yaml" %}')
    refused(
        invoke(themed, "build", "--format", "pdf"),
        r"templates/document\.html:1: template error: \.\./content/facts\.yaml",
    )


def test_a_link_out_in_templates_is_not_replaced_by_the_theme(themed: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.css").write_text("p {}")
    (themed / "templates").mkdir()
    (themed / "templates/style.css").symlink_to(tmp_path / "secret.css")
    refused(
        invoke(themed, "build", "--format", "pdf"),
        r"templates: the document asks for a resource outside the templates folder: "
        r"file://.*/templates/style\.css",
    )


def test_fetcher_allows_both_folders_and_the_logo_only(tmp_path: Path) -> None:
    pack = themed_copy(tmp_path / "pack")
    templates = pack / "templates"
    templates.mkdir()
    (templates / "extra.css").write_text("p {}")
    fetcher = TemplatesOnlyFetcher(templates, theme.THEME_DIR, [pack / "logo.png"])
    assert fetcher.allows((templates / "extra.css").as_uri())
    assert fetcher.allows((templates / "style.css").as_uri())  # the theme's, behind
    assert fetcher.allows((theme.THEME_DIR / "style.css").as_uri())
    assert fetcher.allows((pack / "logo.png").as_uri())
    for url in (
        (pack / "logo.svg").as_uri(),
        (pack / "content/facts.yaml").as_uri(),
        (templates / "missing.css").as_uri(),
        (theme.THEME_DIR.parent.parent / "config.py").as_uri(),
        (templates / ".." / "presskit.toml").as_uri(),
        "file:///etc/passwd",
        "https://example.org/logo.png",
    ):
        assert not fetcher.allows(url), url


# Incremental builds see the theme and the logo


def test_input_hash_covers_theme_files_and_logo(
    themed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "theme"
    shutil.copytree(theme.THEME_DIR, copy)
    monkeypatch.setattr(theme, "THEME_DIR", copy)
    monkeypatch.setattr("presskit.inputs.THEME_DIR", copy)

    def hashes() -> tuple[str, str]:
        hasher = InputHasher(load_config(themed))
        return hasher.job("announcement", "en", "pdf"), hasher.job("announcement", "en", "docx")

    logo = (themed / "logo.png").read_bytes()
    steps = [
        (lambda: (copy / "style.css").write_text("p {}"), (True, False)),
        (lambda: (copy / "reference.docx").write_bytes(b"changed"), (False, True)),
        (lambda: (copy / "labels.yaml").write_text("labels: {}"), (True, True)),
        (lambda: (themed / "logo.png").write_bytes(logo + b"\0"), (True, True)),
    ]
    for change, expected in steps:
        before = hashes()
        change()
        after = hashes()
        assert (after[0] != before[0], after[1] != before[1]) == expected, change


# presskit new


def test_new_pack_builds_at_once(tmp_path: Path) -> None:
    target = tmp_path / "my-pack"
    result = CliRunner().invoke(cli, ["new", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not (target / "templates").exists()
    assert (target / "locales/presskit.pot").is_file()
    assert "Sample press release made by presskit" in (target / "locales/presskit.pot").read_text()
    result = run(target, "build")
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (target / "output/en").iterdir())
    assert [Path(name).suffix for name in built] == [".docx", ".pdf"]
    pdf, word = (target / "output/en" / name for name in reversed(built))
    assert "Sample press release made by presskit" in pdftotext(pdf)
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    assert "Sample press release made by presskit" in paragraphs
    assert run(target, "check").exit_code == 0
    readme = (target / "README.md").read_text()
    assert "presskit build" in readme and "content/release.yaml" in readme


def test_new_pack_has_every_block_type_and_nothing_of_the_example(tmp_path: Path) -> None:
    from presskit.content.documents import BLOCK_NAMES

    target = tmp_path / "pack"
    assert CliRunner().invoke(cli, ["new", str(target)]).exit_code == 0
    document = (target / "content/release.yaml").read_text()
    for block in BLOCK_NAMES.split(", "):
        assert re.search(rf"^  - {block}\b", document, re.MULTILINE), block
    everything = " ".join(p.read_text() for p in target.rglob("*") if p.is_file())
    for word in ("Syria", "Amnesty", "AI Index", "MDE", "Uniting for Peace"):
        assert word not in everything, word


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("someone's file")
    result = CliRunner().invoke(cli, ["new", str(target)])
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [
        f"presskit: {target} exists and is not empty: presskit new writes only into a new "
        "or empty folder"
    ]
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
