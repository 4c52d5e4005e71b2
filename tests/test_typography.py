"""Typography rules per language: what must and must not be reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from presskit.i18n.typography import problems, typography
from tests.conftest import REPO, edit, run

TERMS = REPO / "tests" / "roots" / "terms"
NBSP, NNBSP = "\u00a0", "\u202f"


def codes(language: str, script: str, translation: str, source: str = "") -> list[str]:
    return [code for code, _ in problems(typography(language, script), source, translation)]


@pytest.mark.parametrize(
    ("language", "script", "translation", "code"),
    [
        ("fr", "Latn", "Signataires :", "punctuation-spacing"),  # a space that can break
        ("fr", "Latn", "Signataires:", "punctuation-spacing"),
        ("fr", "Latn", "Pourquoi ?", "punctuation-spacing"),
        ("fr", "Latn", f"la procédure « L’union{NNBSP}»", "punctuation-spacing"),
        ("fr", "Latn", f"la procédure «{NNBSP}L’union »", "punctuation-spacing"),
        ("fr-CH", "Latn", "avez-vous un DVA?", "punctuation-spacing"),  # Swiss French is French
        ("fr-CA", "Latn", "avez-vous un DVA ?", "punctuation-spacing"),  # a plain space
        ("fr-CA", "Latn", "Date: {date}", "punctuation-spacing"),  # the colon needs one
        ("fr", "Latn", "l'Assemblée générale", "apostrophe"),
        ("en", "Latn", "the Council's vote", "apostrophe"),
        ("fr", "Latn", 'le mot "veto"', "quotes"),
        ("es", "Latn", 'la palabra "veto"', "quotes"),
        ("ru", "Cyrl", 'слово "вето"', "quotes"),
        ("zh", "Hans", "安全理事会,大会", "script-punctuation"),
        ("zh", "Hans", "第一步.", "script-punctuation"),
        ("zh", "Hans", "紧急特别会议(ESS)", "script-punctuation"),
        ("ja", "Jpan", "お願い:雪崩", "script-punctuation"),
        ("ja", "Jpan", "携行していますか?", "script-punctuation"),
        ("ar", "Arab", "مجلس الأمن, الجمعية العامة", "script-punctuation"),
        ("ar", "Arab", "متى سنتحرك?", "script-punctuation"),
        ("fa", "Arab", "آیا همراه دارید?", "script-punctuation"),
        ("fa", "Arab", "بهمن; پیش از حرکت", "script-punctuation"),
        ("ur", "Aran", "یہ نوٹس ہے.", "script-punctuation"),  # Urdu has its own full stop
    ],
)
def test_a_slip_is_reported(language: str, script: str, translation: str, code: str) -> None:
    assert codes(language, script, translation) == [code]


@pytest.mark.parametrize(
    ("language", "script", "translation"),
    [
        ("fr", "Latn", f"Signataires{NBSP}:"),
        ("fr", "Latn", f"Pourquoi{NNBSP}? Parce que{NNBSP}!"),
        ("fr", "Latn", f"Quoi{NNBSP}?!"),
        ("fr", "Latn", f"la procédure «{NNBSP}L’union pour le maintien de la paix{NNBSP}»,"),
        ("fr", "Latn", "publié à 17:00 chaque jour"),  # a time, not punctuation
        ("fr", "Latn", "sur [notre site](https://example.org/a?b=1:2) ou"),  # a link's target
        ("fr", "Latn", "écrire à presse@example.org ou voir https://example.org/?q=a;b"),
        ("fr", "Latn", f"Référence{NBSP}: {{reference}}"),
        ("fr", "Latn", f"Contact{NBSP}: {{org:save_the_children}}"),  # a name's placeholder
        ("fr", "Latn", "l’Assemblée générale"),
        ("fr-CA", "Latn", f"avez-vous un DVA? Oui{NNBSP}! Date{NBSP}: hier"),
        ("es", "Latn", "la palabra «veto», “veto” y ‘veto’"),
        ("en", "Latn", "the Council’s vote"),
        ("zh", "Hans", "安全理事会，大会。"),
        ("zh", "Hans", "第377 A (V)号决议"),  # the UN's symbol: parentheses after Latin
        ("zh", "Hans", "五个常任理事国（P5），2016.12"),
        ("ja", "Jpan", "雪崩情報は毎日17:00に発表されます。"),
        ("ja", "Jpan", "help@alpine-rescue.example までご連絡ください。"),
        ("ar", "Arab", "مجلس الأمن، الجمعية العامة؟ نعم؛ 1,000"),
        ("ar", "Arab", "Amnesty International, Oxfam"),  # Latin names keep their commas
        ("fa", "Arab", "آیا همراه دارید؟ ساعت ۱۷:۰۰"),
        ("de", "Latn", "Er sagte: Nein!"),  # German has no spacing rule
    ],
)
def test_right_typography_is_not_reported(language: str, script: str, translation: str) -> None:
    assert codes(language, script, translation) == []


def test_a_name_the_source_writes_with_a_straight_apostrophe_stays() -> None:
    source = "Read the Children's Fund report."
    assert codes("fr", "Latn", "Lisez le rapport du Children's Fund.", source) == []
    assert codes("fr", "Latn", "Lisez l'rapport du Children’s Fund.", source) == ["apostrophe"]


def test_the_message_shows_the_place_and_what_to_write() -> None:
    (found,) = problems(typography("fr", "Latn"), "", "Signataires :")
    assert found == (
        "punctuation-spacing",
        "':' in 'Signataires :' needs a no-break space (U+00A0) or a narrow no-break space"
        " (U+202F) before it, not a space",
    )
    (found,) = problems(typography("zh", "Hans"), "", "如何召开紧急特别会议?")
    assert found == ("script-punctuation", "'?' in '如何召开紧急特别会议?': write ？")


@pytest.fixture
def terms(tmp_path: Path) -> Path:
    return shutil.copytree(TERMS, tmp_path / "terms")


def test_the_small_pack_in_four_typographies_passes(terms: Path) -> None:
    result = run(terms, "check")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 errors, 0 warnings"


SLIPS = [  # (catalog, as written, slipped, code)
    ("fr-CH", f"avez-vous un DVA{NNBSP}?", "avez-vous un DVA ?", "punctuation-spacing"),
    ("fr-CA", "avez-vous un DVA?", "avez-vous un DVA ?", "punctuation-spacing"),
    ("fr-CA", "manque à l’appel", "manque à l'appel", "apostrophe"),
    ("fa", "دارید؟", "دارید?", "script-punctuation"),
    ("ja", "山岳救助隊からのお願い：", "山岳救助隊からのお願い:", "script-punctuation"),
]


def test_slips_are_warnings_at_their_catalog_lines(terms: Path) -> None:
    expected = set()
    for language, written, slipped, code in SLIPS:
        po = terms / f"locales/{language}/LC_MESSAGES/presskit.po"
        lines = po.read_text(encoding="utf-8").splitlines()
        (index,) = [i for i, line in enumerate(lines) if written in line]
        while not lines[index].startswith("msgid "):
            index -= 1
        edit(po, written, slipped)
        expected.add((f"locales/{language}/LC_MESSAGES/presskit.po", index + 1, code))
    result = run(terms, "check", "--json")
    assert result.exit_code == 0  # warnings only
    found = {(f["path"], f["line"], f["code"]) for f in json.loads(result.output)}
    assert found == expected
    assert all(f["severity"] == "warning" for f in json.loads(result.output))


def test_a_rule_is_silenced_for_one_message_with_its_reason(terms: Path) -> None:
    po = terms / "locales/fr-CA/LC_MESSAGES/presskit.po"
    edit(po, "avez-vous un DVA?", "avez-vous un DVA ?")
    edit(
        po,
        'msgid "Mountain rescue',
        "# ignore-punctuation-spacing: quoted as the sign at the trailhead writes it\n"
        "#, ignore-punctuation-spacing\n"
        'msgid "Mountain rescue',
    )
    result = run(terms, "check")
    assert result.output.strip() == "0 errors, 0 warnings", result.output


def test_every_shipped_catalog_passes_the_typography_rules(pack: Path) -> None:
    result = run(pack, "check", "--json")
    rules = {"punctuation-spacing", "quotes", "apostrophe", "script-punctuation", "glossary"}
    assert [f for f in json.loads(result.output) if f["code"] in rules] == []
