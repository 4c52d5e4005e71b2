"""The glossary rule: a pack's terms (TBX or CSV) and the forms each translation must use."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest

from presskit.config import load_config
from presskit.errors import Location
from presskit.i18n.glossary import Glossary, Term, TermCheck, load_glossary
from presskit.languages import resolve
from tests.conftest import REPO, edit, run

TERMS = REPO / "tests" / "roots" / "terms"
ONE_LINE = re.compile(r"^presskit: [\w./-]+:\d+: .+$|^[\w./-]+:\d+: error: glossary: .+$")


@pytest.fixture
def terms(tmp_path: Path) -> Path:
    """A copy of the small pack with a CSV glossary, in Canadian and Swiss French,
    Persian and Japanese."""
    return shutil.copytree(TERMS, tmp_path / "terms")


def findings(pack: Path, *args: str) -> list[dict[str, object]]:
    result = run(pack, "check", "--json", *args)
    return json.loads(result.output)


def msgstr_line(po: Path, msgstr: str) -> int:
    """The line of the msgid whose translation is ``msgstr`` (where check reports it)."""
    lines = po.read_text(encoding="utf-8").splitlines()
    index = lines.index(f'msgstr "{msgstr}"')
    while not lines[index].startswith("msgid "):
        index -= 1
    return index + 1


# The example pack -----------------------------------------------------------------------


def test_the_example_glossary_gives_every_un_term_in_five_languages() -> None:
    glossary = load_glossary(load_config(REPO))
    assert glossary is not None and glossary.shown == "locales/glossary.tbx"
    sources = {term.source[0] for term in glossary.terms}
    for term in (
        "General Assembly",
        "Security Council",
        "emergency special session",
        "Uniting for Peace",
        "resolution 377 A (V)",
        "Member States",
        "permanent members",
        "procedural vote",
        "two-thirds majority",
        "High Commissioner for Human Rights",
        "Special Envoy",
        "responsibility to protect",
        "humanitarian access",
        "crimes against humanity",
        "war crimes",
    ):
        assert term in sources, term
    for term in glossary.terms:
        assert set(term.forms) == {"fr", "es", "ar", "ru", "zh"}, term.source
    forms = {term.source[0]: term.forms for term in glossary.terms}
    assert forms["Uniting for Peace"]["fr"] == ("L’union pour le maintien de la paix",)
    assert "*قرار* 377 ألف (د-5)" in forms["resolution 377 A (V)"]["ar"]


SEEDS = [  # (language, msgstr as shipped, drifted, the term, the form it lacks)
    (
        "fr",
        "Ce que peut faire l’Assemblée générale",
        "Ce que peut faire l’Assemblée Générale",
        "General Assembly",
        "Assemblée générale",
    ),
    (
        "es",
        "Qué puede hacer la Asamblea General",
        "Qué puede hacer la Asamblea general",
        "General Assembly",
        "Asamblea General",
    ),
    (
        "ru",
        "Как созывается чрезвычайная специальная сессия",
        "Как созывается экстренная специальная сессия",
        "emergency special session",
        "чрезвычайн* специальн* сесси*",
    ),
    (
        "zh",
        "如何召开紧急特别会议",
        "如何召开紧急特别大会",
        "emergency special session",
        "紧急特别会议",
    ),
]


def test_a_term_drifting_in_each_language_is_reported_at_its_catalog_line(pack: Path) -> None:
    expected = set()
    for language, shipped, drifted, _term, _form in SEEDS:
        po = pack / f"locales/{language}/LC_MESSAGES/presskit.po"
        edit(po, f'msgstr "{shipped}"', f'msgstr "{drifted}"')
        expected.add((f"locales/{language}/LC_MESSAGES/presskit.po", msgstr_line(po, drifted)))
    result = run(pack, "check")
    assert result.exit_code == 1
    found = findings(pack)
    glossary = [f for f in found if f["code"] == "glossary"]
    assert {(f["path"], f["line"]) for f in glossary} == expected
    assert all(f["severity"] == "error" for f in glossary)
    for language, _, _, term, form in SEEDS:
        (finding,) = [f for f in glossary if f"/{language}/" in str(f["path"])]
        assert f"'{term}' must be translated '{form}'" in str(finding["message"])
        assert "locales/glossary.tbx:" in str(finding["message"])  # where the term is
    lines = result.output.strip().splitlines()
    assert (
        f"locales/fr/LC_MESSAGES/presskit.po:{msgstr_line(pack / SEED_PO, SEEDS[0][2])}: error: glossary: 'General Assembly' must be translated 'Assemblée générale'"
        in "\n".join(lines)
    )


SEED_PO = "locales/fr/LC_MESSAGES/presskit.po"


def test_a_translator_silences_the_rule_for_one_message_with_a_reason(pack: Path) -> None:
    po = pack / SEED_PO
    edit(
        po,
        'msgid "What the General Assembly can do"',
        '#, ignore-glossary\nmsgid "What the General Assembly can do"',
    )
    edit(po, 'msgstr "Ce que peut faire l’Assemblée générale"', 'msgstr "Ce que peut faire l’AG"')
    result = run(pack, "check", "--lang", "fr")
    assert "ignore-reason: 'ignore-glossary' needs a comment" in result.output
    edit(
        po, "#, ignore-glossary\n", "# ignore-glossary: the heading is short\n#, ignore-glossary\n"
    )
    result = run(pack, "check", "--lang", "fr")
    assert result.exit_code == 0 and result.output.strip() == "0 errors, 0 warnings", result.output


# Matching ------------------------------------------------------------------------------


def check(forms: dict[str, str], source: str, translation: str, language: str) -> list[str]:
    term = Term(
        tuple(forms["en"].split("|")),
        {k: tuple(v.split("|")) for k, v in forms.items() if k != "en"},
        "",
        Location("glossary.csv", 2),
    )
    terms = TermCheck(Glossary("glossary.csv", (term,)), resolve("en"), resolve(language))
    return [text for _, text in terms.problems(source, translation)]


@pytest.mark.parametrize(
    ("forms", "source", "translation", "language"),
    [
        # any case and spacing in the source; the first letter of a form may change case
        (
            {"en": "Security Council", "fr": "Conseil de sécurité"},
            "the SECURITY  council met",
            "Le Conseil de sécurité",
            "fr",
        ),
        (
            {"en": "resolution 377 A (V)", "fr": "résolution 377 A (V)"},
            "Resolution 377 A (V)",
            "Résolution 377\u00a0A\u00a0(V)",
            "fr",
        ),
        # the typographic apostrophe is '; several forms; a wildcard for endings and for prefixes
        (
            {"en": "crimes against humanity", "fr": "crimes contre l’humanité"},
            "crimes against humanity",
            "des crimes contre l'humanité",
            "fr",
        ),
        (
            {"en": "Security Council", "ru": "Совет* Безопасности"},
            "the Security Council",
            "в Совете Безопасности",
            "ru",
        ),
        (
            {"en": "General Assembly", "ar": "*لجمعية العامة"},
            "to the General Assembly",
            "إلى الجمعية العامة وللجمعية العامة",
            "ar",
        ),
        (
            {"en": "Member States", "ru": "государств*-член*|государств* — член*"},
            "Member States",
            "государствам — членам ООН",
            "ru",
        ),
        # Arabic vowel signs and the Persian ezafe do not count
        ({"en": "Security Council", "ar": "مجلس الأمن"}, "Security Council", "مَجْلِسُ الأَمْنِ", "ar"),
        # Chinese is written without spaces: a form matches inside a longer word
        (
            {"en": "General Assembly", "zh": "大会"},
            "UN General Assembly",
            "联合国大会紧急特别会议",
            "zh",
        ),
        # a term inside a placeholder (a name) or a URL is not a term of the sentence
        (
            {"en": "Security Council", "fr": "Conseil de sécurité"},
            "Read {org:security_council_report}",
            "Lire {org:security_council_report}",
            "fr",
        ),
        (
            {"en": "war crimes", "fr": "crimes de guerre"},
            "See https://example.org/war-crimes",
            "Voir https://example.org/war-crimes",
            "fr",
        ),
        # a language the term gives no form for, or a regional variant of one it does
        ({"en": "war crimes", "es": "crímenes de guerra"}, "war crimes", "Kriegsverbrechen", "de"),
        (
            {"en": "war crimes", "fr": "crimes de guerre"},
            "war crimes",
            "des crimes de guerre",
            "fr-CA",
        ),
    ],
)
def test_a_translation_with_the_required_form_passes(
    forms: dict[str, str], source: str, translation: str, language: str
) -> None:
    assert check(forms, source, translation, language) == []


@pytest.mark.parametrize(
    ("forms", "source", "translation", "language"),
    [
        (
            {"en": "General Assembly", "fr": "Assemblée générale"},
            "the General Assembly",
            "l’Assemblée Générale",
            "fr",
        ),
        (
            {"en": "Security Council", "ru": "Совет* Безопасности"},
            "Security Council",
            "Совет безопасности",
            "ru",
        ),
        # whole words: a form inside a longer word of a spaced script is not the form
        ({"en": "war crimes", "fr": "crimes de guerre"}, "war crimes", "crimes de guerres", "fr"),
        (
            {"en": "Uniting for Peace", "zh": "联合一致共策和平"},
            "Uniting for Peace",
            "联合起来争取和平",
            "zh",
        ),
    ],
)
def test_a_translation_without_the_required_form_is_reported(
    forms: dict[str, str], source: str, translation: str, language: str
) -> None:
    (problem,) = check(forms, source, translation, language)
    assert problem.startswith(f"'{forms['en']}' must be translated ")


def test_a_source_without_the_term_asks_nothing() -> None:
    forms = {"en": "war crimes", "fr": "crimes de guerre"}
    assert check(forms, "warcrimes and war-crimes", "rien", "fr") == []


# The files -----------------------------------------------------------------------------


def test_the_csv_glossary_of_the_small_pack(terms: Path) -> None:
    glossary = load_glossary(load_config(terms))
    assert glossary is not None and glossary.shown == "locales/glossary.csv"
    first = glossary.terms[0]
    assert first.source == ("avalanche transceiver",)
    assert first.forms["fr"] == ("DVA", "détecteur* de victimes d’avalanche*")
    assert first.forms["fr-CH"] == ("DVA", "ARVA")
    assert first.note == "the device, by its usual name"
    assert first.location == Location("locales/glossary.csv", 3)  # after a comment row
    assert "fr-CH" not in glossary.terms[1].forms  # an empty cell: the fr column applies
    result = run(terms, "check")
    assert result.exit_code == 0 and result.output.strip() == "0 errors, 0 warnings"


TBX_BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>sample</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
{entries}
  </body></text>
</martif>
"""


