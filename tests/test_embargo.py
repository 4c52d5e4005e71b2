"""Release lines: `release: immediate`, an embargo in every edition's own formats, and the
older `release_line` spelling."""

from __future__ import annotations

import datetime as dt
import email
import re
import shutil
import subprocess
import unicodedata
import zoneinfo
from email import policy
from pathlib import Path

import docx
import pytest
from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.messages.pofile import read_po

from presskit.config import load_config
from presskit.i18n.localize import Localizer
from presskit.project import Project
from tests.conftest import REPO, edit, pdftotext, run

ROOT = REPO / "tests" / "roots" / "embargo"
RELEASE = "content/release.yaml"
EMBARGO_LINE = 'release: {embargo: "2023-08-19 00:01", zone: Europe/London}'
UNTIL = dt.datetime(2023, 8, 19, 0, 1, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
LANGS = ["en", "fr", "ar", "zh"]
ENGLISH = "EMBARGOED UNTIL 00:01 BST, 19 August 2023"


@pytest.fixture
def fisheries(tmp_path: Path) -> Path:
    """The coastal fisheries coalition's pack, safe to edit."""
    return shutil.copytree(ROOT, tmp_path / "fisheries")


@pytest.fixture(scope="module")
def mailed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pack built in every language, with its e-mail drafts."""
    pack = shutil.copytree(ROOT, tmp_path_factory.mktemp("embargo") / "fisheries")
    result = run(pack, "email")
    assert result.exit_code == 0, result.output
    return pack


def expected_line(language: str) -> str:
    """The embargo as the edition must print it: its catalog's wording, filled with
    CLDR's long date, short time and the zone's short name for that locale and day."""
    locale = Locale.parse(load_config(ROOT).language(language).locale)
    template = "EMBARGOED UNTIL {time} {zone}, {date}"
    if language != "en":
        with (ROOT / f"locales/{language}/LC_MESSAGES/presskit.po").open("rb") as handle:
            template = read_po(handle)[template].string
    zone = format_datetime(UNTIL, "z", locale=locale)
    if re.fullmatch(r"[+-]\d{4}", zone):  # no short name: CLDR's localized GMT form
        zone = locale.zone_formats["gmt"] % "+1"
    return template.format(
        date=format_date(UNTIL.date(), "long", locale=locale),
        time=format_time(UNTIL.time(), "short", locale=locale),
        zone=zone,
    )


def letters(text: str) -> str:
    """Letters, marks and digits only: pdftotext moves neutral punctuation around
    right-to-left runs and adds bidi controls."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LMN")


def folded(text: str) -> str:
    return " ".join(text.split())


def release_file(pack: Path, language: str, extension: str) -> Path:
    return pack / f"output/{language}/CFC202307-release-{language}.{extension}"


def test_the_expected_english_line_is_cldrs() -> None:
    assert expected_line("en") == ENGLISH


@pytest.mark.parametrize(
    ("moment", "language", "expected"),
    [
        ("2023-08-19 00:01 Europe/London", "en", "BST"),
        ("2023-01-19 00:01 Europe/London", "en", "GMT"),
        ("2023-08-19 00:01 Europe/London", "fr", "UTC+1"),  # CLDR has no French "BST"
        ("2023-01-19 00:01 Europe/London", "ar", "غرينتش"),
        ("2023-08-19 00:01 Asia/Kolkata", "fr", "UTC+5:30"),
        ("2023-08-19 00:01 America/St_Johns", "zh", "GMT-2:30"),
        ("2023-08-19 00:01 Europe/Paris", "en", "CEST"),
    ],
)
def test_zone_names_are_cldrs_short_names_or_its_offset_form(
    moment: str, language: str, expected: str
) -> None:
    day, time, zone = moment.split()
    until = dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=zoneinfo.ZoneInfo(zone))
    assert Localizer(load_config(ROOT).language(language)).zone(until) == expected


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGS)
def test_page_one_of_the_pdf_prints_the_embargo_in_its_language(
    mailed: Path, language: str
) -> None:
    page = pdftotext(release_file(mailed, language, "pdf"), page=1)
    line = expected_line(language)
    if load_config(ROOT).language(language).rtl:
        assert letters(line) in letters(page)
    else:
        assert line in folded(page)
    if language == "en":
        assert ENGLISH in page


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGS)
def test_the_docx_prints_the_embargo_above_the_title(mailed: Path, language: str) -> None:
    document = docx.Document(str(release_file(mailed, language, "docx")))
    texts = [p.text for p in document.paragraphs]
    title = document.core_properties.title
    assert expected_line(language) in texts[: texts.index(title)]


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGS)
def test_pdf_and_docx_metadata_carry_the_embargo(mailed: Path, language: str) -> None:
    line = expected_line(language)
    info = subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", str(release_file(mailed, language, "pdf"))],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    subject = re.search(r"^Subject:\s+(.*)$", info, re.M)
    assert subject and subject.group(1).endswith(f"CFC/2023-07 · {line}")
    core = docx.Document(str(release_file(mailed, language, "docx"))).core_properties
    assert core.subject.endswith(f"CFC/2023-07 · {line}")
    assert core.comments == line  # what Word's File > Info shows


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGS)
def test_the_email_subject_leads_with_the_embargo(mailed: Path, language: str) -> None:
    data = (mailed / f"output/email/inshore-fishing-futures-{language}.eml").read_bytes()
    message = email.message_from_bytes(data, policy=policy.default)
    title = Project(load_config(mailed)).tree("release", language).title
    separator = "：" if language == "zh" else ": "
    # Decoded exactly: every space survives the header's folding into encoded words.
    assert message["Subject"] == f"{expected_line(language)}{separator}{title}"
    assert all(len(line) <= 78 for line in data.split(b"\n\n")[0].splitlines())


