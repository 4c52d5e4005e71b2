"""What a line may not break, found in running text of any language: dates from each
locale's CLDR formats, addresses, acronyms, and the names a pack prints as written."""

from __future__ import annotations

import time

import pytest

from presskit.doctree.keep import Keeper
from presskit.doctree.nodes import Text
from presskit.i18n.localize import Localizer
from presskit.languages import resolve


def kept(code: str, text: str, names: tuple[str, ...] = (), **settings: object) -> list:
    language = resolve(code, settings or None)
    latin = language.font == "Noto Sans"
    keeper = Keeper(Localizer(language).date_pattern(), names, latin_text=latin)
    return [
        (node.text, node.keep if isinstance(node, Text) else "isolate")
        for node in keeper.apply((Text(text),))
        if not (isinstance(node, Text) and node.keep is None)
    ]


@pytest.mark.parametrize(
    ("code", "text", "date"),
    [
        ("en-GB", "adopted on 3 November 1950, an emergency", "3 November 1950"),
        ("en", "on November 3, 1950, the", "November 3, 1950"),
        ("fr", "le 1er décembre 2016 à Alep", "1er décembre 2016"),
        ("es", "el 3 de noviembre de 1950 en", "3 de noviembre de 1950"),
        ("ru", "3 ноября 1950 г. Генеральная", "3 ноября 1950 г."),
        ("de", "am 3. November 1950 hat", "3. November 1950"),
        ("zh", "于1950年11月3日通过", "1950年11月3日"),
        ("ja", "2025年9月21日に開催", "2025年9月21日"),
        ("fa", "در ۲۱ سپتامبر ۲۰۲۵ عرضه", "۲۱ سپتامبر ۲۰۲۵"),
    ],
)
def test_a_typed_date_is_kept_whole(code: str, text: str, date: str) -> None:
    assert (date, "whole") in kept(code, text)


def test_the_un_arabic_months_are_dates_too() -> None:
    found = kept("ar", "في 3 تشرين الثاني/نوفمبر 1950 اعتمدت", months="un")
    assert ("3 تشرين الثاني/نوفمبر 1950", "whole") in found


def test_a_number_before_a_word_is_no_date() -> None:
    assert kept("en", "3 Marines and 113 members") == []


def test_acronyms_are_kept_as_a_line_or_a_dictionary_could_break_them() -> None:
    found = kept("en", "FORUM-ASIA, ABONG and the UN signed")
    assert found == [("FORUM-ASIA", "whole"), ("ABONG", "name")]  # "UN": nothing to do


def test_names_the_pack_prints_are_never_hyphenated_in_prose() -> None:
    found = kept("en", "including Amnesty International and Oxfam", ("Amnesty International",))
    assert found == [("Amnesty International", "name")]


def test_addresses_in_prose_are_kept_whole_and_isolated_right_to_left() -> None:
    found = kept("en", "See www.example.org/report-2016, or write to press@example.org.")
    assert found == [("www.example.org/report-2016", "whole"), ("press@example.org", "whole")]
    assert kept("ar", "راجع https://example.org/a-b. شكرا") == [
        ("https://example.org/a-b", "isolate")
    ]


def test_a_long_run_of_letters_is_read_once_not_from_each_character() -> None:
    """A hang guard, not a speed target: tried again from each of its characters, a
    100,000-character word took minutes (quadratic); read once, milliseconds."""
    keeper = Keeper(None, ("Harbour Youth Choir",), latin_text=True)
    start = time.perf_counter()
    for text in ("a" * 100_000, "a." * 50_000, "www." * 25_000, "a@" * 50_000):
        assert keeper.apply((Text(text),))
    assert time.perf_counter() - start < 20
