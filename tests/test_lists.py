"""Lists with named marks: footnotes, counts and the typed-count rule, for any pack.

The pack under test (tests/roots/marks) is a lake-shore compact with two lists, one of
them with two marks, and references of the form PR-2025-014.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import pytest

from tests.conftest import REPO, edit, pdftotext, run

ROOT = REPO / "tests" / "roots" / "marks"
FOOTNOTES = {
    "*": "Founding member of the compact (sample footnote).",
    "†": "Observer without a vote (sample footnote).",
}


@pytest.fixture
def compact(tmp_path: Path) -> Path:
    return shutil.copytree(ROOT, tmp_path / "compact")


def findings(pack: Path) -> list[dict[str, object]]:
    result = run(pack, "check", "--json")
    return json.loads(result.output)


def test_the_compact_passes_check(compact: Path) -> None:
    result = run(compact, "check")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 errors, 0 warnings"


@pytest.mark.slow
def test_two_marks_print_two_footnotes_and_two_counts(compact: Path) -> None:
    result = run(compact, "build")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    out = compact / "output" / "en"
    text = " ".join(pdftotext(out / "PR2025014-statement-en.pdf").split())
    assert "The 7 member groups of the compact, 3 of them founding members and 2 of them" in text
    assert "3 scientists reviewed" in text
    for footnote in FOOTNOTES.values():
        assert footnote in text
    # Each mark after the names that carry it, and once before its footnote.
    assert text.count("*") == 4 and text.count("†") == 3
    assert "Reference: PR-2025-014" in text

    document = docx.Document(str(out / "PR2025014-statement-en.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Harbour Town Council†" in paragraphs
    assert "Varen Shore Anglers*" in paragraphs
    footnotes = [p for p in document.paragraphs if p.style.name == "List Footnote"]
    assert [p.text for p in footnotes] == [s + f for s, f in FOOTNOTES.items()]
    superscript = [r.text for p in document.paragraphs for r in p.runs if r.font.superscript]
    assert superscript.count("*") == 3 and superscript.count("†") == 2


@pytest.mark.parametrize(
    ("sentence", "placeholder"),
    [
        ("Its 4 founding members met in May.", "founding_members"),
        ("The compact's 3 observer groups abstained.", "observers"),
        ("More than 7 member groups signed.", "members"),
        ("Eight reviewers, or 2 scientists, agreed.", "experts"),
    ],
)
def test_check_catches_a_wrong_typed_count_for_each_mark_and_list(
    compact: Path, sentence: str, placeholder: str
) -> None:
    edit(compact / "content/statement.yaml", "\nbody:\n", f"\nbody:\n  - paragraph: {sentence}\n")
    found = [f for f in findings(compact) if f["code"] == "count-mismatch"]
    assert len(found) == 1, found
    assert found[0]["path"] == "content/statement.yaml" and found[0]["line"] == 8
    assert f"write {{{placeholder}}}" in str(found[0]["message"])


def test_right_typed_counts_and_lower_bounds_pass(compact: Path) -> None:
    sentences = "Its 3 founding members and 2 observers; over 6 member groups; 3 scientists."
    edit(compact / "content/statement.yaml", "\nbody:\n", f"\nbody:\n  - paragraph: {sentences}\n")
    assert [f for f in findings(compact) if f["code"] == "count-mismatch"] == []


def test_the_typed_count_scan_is_linear() -> None:
    """A long run of digits and commas before a noun must not make the scan quadratic."""
    from presskit.content.checks import typed_count_pattern
    from presskit.content.model import Count
    from presskit.errors import Location

    count = Count("n", "n", Location("x"), nouns=("groups",), more_than=("over",))
    pattern = typed_count_pattern(count)
    assert pattern is not None
    text = "1," * 20000 + " groups"
    assert len(list(pattern.finditer(text))) == 1


def test_extracted_catalog_explains_marks_and_counts(compact: Path) -> None:
    result = run(compact, "i18n", "extract")
    assert result.exit_code == 0, result.output
    pot = (compact / "locales" / "presskit.pot").read_text(encoding="utf-8")
    pot = pot.replace("\n#. ", " ")  # comments are wrapped
    assert (
        "Footnote to the mark † in the list 'members'. Explains the dagger after an observer's name."
        in pot
    )
    assert "{observers} is the number of observers, counted from the list" in pot
    assert "{experts} is the number of scientists who reviewed the statement" in pot


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    marks: [observer]\n  - name: Reed",
            "    marks: [observers]\n  - name: Reed",
            r"content/members\.yaml:34: unknown mark 'observers' \(marks: founding, observer\)",
        ),
        ('    symbol: "†"', '    symbol: "*"', r"content/members\.yaml:18: mark 'observer' uses "),
        (
            "    footnote: Founding member of the compact (sample footnote).\n",
            "",
            r"content/members\.yaml:\d+: mark 'founding' has no 'footnote'",
        ),
        (
            "      placeholder: observers",
            "      placeholder: members",
            r"content/members\.yaml:\d+: 'members' is already a placeholder name",
        ),
        (
            "  - name: Lakeside Schools Network",
            "  - name: lakeside  schools network\n  - name: Lakeside Schools Network",
            r"content/members\.yaml:\d+: duplicate entry 'Lakeside Schools Network' \(also no\. 6",
        ),
        (
            "  - name: Lakeside Schools Network",
            '  - name: "{org:lakeside}"',
            r"content/members\.yaml:\d+: \{org:lakeside\} is not filled in a list, which prints",
        ),
    ],
)
def test_bad_lists_are_one_located_line(compact: Path, old: str, new: str, message: str) -> None:
    edit(compact / "content/members.yaml", old, new)
    result = run(compact, "build", "--format", "docx")
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 1, result.output
    assert re.match("presskit: " + message, result.output), result.output


def test_a_list_block_naming_no_configured_list_is_refused(compact: Path) -> None:
    edit(compact / "content/statement.yaml", "      name: experts", "      name: reviewers")
    result = run(compact, "build", "--format", "docx")
    assert result.exit_code == 1
    assert result.output.startswith(
        "presskit: content/statement.yaml:18: unknown list 'reviewers' (lists: members, experts;"
    )


OLD_LIST = """\
signatories:
  - name: Varen Shore Anglers
    srn: true
  - name: Northbank Wetland Trust
    srn: true
  - name: Eelgrass Restoration Group
