"""Names keep their own language: a list entry or spokesperson may say `lang:`.

The pack (tests/roots/names) is a choir festival whose programme lists choirs under
their own names, in Arabic, Japanese, Greek, Hebrew and Ukrainian as well as English,
and quotes a director whose name is Arabic. In the English and the Arabic edition each
name is set in its script's face and direction, tagged with its language in the PDF
and the DOCX, and LibreOffice draws the DOCX names in those faces.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from presskit.languages import language_of
from tests.conftest import REPO, edit, pdftotext, run

ROOT = REPO / "tests" / "roots" / "names"
NAMES = {
    "ar": "جوقة الفيحاء للشباب",
    "ja": "港町混声合唱団",
    "el": "Χορωδία του Λιμανιού",
    "he": "מקהלת הנמל",
    "uk": "Хор «Гавань»",
}
DIRECTOR = "رنا خوري"
ARABIC = language_of("ar").word_lang  # CLDR's likely region: ar-EG


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = shutil.copytree(ROOT, tmp_path_factory.mktemp("names") / "pack")
    result = run(pack, "build")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output, result.output  # every name has its face
    return pack / "output"


def files(built: Path, code: str) -> tuple[Path, Path]:
    return next((built / code).glob("*.pdf")), next((built / code).glob("*.docx"))


def faces(pdf: Path) -> set[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in out.stdout.splitlines()[2:] if line.strip()]
    return {re.sub(r"[^a-z]", "", name.split("+", 1)[-1].lower()) for name in names}


def letters(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c)[0] in "LMN"
    )


@pytest.mark.parametrize("code", ["en", "ar"])
def test_each_name_is_set_in_its_scripts_face(built: Path, code: str) -> None:
    pdf, _ = files(built, code)
    found = faces(pdf)
    for family in ("Noto Sans", "Noto Naskh Arabic", "Noto Sans CJK JP", "Noto Sans Hebrew"):
        assert any(face.startswith(family.replace(" ", "").lower()) for face in found), found
    assert not any("dejavu" in face for face in found), found


@pytest.mark.parametrize("code", ["en", "ar"])
def test_names_copy_out_whole_and_in_logical_order(built: Path, code: str) -> None:
    text = letters(pdftotext(built / code / files(built, code)[0].name))
    for name in [*NAMES.values(), DIRECTOR, "Harbour Youth Choir"]:
        assert letters(name) in text, name


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_pdf_tags_each_name_with_its_language(built: Path, code: str, tmp_path: Path) -> None:
    pdf, _ = files(built, code)
    plain = tmp_path / "plain.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(plain)], check=True)
    tags = re.findall(r"/Lang \(([^)]*)\)", plain.read_bytes().decode("latin-1"))
    others = {language_of(lang).html_lang for lang in NAMES} - {language_of(code).html_lang}
    assert others <= set(tags), tags


def runs(document: str, text: str) -> list[str]:
    """The w:rPr of the run that holds ``text`` (between direction marks where the
    paragraph runs the other way)."""
    found = re.findall(
        r"<w:r>(<w:rPr/>|<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)<w:t[^>]*>([\u200e\u200f]?)"
        + re.escape(text)
        + r"\2</w:t>",
        document,
    )
    found = [props for props, _ in found]
    assert found, text
    return found


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_docx_gives_each_name_its_face_slot_and_direction(built: Path, code: str) -> None:
    _, word = files(built, code)
    with zipfile.ZipFile(word) as package:
        document = package.read("word/document.xml").decode("utf-8")
    for props in runs(document, NAMES["ar"]):
        assert "<w:rtl/>" in props and f'w:bidi="{ARABIC}"' in props
        if code == "en":
            assert 'w:cs="Noto Naskh Arabic"' in props
        assert "Noto Sans" not in props  # not forced into the Latin face
    for props in runs(document, NAMES["ja"]):
        assert 'w:eastAsia="Noto Sans CJK JP"' in props and 'w:hint="eastAsia"' in props
        assert 'w:eastAsia="ja-JP"' in props and "<w:rtl/>" not in props
    for props in runs(document, NAMES["he"]):
        assert 'w:cs="Noto Sans Hebrew"' in props and 'w:bidi="he-IL"' in props
    for props in runs(document, NAMES["el"]):
        assert 'w:val="el-GR"' in props and "<w:rtl/>" not in props
    for props in runs(document, "Harbour Youth Choir"):
        assert "<w:rtl/>" not in props


@pytest.mark.slow
def test_libreoffice_draws_the_names_in_their_faces(built: Path, tmp_path: Path) -> None:
    command = shutil.which("soffice") or shutil.which("libreoffice")
    assert command, "LibreOffice is installed by ./run.sh test"
    _, word = files(built, "en")
    subprocess.run(
        [
            command,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(word),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    found = faces(tmp_path / (word.stem + ".pdf"))
    for family in ("notonaskharabic", "notosanshebrew", "notosanscjk"):
        assert any(face.startswith(family) for face in found), found
    assert not any("dejavu" in face for face in found), found


def test_an_unknown_name_language_is_one_located_line(tmp_path: Path) -> None:
    pack = shutil.copytree(ROOT, tmp_path / "pack")
    edit(pack / "content" / "choirs.yaml", "lang: he\n", "lang: hebrew\n")
    result = run(pack, "build")
    assert result.exit_code != 0
    assert result.output.strip() == (
        "presskit: content/choirs.yaml:13: lang: unknown language 'hebrew': CLDR has no such locale"
    )


def test_a_names_missing_face_stops_the_build_naming_the_package(tmp_path: Path) -> None:
    """Only the English edition is built, but a name is Arabic: the Arabic face the
    pack chose must be installed too."""
    pack = shutil.copytree(ROOT, tmp_path / "pack")
    config = pack / "presskit.toml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + '\n[languages.ar]\nfont = "Noto Kufi Nowhere"\npackage = "fonts-noto-extra"\n',
        encoding="utf-8",
    )
    result = run(pack, "build", "--lang", "en")
    assert result.exit_code != 0
    assert "'Noto Kufi Nowhere' (Regular) needed for 'ar' is not installed" in result.output
    assert "fonts-noto-extra" in result.output
    assert not (pack / "output" / "en").exists()


def test_a_list_may_give_the_language_of_all_its_names(tmp_path: Path) -> None:
    pack = shutil.copytree(ROOT, tmp_path / "pack")
    path = pack / "content" / "choirs.yaml"
    path.write_text(
        "lang: ar\ncount: choirs\nentries:\n  - name: جوقة الميناء\n  - name: كورال البحر\n",
        encoding="utf-8",
    )
    edit(pack / "content" / "programme.yaml", "{choirs} choirs from five", "Choirs from five")
    result = run(pack, "build", "--lang", "en", "--format", "docx")
    assert result.exit_code == 0, result.output
    word = next((pack / "output" / "en").glob("*.docx"))
    with zipfile.ZipFile(word) as package:
        document = package.read("word/document.xml").decode("utf-8")
    for name in ("جوقة الميناء", "كورال البحر"):
        assert all(f'w:bidi="{ARABIC}"' in props for props in runs(document, name))
