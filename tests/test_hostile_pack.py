"""A pack prepared by an attacker, and faults while writing: nothing outside the pack and
its output folder changes, and a refused build leaves its output as it was.

Every test asserts: no traceback and no exit 70; no byte (or link) changed outside the
output folder; and the documented outcome (one located line and the output untouched,
or a warning and a full rebuild, or, after kill -9, an output the next build repairs to
exactly a clean build's).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from presskit.cli import cli
from tests.conftest import REPO, copy_pack

BUILD = ("build", "--lang", "en", "--lang", "fr", "--doc", "notes", "--format", "docx")
EPOCH = "1480600000"


def tree(folder: Path, skip: Path | None = None) -> dict[str, str]:
    """Every entry below ``folder`` (files by content, links by target), except ``skip``."""
    state: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        if skip is not None and (here == skip or here.is_relative_to(skip)):
            dirnames.clear()
            continue
        for name in dirnames + filenames:
            path = here / name
            key = str(path.relative_to(folder))
            if skip is not None and path == skip:
                continue
            if path.is_symlink():
                state[key] = "-> " + os.readlink(path)
            elif path.is_file():
                state[key] = path.read_bytes().hex()
            else:
                state[key] = "dir"
    return state


def outputs(folder: Path) -> dict[str, str]:
    """The output folder as a reader sees it (the lock file is not output)."""
    return {k: v for k, v in tree(folder).items() if not k.endswith(".presskit.lock")}


def invoke(pack: Path, *args: str):  # type: ignore[no-untyped-def]
    """Run presskit in-process; the result must be a clean exit, never an exception."""
    result = CliRunner().invoke(cli, ["--project", str(pack), *args], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    assert result.exit_code != 70, result.output
    return result


def refused(result, pattern: str) -> None:  # type: ignore[no-untyped-def]
    """Exit 1 with exactly one line, ``presskit: <pattern>…``."""
    lines = result.output.splitlines()
    assert result.exit_code == 1, result.output
    assert len(lines) == 1, result.output
    assert re.match(r"presskit: " + pattern, lines[0]), lines[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = copy_pack(tmp_path_factory.mktemp("hostile") / "pack")
    assert invoke(pack, *BUILD).exit_code == 0
    return pack


@pytest.fixture
def world(built: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A built pack in ``tmp_path/pack`` and a victim's files in ``tmp_path/home``."""
    pack = tmp_path / "pack"
    shutil.copytree(built, pack, symlinks=True)
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / ".bashrc").write_text("export PATH=$HOME/bin:$PATH\n")
    (home / "Documents" / ".report.docx.tmp").write_text("a draft the user is saving")
    (home / "secret.txt").write_text("the user's secret")
    return pack, home


def unchanged_outside(pack: Path, before: dict[str, str]) -> None:
    assert tree(pack.parent, skip=pack / "output") == before


# Writes outside the output folder


def test_symlinked_lock_is_refused_and_its_target_untouched(world: tuple[Path, Path]) -> None:
    pack, home = world
    lock = pack / "output" / ".presskit.lock"
    lock.unlink()
    lock.symlink_to(home / ".bashrc")
    before, output = tree(pack.parent, skip=pack / "output"), outputs(pack / "output")
    result = invoke(pack, *BUILD, "--force")
    refused(result, r"output/\.presskit\.lock is a symbolic link")
    assert (home / ".bashrc").read_text() == "export PATH=$HOME/bin:$PATH\n"
    unchanged_outside(pack, before)
    assert outputs(pack / "output") == output


def test_symlinked_language_folder_is_refused(world: tuple[Path, Path]) -> None:
    pack, home = world
    shutil.rmtree(pack / "output" / "en")
    (pack / "output" / "en").symlink_to(home / "Documents")
    before = tree(pack.parent, skip=pack / "output")
    result = invoke(pack, *BUILD, "--force")
    refused(result, r"output/en is a symbolic link")
    assert (home / "Documents" / ".report.docx.tmp").exists()
    assert sorted(os.listdir(home / "Documents")) == [".report.docx.tmp"]
    unchanged_outside(pack, before)