@pytest.mark.slow
def test_a_document_without_release_prints_no_release_line(mailed: Path) -> None:
    pdf = mailed / "output/en/CFC202308-briefing-en.pdf"
    assert "EMBARGO" not in pdftotext(pdf) and "RELEASE" not in pdftotext(pdf)


@pytest.mark.parametrize(
    ("release", "message"),
    [
        (
            'release: {embargo: "2023-08-19 00:01", zone: Europe/Londres}',
            r"unknown time zone 'Europe/Londres'",
        ),
        (
            'release: {embargo: "2023-02-30 00:01", zone: Europe/London}',
            r"embargo '2023-02-30 00:01' is not a date and time \(YYYY-MM-DD HH:MM\)",
        ),
        (
            'release: {embargo: "2023-08-19", zone: Europe/London}',
            r"embargo '2023-08-19' is not a date and time \(YYYY-MM-DD HH:MM\)",
        ),
        (
            'release: {embargo: "2023-03-26 01:30", zone: Europe/London}',
            r"embargo '2023-03-26 01:30' does not exist in Europe/London",
        ),
        (
            'release: {embargo: "2023-08-19 00:01", zone: Europe/London, until: soon}',
            r"unknown key 'until' in release \(expected one of: embargo, zone\)",
        ),
        ("release: {zone: Europe/London}", r"the release has no 'embargo'"),
        ("release: tomorrow", r"release must be 'immediate' or \{embargo: "),
        (
            EMBARGO_LINE + "\nrelease_line: true",
            r"a document has either 'release' or the older 'release_line', not both",
        ),
    ],
)
def test_a_bad_release_is_refused_at_its_line(fisheries: Path, release: str, message: str) -> None:
    edit(fisheries / RELEASE, EMBARGO_LINE, release)
    result = run(fisheries, "build", "--format", "docx")
    assert result.exit_code == 1, result.output
    assert len(result.output.splitlines()) == 1, result.output
    line = 7 if "release_line" in release else 6
    assert re.match(rf"presskit: content/release\.yaml:{line}: {message}", result.output), (
        result.output
    )
    assert not (fisheries / "output").exists()


def test_release_line_true_still_builds_with_one_deprecation_warning(fisheries: Path) -> None:
    edit(fisheries / RELEASE, EMBARGO_LINE, "release_line: true")
    result = run(fisheries, "build", "--lang", "en", "--format", "docx")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "deprecated" in line]
    assert warnings == [
        "content/release.yaml:6: warning: deprecated: 'release_line: true' is deprecated: "
        "write 'release: immediate' (see docs/content.md)"
    ]
    document = docx.Document(str(release_file(fisheries, "en", "docx")))
    assert "FOR IMMEDIATE RELEASE" in [p.text for p in document.paragraphs]


def test_check_lists_the_old_spelling_as_a_warning(fisheries: Path) -> None:
    edit(fisheries / RELEASE, EMBARGO_LINE, "release_line: false")
    result = run(fisheries, "check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "content/release.yaml:6: warning: deprecated: 'release_line: false' is deprecated: "
        "write no 'release' key (see docs/content.md)",
        "0 errors, 1 warnings",
    ]


@pytest.mark.parametrize("release", [EMBARGO_LINE, "release: immediate", "release_line: true"])
def test_a_release_in_either_spelling_needs_a_contact(fisheries: Path, release: str) -> None:
    edit(fisheries / RELEASE, EMBARGO_LINE, release)
    edit(fisheries / RELEASE, '  - contact:\n      label: "Media contact:"\n      who: media\n', "")
    result = run(fisheries, "check")
    assert result.exit_code == 1
    assert "content/release.yaml:2: error: contact-missing" in result.output, result.output
