"""Ready to send: e-mail drafts, bundles, tagged PDFs, reproducible files."""

from __future__ import annotations

import email
import hashlib
import json
import os
import re
import subprocess
import zipfile
from email import policy
from pathlib import Path

import pytest

from tests.conftest import copy_pack, run

EPOCH = "1480600000"  # 2016-12-01 13:46:40 UTC


@pytest.fixture(scope="module")
def twin_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The whole pack built twice, into two folders, with the same SOURCE_DATE_EPOCH."""
    root = tmp_path_factory.mktemp("twins")
    pack = copy_pack(root / "pack")
    outputs = (root / "first", root / "second")
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        for out in outputs:
            assert run(pack, "build", "--output", str(out)).exit_code == 0
            assert run(pack, "bundle", "--output", str(out)).exit_code == 0
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return outputs


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_builds_with_the_same_epoch_are_byte_identical(twin_builds: tuple[Path, Path]) -> None:
    first, second = twin_builds
    manifest = json.loads((first / "manifest.json").read_text())
    assert len(manifest["documents"]) == 48
    for entry in manifest["documents"]:
        assert sha256(first / entry["path"]) == sha256(second / entry["path"]) == entry["sha256"]
    zips = sorted(p.name for p in (first / "bundles").glob("*.zip"))
    assert len(zips) == 7
    for name in zips:
        assert sha256(first / "bundles" / name) == sha256(second / "bundles" / name), name
    assert (first / "manifest.json").read_bytes() == (second / "manifest.json").read_bytes()


def test_epoch_is_the_date_in_pdf_and_docx(twin_builds: tuple[Path, Path]) -> None:
    first, _ = twin_builds
    info = subprocess.run(
        ["pdfinfo", str(first / "fr/MDE2452542016-appeal-fr.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "CreationDate:    Thu Dec  1 13:46:40 2016 UTC" in info
    with zipfile.ZipFile(first / "fr/MDE2452542016-appeal-fr.docx") as package:
        core = package.read("docProps/core.xml").decode()
        assert {i.date_time for i in package.infolist()} == {(2016, 12, 1, 13, 46, 40)}
    assert "2016-12-01T13:46:40Z" in core


def test_every_pdf_is_tagged_titled_and_valid(twin_builds: tuple[Path, Path]) -> None:
    first, _ = twin_builds
    pdfs = sorted(first.rglob("*.pdf"))
    assert len(pdfs) == 24
    for pdf in pdfs:
        info = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        assert "Tagged:          yes" in info, pdf.name
        title = next(line for line in info.splitlines() if line.startswith("Title:"))
        assert len(title.split(":", 1)[1].strip()) >= 4, pdf.name
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, (pdf.name, check.stdout, check.stderr)
    raw = subprocess.run(
        [
            "qpdf",
            "--qdf",
            "--object-streams=disable",
            str(first / "ar/MDE2452542016-appeal-ar.pdf"),
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout
    assert b"pdfuaid:part" in raw and b"/StructTreeRoot" in raw and b"/Lang (ar)" in raw
    assert b"MDE 24/5254/2016" in raw


def test_bundles_hold_their_languages_and_a_manifest(twin_builds: tuple[Path, Path]) -> None:
    first, _ = twin_builds
    with zipfile.ZipFile(first / "bundles/uniting-for-peace-in-syria-fr.zip") as bundle:
        names = bundle.namelist()
        manifest = json.loads(bundle.read("manifest.json"))
        assert names[0] == "manifest.json"
        assert sorted(names[1:]) == sorted(e["path"] for e in manifest["documents"])
        assert len(names) == 9 and all(n.startswith("fr/") for n in names[1:])
        for entry in manifest["documents"]:
            assert hashlib.sha256(bundle.read(entry["path"])).hexdigest() == entry["sha256"]
    with zipfile.ZipFile(first / "bundles/uniting-for-peace-in-syria-all.zip") as bundle:
        assert len(bundle.namelist()) == 49


def test_every_zip_entry_is_a_regular_file(twin_builds: tuple[Path, Path]) -> None:
    """`unzip -Z` (zipinfo) lists each entry of the bundles and of the Word files as a
    regular file (``-rw-r--r--``), not of unknown type (``?rw-r--r--``)."""
    first, _ = twin_builds
    archives = [*(first / "bundles").glob("*.zip"), *first.rglob("*.docx")]
    assert len(archives) == 7 + 24
    for archive in archives:
        listing = subprocess.run(
            ["unzip", "-Z", "-s", str(archive)], capture_output=True, text=True, check=True
        ).stdout
        # An entry's line starts with its type and mode: "-rw-r--r--  2.0 unx …".
        entries = [line for line in listing.splitlines() if " unx " in line or " fat " in line]
        modes = [line.split()[0] for line in entries]
        assert modes and all(mode == "-rw-r--r--" for mode in modes), (archive.name, modes)


# E-mail drafts


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = copy_pack(tmp_path_factory.mktemp("mail") / "pack")
    toml = pack / "presskit.toml"
    toml.write_text(
        toml.read_text().replace(
            "[email]\n",
            '[email]\nfrom = "press@example.org"\nto = ["desk@example.com", "news@example.net"]\n'
            "size_budget_mb = 0.1\n",
        )
    )
    result = run(pack, "email", "--lang", "fr", "--lang", "ar", "--lang", "zh")
    assert result.exit_code == 0, result.output
    # Warned, still written.
    assert re.search(r"-ar\.eml is \d+\.\d MB, over the 0\.1 MB budget", result.output)
    return pack


def read_draft(pack: Path, language: str) -> email.message.EmailMessage:
    data = (pack / f"output/email/uniting-for-peace-in-syria-{language}.eml").read_bytes()
    return email.message_from_bytes(data, policy=policy.default)


@pytest.mark.parametrize(
    ("language", "subject", "opening"),
    [
        # The subject is one line of plain spaces (presskit/drafts.py::subject).
        (
            "fr",
            "« L’union pour le maintien de la paix » en Syrie",
            "catastrophe humanitaire se déroule à Alep",
        ),
        ("ar", "الاتحاد من أجل السلام في سوريا", "في الوقت الذي تتكشف"),
        ("zh", "为叙利亚联合一致共策和平", "在阿勒颇人道主义灾难正在上演之际"),
    ],
)
def test_draft_reads_back_with_subject_bodies_and_attachments(
    drafts: Path, language: str, subject: str, opening: str
) -> None:
    message = read_draft(drafts, language)
    assert message["Subject"].startswith(subject)
    assert message["Content-Language"] == {"zh": "zh-Hans"}.get(language, language)
    assert message["X-Unsent"] == "1"
    assert message["From"] == "press@example.org"
    assert message["To"] == "desk@example.com, news@example.net"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert opening in text
    assert opening in html
    assert "Jamie.pb@crisisaction.org" in text and "mailto:Jamie.pb@crisisaction.org" in html
    manifest = json.loads((drafts / "output/manifest.json").read_text())
    expected = {
        Path(e["path"]).name: e["sha256"]
        for e in manifest["documents"]
        if e["language"] == language
    }
    attached = {
        part.get_filename(): hashlib.sha256(part.get_content()).hexdigest()
        for part in message.iter_attachments()
    }
    assert attached == expected and len(attached) == 8
    first = next(message.iter_attachments()).get_filename()
    assert first.startswith("MDE2452552016-release-"), first  # the release comes first


def test_arabic_html_body_is_right_to_left(drafts: Path) -> None:
    html = read_draft(drafts, "ar").get_body(("html",)).get_content()
    assert '<html lang="ar" dir="rtl">' in html


def test_french_draft_carries_ends_and_the_whole_notes_to_editors(drafts: Path) -> None:
    from presskit.config import load_config
    from presskit.doctree.inline import plain_text
    from presskit.doctree.nodes import BulletList, Paragraph
    from presskit.project import Project

    message = read_draft(drafts, "fr")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "\nFIN\n" in text
    assert "\nNOTES AUX RÉDACTIONS\n" in text
    assert "- 223 organisations" in text
    # Every paragraph and bullet of the notes, to the last one, is in both bodies.
    notes = Project(load_config(drafts)).tree("notes", "fr")
    pieces = [plain_text(b.children) for b in notes.blocks if isinstance(b, Paragraph)]
    pieces += [plain_text(i) for b in notes.blocks if isinstance(b, BulletList) for i in b.items]
    assert len(pieces) > 10
    for piece in pieces:
        assert piece in text, piece
        assert html_text(html).count(" ".join(piece.split())) >= 1, piece


def html_text(html: str) -> str:
    """The text of an HTML body, tags removed and entities decoded, spaces folded."""
    import html as html_module
    import re

    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", html)).split())


@pytest.mark.slow
def test_no_sender_is_invented(pack: Path) -> None:
    result = run(pack, "email", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "uniting-for-peace-in-syria-en.eml has no sender ([email] from or --from)" in (
        result.output
    )
    assert "has no recipient ([email] to or --to)" in result.output
    message = read_draft(pack, "en")
    assert message["From"] is None and message["To"] is None
    result = run(
        pack, "email", "--lang", "en", "--from", "me@example.org", "--to", "you@example.org"
    )
    message = read_draft(pack, "en")
    assert (message["From"], message["To"]) == ("me@example.org", "you@example.org")