def test_symlinked_output_folder_is_refused(world: tuple[Path, Path]) -> None:
    pack, home = world
    shutil.rmtree(pack / "output")
    (pack / "output").symlink_to(home / "Documents")
    before = tree(pack.parent)
    result = invoke(pack, *BUILD)
    refused(result, r"presskit\.toml:\d+: 'output' .*symbolic link")
    assert tree(pack.parent) == before
    # A link named on the command line is refused too (a usage error).
    (pack / "output").unlink()
    (home / "link").symlink_to(home / "Documents")
    before = tree(pack.parent)
    result = invoke(pack, *BUILD, "--output", str(home / "link"))
    assert result.exit_code == 2, result.output
    assert re.match(r"presskit: --output: .*link is a symbolic link", result.output)
    assert tree(pack.parent) == before


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("templates", "../../"),
        ("content", "../home"),
        ("locales", "/etc"),
        ("output", "/somewhere"),
        ("output", "../home/out"),
        ("output", "."),
        ("output", "content"),
        ("output", "templates/out"),
    ],
)
def test_configured_paths_stay_inside_the_pack(
    world: tuple[Path, Path], setting: str, value: str
) -> None:
    pack, _ = world
    config = pack / "presskit.toml"
    text = config.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(f"{setting} ="))
    config.write_text(
        "\n".join(
            f'{setting} = "{value}"' if n == line else row
            for n, row in enumerate(text.splitlines(), 1)
        )
        + "\n",
        encoding="utf-8",
    )
    before = tree(pack.parent)
    result = invoke(pack, *BUILD)
    refused(result, rf"presskit\.toml:{line}: '{setting}' ")
    assert tree(pack.parent) == before


@pytest.mark.parametrize("where", ["pack", "ancestor", "content", "locales/fr"])
def test_command_line_output_is_never_the_pack_or_its_sources(
    world: tuple[Path, Path], where: str
) -> None:
    pack, _ = world
    target = {"pack": pack, "ancestor": pack.parent}.get(where, pack / where)
    before = tree(pack.parent)
    result = invoke(pack, *BUILD, "--output", str(target))
    assert result.exit_code == 2, result.output
    assert result.output.startswith("presskit: --output: "), result.output
    assert tree(pack.parent) == before


# The sweep of temporary files


def test_sweep_removes_only_presskit_temporary_files(world: tuple[Path, Path]) -> None:
    pack, home = world
    users = [
        pack / "output" / ".report.docx.tmp",
        pack / "output" / "en" / ".notes.pdf.tmp",
        home / "Documents" / ".report.docx.tmp",
    ]
    for path in users[:2]:
        path.write_text("the user's own file")
    ours = pack / "output" / "en" / ".presskit-MDE.docx-1a2b3c4d.stage"
    ours.write_text("left by a killed build")
    # A user folder given as --output keeps its own temporary files too.
    result = invoke(pack, *BUILD, "--force", "--output", str(home / "Documents"))
    assert result.exit_code == 0, result.output
    result = invoke(pack, *BUILD, "--force")
    assert result.exit_code == 0, result.output
    assert all(path.exists() for path in users)
    assert not ours.exists()


# Reading outside the pack


def test_preview_refuses_a_template_link_out_of_the_pack(world: tuple[Path, Path]) -> None:
    pack, home = world
    (pack / "templates" / "leak.css").symlink_to(home / "secret.txt")
    before = tree(pack.parent, skip=pack / "output")
    output = outputs(pack / "output")
    result = invoke(pack, "preview", "--lang", "en", "--doc", "notes")
    refused(result, r"templates/leak\.css: is a link to a file outside the pack")
    assert outputs(pack / "output") == output
    assert not any(
        "the user's secret" in p.read_text(errors="replace")
        for p in (pack / "output").rglob("*")
        if p.is_file()
    )
    unchanged_outside(pack, before)


def test_include_of_a_link_out_of_the_pack_is_refused(world: tuple[Path, Path]) -> None:
    pack, home = world
    (pack / "templates" / "part.html").symlink_to(home / "secret.txt")
    page = pack / "templates" / "document.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("<body", '{% include "part.html" %}<body', 1),
        encoding="utf-8",
    )
    before, output = tree(pack.parent, skip=pack / "output"), outputs(pack / "output")
    result = invoke(pack, "build", "--lang", "en", "--doc", "notes", "--format", "pdf")
    refused(result, r"templates/part\.html: is a link to a file outside the pack")
    assert outputs(pack / "output") == output
    unchanged_outside(pack, before)


