"""Shared fixtures: a copy of the default pack to edit, and one English build to inspect."""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from presskit.cli import cli

REPO = Path(__file__).resolve().parent.parent
PACK_FILES = ("presskit.toml", "babel.cfg", "content", "templates", "locales")


def copy_pack(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in PACK_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("*.mo"))
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A private copy of the default pack, safe to edit."""
    return copy_pack(tmp_path / "pack")


def run(pack_dir: Path, *args: str):  # type: ignore[no-untyped-def]
    """Run the presskit CLI on a pack; returns click's Result."""
    return CliRunner().invoke(cli, ["--project", str(pack_dir), *args], catch_exceptions=False)


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a pack's file by ``new`` (which must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with its sha256: to prove a folder did not change."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def pdftotext(path: Path, page: int | None = None, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(
        [*args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def libreoffice_to_pdf(documents: list[Path], out: Path, profile: Path, timeout: int) -> Path:
    """LibreOffice's PDF of each document, converted in one headless run with a profile
    of its own, into ``out``."""
    command = shutil.which("soffice") or shutil.which("libreoffice")
    assert command, "LibreOffice is installed by ./run.sh test"
    subprocess.run(
        [
            command,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    return out


def actual_text_runs(pdf: Path, scratch: Path) -> list[str]:
    """Each run of text's /ActualText, in the order drawn: the logical text Acrobat and
    screen readers take. Every left-to-right run has one, and so has a right-to-left
    run with numbers or raised glyphs (marks, Nastaliq), which pdftotext's own bidi
    would move about (two Persian numbers in a line come out swapped)."""
    plain = scratch / (pdf.stem + ".qdf.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(plain)], check=True)
    data = plain.read_bytes().decode("latin-1")
    runs = re.findall(r"/MCID \d+\s*/ActualText\s*(?:<([0-9a-fA-F]+)>|\(((?:\\.|[^\\)])*)\))", data)
    return [bytes.fromhex(hexa).decode("utf-16") if hexa else _literal(text) for hexa, text in runs]


def _literal(text: str) -> str:
    """A literal PDF string's text: ASCII, or UTF-16 after its byte order mark."""
    escapes = {"r": "\r", "n": "\n"}
    raw = re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), text, flags=re.S)
    data = raw.encode("latin-1")
    return data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else raw


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The example pack built once, every language, document and format: tests that
    only read its files share it (copy it with ``shutil.copytree`` to change it). Under
    pytest-xdist the first worker to ask builds it and the others wait for it."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # the folder every worker's own temporary folder is in
    with open(shared / "example.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        pack_dir = shared / "example" / "pack"
        if not (pack_dir / "output" / "manifest.json").is_file():
            shutil.rmtree(pack_dir.parent, ignore_errors=True)
            copy_pack(pack_dir)
            result = run(pack_dir, "build", "-j", str(os.cpu_count() or 1))
            assert result.exit_code == 0, result.output
    return pack_dir


@pytest.fixture(scope="session")
def english_build(example_build: Path) -> Path:
    """The example pack's output folder (its English files and more)."""
    return example_build / "output"


# Fixtures whose use makes a test slow: they render a whole pack (or, for the fuzzers,
# run hundreds of builds).
SLOW_FIXTURES = {"example_build", "english_build", "twin_builds", "drafts", "fuzz_pack"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that renders many files, through a shared build or its own, as
    slow: ``./run.sh test -m "not slow"`` is the quick loop, the full suite is CI's."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
