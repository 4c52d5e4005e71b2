"""The command line: builds, the manifest, usage errors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.conftest import run, snapshot


def test_default_build_writes_eight_files_and_a_manifest(english_build: Path) -> None:
    files = sorted(p.name for p in (english_build / "en").iterdir())
    assert files == [
        "MDE2452542016-appeal-en.docx",
        "MDE2452542016-appeal-en.pdf",
        "MDE2452552016-release-en.docx",
        "MDE2452552016-release-en.pdf",
        "MDE2452562016-notes-en.docx",
        "MDE2452562016-notes-en.pdf",
        "MDE2452572016-explainer-en.docx",
        "MDE2452572016-explainer-en.pdf",
    ]
    manifest = json.loads((english_build / "manifest.json").read_text())
    entries = [e for e in manifest["documents"] if e["language"] == "en"]
    assert len(entries) == 8
    for entry in entries:
        data = (english_build / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
        assert entry["reference"].startswith("MDE 24/")
        assert ("pages" in entry) == (entry["format"] == "pdf")
    assert len({e["reference"] for e in entries}) == 4


def test_no_temporary_files_are_left(english_build: Path) -> None:
    leftovers = [p.name for p in english_build.rglob("*") if p.name.startswith(".")]
    assert leftovers == [".presskit.lock"]


def test_subset_build_keeps_other_manifest_entries(pack: Path) -> None:
    assert run(pack, "build", "--lang", "en", "--doc", "notes", "--format", "pdf").exit_code == 0
    result = run(pack, "build", "--lang", "en", "--doc", "explainer", "--format", "docx")
    assert result.exit_code == 0, result.output
    manifest = json.loads((pack / "output/manifest.json").read_text())
    assert {(e["document"], e["format"]) for e in manifest["documents"]} == {
        ("notes", "pdf"),
        ("explainer", "docx"),
    }
    assert "explainer" in result.output and "1 files written" in result.output


def test_unknown_document_is_a_usage_error(pack: Path) -> None:
    result = run(pack, "build", "--doc", "brochure")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "presskit: unknown document 'brochure' (configured: release, appeal, notes, explainer)"
    )
    assert not (pack / "output").exists()


def test_unknown_language_is_a_usage_error(pack: Path) -> None:
    result = run(pack, "build", "--lang", "de")
    assert result.exit_code == 2
    assert "language not in presskit.toml: 'de'" in result.output


def test_output_option_and_unchanged_folder_on_failure(pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    assert run(pack, "build", "--lang", "en", "--doc", "notes", "--output", str(out)).exit_code == 0
    before = snapshot(out)
    (pack / "templates/document.html").write_text("{% if %}", encoding="utf-8")
    result = run(pack, "build", "--lang", "en", "--doc", "notes", "--output", str(out))
    assert result.exit_code == 1
    assert result.output.startswith("presskit: templates/document.html:1: template error")
    assert snapshot(out) == before


def test_config_error_names_presskit_toml(pack: Path) -> None:
    toml = pack / "presskit.toml"
    toml.write_text(toml.read_text().replace('source_language = "en"', 'source_language = "xx"'))
    result = run(pack, "build")
    assert result.exit_code == 1
    assert result.output.startswith("presskit: presskit.toml:")
    assert "unknown language 'xx'" in result.output
