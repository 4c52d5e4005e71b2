"""Bad input: one located line, the right exit status, no traceback, output untouched."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import copy_pack, run, snapshot

BUILD = ("build", "--lang", "en", "--lang", "fr", "--doc", "notes", "--format", "docx")
FR_PO = "locales/fr/LC_MESSAGES/presskit.po"
FR_PLURAL = 'plural=(n == 0 || n == 1 ? 0 : n != 0 && n % "\n"1000000 == 0 ? 1 : 2);'


def replace(file: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(pack: Path) -> None:
        path = pack / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def write_bytes(file: str, data: bytes) -> Callable[[Path], None]:
    return lambda pack: (pack / file).write_bytes(data)


def append(file: str, text: str) -> Callable[[Path], None]:
    def mutate(pack: Path) -> None:
        with (pack / file).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return mutate


def prepend(file: str, text: str) -> Callable[[Path], None]:
    def mutate(pack: Path) -> None:
        path = pack / file
        path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")

    return mutate


def remove(file: str) -> Callable[[Path], None]:
    return lambda pack: (pack / file).unlink()


def nothing(pack: Path) -> None:
    del pack


# (id, mutation, extra args or None for BUILD, exit status, message pattern after "presskit: ")
CASES = [
    (
        "yaml-syntax",
        replace("content/notes.yaml", "title: Notes to the editor", "title: [Notes"),
        None,
        1,
        r"content/notes\.yaml:\d+: YAML syntax error",
    ),
    (
        "yaml-not-utf8",
        write_bytes("content/notes.yaml", b"document: notes\ntitle: \xff\xfe\n"),
        None,
        1,
        r"content/notes\.yaml:2: not valid UTF-8 text",
    ),
    (
        "yaml-empty",
        write_bytes("content/notes.yaml", b""),
        None,
        1,
        r"content/notes\.yaml:1: the file is empty",
    ),
    (
        "yaml-not-mapping",
        write_bytes("content/notes.yaml", b"- just\n- a list\n"),
        None,
        1,
        r"content/notes\.yaml:1: a document file must be a mapping",
    ),
    (
        "unknown-key",
        replace("content/notes.yaml", "kind: Press release", "kind: Press release\nauthor: x"),
        None,
        1,
        r"content/notes\.yaml:\d+: unknown key 'author'",
    ),
    (
        "malformed-reference",
        replace("content/notes.yaml", "MDE 24/5256/2016", "MDE 24/52/2016"),
        None,
        1,
        r"content/notes\.yaml:\d+: malformed reference 'MDE 24/52/2016'",
    ),
    (
        "duplicate-reference",
        replace("content/notes.yaml", "MDE 24/5256/2016", "MDE 24/5257/2016"),
        None,
        1,
        r"content/explainer\.yaml:\d+: duplicate reference MDE 24/5257/2016: already used by content/notes\.yaml:\d+",
    ),
    (
        "reference-year",
        replace("content/notes.yaml", "MDE 24/5256/2016", "MDE 24/5256/2017"),
        None,
        1,
        r"content/notes\.yaml:\d+: reference MDE 24/5256/2017 names the year 2017",
    ),
    (
        "bad-date",
        replace("content/notes.yaml", "date: 2016-12-01", "date: 1st December"),
        None,
        1,
        r"content/notes\.yaml:\d+: date must be a date \(YYYY-MM-DD\)",
    ),
    (
        "unknown-block",
        replace("content/notes.yaml", "  - spokespeople\n", "  - sidebar\n"),
        None,
        1,
        r"content/notes\.yaml:\d+: unknown block 'sidebar'",
    ),
    (
        "unknown-placeholder",
        replace("content/notes.yaml", "{continents}", "{continent}"),
        None,
        1,
        r"content/notes\.yaml:\d+: unknown placeholder \{continent\}",
    ),
    (
        "unknown-speaker",
        replace("content/release.yaml", "speaker: adams", "speaker: smith"),
        None,
        1,
        r"content/release\.yaml:\d+: unknown speaker 'smith'",
    ),
    (
        "duplicate-signatory",
        replace("content/signatories.yaml", '  - name: "PAX"', '  - name: "PAX"\n  - name: "pax"'),
        None,
        1,
        r"content/signatories\.yaml:\d+: duplicate entry 'pax'",
    ),
    (
        "signatories-missing",
        remove("content/signatories.yaml"),
        None,
        1,
        # The list is optional; the prose that counts it is where the gap shows.
        r"presskit\.toml:\d+: list 'signatories' is configured but "
        r"content/signatories\.yaml does not exist",
    ),
    (
        "figure-not-number",
        replace("content/facts.yaml", "value: 45", "value: forty-five"),
        None,
        1,
        r"content/facts\.yaml:\d+: value must be a whole number",
    ),
    (
        # A label the pack leaves out comes from the theme; one it writes is checked.
        "label-unknown-placeholder",
        replace("templates/labels.yaml", "Page {page} of {pages}", "Page {page} of {total}"),
        None,
        1,
        r"templates/labels\.yaml:\d+: unknown placeholder \{total\} \(known: date, language, pack, page, pages, reference\)",
    ),
    (
        "po-unclosed-string",
        replace(FR_PO, 'msgstr "FIN"', 'msgstr "FIN'),
        None,
        1,
        r"locales/fr/LC_MESSAGES/presskit\.po:\d+: malformed catalog: cannot parse",
    ),
    (
        "po-not-utf8",
        lambda pack: (pack / FR_PO).write_bytes((pack / FR_PO).read_bytes() + b"\n#\xff\n"),
        None,
        1,
        r"locales/fr/LC_MESSAGES/presskit\.po:\d+: catalog is not valid UTF-8",
    ),
    (
        "po-bad-plural-header",
        replace(FR_PO, "nplurals=3; " + FR_PLURAL, "nplurals=three; plural=(n >>> 1);"),
        None,
        1,
        r"locales/fr/LC_MESSAGES/presskit\.po:\d+: malformed catalog",
    ),
    (
        "po-control-character",
        replace(FR_PO, 'msgstr "FIN"', 'msgstr "FIN\x07"'),
        None,
        1,
        r"locales/fr/LC_MESSAGES/presskit\.po:\d+: translation of 'ENDS' contains a control character",
    ),
    (
        "po-foreign-placeholder",
        replace(FR_PO, 'msgstr "FIN"', 'msgstr "FIN {signatories}"'),
        ("build", "--lang", "fr", "--doc", "release", "--format", "docx"),
        1,
        r"locales/fr/LC_MESSAGES/presskit\.po:\d+: translation of 'ENDS' uses \{signatories\}",
    ),
    (
        "po-missing",
        remove(FR_PO),
        None,
        1,
        r"locales/fr/LC_MESSAGES/presskit\.po: no catalog for 'fr' \(create it with: presskit i18n init fr\)",
    ),
    (
        "template-syntax",
        replace("templates/document.html", "{%- endif %}", "{%- endiff %}"),
        ("build", "--lang", "en", "--doc", "notes", "--format", "pdf"),
        1,
        r"templates/document\.html:\d+: template error",
    ),
    (
        "template-undefined",
        replace("templates/document.html", "{{ doc.title }}</h1>", "{{ doc.headline }}</h1>"),
        ("build", "--lang", "en", "--doc", "notes", "--format", "pdf"),
        1,
        r"templates/document\.html:\d+: template error: .*headline",
    ),
    (
        "stylesheet-outside",
        prepend("templates/style.css", '@import url("file:///etc/passwd");\n'),
        ("build", "--lang", "en", "--doc", "notes", "--format", "pdf"),
        1,
        r"templates: the document asks for a resource outside the templates folder: file:///etc/passwd",
    ),
    (
        "toml-syntax",
        replace("presskit.toml", 'output = "output"', 'output = "output'),
        None,
        1,
        r"presskit\.toml:\d+: TOML syntax error",
    ),
    (
        "toml-unknown-language",
        replace("presskit.toml", '"zh"]', '"zh", "xx"]'),
        None,
        1,
        r"presskit\.toml:\d+: unknown language 'xx'",
    ),
    (
        "toml-unknown-document",
        replace("presskit.toml", '"explainer"]', '"explainer", "brochure"]'),
        None,
        1,
        r"presskit\.toml: document 'brochure' is listed in presskit\.toml but content/brochure\.yaml does not exist",
    ),
    (
        "date-out-of-range",
        replace("content/notes.yaml", "date: 2016-12-01", "date: 2016-13-45"),
        None,
        1,
        r"content/notes\.yaml:\d+: invalid value '2016-13-45'",
    ),
    (
        "date-with-time",
        replace("content/notes.yaml", "date: 2016-12-01", "date: 2016-12-01 10:00:00"),
        None,
        1,
        r"content/notes\.yaml:\d+: date must be a date",
    ),
    (
        "list-as-key",
        append("content/notes.yaml", "? [a, b]\n: c\n"),
        None,
        1,
        r"content/notes\.yaml:\d+: a key must be plain text",
    ),
    (
        "ignore-not-mapping",
        replace("content/notes.yaml", "kind: Press release", "kind: Press release\nignore: 5"),
        None,
        1,
        r"content/notes\.yaml:\d+: 'ignore' of the document must be a mapping",
    ),
    (
        "content-control-character",
        replace("content/notes.yaml", "kind: Press release", 'kind: "Press\\x01release"'),
        None,
        1,
        r"content/notes\.yaml:\d+: character U\+0001 is not allowed",
    ),
    (
        "po-plural-out-of-range",
        replace(FR_PO, FR_PLURAL, "plural=(n == 0 ? 5 : 1);"),
        None,
        1,
        r"locales/fr/LC_MESSAGES/presskit\.po:\d+: the Plural-Forms expression gives no valid form for n=0",
    ),
    (
        "po-plural-division-by-zero",
        replace(FR_PO, FR_PLURAL, "plural=(n == 0 ? 1/0 : 1);"),
        None,
        1,
        r"locales/fr/LC_MESSAGES/presskit\.po:\d+: malformed Plural-Forms header",
    ),
    (
        "po-not-utf8-charset",
        replace(FR_PO, "charset=utf-8", "charset=latin-1"),
        None,
        1,
        r"locales/fr/LC_MESSAGES/presskit\.po:\d+: the header declares charset=latin-1",
    ),
    (
        "babel-cfg-garbage",
        write_bytes("babel.cfg", b"garbage\n"),
        ("i18n", "extract"),
        1,
        r"babel\.cfg: malformed extraction mapping",
    ),
    (
        "project-missing",
        nothing,
        ("--project", "/nonexistent", "build"),
        2,
        r"--project /nonexistent: no presskit\.toml there",
    ),
    (
        "email-header-injection",
        nothing,
        ("email", "--from", "a@b.org\nBcc: x@y.org"),
        2,
        r"'a@b\.org Bcc: x@y\.org' is not an e-mail address",
    ),
    (
        "unknown-language-option",
        nothing,
        ("build", "--lang", "de"),
        2,
        r"language not in presskit.toml: 'de'",
    ),
    (
        "unknown-document-option",
        nothing,
        ("build", "--doc", "brochure"),
        2,
        r"unknown document 'brochure'",
    ),
    (
        "unknown-format-option",
        nothing,
        ("build", "--format", "odt"),
        2,
        r"Invalid value for '--format': 'odt' is not one of 'pdf', 'docx'\.",
    ),
    ("unknown-command", nothing, ("publish",), 2, r"No such command 'publish'"),
    (
        "unwritable-output",
        nothing,
        (
            "build",
            "--lang",
            "en",
            "--doc",
            "notes",
            "--format",
            "docx",
            "--output",
            "presskit.toml/out",
        ),
        1,
        r"cannot create .*presskit\.toml/out: Not a directory",
    ),
]


@pytest.fixture(scope="module")
def built_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = copy_pack(tmp_path_factory.mktemp("built") / "pack")
    result = run(pack, *BUILD)
    assert result.exit_code == 0, result.output
    return pack


@pytest.mark.parametrize(
    ("mutate", "args", "status", "pattern"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_is_one_located_line(
    built_pack: Path,
    tmp_path: Path,
    mutate,
    args,
    status: int,
    pattern: str,  # type: ignore[no-untyped-def]
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(built_pack, pack)
    before = snapshot(pack / "output")
    mutate(pack)
    result = run(pack, *(args or BUILD))
    assert result.exit_code == status, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1, result.output
    assert re.match(r"presskit: " + pattern, lines[0]), lines[0]
    assert "Traceback" not in result.output
    assert snapshot(pack / "output") == before


def test_suite_is_large_enough() -> None:
    assert len(CASES) >= 25


def test_a_bug_prints_where_the_traceback_went(
    monkeypatch: pytest.MonkeyPatch, capsys, pack: Path
) -> None:  # type: ignore[no-untyped-def]
    import presskit.build
    from presskit.cli import main

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("something presskit did not expect")

    monkeypatch.setattr(presskit.build, "build", broken)
    monkeypatch.setattr(sys, "argv", ["presskit", "--project", str(pack), "build", "--lang", "en"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 70
    err = capsys.readouterr().err.strip()
    match = re.fullmatch(
        r"presskit: internal error: RuntimeError: something presskit did not expect "
        r"\(full traceback saved to (\S+); please report it\)",
        err,
    )
    assert match, err
    saved = Path(match.group(1))
    assert "Traceback" in saved.read_text() and "broken" in saved.read_text()
    saved.unlink()


@pytest.mark.slow
def test_a_killed_build_never_leaves_a_truncated_file(pack: Path) -> None:
    import signal
    import subprocess
    import time
    import zipfile

    command = [
        sys.executable,
        "-m",
        "presskit",
        "--project",
        str(pack),
        "build",
        "--lang",
        "en",
        "--lang",
        "fr",
    ]
    for delay in (1.0, 2.0, 3.0, 4.0):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for path in (pack / "output").rglob("*"):
            if path.suffix == ".pdf" and not path.name.startswith("."):
                data = path.read_bytes()
                assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), path
            elif path.suffix == ".docx" and not path.name.startswith("."):
                with zipfile.ZipFile(path) as package:
                    assert package.testzip() is None, path
    time.sleep(0.5)
    assert not _processes_mentioning(str(pack)), "worker processes outlived the killed build"
    result = run(pack, "build", "--lang", "en", "--doc", "notes", "--format", "docx")
    assert result.exit_code == 0
    assert not list((pack / "output").rglob(".*.tmp"))  # leftovers of killed builds removed


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found
