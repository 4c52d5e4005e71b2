"""Language records: what presskit derives from CLDR, and what a pack may override."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from presskit.i18n.localize import Localizer
from presskit.languages import UnknownLanguage, resolve
from tests.conftest import REPO, run


@pytest.mark.parametrize(
    ("code", "script", "direction", "html", "word", "font"),
    [
        ("pt-BR", "Latn", "ltr", "pt-BR", "pt-BR", "Noto Sans"),
        ("fa", "Arab", "rtl", "fa", "fa-IR", "Noto Naskh Arabic"),
        ("ur", "Aran", "rtl", "ur", "ur-PK", "Noto Nastaliq Urdu"),
        ("he", "Hebr", "rtl", "he", "he-IL", "Noto Sans Hebrew"),
        ("zh", "Hans", "ltr", "zh-Hans", "zh-CN", "Noto Sans CJK SC"),
        ("zh-Hant-TW", "Hant", "ltr", "zh-Hant-TW", "zh-TW", "Noto Sans CJK TC"),
        ("ja", "Jpan", "ltr", "ja", "ja-JP", "Noto Sans CJK JP"),
        ("sr-Latn", "Latn", "ltr", "sr-Latn", "sr-Latn-RS", "Noto Sans"),
        ("sr", "Cyrl", "ltr", "sr-Cyrl", "sr-Cyrl-RS", "Noto Sans"),
        ("hi", "Deva", "ltr", "hi", "hi-IN", "Noto Sans Devanagari"),
        ("km", "Khmr", "ltr", "km", "km-KH", "Noto Sans Khmer"),
    ],
)
def test_cldr_gives_script_direction_and_tags(
    code: str, script: str, direction: str, html: str, word: str, font: str
) -> None:
    language = resolve(code)
    assert language.script.code == script
    assert language.direction == direction
    assert (language.html_lang, language.word_lang, language.font) == (html, word, font)


def test_numbers_use_the_locales_default_digits_unless_the_pack_says() -> None:
    persian = Localizer(resolve("fa"))
    assert persian.number(1250) == "۱٬۲۵۰"
    assert persian.date(dt.date(2025, 6, 5)) == "۵ ژوئن ۲۰۲۵"
    assert Localizer(resolve("bn")).number(2025) == "২,০২৫"
    assert Localizer(resolve("fa", {"digits": "latn"})).number(1250) == "1,250"


def test_press_conventions_are_language_data() -> None:
    french = Localizer(resolve("fr-CA"))  # a regional variant keeps its language's data
    assert french.date(dt.date(2016, 12, 1)) == "1er décembre 2016"
    plain = Localizer(resolve("fr", {"first_day": "1"}))  # a pack may write it plainly
    assert plain.date(dt.date(2016, 12, 1)) == "1 décembre 2016"
    arabic = Localizer(resolve("ar", {"months": "un"}))
    assert arabic.date(dt.date(2016, 7, 1)) == "1 تموز/يوليه 2016"
    own = [f"m{n}" for n in range(1, 13)]
    assert Localizer(resolve("en", {"months": own})).date(dt.date(2016, 3, 4)) == "m3 4, 2016"


@pytest.mark.parametrize(
    ("code", "settings", "message"),
    [
        ("xx", {}, "unknown language 'xx': CLDR has no such locale"),
        ("fa", {"digits": "roman"}, "unknown digits 'roman' for 'fa'"),
        ("fa", {"script": "Zzzz"}, "no typesetting for the script Zzzz of 'fa'"),
        ("ar", {"months": "solar"}, "unknown month style 'solar' for 'ar'"),
        ("ar", {"font": '"}</style><script>'}, "'font' of 'ar' must be a font family name"),
        ("en", {"colour": "red"}, "unknown setting 'colour' for 'en'"),
    ],
)
def test_bad_settings_are_refused(code: str, settings: dict, message: str) -> None:
    with pytest.raises(UnknownLanguage) as caught:
        resolve(code, settings)
    assert str(caught.value).startswith(message)


def test_a_languages_table_error_names_presskit_toml(tmp_path: Path) -> None:
    pack = shutil.copytree(REPO / "tests" / "roots" / "no-lists", tmp_path / "pack")
    config = pack / "presskit.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[languages.en]\ndigits = "roman"\n',
        encoding="utf-8",
    )
    result = run(pack, "check")
    assert result.exit_code == 1
    assert re.match(r"presskit: presskit\.toml(:\d+)?: unknown digits 'roman'", result.output)


def test_the_example_pack_sets_what_differs_from_cldr() -> None:
    text = (REPO / "presskit.toml").read_text(encoding="utf-8")
    assert '[languages.en]\nlocale = "en-GB"' in text
    assert 'digits = "latn"\nmonths = "un"' in text


def test_presskit_languages_lists_scripts_and_installed_faces() -> None:
    result = run(REPO, "languages")
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.output.splitlines()[1:] if line.strip()}
    assert len(rows) > 200
    for code, script in (("fa", "Arabic"), ("th", "Thai"), ("ko", "Korean"), ("am", "Ethiopic")):
        assert script in rows[code] and rows[code].rstrip().endswith("yes"), rows[code]


@pytest.mark.slow
def test_the_glyph_check_reads_the_faces_a_pack_chooses(tmp_path: Path) -> None:
    """A face named in [languages.<code>] that cannot draw the language is reported."""
    pack = shutil.copytree(REPO / "tests" / "roots" / "languages", tmp_path / "pack")
    result = run(pack, "check", "--lang", "fa")
    assert "glyphs" not in result.output, result.output
    config = pack / "presskit.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[languages.fa]\nfont = "Noto Sans Hebrew"\n',
        encoding="utf-8",
    )
    result = run(pack, "check", "--lang", "fa")
    assert "warning: glyphs:" in result.output and "fa" in result.output, result.output
