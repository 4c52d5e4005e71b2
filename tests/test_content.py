"""The content loader: the default pack, and bad input reported at file:line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from presskit.config import load_config
from presskit.content.figures import known_placeholders
from presskit.content.loader import load_pack
from presskit.errors import ContentError
from tests.conftest import REPO, edit, pdftotext, run, snapshot


def default_pack():  # type: ignore[no-untyped-def]
    return load_pack(load_config(REPO))


def test_default_pack_has_four_documents_with_distinct_references() -> None:
    pack = default_pack()
    assert list(pack.documents) == ["release", "appeal", "notes", "explainer"]
    references = [str(d.reference) for d in pack.documents.values()]
    assert pack.documents["appeal"].reference.compact == "MDE2452542016"
    assert str(pack.documents["appeal"].reference) == "MDE 24/5254/2016"
    assert len(set(references)) == 4


def test_signatories_are_the_published_list() -> None:
    pack = default_pack()
    entries = pack.lists["signatories"].entries
    names = [s.name for s in entries]
    assert len(names) == 223
    assert names[124] == "NGO NO-WAR NETWORK"  # no. 125, missing from seed 002
    assert names[116] == "Médecins du Monde France"  # no. 117
    assert names[222] == "11.11.11"
    assert sum("srn" in s.marks for s in entries) == 46


def test_counts_in_prose_are_computed_from_the_list() -> None:
    values = known_placeholders(default_pack())
    assert values["signatories"] == 223
    assert values["signatories_rounded"] == 220
    assert values["srn_members"] == 46


def test_no_content_sentence_types_the_signatory_count() -> None:
    for path in (REPO / "content").glob("*.yaml"):
        if path.name == "signatories.yaml":
            continue
        body = path.read_text(encoding="utf-8").split("\ndecisions:")[0]
        assert not re.search(r"\b(223|222|46|48)\b", body), path.name


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def load_error(pack_dir: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_pack(load_config(pack_dir))
    return caught.value.format_message()


def test_malformed_reference_names_file_and_line(pack: Path) -> None:
    appeal = pack / "content/appeal.yaml"
    edit(appeal, "reference: MDE 24/5254/2016", "reference: MDE 24-5254-2016")
    line = line_of(appeal, "reference:")
    message = load_error(pack)
    assert message.startswith(f"content/appeal.yaml:{line}: malformed reference 'MDE 24-5254-2016'")


def test_duplicate_reference_names_both_files(pack: Path) -> None:
    notes = pack / "content/notes.yaml"
    edit(notes, "reference: MDE 24/5256/2016", "reference: MDE 24/5254/2016")
    message = load_error(pack)
    assert message.startswith(
        f"content/notes.yaml:{line_of(notes, 'reference:')}: duplicate reference"
    )
    assert f"content/appeal.yaml:{line_of(pack / 'content/appeal.yaml', 'reference:')}" in message


def test_reference_year_must_match_the_date(pack: Path) -> None:
    edit(pack / "content/explainer.yaml", "MDE 24/5257/2016", "MDE 24/5257/2015")
    assert "names the year 2015" in load_error(pack)


def test_yaml_syntax_error_names_the_line(pack: Path) -> None:
    release = pack / "content/release.yaml"
    edit(release, "release: immediate", "release: [immediate")
    message = load_error(pack)
    assert re.match(r"content/release\.yaml:\d+: YAML syntax error", message)


def test_unknown_key_is_reported_where_it_stands(pack: Path) -> None:
    explainer = pack / "content/explainer.yaml"
    edit(explainer, "kind: Explainer", "kind: Explainer\nauthor: somebody")
    assert load_error(pack).startswith(
        f"content/explainer.yaml:{line_of(explainer, 'author:')}: unknown key 'author'"
    )


def test_unknown_placeholder_is_an_error(pack: Path) -> None:
    appeal = pack / "content/appeal.yaml"
    edit(appeal, "{act_supporters} supporters", "{act_suporters} supporters")
    message = load_error(pack)
    assert message.startswith("content/appeal.yaml:")
    assert "unknown placeholder {act_suporters}" in message


def test_duplicate_signatory_is_an_error(pack: Path) -> None:
    path = pack / "content/signatories.yaml"
    edit(path, '  - name: "Avaaz"', '  - name: "Avaaz"\n  - name: "avaaz"')
    message = load_error(pack)
    assert f"content/signatories.yaml:{line_of(path, 'avaaz')}: duplicate entry 'avaaz'" in message


def test_bad_content_fails_the_build_and_leaves_output_untouched(pack: Path) -> None:
    first = run(pack, "build", "--lang", "en", "--doc", "notes", "--format", "pdf")
    assert first.exit_code == 0, first.output
    before = snapshot(pack / "output")
    edit(pack / "content/notes.yaml", "reference: MDE 24/5256/2016", "reference: MDE 24/5254/2016")
    result = run(pack, "build", "--lang", "en", "--doc", "notes", "--format", "pdf")
    assert result.exit_code == 1
    assert result.output.startswith("presskit: content/notes.yaml:")
    assert "duplicate reference MDE 24/5254/2016" in result.output
    assert "Traceback" not in result.output
    assert snapshot(pack / "output") == before


NO_LISTS = REPO / "tests" / "roots" / "no-lists"


def test_a_pack_without_facts_or_signatories_builds_both_formats(tmp_path: Path) -> None:
    pack = shutil.copytree(NO_LISTS, tmp_path / "library")
    result = run(pack, "build")
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (pack / "output/en").iterdir())
    assert files == [
        "OSN2025003-release-en.docx",
        "OSN2025003-release-en.pdf",
        "OSN2025004-qa-en.docx",
        "OSN2025004-qa-en.pdf",
    ]
    assert "Every branch of the sample network." in pdftotext(
        pack / "output/en/OSN2025004-qa-en.pdf"
    )
    check = run(pack, "check")
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize(
    ("insert", "message"),
    [
        (
            "  - paragraph: All {signatories} groups.\n",
            r"content/qa\.yaml:14: unknown placeholder \{signatories\} \(known: ",
        ),
        (
            "  - signatories:\n      heading: Signed\n      footnote: A note.\n",
            r"content/qa\.yaml:14: unknown list 'signatories' \(lists: none; ",
        ),
    ],
)
def test_a_list_used_without_a_list_file_is_refused_at_its_line(
    tmp_path: Path, insert: str, message: str
) -> None:
    pack = shutil.copytree(NO_LISTS, tmp_path / "library")
    qa = pack / "content" / "qa.yaml"
    qa.write_text(qa.read_text(encoding="utf-8") + insert, encoding="utf-8")
    result = run(pack, "build")
    assert result.exit_code == 1
    assert re.match("presskit: " + message, result.output), result.output