"""
OLD_STATEMENT = """\
document: statement
reference: PR-2025-014
date: 2025-03-11
kind: Statement
title: Sample statement in the old format
body:
  - paragraph: "{signatories} groups, {srn_members} of them marked, sign this sample."
  - signatories:
      heading: Signed
      footnote: Marked in the old way.
"""


def test_the_old_signatories_format_still_builds_with_one_warning_per_old_form(
    compact: Path,
) -> None:
    content = compact / "content"
    (content / "signatories.yaml").write_text(OLD_LIST, encoding="utf-8")
    (content / "statement.yaml").write_text(OLD_STATEMENT, encoding="utf-8")
    edit(compact / "presskit.toml", 'lists = ["members", "experts"]\n', "")

    result = run(compact, "check")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if ": warning: deprecated:" in line]
    assert warnings == [
        "content/signatories.yaml:1: warning: deprecated: 'signatories:' as a list's key is "
        "deprecated: write 'entries:' (see docs/content.md)",
        "content/signatories.yaml:3: warning: deprecated: 'srn: true' is deprecated: write "
        "'marks: [srn]' and declare the mark under 'marks:' (see docs/content.md)",
        "content/statement.yaml:8: warning: deprecated: the 'signatories' block is deprecated: "
        "write '- list: {name: signatories, heading: …}' with the footnote on the mark in the "
        "list file (see docs/content.md)",
    ]

    built = run(compact, "build", "--format", "docx")
    assert built.exit_code == 0, built.output
    assert built.output.count("warning: deprecated:") == 3
    document = docx.Document(str(compact / "output/en/PR2025014-statement-en.docx"))
    texts = [p.text for p in document.paragraphs]
    assert "3 groups, 2 of them marked, sign this sample." in texts
    assert "Varen Shore Anglers*" in texts and "*Marked in the old way." in texts


def test_a_list_longer_than_the_limit_is_refused_before_rendering(compact: Path) -> None:
    """Issue 15: a list too long to typeset in reasonable time is one located line."""
    edit(
        compact / "presskit.toml",
        'lists = ["members", "experts"]',
        'lists = ["members", "experts"]\nmax_list_entries = 4',
    )
    result = run(compact, "build")
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 1, result.output
    assert result.output.startswith(
        "presskit: content/members.yaml:35: the list has 7 entries, more than the 4 allowed"
    ), result.output
    assert not (compact / "output").exists()


def test_the_list_limit_must_be_a_positive_number(compact: Path) -> None:
    edit(
        compact / "presskit.toml",
        'lists = ["members", "experts"]',
        'lists = ["members", "experts"]\nmax_list_entries = 0',
    )
    result = run(compact, "build", "--format", "docx")
    assert result.exit_code == 1
    assert result.output.startswith("presskit: presskit.toml:10: 'max_list_entries' must be")
