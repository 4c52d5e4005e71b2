"""A rebuild follows what each document prints: after every kind of edit, the files of
the documents it touches are rewritten, no others, and the output folder is byte for
byte the one a ``--force`` build makes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from presskit.theme import THEME_DIR
from tests.conftest import REPO, edit, run, snapshot

ROOT = REPO / "tests/roots/rebuilds"
EPOCH = "1700000000"
CATALOG = "locales/de/LC_MESSAGES/presskit.po"
FILES = {
    "harvest": "MCO202507-harvest",
    "volunteers": "MCO202508-volunteers",
    "sheet": "MCO202509-sheet",
    "renamed": "MCO202506-harvest",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = tmp_path_factory.mktemp("rebuilds") / "pack"
    shutil.copytree(ROOT, pack)
    with pytest.MonkeyPatch.context() as patch:  # the build time written in the files
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = run(pack, "build")
    assert result.exit_code == 0, result.output
    return pack


def files(documents: str, languages: str = "en de", formats: str = "pdf docx") -> set[str]:
    return {
        f"{lang}/{FILES[doc]}-{lang}.{fmt}"
        for doc in documents.split()
        for lang in languages.split()
        for fmt in formats.split()
    }


def paragraph(pack: Path) -> None:
    """A paragraph of one document, in its source and in the catalog, as after
    ``presskit i18n update`` and the translator's work."""
    edit(pack / "content/harvest.yaml", "on the green", "on the village green")
    edit(pack / CATALOG, "is on the green", "is on the village green")
    edit(pack / CATALOG, 'msgstr "DE The pressing day', 'msgstr "DE Der Presstag')


def translation(pack: Path) -> None:
    edit(pack / CATALOG, 'msgstr "DE The pressing day', 'msgstr "DE Der Presstag')


def figure(pack: Path) -> None:
    edit(pack / "content/facts.yaml", "value: 140", "value: 145")


def list_entry(pack: Path) -> None:
    with (pack / "content/growers.yaml").open("a", encoding="utf-8") as file:
        file.write("  - name: Eastfield Primary School\n")


def source_name(pack: Path) -> None:
    edit(pack / "content/names.yaml", "name: Ada Okafor", "name: Dr Ada Okafor")


def translated_name(pack: Path) -> None:
    edit(pack / CATALOG, 'msgstr "Gemeinderat Millbrook"', 'msgstr "Gemeinderat von Millbrook"')


def label(pack: Path) -> None:
    edit(pack / CATALOG, 'msgstr "DE Page {page} of {pages}"', 'msgstr "Seite {page} von {pages}"')


def reference(pack: Path) -> None:
    """The fact sheet prints the harvest release's reference, nothing else of it."""
    edit(pack / "content/harvest.yaml", "reference: MCO-2025-07", "reference: MCO-2025-06")


def template(pack: Path) -> None:
    (pack / "templates").mkdir()
    css = (THEME_DIR / "style.css").read_text(encoding="utf-8")
    (pack / "templates/style.css").write_text(css + "\nh1 { letter-spacing: 0.01em; }\n")


def unused_catalog_entry(pack: Path) -> None:
    """An obsolete entry and a translator's note: no document prints either."""
    text = (pack / CATALOG).read_text(encoding="utf-8")
    text = text.replace(
        'msgid "Tending a tree"', '# checked by the orchard\nmsgid "Tending a tree"'
    )
    (pack / CATALOG).write_text(text + '\n#~ msgid "Old notice"\n#~ msgstr "Alte Notiz"\n')


EDITS: list[tuple[Callable[[Path], None], set[str]]] = [
    (paragraph, files("harvest")),
    (translation, files("harvest", "de")),
    (figure, files("sheet")),
    (list_entry, files("volunteers")),
    (source_name, files("harvest")),
    (translated_name, files("sheet", "de")),
    (label, files("harvest volunteers sheet", "de")),
    (reference, files("harvest sheet") - files("harvest") | files("renamed")),
    (template, files("harvest volunteers sheet", formats="pdf")),
    (unused_catalog_entry, set()),
]


def listed(folder: Path) -> dict[str, str]:
    """The manifest and the files it lists, with their sha256 (a file a renamed
    document had before is left in place, outside the manifest)."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    everything = snapshot(folder)
    names = ["manifest.json", *(entry["path"] for entry in manifest["documents"])]
    return {name: everything[name] for name in names}


def rebuild(built: Path, tmp_path: Path, change: Callable[[Path], None]) -> tuple[Path, set[str]]:
    """A copy of the built pack, edited and built again; returns it and the files written."""
    pack = tmp_path / "pack"
    shutil.copytree(built, pack)
    change(pack)
    result = run(pack, "build")
    assert result.exit_code == 0, result.output
    written = {
        line.split()[-1] for line in result.output.splitlines() if line[:3] in ("en ", "de ")
    }
    return pack, written


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(change, expected, id=change.__name__, marks=() if n == 0 else pytest.mark.slow)
        for n, (change, expected) in enumerate(EDITS)
    ],
)
def test_a_rebuild_rewrites_what_the_edit_touches_and_equals_a_forced_build(
    built: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path], None],
    expected: set[str],
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    before = snapshot(built / "output")
    pack, written = rebuild(built, tmp_path, change)
    assert written == expected
    after = snapshot(pack / "output")
    changed = {name for name in after if after[name] != before.get(name)} - {"manifest.json"}
    assert changed <= expected  # a file rewritten may come out the same
    forced = tmp_path / "forced"
    result = run(pack, "build", "--force", "--output", str(forced))
    assert result.exit_code == 0, result.output
    assert listed(forced) == listed(pack / "output")  # the manifest too
    assert run(pack, "build").output.startswith("nothing to do: 12 files up to date")


def test_the_manifest_keeps_what_each_file_depends_on(built: Path) -> None:
    manifest = json.loads((built / "output/manifest.json").read_text(encoding="utf-8"))
    entries = {(e["document"], e["language"], e["format"]): e for e in manifest["documents"]}
    assert len(entries) == 12
    assert all(len(e["settings"]) == len(e["tree"]) == 64 for e in entries.values())
    # One tree per document and language, shared by its two formats; the settings
    # (configuration, templates, fonts, versions) differ by format.
    pdf, docx = entries[("sheet", "de", "pdf")], entries[("sheet", "de", "docx")]
    assert pdf["tree"] == docx["tree"] and pdf["settings"] != docx["settings"]
    assert len({e["tree"] for e in entries.values()}) == 6


@pytest.mark.slow
def test_one_paragraph_of_the_example_rebuilds_its_document_only(
    example_build: Path, tmp_path: Path
) -> None:
    """The example pack: one paragraph of the notes, in English and in every catalog,
    rewrites the notes' 12 files of 48."""
    pack = tmp_path / "pack"
    shutil.copytree(example_build, pack)
    old = "Signing organisations from other countries"
    new = "Signing organisations from many other countries"
    edit(pack / "content/notes.yaml", old, new)
    for po in sorted((pack / "locales").glob("*/LC_MESSAGES/presskit.po")):
        edit(po, old, new)
        text = po.read_text(encoding="utf-8")
        at = text.index(new)
        at = text.index('msgstr "', at) + len('msgstr "')
        po.write_text(text[:at] + "(2) " + text[at:], encoding="utf-8")
    result = run(pack, "build")
    assert result.exit_code == 0, result.output
    assert "12 files written to output/ (manifest.json), 36 up to date" in result.output
    written = [
        line.split()[-1] for line in result.output.splitlines() if line.endswith(("pdf", "docx"))
    ]
    assert len(written) == 12 and all("-notes-" in name for name in written), written
