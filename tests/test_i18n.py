"""Extraction, catalogs, plural rules, locale formats and the completeness policy."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from presskit.config import load_config
from presskit.content.model import Unit
from presskit.errors import Location
from presskit.i18n.catalogs import load_catalog, read_catalog
from presskit.i18n.localize import Localizer
from tests.conftest import REPO, pdftotext, run, snapshot

TRANSLATED = ["fr", "es", "ar", "ru", "zh"]
COALITION = Unit(
    "This is why we, a global coalition of {signatories} civil society organization, urgently "
    "call upon UN member states to step in and request an Emergency Special Session of the UN "
    "General Assembly to demand an end to all unlawful attacks in Aleppo and elsewhere in "
    "Syria, and immediate and unhindered humanitarian access so that life-saving aid can reach "
    "all those in need. Member states should also explore possible avenues to bring "
    "perpetrators of serious crimes under international law on all sides to justice.",
    Location("content/appeal.yaml"),
    plural="This is why we, a global coalition of {signatories} civil society organizations, "
    "urgently call upon UN member states to step in and request an Emergency Special Session "
    "of the UN General Assembly to demand an end to all unlawful attacks in Aleppo and "
    "elsewhere in Syria, and immediate and unhindered humanitarian access so that life-saving "
    "aid can reach all those in need. Member states should also explore possible avenues to "
    "bring perpetrators of serious crimes under international law on all sides to justice.",
    count="signatories",
)


def template(pack_dir: Path):  # type: ignore[no-untyped-def]
    with (pack_dir / "locales/presskit.pot").open("rb") as handle:
        return read_po(handle)


def message_ids(catalog) -> set:  # type: ignore[no-untyped-def]
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


# Extraction


def test_extracted_template_matches_the_shipped_one(pack: Path) -> None:
    shipped = (pack / "locales/presskit.pot").read_bytes()
    result = run(pack, "i18n", "extract")
    assert result.exit_code == 0, result.output
    assert (pack / "locales/presskit.pot").read_bytes() == shipped


def test_template_entries_carry_references_comments_and_context() -> None:
    catalog = template(REPO)
    coalition = catalog.get(COALITION.msgid)
    assert coalition.id == (COALITION.msgid, COALITION.plural)
    assert [loc for loc, _ in coalition.locations] == [
        "content/appeal.yaml",
        "content/explainer.yaml",
    ]
    assert all(line > 0 for _, line in coalition.locations)
    comments = " ".join(coalition.auto_comments)
    assert "Appeal (MDE 24/5254/2016): paragraph 3." in comments
    assert "{signatories} is the number of signatory organisations" in comments
    assert "plural form is chosen by the value of {signatories}" in comments
    date_label = catalog.get("Date: {date}", context="first page")
    labels = (REPO / "templates/labels.yaml").read_text(encoding="utf-8").splitlines()
    line = labels.index('    text: "Date: {date}"') + 1
    assert date_label is not None and date_label.locations == [("templates/labels.yaml", line)]
    title = catalog.get("Coordinator of the Building Peace program")
    assert "Job title of {person:hamann} ({org:igarape})." in title.auto_comments
    list_heading = catalog.get("Signed:")
    assert "Introduces the list of signatory organisations." in list_heading.auto_comments


def test_pybabel_extract_gives_the_same_messages(pack: Path, tmp_path: Path) -> None:
    pybabel = Path(sys.executable).with_name("pybabel")
    out = tmp_path / "pybabel.pot"
    subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", "-o", str(out), "."],
        cwd=pack,
        check=True,
        capture_output=True,
    )
    with out.open("rb") as handle:
        assert message_ids(read_po(handle)) == message_ids(template(REPO))


# Catalogs


@pytest.mark.parametrize("language", TRANSLATED)
def test_shipped_catalogs_pass_msgfmt_check(language: str) -> None:
    path = REPO / f"locales/{language}/LC_MESSAGES/presskit.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_shipped_catalogs_have_cldr_headers() -> None:
    expected = {"fr": 3, "es": 3, "ar": 6, "ru": 3, "zh": 1}
    for language, forms in expected.items():
        catalog = load_catalog(load_config(REPO), language).catalog
        assert catalog.num_plurals == forms
        assert str(catalog.locale) == language
        assert catalog.charset == "utf-8"


def test_stats_report_every_language_complete(pack: Path) -> None:
    result = run(pack, "i18n", "stats", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["language"] for r in rows} == set(TRANSLATED)
    assert all(r["percent"] == 100.0 and r["fuzzy"] == 0 for r in rows)
    assert {r["document"] for r in rows} == {"release", "appeal", "notes", "explainer", "(all)"}


def test_update_marks_changes_fuzzy_keeps_previous_and_obsolete(pack: Path) -> None:
    appeal = pack / "content/appeal.yaml"
    text = appeal.read_text(encoding="utf-8")
    text = text.replace(
        "History will judge harshly those that fail to\n      step up.",
        "History will judge harshly those that fail to\n      step up now.",
    )
    text = text.replace(
        'kind: "{org:amnesty} joint public statement"',
        "kind: Joint statement of 223 organisations",
    )
    appeal.write_text(text, encoding="utf-8")
    assert run(pack, "i18n", "extract").exit_code == 0
    result = run(pack, "i18n", "update")
    assert result.exit_code == 0, result.output
    assert "updated locales/fr/LC_MESSAGES/presskit.po" in result.output
    po = (pack / "locales/fr/LC_MESSAGES/presskit.po").read_text(encoding="utf-8")
    catalog = read_catalog(pack / "locales/fr/LC_MESSAGES/presskit.po", "fr.po", "fr")
    changed = next(m for m in catalog if isinstance(m.id, str) and m.id.endswith("step up now."))
    assert changed.fuzzy and changed.string  # kept the old translation for review
    assert changed.previous_id and changed.previous_id[0].endswith("fail to step up.")
    assert "#| msgid " in po
    assert '#~ msgid "{org:amnesty} joint public statement"' in po  # obsolete, kept
    # A second update keeps the previous msgid of the entry still waiting for review.
    assert run(pack, "i18n", "update", "--lang", "fr").exit_code == 0
    again = read_catalog(pack / "locales/fr/LC_MESSAGES/presskit.po", "fr.po", "fr")
    assert again.get(changed.id).previous_id == changed.previous_id
    check = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(pack / "locales/fr/LC_MESSAGES/presskit.po")]
    )
    assert check.returncode == 0
    stats = json.loads(run(pack, "i18n", "stats", "--json").output)
    appeal_fr = next(r for r in stats if r["language"] == "fr" and r["document"] == "appeal")
    assert appeal_fr["fuzzy"] == 1 and appeal_fr["untranslated"] == 1


def test_init_starts_a_catalog_with_plural_forms(pack: Path) -> None:
    (pack / "locales/ru/LC_MESSAGES/presskit.po").unlink()
    result = run(pack, "i18n", "init", "ru")
    assert result.exit_code == 0, result.output
    catalog = read_catalog(pack / "locales/ru/LC_MESSAGES/presskit.po", "ru.po", "ru")
    assert catalog.num_plurals == 3
    assert not any(m.fuzzy for m in catalog if m.id)
    assert not any(m.string for m in catalog if m.id and isinstance(m.string, str))
    assert run(pack, "i18n", "init", "ru").exit_code == 2  # exists: update instead


def test_init_starts_a_catalog_for_a_regional_variant(tmp_path: Path) -> None:
    """`i18n init fr-CA` used to stop on an internal error: Babel reads no BCP 47 tag."""
    pack = shutil.copytree(REPO / "tests/roots/terms", tmp_path / "terms")
    po = pack / "locales/fr-CA/LC_MESSAGES/presskit.po"
    po.unlink()
    result = run(pack, "i18n", "init", "fr-CA")
    assert result.exit_code == 0, result.output
    text = po.read_text(encoding="utf-8")
    assert text.startswith('# Translation of the press pack "Alpine Rescue Network".')
    assert '"Language: fr_CA\\n"' in text and "Language-Team: French (Canada)" in text
    assert read_catalog(po, "fr-CA.po", "fr-CA").num_plurals == 3


def test_compile_writes_mo_files(pack: Path) -> None:
    result = run(pack, "i18n", "compile")
    assert result.exit_code == 0, result.output
    for language in TRANSLATED:
        assert (pack / f"locales/{language}/LC_MESSAGES/presskit.mo").stat().st_size > 1000


# Plural rules and locale formats


def localizer(language: str) -> Localizer:
    return Localizer(
        load_config(REPO).language(language), load_catalog(load_config(REPO), language)
    )


def test_arabic_uses_six_plural_forms() -> None:
    loc = localizer("ar")
    assert loc.catalog is not None
    strings = loc.catalog.entry(COALITION).string
    assert len(strings) == 6 and all("{signatories}" in s for s in strings)
    # CLDR categories in CLDR's order: zero, one, two, few (3-10), many (11-99), other.
    for count, index in ((0, 0), (1, 1), (2, 2), (5, 3), (110, 3), (101, 5), (223, 4), (46, 4)):
        assert loc.text(COALITION, count) == strings[index], count
    assert strings[2] != strings[3] != strings[4]  # dual, plural and tamyiz differ


def test_russian_uses_three_plural_forms() -> None:
    loc = localizer("ru")
    one, few, many = (loc.text(COALITION, n) for n in (21, 223, 25))
    assert len({one, few, many}) == 3
    assert loc.text(COALITION, 1) == one and loc.text(COALITION, 3) == few


def test_numbers_and_dates_follow_the_locale() -> None:
    fr, zh, ar, ru, es = (localizer(code) for code in ("fr", "zh", "ar", "ru", "es"))
    assert fr.number(250000) == "250\u202f000"
    assert fr.date(dt.date(2016, 12, 1)) == "1er décembre 2016"  # French's ordinal first day
    assert fr.date(dt.date(2016, 12, 2)) == "2 décembre 2016"
    assert es.date(dt.date(2016, 12, 1)) == "1 de diciembre de 2016"
    assert ru.date(dt.date(1950, 11, 3)) == "3 ноября 1950\u202fг."
    assert zh.date(dt.date(2016, 12, 1)) == "2016年12月1日"
    assert ar.date(dt.date(2016, 12, 1)) == "1 كانون الأول/ديسمبر 2016"  # the UN's style
    assert fr.language_name("en") == "anglais"


# Localized builds and the completeness policy


@pytest.fixture(scope="module")
def french_release(example_build: Path) -> Path:
    return example_build


def test_french_release_is_french_with_french_dates_and_numbers(french_release: Path) -> None:
    # pdftotext gives no-break spaces as plain spaces.
    text = pdftotext(french_release / "output/fr/MDE2452552016-release-fr.pdf").replace(
        "\u00a0", " "
    )
    assert "Index AI : MDE 24/5255/2016" in text
    assert "Date : 1er décembre 2016" in text
    assert "Langue originale : anglais" in text
    assert "POUR DIFFUSION IMMÉDIATE" in text
    assert "Conseil de sécurité" in text and "Assemblée générale" in text
    for english in ("The declaration states", "Security Council", "FOR IMMEDIATE RELEASE", "ENDS"):
        assert english not in text
    assert "Dr Simon Adams" in text and "Jamie.pb@crisisaction.org" in text


def test_editing_one_french_msgstr_changes_french_outputs_only(french_release: Path) -> None:
    before = snapshot(french_release / "output")
    po = french_release / "locales/fr/LC_MESSAGES/presskit.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "FIN"', 'msgstr "— FIN —"'), encoding="utf-8")
    result = run(french_release, "build", "--lang", "fr", "--lang", "es", "--doc", "release")
    assert result.exit_code == 0, result.output
    after = snapshot(french_release / "output")
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {
        "fr/MDE2452552016-release-fr.pdf",
        "fr/MDE2452552016-release-fr.docx",
        "manifest.json",
    }


def test_missing_translation_refuses_the_document(pack: Path) -> None:
    po = pack / "locales/fr/LC_MESSAGES/presskit.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    index = lines.index('msgid "Signed:"')
    lines[index + 1] = 'msgstr ""'
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(pack, "build", "--lang", "fr", "--doc", "appeal", "--format", "docx")
    assert result.exit_code == 1
    assert result.output.startswith(f"presskit: locales/fr/LC_MESSAGES/presskit.po:{index + 1}: ")
    assert "'appeal' is 94% translated into fr" in result.output
    assert "untranslated 'Signed:' (content/appeal.yaml:" in result.output
    assert not (pack / "output").exists()
    # Other documents do not print the unit and still build.
    assert run(pack, "build", "--lang", "fr", "--doc", "notes", "--format", "docx").exit_code == 0

    result = run(pack, "build", "--lang", "fr", "--doc", "appeal", "--allow-incomplete")
    assert result.exit_code == 0, result.output
    assert "warning: fr/appeal: 1 unit printed in the source language" in result.output
    manifest = json.loads((pack / "output/manifest.json").read_text())
    appeal = [e for e in manifest["documents"] if e["document"] == "appeal"]
    assert {e["fallback_units"] for e in appeal} == {1}
    assert "Signed:" in pdftotext(pack / "output/fr/MDE2452542016-appeal-fr.pdf")


def test_fuzzy_counts_as_untranslated_and_threshold_is_configurable(pack: Path) -> None:
    po = pack / "locales/es/LC_MESSAGES/presskit.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "ENDS"', '#, fuzzy\nmsgid "ENDS"'), encoding="utf-8")
    result = run(pack, "build", "--lang", "es", "--doc", "release", "--format", "docx")
    assert result.exit_code == 1 and "untranslated 'ENDS'" in result.output
    toml = pack / "presskit.toml"
    toml.write_text(toml.read_text() + "\n[completeness]\nrelease = 90\n")
    result = run(pack, "build", "--lang", "es", "--doc", "release", "--format", "docx")
    assert result.exit_code == 0, result.output
    assert "1 unit printed in the source language" in result.output


def test_translation_with_a_foreign_placeholder_is_rejected(pack: Path) -> None:
    po = pack / "locales/fr/LC_MESSAGES/presskit.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "FIN"', 'msgstr "FIN {signatories}"'), encoding="utf-8")
    result = run(pack, "build", "--lang", "fr", "--doc", "release", "--format", "docx")
    assert result.exit_code == 1
    assert result.output.startswith("presskit: locales/fr/LC_MESSAGES/presskit.po:")
    assert "uses {signatories}, which the source text does not have" in result.output


def test_plural_unit_translated_as_singular_counts_as_missing(pack: Path) -> None:
    po = pack / "locales/fr/LC_MESSAGES/presskit.po"
    catalog = read_catalog(po, "fr.po", "fr")
    entry = catalog.get(COALITION.msgid)
    text = po.read_text(encoding="utf-8")
    start = text.index('msgid_plural ""\n"This is why we')
    end = text.index("\n\n", start)
    singular = '\nmsgstr "' + entry.string[1].replace('"', '\\"') + '"'
    po.write_text(text[:start] + singular.lstrip("\n") + text[end:], encoding="utf-8")
    result = run(pack, "build", "--lang", "fr", "--doc", "appeal", "--format", "docx")
    assert result.exit_code == 1
    assert "untranslated 'This is why we, a global coalition" in result.output


def test_a_unit_with_a_percent_sign_passes_msgfmt_check(pack: Path) -> None:
    release = pack / "content" / "release.yaml"
    release.write_text(
        release.read_text(encoding="utf-8").replace(
            "      The declaration states that",
            "      Some 90% of delegations know it (a sample sentence for this test). The"
            " declaration states that",
            1,
        ),
        encoding="utf-8",
    )
    assert run(pack, "i18n", "extract").exit_code == 0
    assert run(pack, "i18n", "update", "--lang", "fr").exit_code == 0
    po = pack / "locales/fr/LC_MESSAGES/presskit.po"
    text = po.read_text(encoding="utf-8")
    assert "python-format\n" not in text.replace("python-brace-format", "")
    # The translator's entry (fuzzy after the source changed) is translated and reviewed.
    entry = text.index('"Some 90% of delegations')
    start = text.rindex("\n\n", 0, entry)
    end = text.index("\n\n", entry)
    block = text[start:end]
    fixed = block.replace("#, fuzzy, python-brace-format", "#, python-brace-format").replace(
        "#, fuzzy", ""
    )
    po.write_text(text.replace(block, fixed), encoding="utf-8")
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr


def test_catalog_headers_carry_the_newest_document_date(pack: Path) -> None:
    notes = pack / "content" / "notes.yaml"
    notes.write_text(
        notes.read_text(encoding="utf-8").replace("date: 2016-12-01", "date: 2016-12-05")
    )
    assert run(pack, "i18n", "extract").exit_code == 0
    template = (pack / "locales/presskit.pot").read_text(encoding="utf-8")
    assert '"POT-Creation-Date: 2016-12-05 00:00+0000\\n"' in template
    assert run(pack, "i18n", "update", "--lang", "fr").exit_code == 0
    catalog = (pack / "locales/fr/LC_MESSAGES/presskit.po").read_text(encoding="utf-8")
    assert '"PO-Revision-Date: 2016-12-05 00:00+0000\\n"' in catalog
