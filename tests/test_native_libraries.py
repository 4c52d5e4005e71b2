"""WeasyPrint finds its C libraries from the linker cache, without running a compiler."""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from presskit.render.native_libraries import cached_lookup, linker_cache

# The names under which WeasyPrint 70 finds each library on Debian, and names it tries
# that no Linux system has.
FOUND = ["gobject-2.0", "pango-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig", "pangoft2-1.0"]
MISSED = ["libgobject-2.0-0", "gobject-2.0-0", "harfbuzz-vector", "pango-1.0-0"]


@pytest.mark.parametrize("name", FOUND + MISSED)
def test_the_cache_gives_the_answer_ctypes_gives(name: str) -> None:
    assert cached_lookup(linker_cache())(name) == ctypes.util.find_library(name)


def test_every_library_weasyprint_needs_is_in_the_cache() -> None:
    lookup = cached_lookup(linker_cache())
    assert all(lookup(name) for name in FOUND), [name for name in FOUND if not lookup(name)]


@pytest.mark.skipif(not shutil.which("strace"), reason="strace is installed by run.sh")
def test_loading_the_pdf_writer_runs_no_compiler(tmp_path: Path) -> None:
    trace = tmp_path / "trace"
    subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=execve", "-o", str(trace), sys.executable, "-c",
         "import presskit.render.pdf, weasyprint.text.ffi as f; assert f.harfbuzz_subset"],
        check=True,
    )  # fmt: skip
    programs = {line.split('"')[1] for line in trace.read_text().splitlines() if "execve(" in line}
    assert programs == {sys.executable, "/sbin/ldconfig"}
