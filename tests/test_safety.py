"""Translations are data: they cannot load a file, reach the network or break a document."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presskit.cli import cli
from presskit.render.fetcher import TemplatesOnlyFetcher
from tests.conftest import copy_pack, pdftotext, run, snapshot

FR_PO = "locales/fr/LC_MESSAGES/presskit.po"
HOSTILE = (
    '<img src="file:///etc/passwd"> <link rel="stylesheet" href="http://example.org/x.css"> '
    "{{ 7*7 }} {% include 'x' %} [lien](file:///etc/shadow) <script>alert(1)</script>"
)


def test_hostile_translation_renders_as_literal_text(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = pack / FR_PO
    escaped = HOSTILE.replace('"', '\\"')
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "FIN"', f'msgstr "{escaped}"'),
        encoding="utf-8",
    )
    requested: list[str] = []
    original = TemplatesOnlyFetcher.fetch

    def recording(self, url, headers=None):  # type: ignore[no-untyped-def]
        requested.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(TemplatesOnlyFetcher, "fetch", recording)
    # One process, so that the recording fetcher sees every request.
    result = run(pack, "build", "-j", "1", "--lang", "fr", "--doc", "release")
    assert result.exit_code == 0, result.output
    # The end-mark style is letter-spaced, so pdftotext adds spaces: compare without them.
    text = "".join(pdftotext(pack / "output/fr/MDE2452552016-release-fr.pdf").split())
    assert "".join(HOSTILE.split()) in text  # every character literal, in order
    assert "49" not in text
    templates = (pack / "templates").resolve().as_uri()
    assert requested and all(url.startswith(templates + "/") for url in requested), requested
    paragraphs = [
        p.text
        for p in docx.Document(str(pack / "output/fr/MDE2452552016-release-fr.docx")).paragraphs
    ]
    assert HOSTILE in paragraphs


def test_fetcher_refuses_everything_outside_templates(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "style.css").write_text("p {}")
    (tmp_path / "secret.css").write_text("p {}")
    (templates / "link.css").symlink_to(tmp_path / "secret.css")
    with (templates / "huge.png").open("wb") as huge:  # sparse: takes no disk space
        huge.truncate(17 * 2**20)
    os.mkfifo(templates / "pipe.css")
    fetcher = TemplatesOnlyFetcher(templates)
    assert fetcher.allows((templates / "style.css").as_uri())
    assert fetcher.allows("data:text/css,p{}")
    for url in (
        (tmp_path / "secret.css").as_uri(),
        (templates / "link.css").as_uri(),
        (templates / "huge.png").as_uri(),
        (templates / "pipe.css").as_uri(),
        (templates / ".." / "secret.css").as_uri(),
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.org/font.woff",
        "file://otherhost/etc/passwd",
    ):
        assert not fetcher.allows(url), url


# Property: any mutation of a catalog or a content file gives a clean exit, never a
# traceback, and an error leaves the output folder exactly as it was.

MUTATIONS = st.one_of(
    st.tuples(st.just("bytes"), st.integers(0, 10**6), st.binary(min_size=1, max_size=12)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6), st.just(b"")),
    st.tuples(
        st.just("swap"),
        st.integers(0, 10**6),
        st.sampled_from(
            [
                b"{signatories}",
                b"{nope}",
                b"{",
                b"}",
                b"*",
                b"**",
                b"[x](http://a)",
                b"](",
                b'"',
                b"\\",
                b"\n",
                b"msgstr",
                b"#, fuzzy\n",
                b"- ",
                b": ",
                b"\t",
                b"&",
                b"<b>",
                b"%s",
            ]
        ),
    ),
)


def mutate(data: bytes, mutation: tuple[str, int, bytes]) -> bytes:
    kind, position, payload = mutation
    at = position % (len(data) + 1)
    if kind == "truncate":
        return data[:at]
    if kind == "swap":
        return data[:at] + payload + data[at + len(payload) :]
    return data[:at] + payload + data[at:]


FUZZ_BUILD = ("build", "--lang", "en", "--lang", "fr", "--doc", "notes", "--format", "docx")


@pytest.fixture(scope="module")
def fuzz_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = copy_pack(tmp_path_factory.mktemp("fuzz") / "pack")
    assert run(pack, *FUZZ_BUILD).exit_code == 0
    shutil.copytree(pack / "output", pack.parent / "pristine-output")
    return pack


def check_mutation(
    pack: Path, file: str, mutation: tuple[str, int, bytes], args: tuple[str, ...]
) -> None:
    path = pack / file
    original = path.read_bytes()
    before = snapshot(pack / "output")
    try:
        path.write_bytes(mutate(original, mutation))
        result = CliRunner().invoke(cli, ["--project", str(pack), *args], catch_exceptions=True)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        if result.exit_code == 1:
            lines = result.output.splitlines()
            assert len(lines) == 1, result.output
            assert lines[0].startswith("presskit: "), result.output
            assert snapshot(pack / "output") == before
    finally:
        path.write_bytes(original)
        if snapshot(pack / "output") != before:  # a mutation that still built: reset
            shutil.rmtree(pack / "output")
            shutil.copytree(pack.parent / "pristine-output", pack / "output")


# Fixed examples by default, so that CI is reproducible; PRESSKIT_FUZZ_EXAMPLES=N explores
# N fresh random examples per test instead.
_EXPLORE = int(os.environ.get("PRESSKIT_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=_EXPLORE or 250,
    derandomize=not _EXPLORE,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)


@FUZZ
@given(mutation=MUTATIONS, language=st.sampled_from(["fr", "es", "ar", "ru", "zh"]))
def test_mutated_catalogs_never_crash(fuzz_pack: Path, mutation, language: str) -> None:  # type: ignore[no-untyped-def]
    check_mutation(
        fuzz_pack,
        f"locales/{language}/LC_MESSAGES/presskit.po",
        mutation,
        ("build", "--lang", language, "--doc", "notes", "--format", "docx"),
    )


@FUZZ
@given(
    mutation=MUTATIONS,
    file=st.sampled_from(
        [
            "content/notes.yaml",
            "content/facts.yaml",
            "content/signatories.yaml",
            "templates/labels.yaml",
            "presskit.toml",
        ]
    ),
)
def test_mutated_content_never_crashes(fuzz_pack: Path, mutation, file: str) -> None:  # type: ignore[no-untyped-def]
    check_mutation(
        fuzz_pack, file, mutation, ("build", "--lang", "en", "--doc", "notes", "--format", "docx")
    )