def tbx_entry(term: Term) -> str:
    """One TBX-Basic termEntry (langSet, tig) of a glossary term."""
    groups = [("en", term.source), *term.forms.items()]
    lang_sets = "".join(
        f'<langSet xml:lang="{code}">'
        + "".join(f"<tig><term>{form}</term></tig>" for form in forms)
        + "</langSet>"
        for code, forms in groups
    )
    note = f'<descrip type="definition">{term.note}</descrip>' if term.note else ""
    return f"    <termEntry>{note}{lang_sets}</termEntry>"


def test_a_tbx_glossary_reads_as_its_csv_twin(terms: Path) -> None:
    csv_terms = load_glossary(load_config(terms)).terms  # type: ignore[union-attr]
    entries = "\n".join(tbx_entry(term) for term in csv_terms)
    (terms / "locales/glossary.csv").rename(terms / "glossary.csv.txt")
    (terms / "locales/glossary.tbx").write_text(TBX_BASIC.format(entries=entries), "utf-8")
    tbx_terms = load_glossary(load_config(terms)).terms  # type: ignore[union-attr]
    assert [(t.source, dict(t.forms), t.note) for t in tbx_terms] == [
        (t.source, dict(t.forms), t.note) for t in csv_terms
    ]
    assert [t.location.line for t in tbx_terms] == [6, 7, 8, 9]
    tbx = terms / "locales/glossary.tbx"
    tbx.write_text(tbx.read_text("utf-8").replace('xml:lang="en"', 'xml:lang="en-GB"'), "utf-8")
    assert load_glossary(load_config(terms)).terms == tbx_terms  # type: ignore[union-attr]
    assert run(terms, "check").exit_code == 0


