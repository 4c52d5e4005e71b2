"""Partial translations that can still be sent honestly: thresholds per language and
document, --allow-incomplete wherever a command builds, and editions that say so."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from babel.messages.pofile import read_po, write_po

from tests.conftest import pdftotext, run

ES_PO = "locales/es/LC_MESSAGES/presskit.po"
FR_PO = "locales/fr/LC_MESSAGES/presskit.po"


def blank(pack: Path, po: str, keep: float) -> None:
    """Remove translations from a catalog, keeping about ``keep`` of them (the header and
    the labels stay translated, so that the running header is in the language)."""
    path = pack / po
    with path.open("rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id and "labels.yaml" not in str(m.locations)]
    for index, message in enumerate(messages):
        if index % 20 >= keep * 20:
            message.string = ("", "", "") if isinstance(message.id, tuple) else ""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76)
    path.write_bytes(buffer.getvalue())


def configure(pack: Path, text: str) -> None:
    config = pack / "presskit.toml"
    config.write_text(config.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_language_threshold_lets_spanish_through_and_keeps_french_at_100(pack: Path) -> None:
    blank(pack, ES_PO, keep=0.5)
    configure(pack, "\n[completeness.es]\ndefault = 40\n")
    result = run(pack, "build", "--lang", "es", "--doc", "release")
    assert result.exit_code == 0, result.output
    assert "warning: es/release:" in result.output

    # Every page of the Spanish release says its translation is incomplete.
    pdf = pack / "output/es/MDE2452552016-release-es.pdf"
    pages = int(next(line for line in run_pdfinfo(pdf) if line.startswith("Pages:")).split()[1])
    for page in range(1, pages + 1):
        assert "traducción incompleta" in pdftotext(pdf, page).casefold(), page
    # The DOCX says so in its header, and tags the English passages as English.
    document = docx.Document(str(pack / "output/es/MDE2452552016-release-es.docx"))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "Traducción incompleta" in header
    xml = document.element.xml
    assert 'w:val="en-GB"' in xml

    # French is still held to the pack's 100%: one missing unit of the release refuses it.
    french = pack / FR_PO
    french.write_text(french.read_text(encoding="utf-8").replace('msgstr "FIN"', 'msgstr ""'))
    result = run(pack, "build", "--lang", "fr", "--doc", "release")
    assert result.exit_code == 1
    assert "below the 100% required" in result.output


def test_source_passages_carry_their_language_in_the_html(pack: Path) -> None:
    blank(pack, ES_PO, keep=0.5)
    result = run(pack, "preview", "--lang", "es", "--doc", "release", "--allow-incomplete")
    assert result.exit_code == 0, result.output
    html = (pack / "output/preview/MDE2452552016-release-es.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in html
    assert '<span lang="en" dir="ltr">' in html
    assert "Traducción incompleta" in html


def test_a_complete_edition_says_nothing(english_build: Path) -> None:
    text = pdftotext(english_build / "fr/MDE2452552016-release-fr.pdf")
    assert "incompl" not in text.lower()


@pytest.mark.slow
def test_every_building_command_accepts_allow_incomplete(pack: Path) -> None:
    blank(pack, ES_PO, keep=0.5)
    for command in ("preview", "bundle", "email"):
        refused = run(pack, command, "--lang", "es")
        assert refused.exit_code == 1, (command, refused.output)
        assert "translate them or build with --allow-incomplete" in refused.output
    assert run(pack, "preview", "--lang", "es", "--allow-incomplete").exit_code == 0
    bundled = run(pack, "bundle", "--lang", "es", "--allow-incomplete")
    assert bundled.exit_code == 0, bundled.output
    with zipfile.ZipFile(pack / "output/bundles/uniting-for-peace-in-syria-es.zip") as bundle:
        assert len([n for n in bundle.namelist() if n.startswith("es/")]) == 8
    assert not (pack / "output/bundles/uniting-for-peace-in-syria-all.zip").exists()
    mailed = run(pack, "email", "--lang", "es", "--allow-incomplete")
    assert mailed.exit_code == 0, mailed.output
    assert (pack / "output/email/uniting-for-peace-in-syria-es.eml").is_file()


def run_pdfinfo(pdf: Path) -> list[str]:
    import subprocess

    return subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
