"""Glyph coverage and the rendering fingerprint.

Characters no face of an edition has are reported where they are written; a changed font
file or text library changes the fingerprint builds fold into their input hashes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from presskit import fingerprint, fonts
from presskit.config import load_config
from presskit.content.loader import load_pack
from presskit.fingerprint import rendering_fingerprint
from presskit.glyph_check import glyph_findings, glyph_warnings
from presskit.glyphs import coverage, needs_glyph
from presskit.i18n.catalogs import load_catalog
from tests.conftest import REPO, run

ZH = "locales/zh/LC_MESSAGES/presskit.po"
RARE_HAN = "\U0002a6a5"  # 𪚥, CJK Extension B: in no Noto face
JIXIANG = "\U00020bb7"  # 𠮷, CJK Extension B: a Japanese form some CJK faces carry
HEALTH_WORKER = "\U0001f469\U0001f3fd\u200d\u2695\ufe0f"  # 👩🏽‍⚕️: emoji ZWJ sequence


def glyph_lines(pack: Path) -> tuple[int, list[dict[str, object]]]:
    result = run(pack, "check", "--json")
    findings = json.loads(result.output)
    return result.exit_code, [f for f in findings if f["code"] == "glyphs"]


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def zh_translation_with(pack: Path, char: str) -> int:
    """Put ``char`` into one Chinese translation; the line of its msgid."""
    po = pack / ZH
    replace(po, 'msgstr "呼吁提出的要求"', f'msgstr "呼吁提出的要求{char}"')
    return line_of(po, 'msgid "What the appeal asks"')


# presskit check


def test_translation_with_a_character_no_face_has(pack: Path) -> None:
    line = zh_translation_with(pack, RARE_HAN)
    status, findings = glyph_lines(pack)
    assert status == 0  # a warning: the pack still builds
    assert [(f["path"], f["line"], f["severity"]) for f in findings] == [(ZH, line, "warning")]
    message = str(findings[0]["message"])
    assert message.startswith("U+2A6A5 CJK UNIFIED IDEOGRAPH-2A6A5 is in no font of the zh ")
    assert "Noto Sans CJK SC" in message


def _zh_face_maps(char: str) -> bool:
    from fontTools.ttLib import TTFont

    (face,) = {(f.path, f.face_number) for f in fonts.faces_of("Noto Sans CJK SC", "Regular")}
    with TTFont(face[0], fontNumber=face[1], lazy=True) as font:
        return ord(char) in font["cmap"].getBestCmap()


def test_extension_b_is_reported_exactly_when_the_face_lacks_it(pack: Path) -> None:
    # Noto Sans CJK carries 𠮷 (U+20BB7) for Japanese: WeasyPrint draws it in the SC face,
    # so it is reported only by an installation whose face lacks it.
    line = zh_translation_with(pack, JIXIANG)
    _, findings = glyph_lines(pack)
    expected = [] if _zh_face_maps(JIXIANG) else [(ZH, line)]
    assert [(f["path"], f["line"]) for f in findings] == expected


def test_emoji_sequence_in_a_content_string(pack: Path) -> None:
    heading = "What the appeal asks"
    for po in [pack / "locales/presskit.pot", *pack.glob("locales/*/LC_MESSAGES/*.po")]:
        replace(po, f'msgid "{heading}"', f'msgid "{heading} {HEALTH_WORKER}"')
    explainer = pack / "content/explainer.yaml"
    replace(explainer, f"- heading: {heading}", f"- heading: {heading} {HEALTH_WORKER}")
    status, findings = glyph_lines(pack)
    assert status == 0
    where = ("content/explainer.yaml", line_of(explainer, heading))
    assert [(f["path"], f["line"]) for f in findings] == [where]
    message = str(findings[0]["message"])
    assert message == (
        "U+1F469 WOMAN, U+1F3FD EMOJI MODIFIER FITZPATRICK TYPE-4, U+2695 STAFF OF "
        "AESCULAPIUS are in no font of the en edition (Noto Sans): printed as a box or in "
        "a substitute face"
    )  # the joiner U+200D and the selector U+FE0F need no glyph


def test_data_printed_as_written_counts_in_every_edition(pack: Path) -> None:
    # A spokesperson's name typed in the facts file (not a name of names.yaml).
    facts = pack / "content/facts.yaml"
    replace(facts, 'name: "{person:adams}"', f"name: Dr Simon Adams {HEALTH_WORKER}")
    status, findings = glyph_lines(pack)
    assert status == 0
    assert [(f["path"], f["line"]) for f in findings] == [
        ("content/facts.yaml", line_of(facts, "Dr Simon Adams"))
    ]
    assert "no font of the en, fr, es, ar, ru, zh editions" in str(findings[0]["message"])


@pytest.mark.parametrize("flag", ["#, ignore-glyphs\n", ""])
def test_a_translator_can_silence_the_rule_with_a_reason(pack: Path, flag: str) -> None:
    """With the comment alone too: msgmerge drops the flag, never the comment."""
    zh_translation_with(pack, RARE_HAN)
    replace(
        pack / ZH,
        '#: content/explainer.yaml:54\nmsgid "What the appeal asks"',
        "# ignore-glyphs: the printer's own font has it\n"
        f'#: content/explainer.yaml:54\n{flag}msgid "What the appeal asks"',
    )
    status, findings = glyph_lines(pack)
    assert (status, findings) == (0, [])


def test_shipped_pack_has_no_missing_glyph() -> None:
    assert glyph_findings(load_config(REPO)) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Élan, naïve café: “quotes” ‘too’ — 1 000 € … œ ß n\u0303 e\u0301"),
        ("fr", "« Appel » : l’ONU, 45 pays\u202fet 5 continents"),
        ("ru", "Совет Безопасности ООН «не смог» — № 5, ёлка"),
        ("ar", "مُحَمَّد يدعو الجمعية العامة، ٢٢٣ منظمة؛ «الاتحاد من أجل السلام»؟"),
        ("zh", "联合国大会：“联合一致共策和平”（第377号决议），223个组织。Latin text"),
    ],
)
def test_ordinary_text_of_each_script_is_drawn(language: str, text: str) -> None:
    cover = coverage(language)
    assert cover is not None
    assert cover.missing(text) == []


def test_characters_that_need_no_glyph() -> None:
    for char in "\u200d\u200c\u2066\u2067\u2068\u2069\u200e\u200f\ufe0f\U000e0100\u00ad\n\t \u00a0":
        assert not needs_glyph(char), hex(ord(char))
    for char in "a\u0301\u0600" + RARE_HAN + HEALTH_WORKER[0]:
        assert needs_glyph(char), hex(ord(char))
    cover = coverage("en")
    assert cover is not None
    assert cover.missing(f"a\u200db\u2066c\u2069{HEALTH_WORKER}") == [
        "\U0001f469",
        "\U0001f3fd",
        "\u2695",
    ]


# presskit build


def test_build_gets_the_same_warnings_as_lines(pack: Path) -> None:
    line = zh_translation_with(pack, RARE_HAN)
    config = load_config(pack)
    catalogs = {code: load_catalog(config, code) for code in ("fr", "zh")}
    warnings = glyph_warnings(load_pack(config), catalogs, ["en", "fr", "zh"])
    assert len(warnings) == 1
    assert re.fullmatch(rf"{ZH}:{line}: warning: glyphs: U\+2A6A5 CJK .+", warnings[0])
    assert glyph_warnings(load_pack(config), catalogs, ["en", "fr"]) == []


# One fc-list run, no heavy imports


def test_one_fc_list_run_serves_every_font_question(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = []
    real = fonts._fc_list
    monkeypatch.setattr(fonts, "_LISTINGS", {})
    monkeypatch.setattr(fonts, "_fc_list", lambda: runs.append(1) or real())
    fonts.require_fonts(["en", "ar", "zh"])
    assert coverage("zh") is not None
    rendering_fingerprint(["en", "ar", "zh"])
    assert len(runs) == 1


def test_fingerprint_and_import_load_neither_weasyprint_nor_fonttools() -> None:
    code = (
        "import sys\n"
        "import presskit.check, presskit.glyph_check\n"
        "from presskit.fingerprint import rendering_fingerprint\n"
        "rendering_fingerprint(['en', 'ar', 'zh'])\n"
        "print(sorted(m for m in ('weasyprint', 'fontTools') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# Rendering fingerprint


@pytest.fixture
def private_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of Noto Sans in a font folder of a private fontconfig configuration."""
    (regular,) = {f.path for f in fonts.faces_of("Noto Sans", "Regular")}
    folder = tmp_path / "fonts"
    folder.mkdir()
    copy = folder / "NotoSans-Regular.ttf"
    copy.write_bytes(Path(regular).read_bytes())
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>\n  <cachedir>{tmp_path / 'cache'}</cachedir>\n"
        "  <include>/etc/fonts/fonts.conf</include>\n"
        f"  <dir>{folder}</dir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    assert str(copy) in {f.path for f in fonts.faces_of("Noto Sans")}
    return copy