def test_a_form_a_tbx_file_deprecates_is_not_accepted(terms: Path) -> None:
    (terms / "locales/glossary.csv").unlink()
    (terms / "locales/glossary.tbx").write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en"><termSec><term>mountain rescue</term></termSec></langSec>
      <langSec xml:lang="fr">
        <termSec><term>secours en montagne</term></termSec>
        <termSec><term>sauvetage alpin</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
""",
        "utf-8",
    )
    glossary = load_glossary(load_config(terms))
    assert glossary is not None
    assert glossary.terms[0].forms == {"fr": ("secours en montagne",)}
    po = terms / "locales/fr-CA/LC_MESSAGES/presskit.po"
    edit(po, "Les équipes de secours en montagne", "Les équipes de sauvetage alpin")
    (finding,) = [f for f in findings(terms) if f["code"] == "glossary"]
    assert finding["path"] == "locales/fr-CA/LC_MESSAGES/presskit.po"
    assert "'mountain rescue' must be translated 'secours en montagne'" in str(finding["message"])


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>&e;</term></termSec></langSec></conceptEntry></body></text></tbx>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>&secret;</term></termSec></langSec></conceptEntry></body></text></tbx>
"""


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "glossary.csv",
            "en,fr,note\nwar crimes,crimes de guerre\n",
            "locales/glossary.csv:2: error: glossary: 2 cells where the header has 3 columns",
        ),
        (
            "glossary.csv",
            "en,french,note\nwar crimes,crimes de guerre,\n",
            "locales/glossary.csv:1: error: glossary: 'french' is not a language code",
        ),
        (
            "glossary.csv",
            'en,fr\n"war crimes,crimes de guerre\n',
            "locales/glossary.csv:2: error: glossary: CSV syntax error",
        ),
        (
            "glossary.csv",
            "fr,de\ncrimes de guerre,Kriegsverbrechen\n",
            "locales/glossary.csv:1: error: glossary: the first column is 'fr', but the pack is written in 'en'",
        ),
        (
            "glossary.csv",
            "en,fr\nwar crimes,*\n",
            "locales/glossary.csv:2: error: glossary: the form '*' has no letters",
        ),
        (
            "glossary.tbx",
            "<tbx><text><body>\n<conceptEntry>\n</body></text></tbx>\n",
            "locales/glossary.tbx:3: error: glossary: malformed XML",
        ),
        (
            "glossary.tbx",
            BILLION_LAUGHS,
            "locales/glossary.tbx:3: error: glossary: declares a DTD or entities",
        ),
        (
            "glossary.tbx",
            EXTERNAL_ENTITY,
            "locales/glossary.tbx:2: error: glossary: declares a DTD or entities",
        ),
        (
            "glossary.tbx",
            "<tbx><text><body><conceptEntry><langSec><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>",
            "locales/glossary.tbx:1: error: glossary: <langSec> without xml:lang",
        ),
    ],
)
def test_a_malformed_glossary_is_one_line_at_its_line(
    terms: Path, name: str, text: str, expected: str
) -> None:
    (terms / "locales/glossary.csv").unlink()
    (terms / "locales" / name).write_text(text, encoding="utf-8")
    started = time.monotonic()
    result = run(terms, "check")
    assert time.monotonic() - started < 30  # no entity was expanded
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert any(line.startswith(expected) for line in lines), result.output
    assert all(ONE_LINE.match(line) or "error" not in line for line in lines[:-1]), lines
    assert "Traceback" not in result.output and "/etc" not in result.output.split(expected)[1]


