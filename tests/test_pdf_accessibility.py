"""PDF/UA-1, as far as a machine can check it, on real files and with real tools.

Every PDF of the example pack and the Hebrew, Persian and Japanese editions of the
40-language pack is read twice: by the structural check in tests/pdfua_checks.py
(pikepdf: tags, parent tree, artifacts, links, catalog) and by outloud, a PDF/UA-1 and
Matterhorn checker from PyPI. The last tests show that the checks fail on what
WeasyPrint 70 writes by itself, so that a pass means something.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from presskit.config import load_config
from tests.conftest import REPO, run
from tests.pdfua_checks import MM, check, languages_of_latin_runs

EXAMPLE = load_config(REPO)
LANGUAGES_ROOT = REPO / "tests" / "roots" / "languages"
LANGUAGE_EDITIONS = ("he", "fa", "ja")
# The default theme's top and bottom page margins, where the running header and footer
# are drawn.
RUNNING_BANDS = (24 * MM, 22 * MM)
OUTLOUD = Path(sys.executable).with_name("outloud")

# What outloud reports that is not a fault of these files:
# - TXT-004 (warning): Arabic letters have up to four drawn forms (isolated, initial,
#   medial, final), and each maps to its one character, as it should; every run also
#   carries its text as ActualText.
# - ORD-001 (warning): WeasyPrint paints a list item's marker (its number or bullet)
#   after the item's text, so numbered and bulleted lists paint in another order than
#   the tag tree's, where each Lbl comes before its LBody; readers follow the tag tree.
ALLOWED_WARNINGS = {"TXT-004", "ORD-001"}
# - TAG-002 (error), for a line in the running header only: outloud takes an artifact
#   line of eight words or more, four of them lower case, for prose unless it recurs on
#   (nearly) every page. The running header (the pack's name and the document's kind:
#   the French title of resolution 377 (V), "en Syrie", "Communiqué de presse") is
#   left off the first page, so it does not, and counts as prose; both texts are in the
#   masthead on page 1, and the header is a pagination artifact as PDF/UA asks.


def example_pdfs() -> list[tuple[str, str]]:
    return [(code, document) for code in EXAMPLE.languages for document in EXAMPLE.documents]


def example_pdf(example_build: Path, code: str, document: str) -> Path:
    (path,) = (example_build / "output" / code).glob(f"*-{document}-{code}.pdf")
    return path


@pytest.fixture(scope="module")
def language_editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = shutil.copytree(LANGUAGES_ROOT, tmp_path_factory.mktemp("languages") / "pack")
    languages = [arg for code in LANGUAGE_EDITIONS for arg in ("--lang", code)]
    result = run(pack, "build", *languages, "--format", "pdf")
    assert result.exit_code == 0, result.output
    return pack / "output"


def language_pdf(language_editions: Path, code: str) -> Path:
    return next((language_editions / code).glob("*.pdf"))


def outloud(paths: list[Path]) -> dict[Path, list[dict]]:
    """outloud's findings for each file, read from its JSON report."""
    out = subprocess.run(
        [str(OUTLOUD), "--json", "-", "--fail-on", "never", *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    results = json.loads(out.stdout)["results"]
    for result in results:
        assert result["error"] is None, result  # outloud could read the file
    return {Path(result["path"]): result["findings"] for result in results}


@pytest.fixture(scope="module")
def outloud_findings(example_build: Path, language_editions: Path) -> dict[Path, list[dict]]:
    """One outloud run over every file checked here: its start-up is the slow part."""
    paths = [example_pdf(example_build, code, doc) for code, doc in example_pdfs()]
    paths += [language_pdf(language_editions, code) for code in LANGUAGE_EDITIONS]
    return outloud(paths)


def in_running_band(finding: dict, page_height: float) -> bool:
    top, bottom = RUNNING_BANDS
    return all(
        (box["y0"] + box["y1"]) / 2 > page_height - top or (box["y0"] + box["y1"]) / 2 < bottom
        for box in finding.get("boxes", [])
    ) and bool(finding.get("boxes"))


def faults(pdf: Path, findings: list[dict]) -> list[dict]:
    """outloud's findings less the ones documented above as not this file's fault."""
    with pikepdf.open(pdf) as document:
        height = float(document.pages[0].mediabox[3])
    return [
        finding
        for finding in findings
        if finding["severity"] != "info"
        and not (finding["severity"] == "warning" and finding["rule"] in ALLOWED_WARNINGS)
        and not (finding["rule"] == "TAG-002" and in_running_band(finding, height))
    ]


@pytest.mark.parametrize(("code", "document"), example_pdfs())
def test_every_example_pdf_passes_the_structural_check(
    example_build: Path, code: str, document: str
) -> None:
    assert check(example_pdf(example_build, code, document), RUNNING_BANDS) == []


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGE_EDITIONS)
def test_hebrew_persian_and_japanese_pass_the_structural_check(
    language_editions: Path, code: str
) -> None:
    assert check(language_pdf(language_editions, code), RUNNING_BANDS) == []


@pytest.mark.slow
@pytest.mark.parametrize(("code", "document"), example_pdfs())
def test_outloud_finds_no_fault_in_the_example_pdfs(
    example_build: Path, outloud_findings: dict[Path, list[dict]], code: str, document: str
) -> None:
    pdf = example_pdf(example_build, code, document)
    assert faults(pdf, outloud_findings[pdf]) == []


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGE_EDITIONS)
def test_outloud_finds_no_fault_in_hebrew_persian_and_japanese(
    language_editions: Path, outloud_findings: dict[Path, list[dict]], code: str
) -> None:
    pdf = language_pdf(language_editions, code)
    assert faults(pdf, outloud_findings[pdf]) == []


