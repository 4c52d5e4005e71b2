"""Parallel and incremental builds, fast start, previews. No timings are asserted here:
benchmarks/run.py prints them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_pack, run, snapshot

# Every test here builds the whole example pack, often twice.
pytestmark = pytest.mark.slow

SUBSET = ("--lang", "en", "--lang", "fr", "--lang", "zh", "--doc", "release", "--doc", "notes")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = copy_pack(tmp_path_factory.mktemp("incremental") / "pack")
    result = run(pack, "build", "-j", "2", *SUBSET)
    assert result.exit_code == 0, result.output
    return pack


def fresh_copy(built: Path, tmp_path: Path) -> Path:
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(built, pack)
    return pack


def test_parallel_output_is_identical_to_serial(built: Path, tmp_path: Path) -> None:
    serial = tmp_path / "serial"
    result = run(built, "build", "-j", "1", "--force", "--output", str(serial), *SUBSET)
    assert result.exit_code == 0, result.output
    parallel = snapshot(built / "output")
    assert snapshot(serial) == parallel
    assert len([p for p in parallel if p.endswith((".pdf", ".docx"))]) == 12


def test_noop_rebuild_skips_everything(built: Path, tmp_path: Path) -> None:
    pack = fresh_copy(built, tmp_path)
    before = snapshot(pack / "output")
    result = run(pack, "build", *SUBSET)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "nothing to do: 12 files up to date in output/"
    assert snapshot(pack / "output") == before


def changed_files(pack: Path, before: dict[str, str]) -> set[str]:
    after = snapshot(pack / "output")
    return {name for name in after if after[name] != before.get(name)} - {"manifest.json"}


def test_editing_one_catalog_entry_rebuilds_the_files_printing_it(
    built: Path, tmp_path: Path
) -> None:
    pack = fresh_copy(built, tmp_path)
    before = snapshot(pack / "output")
    po = pack / "locales/fr/LC_MESSAGES/presskit.po"
    po.write_text(po.read_text("utf-8").replace('msgstr "FIN"', 'msgstr "FIN."'), "utf-8")
    result = run(pack, "build", *SUBSET)
    assert result.exit_code == 0, result.output
    # "ENDS" closes the release only: the notes do not print it.
    assert "2 files written to output/ (manifest.json), 10 up to date" in result.output
    rebuilt = {line.split()[-1] for line in result.output.splitlines() if line.startswith("fr ")}
    assert rebuilt == {
        "fr/MDE2452552016-release-fr.pdf",
        "fr/MDE2452552016-release-fr.docx",
    }
    assert changed_files(pack, before) == {
        "fr/MDE2452552016-release-fr.pdf",
        "fr/MDE2452552016-release-fr.docx",
    }


def test_editing_the_stylesheet_rebuilds_pdfs_only(built: Path, tmp_path: Path) -> None:
    pack = fresh_copy(built, tmp_path)
    css = pack / "templates/style.css"
    css.write_text(css.read_text().replace("--accent: #ffdd00;", "--accent: #ffcc00;"))
    result = run(pack, "build", *SUBSET)
    assert result.exit_code == 0, result.output
    assert "6 files written" in result.output and "6 up to date" in result.output
    manifest = json.loads((pack / "output/manifest.json").read_text())
    assert all("inputs" in entry for entry in manifest["documents"])


def test_editing_labels_rebuilds_both_formats(built: Path, tmp_path: Path) -> None:
    pack = fresh_copy(built, tmp_path)
    labels = pack / "templates/labels.yaml"
    labels.write_text(labels.read_text().replace('"Page {page} of {pages}"', '"p. {page}/{pages}"'))
    # Every page prints it: in French and Chinese in English until it is translated.
    result = run(pack, "build", "--allow-incomplete", *SUBSET)
    assert "12 files written" in result.output


def test_a_label_comment_rebuilds_pdfs_only(built: Path, tmp_path: Path) -> None:
    """A translator's comment prints nowhere; the labels file sits among the templates,
    which a PDF's template may include."""
    pack = fresh_copy(built, tmp_path)
    labels = pack / "templates/labels.yaml"
    labels.write_text(
        labels.read_text().replace("Running footer.", "Running footer of every page.")
    )
    result = run(pack, "build", *SUBSET)
    assert "6 files written" in result.output and "6 up to date" in result.output