def test_content_file_linked_to_dev_zero_is_refused(world: tuple[Path, Path]) -> None:
    pack, _ = world
    facts = pack / "content" / "facts.yaml"
    facts.unlink()
    facts.symlink_to("/dev/zero")
    output = outputs(pack / "output")
    result = invoke(pack, *BUILD, "--force")
    refused(result, r"content/facts\.yaml: is a link to a file outside the pack")
    assert outputs(pack / "output") == output


def test_fifo_content_file_is_refused_without_hanging(world: tuple[Path, Path]) -> None:
    pack, _ = world
    facts = pack / "content" / "facts.yaml"
    facts.unlink()
    os.mkfifo(facts)
    output = outputs(pack / "output")
    # A separate process, so that a hang is caught by the timeout instead of the suite.
    done = subprocess.run(
        [sys.executable, "-m", "presskit", "--project", str(pack), *BUILD, "--force"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        "presskit: content/facts.yaml: is not a regular file (a device, FIFO, socket or folder)"
    ]
    assert outputs(pack / "output") == output


# Templates are data


@pytest.mark.parametrize(
    "payload",
    [
        '{{ cycler.__init__.__globals__.os.system("touch MARKER") }}',
        '{{ lipsum.__globals__["os"].popen("cat /etc/passwd").read() }}',
        "{{ joiner.__init__.__globals__.__builtins__.open('/etc/passwd').read() }}",
        "{{ ().__class__.__base__.__subclasses__() }}",
        "{{ 'x' * 100000000 }}",
        "{{ 9 ** 999999999 }}",
    ],
)
def test_template_payloads_are_refused_at_their_line(
    world: tuple[Path, Path], payload: str
) -> None:
    pack, _ = world
    marker = pack.parent / "home" / "pwned"
    page = pack / "templates" / "document.html"
    lines = page.read_text(encoding="utf-8").splitlines()
    body = next(n for n, line in enumerate(lines) if line.startswith("<body"))
    lines.insert(body + 1, payload.replace("MARKER", str(marker)))
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before, output = tree(pack.parent, skip=pack / "output"), outputs(pack / "output")
    result = invoke(pack, "build", "--lang", "en", "--doc", "notes", "--format", "pdf")
    refused(result, rf"templates/document\.html:{body + 2}: template refused: ")
    assert not marker.exists()
    assert "root:" not in result.output
    assert outputs(pack / "output") == output
    unchanged_outside(pack, before)


# All or nothing


def _new_edition(pack: Path) -> None:
    """Change an input of every file of BUILD, without touching the catalogs (a label a
    pack adds is printed, so it would need translating)."""
    labels = pack / "templates" / "labels.yaml"
    text = labels.read_text(encoding="utf-8")
    labels.write_text(text.replace("Running footer.", "Running footer of every page.", 1))


def test_unwritable_language_folder_changes_nothing(world: tuple[Path, Path]) -> None:
    pack, _ = world
    folder = pack / "output" / "fr"
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available on this file system (needs root)")
    try:
        before = outputs(pack / "output")
        result = invoke(pack, *BUILD, "--force")
        refused(result, r"cannot write into output/fr: .*; nothing in the output was changed")
        assert outputs(pack / "output") == before  # English was not replaced either
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert invoke(pack, *BUILD, "--force").exit_code == 0


def test_injected_write_error_changes_nothing(
    world: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import presskit.outputs

    pack, _ = world
    real = presskit.outputs._write_all
    calls = []

    def failing(fd: int, data: bytes) -> None:
        calls.append(len(data))
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd, data)

    monkeypatch.setattr(presskit.outputs, "_write_all", failing)
    before = outputs(pack / "output")
    result = invoke(pack, *BUILD, "--force", "-j", "1")
    refused(result, r"cannot write into output(/\w+)?: No space left on device; nothing")
    assert outputs(pack / "output") == before
    assert len(calls) == 3


def test_full_disk_changes_nothing(built: Path, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        pack = copy_pack(tmp_path / "pack")
        out = disk / "out"
        assert invoke(pack, *BUILD, "--output", str(out)).exit_code == 0
        # Less room than one new file needs (a DOCX of the notes is some 14 KB).
        (disk / "filler").write_bytes(b"\0" * (os.statvfs(disk).f_bavail * 4096 - 8_000))
        before = outputs(out)
        _new_edition(pack)
        result = invoke(pack, *BUILD, "--output", str(out))
        refused(result, r"cannot write into .*: No space left on device; nothing")
        assert outputs(out) == before
        (disk / "filler").unlink()
        assert invoke(pack, *BUILD, "--output", str(out)).exit_code == 0
        assert outputs(out) != before
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


KILLER = """
import os, signal, sys
import presskit.outputs as outputs
phase, at = os.environ["KILL_PHASE"], int(os.environ["KILL_AT"])
seen = []
if phase == "stage":
    real_write = outputs._write_all
    def write(fd, data):
        seen.append(1)
        if len(seen) == at:
            os.kill(os.getpid(), signal.SIGKILL)
        real_write(fd, data)
    outputs._write_all = write
else:
    real_replace = os.replace
    def replace(source, target, *args, **kwargs):
        if ".stage" in str(source):
            seen.append(1)
            if len(seen) == at:
                os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(source, target, *args, **kwargs)
    os.replace = replace
from presskit.cli import main
sys.argv = ["presskit", *sys.argv[1:]]
main()
"""

KILL_BUILD = ("build", "--lang", "en", "--lang", "fr", "--doc", "notes", "-j", "1")


def _presskit(pack: Path, *args: str, epoch: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    code = (
        KILLER
        if env
        else "from presskit.cli import main; import sys; sys.argv[0] = 'presskit'; main()"
    )
    return subprocess.run(
        [sys.executable, "-c", code, "--project", str(pack), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch, **(env or {})},
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("phase", "at"), [("stage", 2), ("rename", 1), ("rename", 3), ("rename", 5)]
)
def test_kill_during_the_write_phase_is_repaired(tmp_path: Path, phase: str, at: int) -> None:
    # The reference: a clean build of the new edition into an empty folder.
    reference = copy_pack(tmp_path / "reference")
    assert _presskit(reference, *KILL_BUILD, epoch="1500000000").returncode == 0
    expected = outputs(reference / "output")
    assert len([k for k in expected if k.endswith((".pdf", ".docx"))]) == 4

    pack = copy_pack(tmp_path / "pack")
    assert _presskit(pack, *KILL_BUILD, epoch=EPOCH).returncode == 0
    killed = _presskit(
        pack, *KILL_BUILD, epoch="1500000000", env={"KILL_PHASE": phase, "KILL_AT": str(at)}
    )
    assert killed.returncode == -9, killed.stderr
    repaired = _presskit(pack, *KILL_BUILD, epoch="1500000000")
    assert repaired.returncode == 0, repaired.stderr
    assert "Traceback" not in repaired.stderr
    if phase == "rename":
        assert "finished an interrupted build" in repaired.stderr
    assert outputs(pack / "output") == expected
    manifest = json.loads((pack / "output" / "manifest.json").read_text())
    for entry in manifest["documents"]:
        data = (pack / "output" / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]


# Untrusted manifest, content and configuration


def _with_nul_path(good: dict) -> bytes:  # type: ignore[type-arg]
    good["documents"][0]["path"] = "en/x\u0000.docx"
    return json.dumps(good).encode()


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda good: b'{"documents": 5}',
        lambda good: (
            b'{"documents": [{"document": ["notes"], "language": "en", "format": "docx"}]}'
        ),
        lambda good: b"[1, 2, 3]",
        lambda good: b"not json at all",
        lambda good: b'\xff\xfe{"documents": []}',
        _with_nul_path,
        lambda good: b'{"documents": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    ],
    ids=["number", "list-for-string", "array", "text", "not-utf8", "nul-in-path", "deep"],
)
def test_corrupt_manifest_is_ignored_with_a_warning(world: tuple[Path, Path], corrupt) -> None:  # type: ignore[no-untyped-def]
    pack, _ = world
    path = pack / "output" / "manifest.json"
    path.write_bytes(corrupt(json.loads(path.read_text(encoding="utf-8"))))
    result = invoke(pack, *BUILD)
    assert result.exit_code == 0, result.output
    assert (
        "warning: output/manifest.json: not a manifest presskit wrote; ignored, every "
        "file is rebuilt" in result.output
    )
    assert "2 files written" in result.output
    rebuilt = json.loads(path.read_text(encoding="utf-8"))
    assert len(rebuilt["documents"]) == 2


def test_unpaired_surrogate_in_content_is_refused_at_its_line(world: tuple[Path, Path]) -> None:
    pack, _ = world
    notes = pack / "content" / "notes.yaml"
    text = notes.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("title:"))
    notes.write_text(text.replace("title: ", 'title: "\\ud800" # ', 1), encoding="utf-8")
    output = outputs(pack / "output")
    result = invoke(pack, *BUILD)
    refused(result, rf"content/notes\.yaml:{line}: .*unpaired surrogate")
    assert outputs(pack / "output") == output


def test_deep_nesting_is_refused_at_its_line(world: tuple[Path, Path]) -> None:
    pack, _ = world
    notes = pack / "content" / "notes.yaml"
    lines = notes.read_text(encoding="utf-8").splitlines()
    lines.append("  - " + "[" * 500 + "]" * 500)
    notes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = outputs(pack / "output")
    result = invoke(pack, *BUILD)
    refused(result, rf"content/notes\.yaml:{len(lines)}: YAML nested more than 64 levels")
    assert outputs(pack / "output") == output


def test_alias_bomb_is_refused(world: tuple[Path, Path]) -> None:
    pack, _ = world
    notes = pack / "content" / "notes.yaml"
    bomb = ['  - about: a\n    choice: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"  - about: {level}\n    choice: &{level} [{', '.join(['*' + previous] * 9)}]")
    with notes.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(bomb) + "\n")
    output = outputs(pack / "output")
    result = invoke(pack, *BUILD)
    refused(result, r"content/notes\.yaml:\d+: YAML aliases expand the file beyond")
    assert len(notes.read_bytes()) < 8000
    assert outputs(pack / "output") == output


def test_huge_size_budget_is_refused_at_its_line(world: tuple[Path, Path]) -> None:
    pack, _ = world
    config = pack / "presskit.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[email]\n", "[email]\nsize_budget_mb = 1e308\n"))
    line = config.read_text().splitlines().index("size_budget_mb = 1e308") + 1
    result = invoke(pack, "email", "--lang", "en")
    refused(result, rf"presskit\.toml:{line}: 'size_budget_mb' must be a number of megabytes")