def test_fingerprint_is_stable_while_nothing_changes(private_font: Path) -> None:
    first = rendering_fingerprint(["en", "zh"])
    assert re.fullmatch(r"[0-9a-f]{64}", first)
    assert rendering_fingerprint(["zh", "en"]) == first == rendering_fingerprint(["en", "zh"])
    assert rendering_fingerprint(["en"]) != first  # the CJK files count for Chinese only


def test_fingerprint_changes_with_a_font_file(private_font: Path) -> None:
    before = rendering_fingerprint(["en"])
    info = private_font.stat()
    os.utime(private_font, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    touched = rendering_fingerprint(["en"])
    assert touched != before
    # Other bytes of the same size under the old modification time (as a copy keeping
    # times would leave them): the inode's change time still tells.
    time.sleep(0.02)
    data = bytearray(private_font.read_bytes())
    data[-1] ^= 0xFF
    private_font.write_bytes(bytes(data))
    os.utime(private_font, ns=(info.st_atime_ns, info.st_mtime_ns))
    rewritten = rendering_fingerprint(["en"])
    assert rewritten not in (before, touched)
    private_font.unlink()
    assert rendering_fingerprint(["en"]) not in (before, touched, rewritten)


def test_fingerprint_counts_the_text_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    assert re.fullmatch(r"1\.\d+\.\d+", fingerprint.pango_version())
    assert re.fullmatch(r"\d+\.\d+\.\d+", fingerprint.harfbuzz_version())
    assert fingerprint.native_version("libpresskit-absent.so.0", "nothing") == "?"
    before = rendering_fingerprint(["en"])
    monkeypatch.setattr(fingerprint, "_distribution", lambda name: f"{name} 99")
    assert rendering_fingerprint(["en"]) != before


@pytest.mark.slow
def test_a_changed_font_file_rebuilds_the_pdfs_on_the_next_build(
    private_font: Path, pack: Path
) -> None:
    build = ("build", "--lang", "en", "--doc", "notes", "-j", "1")

    def presskit(*args: str) -> subprocess.CompletedProcess[str]:
        # A process of its own, so that fontconfig reads the private configuration.
        return subprocess.run(
            [sys.executable, "-m", "presskit", "--project", str(pack), *args],
            capture_output=True,
            text=True,
            check=True,
        )

    presskit(*build)
    assert "nothing to do: 2 files up to date" in presskit(*build).stderr
    info = private_font.stat()
    os.utime(private_font, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    rebuilt = presskit(*build).stderr
    assert "1 files written" in rebuilt, rebuilt
    assert "en/MDE2452562016-notes-en.pdf" in rebuilt and ".docx" not in rebuilt