def test_tampered_or_deleted_file_is_rebuilt_and_force_rebuilds_all(
    built: Path, tmp_path: Path
) -> None:
    pack = fresh_copy(built, tmp_path)
    (pack / "output/zh/MDE2452562016-notes-zh.docx").unlink()
    (pack / "output/en/MDE2452552016-release-en.pdf").write_bytes(b"%PDF-broken")
    result = run(pack, "build", *SUBSET)
    assert "2 files written" in result.output
    assert "12 files written" in run(pack, "build", "--force", *SUBSET).output


def test_incomplete_build_is_not_silently_reused(built: Path, tmp_path: Path) -> None:
    pack = fresh_copy(built, tmp_path)
    po = pack / "locales/fr/LC_MESSAGES/presskit.po"
    po.write_text(po.read_text("utf-8").replace('msgstr "FIN"', 'msgstr ""'), "utf-8")
    assert run(pack, "build", "--allow-incomplete", *SUBSET).exit_code == 0
    result = run(pack, "build", *SUBSET)  # same inputs, but the policy now refuses
    assert result.exit_code == 1
    assert "untranslated 'ENDS'" in result.output


def test_help_and_checks_do_not_load_the_renderers() -> None:
    code = (
        "import sys; from presskit.cli import cli\n"
        "from presskit.check import run_checks\n"
        "from presskit.i18n.stats import collect\n"
        "assert not {'weasyprint', 'docx'} & set(sys.modules), sorted(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_preview_writes_the_html_weasyprint_receives(pack: Path) -> None:
    result = run(pack, "preview", "--lang", "ar", "--doc", "appeal")
    assert result.exit_code == 0, result.output
    html = pack / "output/preview/MDE2452542016-appeal-ar.html"
    assert result.output.strip() == "output/preview/MDE2452542016-appeal-ar.html"
    text = html.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="ar" dir="rtl" ' in text
    assert '<link rel="stylesheet" href="style.css">' in text
    assert (pack / "output/preview/style.css").read_text() == (
        pack / "templates/style.css"
    ).read_text()


def test_gaps_allowed_by_the_threshold_are_not_rebuilt_every_time(
    built: Path, tmp_path: Path
) -> None:
    pack = fresh_copy(built, tmp_path)
    po = pack / "locales/fr/LC_MESSAGES/presskit.po"
    po.write_text(po.read_text("utf-8").replace('msgstr "FIN"', 'msgstr ""'), "utf-8")
    toml = pack / "presskit.toml"
    toml.write_text(toml.read_text() + "\n[completeness]\nrelease = 90\n")
    first = run(pack, "build", *SUBSET)
    assert first.exit_code == 0 and "printed in the source language" in first.output
    assert run(pack, "build", *SUBSET).output.startswith("nothing to do")


def test_bundles_leave_out_documents_no_longer_configured(built: Path, tmp_path: Path) -> None:
    import zipfile

    pack = fresh_copy(built, tmp_path)
    toml = pack / "presskit.toml"
    toml.write_text(
        toml.read_text()
        .replace(
            'languages = ["en", "fr", "es", "ar", "ru", "zh"]', 'languages = ["en", "fr", "zh"]'
        )
        .replace(
            'documents = ["release", "appeal", "notes", "explainer"]',
            'documents = ["release", "appeal"]',
        )
        .replace('notes = "notes"\n', "")
    )
    result = run(pack, "bundle")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(pack / "output/bundles/uniting-for-peace-in-syria-en.zip") as bundle:
        names = bundle.namelist()
    assert "en/MDE2452552016-release-en.pdf" in names  # built earlier, still configured
    assert "en/MDE2452542016-appeal-en.pdf" in names  # built now by bundle
    assert not [n for n in names if "notes" in n or "explainer" in n]  # removed from the pack
