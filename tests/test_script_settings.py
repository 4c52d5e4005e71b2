"""A pack sets a script's body size and leading for one language ([languages.<code>]).

Built on the small English and Arabic pack of tests/roots/names: the Arabic body text
grows by the factor in the PDF and in the size Word reads for Arabic runs (w:szCs),
headings and the Latin size stay as they were, and a bad value is one located line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, run

ROOT = REPO / "tests" / "roots" / "names"
# The first paragraph is body text, on one line at either size: "تغنّي 6 جوقات …", the
# only line with the figure 6 (pdftotext gives a line with its text as one word).
FIGURE = "6"


def build(tmp_path: Path, settings: str) -> Path:
    pack = shutil.copytree(ROOT, tmp_path / "pack")
    config = pack / "presskit.toml"
    config.write_text(config.read_text(encoding="utf-8") + settings, encoding="utf-8")
    result = run(pack, "build", "--lang", "ar")
    assert result.exit_code == 0, result.output
    return pack / "output" / "ar"


def body_line_width(pdf: Path) -> float:
    """The width of the first body paragraph's line."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for x_min, x_max, text in re.findall(
        r'<word xMin="([\d.]+)" [^>]*xMax="([\d.]+)"[^>]*>([^<]*)<', out
    ):
        if f" {FIGURE} " in text:
            return float(x_max) - float(x_min)
    raise AssertionError("no body line found")


def normal_sizes(docx: Path) -> dict[str, int]:
    with zipfile.ZipFile(docx) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles, re.S).group(0)
    return {tag: int(v) for tag, v in re.findall(r'<w:(sz|szCs) w:val="(\d+)"/>', normal)}


def test_a_pack_sets_the_body_size_of_a_script(tmp_path: Path) -> None:
    plain = build(tmp_path / "plain", "\n[languages.ar]\nsize = 1.0\n")
    larger = build(tmp_path / "larger", "\n[languages.ar]\nsize = 1.2\n")
    pdf, larger_pdf = next(plain.glob("*.pdf")), next(larger.glob("*.pdf"))
    ratio = body_line_width(larger_pdf) / body_line_width(pdf)
    assert ratio == pytest.approx(1.2, abs=0.02)
    before = normal_sizes(next(plain.glob("*.docx")))
    after = normal_sizes(next(larger.glob("*.docx")))
    assert after["szCs"] == round(before["szCs"] * 1.2)  # the size of Arabic runs
    assert after["sz"] == before["sz"]  # Latin names keep theirs


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("size = 7", "'size' of 'ar' must be between 0.5 and 2.0"),
        ('line_height = "tall"', "'line_height' of 'ar' must be a number"),
        ('fonts = "Noto Sans"', "unknown setting 'fonts' for 'ar'"),
    ],
)
def test_a_bad_setting_is_one_line_at_its_line(tmp_path: Path, setting: str, message: str) -> None:
    pack = shutil.copytree(ROOT, tmp_path / "pack")
    config = pack / "presskit.toml"
    text = config.read_text(encoding="utf-8") + f'\n[languages.ar]\ndigits = "latn"\n{setting}\n'
    config.write_text(text, encoding="utf-8")
    line = len(text.splitlines())
    result = run(pack, "build")
    assert result.exit_code != 0
    assert result.output.strip() == f"presskit: presskit.toml:{line}: {message}"
