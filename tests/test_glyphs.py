"""The rendering fingerprint: a changed font file or text library changes it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from presskit import fingerprint, fonts
from presskit.fingerprint import rendering_fingerprint


def test_fingerprint_loads_no_weasyprint() -> None:
    code = (
        "import sys\n"
        "from presskit.fingerprint import rendering_fingerprint\n"
        "rendering_fingerprint(['en', 'ar', 'zh'])\n"
        "print('weasyprint' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


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
