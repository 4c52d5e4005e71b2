"""The pack's own reference scheme: its pattern, its year, its file names."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest

from tests.conftest import REPO, edit, pdftotext, run, snapshot

ROOT = REPO / "tests" / "roots" / "references"


@pytest.fixture
def rivers(tmp_path: Path) -> Path:
    """The river alliance's pack (references PAC/<year>/<serial>), safe to edit."""
    return shutil.copytree(ROOT, tmp_path / "rivers")


def refused(pack: Path, pattern: str, *args: str) -> None:
    before = snapshot(pack / "output") if (pack / "output").exists() else {}
    result = run(pack, *(args or ("build",)))
    assert result.exit_code == 1, result.output
    assert len(result.output.splitlines()) == 1, result.output
    assert re.match("presskit: " + pattern, result.output), result.output
    assert (snapshot(pack / "output") if (pack / "output").exists() else {}) == before


def test_a_pack_with_its_own_scheme_builds_and_names_its_files_after_it(rivers: Path) -> None:
    result = run(rivers, "build")
    assert result.exit_code == 0, result.output
    pdf = rivers / "output/en/PAC2023014-statement-en.pdf"
    text = pdftotext(pdf)
    assert "Reference: PAC/2023/014" in text
    assert "in statement PAC/2023/014." in " ".join(text.split())
    document = docx.Document(str(rivers / "output/en/PAC2023014-statement-en.docx"))
    assert document.core_properties.identifier == "PAC/2023/014"


def test_a_reference_outside_the_scheme_is_refused_with_its_example(rivers: Path) -> None:
    edit(rivers / "content/statement.yaml", "reference: PAC/2023/014", "reference: PR-2023-014")
    refused(
        rivers,
        r"content/statement\.yaml:3: malformed reference 'PR-2023-014': expected the pack's "
        r"form, such as 'PAC/2023/014'",
    )


def test_the_year_group_must_be_the_documents_year(rivers: Path) -> None:
    edit(rivers / "content/statement.yaml", "reference: PAC/2023/014", "reference: PAC/2024/014")
    refused(rivers, r"content/statement\.yaml:3: reference PAC/2024/014 names the year 2024")


def test_the_default_scheme_is_permissive(rivers: Path) -> None:
    config = rivers / "presskit.toml"
    config.write_text(config.read_text().split("[references]")[0], encoding="utf-8")
    edit(rivers / "content/statement.yaml", "reference: PAC/2023/014", "reference: PR-2025-014")
    result = run(rivers, "build", "--format", "docx")
    assert result.exit_code == 0, result.output
    assert (rivers / "output/en/PR2025014-statement-en.docx").is_file()


def test_references_alike_in_their_file_names_are_refused(rivers: Path) -> None:
    config = rivers / "presskit.toml"
    edit(config, 'documents = ["statement"]', 'documents = ["statement", "qa"]')
    edit(
        config,
        'pattern = "PAC/(?P<year>\\\\d{4})/\\\\d{3}"',
        'pattern = "PAC[/-]\\\\d{4}[/-]\\\\d{3}"',
    )
    qa = (rivers / "content/statement.yaml").read_text(encoding="utf-8")
    qa = qa.replace("document: statement", "document: qa").replace("PAC/2023/014", "PAC-2023-014")
    (rivers / "content/qa.yaml").write_text(qa, encoding="utf-8")
    refused(
        rivers,
        r"content/(qa|statement)\.yaml:3: duplicate reference PAC.2023.014 \(as PAC.2023.014: "
        r"file names keep only letters and digits\): already used by content/(qa|statement)"
        r"\.yaml:3",
    )
    check = run(rivers, "check")
    assert check.exit_code == 1
    assert "error: content/reference-duplicate" in check.output or "reference-duplicate" in (
        check.output
    )


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('pattern = "PAC/(unclosed"', r"\[references\]: not a regular expression"),
        ('pattern = "' + "a" * 201 + '"', r"\[references\]: the pattern is longer than 200"),
        ('example = "PR-1"', r"\[references\]: the example 'PR-1' does not match the pattern"),
        ('colour = "blue"', r"unknown setting 'colour' in \[references\]"),
    ],
)
def test_a_broken_scheme_is_refused_at_its_line(rivers: Path, setting: str, message: str) -> None:
    config = rivers / "presskit.toml"
    text = config.read_text(encoding="utf-8")
    key = setting.split(" =")[0]
    lines = [line for line in text.splitlines() if not line.startswith(f"{key} =")]
    lines.append(setting)
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused(rivers, rf"presskit\.toml:\d+: {message}")


def test_the_example_pack_names_the_ai_index_preset() -> None:
    assert 'pattern = "ai-index"' in (REPO / "presskit.toml").read_text(encoding="utf-8")


def test_a_preset_refuses_other_forms(rivers: Path) -> None:
    config = rivers / "presskit.toml"
    config.write_text(
        config.read_text().split("[references]")[0] + '[references]\npattern = "ai-index"\n'
    )
    refused(
        rivers,
        r"content/statement\.yaml:3: malformed reference 'PAC/2023/014': expected the pack's "
        r"form, such as 'ABC 01/2345/2024'",
    )