def test_a_glossary_linking_out_of_the_pack_is_refused(terms: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("en,fr\nsecret,secret\n", encoding="utf-8")
    (terms / "locales/glossary.csv").unlink()
    (terms / "locales/glossary.csv").symlink_to(outside)
    result = run(terms, "check")
    assert result.exit_code == 1
    assert (
        "locales/glossary.csv: error: glossary: is a link to a file outside the pack"
        in result.output
    )


def test_presskit_toml_names_the_glossary(terms: Path) -> None:
    (terms / "terminology").mkdir()
    (terms / "locales/glossary.csv").rename(terms / "terminology/avalanche.csv")
    config = terms / "presskit.toml"
    config.write_text(
        config.read_text("utf-8").replace(
            'documents = ["notice"]',
            'documents = ["notice"]\nglossary = "terminology/avalanche.csv"',
        ),
        "utf-8",
    )
    glossary = load_glossary(load_config(terms))
    assert glossary is not None and glossary.shown == "terminology/avalanche.csv"
    edit(config, "terminology/avalanche.csv", "terminology/missing.csv")
    result = run(terms, "check")
    assert result.exit_code == 1
    assert re.match(
        r"presskit: presskit\.toml:\d+: 'glossary' names 'terminology/missing\.csv', which does not exist",
        result.output,
    ), result.output
    edit(config, "terminology/missing.csv", "../elsewhere.csv")
    assert "'glossary' must be a file inside the pack" in run(terms, "check").output


def test_two_default_glossaries_are_refused(terms: Path) -> None:
    (terms / "locales/glossary.tbx").write_text("<tbx/>", encoding="utf-8")
    result = run(terms, "check")
    assert result.exit_code == 1
    assert "error: glossary: two glossaries: name the one to use with 'glossary'" in result.output