def untagged_latin_runs(pdf: Path, catalog_lang: str) -> list[str]:
    """Tagged runs with Latin words whose language is the edition's, less references,
    addresses and telephone numbers (a digit or an @), which are in no language."""
    return [
        text
        for text, lang in languages_of_latin_runs(pdf)
        if lang in (None, catalog_lang) and not re.search(r"[0-9@]", text)
    ]


@pytest.mark.parametrize(
    ("code", "document"),
    [(code, document) for code in ("ar", "zh") for document in EXAMPLE.documents],
)
def test_latin_names_in_arabic_and_chinese_carry_their_language(
    example_build: Path, code: str, document: str
) -> None:
    pdf = example_pdf(example_build, code, document)
    assert untagged_latin_runs(pdf, EXAMPLE.language(code).html_lang) == []


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGE_EDITIONS)
def test_latin_names_in_hebrew_persian_and_japanese_carry_their_language(
    language_editions: Path, code: str
) -> None:
    pdf = language_pdf(language_editions, code)
    runs = languages_of_latin_runs(pdf)
    assert ("Svalbard Global Seed Vault", "en") in runs or any(
        "Svalbard" in text and lang == "en" for text, lang in runs
    )
    assert untagged_latin_runs(pdf, load_config(LANGUAGES_ROOT).language(code).html_lang) == []


# A page like presskit's: a running header and footer, an e-mail link around an inline
# element, a link broken over lines, a linked picture, and English names in Arabic text,
# one of them without its language.
SAMPLE = """<html lang="en"><head><title>Sample</title><style>
@page { size: 150mm 90mm; margin: 15mm;
  @top-center { content: "Sample pack, press release" }
  @bottom-center { content: "Page " counter(page) " of " counter(pages) } }
p { width: 40mm }
</style></head><body>
<p>Write to <a href="mailto:press@example.org"><span>press@example.org</span></a> or read
<a href="https://example.org/a/long/page">the long page of the example organisation</a>.</p>
<p><a href="https://example.org/"><img alt="Example logo" src="data:image/svg+xml,\
<svg xmlns='http://www.w3.org/2000/svg' width='20' height='20'><rect width='20' height='20'/></svg>"></a></p>
<p lang="ar" dir="rtl" style="width: auto">قالت <bdi dir="ltr">Amnesty International</bdi> و<bdi dir="ltr" lang="en">Crisis Action</bdi></p>
</body></html>"""


def write_with_plain_weasyprint(html: str, target: Path, **options: object) -> None:
    """``html`` as WeasyPrint writes it by itself, in a process presskit's additions are
    not installed in."""
    code = (
        "import sys, weasyprint\n"
        "weasyprint.HTML(string=sys.argv[1]).write_pdf(sys.argv[2], **eval(sys.argv[3]))\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, html, str(target), repr(options)],
        check=True,
        capture_output=True,
    )


def test_the_sample_passes_as_presskit_writes_it(tmp_path: Path) -> None:
    import weasyprint

    from presskit.render.pdf import PDF_OPTIONS

    pdf = tmp_path / "sample.pdf"
    weasyprint.HTML(string=SAMPLE).write_pdf(pdf, **PDF_OPTIONS)
    assert check(pdf, (15 * MM, 15 * MM)) == []
    with pikepdf.open(pdf) as document:
        annotations = document.pages[0].Annots
        links = [a for a in annotations if a.Subtype == "/Link"]
        # One annotation per line of a link; the broken link is one Link element.
        assert [str(a.Contents) for a in links] == [
            "press@example.org",
            *["the long page of the example organisation"] * (len(links) - 2),
            "Example logo",
        ]
        assert len(links) >= 4
        assert all(a.F == 4 for a in links)
        elements = [o for o in document.objects if isinstance(o, pikepdf.Dictionary)]
        assert sum(o.get("/S") == "/Link" for o in elements) == 3
    # The check of Latin runs tells a name tagged with its language from one left in
    # the text's.
    runs = languages_of_latin_runs(pdf)
    assert ("Amnesty International", "ar") in runs
    assert ("Crisis Action", "en") in runs


@pytest.mark.slow
def test_the_checks_fail_on_what_weasyprint_writes_by_itself(tmp_path: Path) -> None:
    tagged = tmp_path / "weasyprint-ua.pdf"
    write_with_plain_weasyprint(SAMPLE, tagged, pdf_variant="pdf/ua-1")
    problems = check(tagged, (15 * MM, 15 * MM))
    expected = [
        r"structure element\(s\) outside the structure tree",
        r"MCID \d+ belongs to an element outside the structure tree",
        r"text in the running header or footer band .* is not a pagination artifact",
        r"the link to 'mailto:press@example.org' is in a /Span element, not a Link",
        r"the link to 'https://example.org/a/long/page' is in a Link element with no /Alt",
        r"the link to 'https://example.org/' is in a /Figure element, not a Link",
    ]
    for pattern in expected:
        assert any(re.search(pattern, problem) for problem in problems), (pattern, problems)
    (findings,) = outloud([tagged]).values()
    assert {"LNK-001", "LNK-004"} <= {finding["rule"] for finding in findings}

    untagged = tmp_path / "weasyprint-plain.pdf"
    write_with_plain_weasyprint(SAMPLE.replace(' lang="en"', ""), untagged)
    problems = check(untagged)
    for pattern in (
        "no /Lang",
        "no /StructTreeRoot",
        "/MarkInfo",
        "/DisplayDocTitle",
        "XMP dc:title",
        "pdfuaid:part",
    ):
        assert any(pattern in problem for problem in problems), (pattern, problems)