# The catalog commands read and write only the pack


def test_extraction_refuses_a_mapped_file_linked_out_of_the_pack(world: tuple[Path, Path]) -> None:
    pack, home = world
    (pack / "content" / "leak.yaml").symlink_to(home / "secret.txt")
    before = tree(pack.parent)
    result = invoke(pack, "i18n", "extract")
    refused(result, r"content/leak\.yaml: is a link to a file outside the pack")
    assert tree(pack.parent) == before


def test_extraction_refuses_a_fifo_without_hanging(world: tuple[Path, Path]) -> None:
    pack, _ = world
    os.mkfifo(pack / "content" / "pipe.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "presskit", "--project", str(pack), "i18n", "extract"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        "presskit: content/pipe.yaml: is not a regular file (a device, FIFO, socket or folder)"
    ]


def test_catalog_commands_never_write_through_a_linked_locales_folder(
    world: tuple[Path, Path],
) -> None:
    pack, home = world
    shutil.rmtree(pack / "locales" / "es")
    (home / "es").mkdir()
    (pack / "locales" / "es").symlink_to(home / "es")
    before = tree(pack.parent, skip=pack / "output")
    result = invoke(pack, "i18n", "init", "es")
    refused(result, r"locales/es is a link to a folder outside the pack")
    assert list((home / "es").iterdir()) == []
    unchanged_outside(pack, before)
