"""The output folder: locked, written all or nothing, repaired after an interruption.

A commit stages every new file (written and fsynced under a presskit-only temporary
name beside its final path) before it replaces any. Then it writes a journal of the
renames, performs them (the manifest last) and removes the journal. A failure while
staging removes the staged files and changes nothing; a build killed during the renames
leaves the journal, and the next build on the folder finishes them first.

Nothing in the folder is followed through a symlink: the lock is opened with
O_NOFOLLOW and never truncated, and every subfolder written into must be a real folder.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import secrets
import stat
from pathlib import Path, PurePosixPath

from presskit.config import Config, output_problem
from presskit.errors import ConfigError, PresskitError, UsageError, relative

LOCK = ".presskit.lock"
JOURNAL = ".presskit-journal.json"
# Every temporary file presskit makes is named so; the sweep removes only these.
_TEMPORARY = re.compile(r"\.presskit-.+\.(?:stage|tmp)\Z")


def output_folder(config: Config, output: Path | None = None, sub: str | None = None) -> Path:
    """The folder a command writes into: the pack's output folder (or its ``sub``
    folder), or the command line's ``--output``, checked like the configured one."""
    sources = {
        "content": config.content_dir,
        "templates": config.templates_dir,
        "locales": config.locales_dir,
    }
    if output is not None:
        path = Path(os.path.abspath(output))
        problem = output_problem(path, config.root, sources)
        if problem:
            raise UsageError(f"--output: {problem}")
        return path
    path = config.output_dir / sub if sub else config.output_dir
    for folder in (config.output_dir, path):
        problem = output_problem(folder, config.root, sources)
        if problem:
            raise ConfigError(f"{relative(folder, config.root)}: {problem}")
    return path


class OutputFolder:
    """A folder presskit writes into, held under its lock while open.

    Entering locks the folder and finishes an interrupted commit, when the folder exists;
    ``create`` makes it first. ``warnings`` says what was repaired.
    """

    def __init__(self, path: Path, shown_root: Path, swept: tuple[str, ...] = ()) -> None:
        self.path = path
        self._shown_root = shown_root  # paths in messages are relative to this (the pack)
        self._swept = swept  # subfolders whose stale temporary files are removed
        self._lock: int | None = None
        self.warnings: list[str] = []

    def __enter__(self) -> OutputFolder:
        if self.path.is_dir() or self.path.is_symlink():
            self._take_lock()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._lock is not None:
            os.close(self._lock)  # releases the flock
            self._lock = None

    def shown(self, path: Path) -> str:
        return relative(path, self._shown_root)

    def create(self) -> None:
        """Make the folder (and its parents) if needed, and hold its lock."""
        if self._lock is not None:
            return
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PresskitError(f"cannot create {self.shown(self.path)}: {exc.strerror}") from None
        self._take_lock()

    def _take_lock(self) -> None:
        self._check_real_folder(self.path)
        where = self.path / LOCK
        try:
            fd = os.open(where, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise PresskitError(
                    f"{self.shown(where)} is a symbolic link: presskit never writes through "
                    "links; remove it"
                ) from None
            raise PresskitError(f"cannot lock {self.shown(self.path)}: {exc.strerror}") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise PresskitError(f"{self.shown(where)} is not a regular file; remove it")
        # One command writes into a folder at a time; the lock is released on close.
        fcntl.flock(fd, fcntl.LOCK_EX)
        self._lock = fd
        self._recover()

    def subfolder(self, name: str) -> Path:
        """``path / name``, made if missing; every part must be a real folder, not a link."""
        folder = self.path
        for part in PurePosixPath(name).parts:
            if part in ("", ".", "..") or "\x00" in part:
                raise PresskitError(f"refusing to write to '{name}' in {self.shown(self.path)}")
            folder = folder / part
            try:
                folder.mkdir(exist_ok=True)
            except OSError as exc:
                raise PresskitError(f"cannot create {self.shown(folder)}: {exc.strerror}") from None
            self._check_real_folder(folder)
        return folder

    def _check_real_folder(self, folder: Path) -> None:
        info = os.lstat(folder)
        if stat.S_ISLNK(info.st_mode):
            raise PresskitError(
                f"{self.shown(folder)} is a symbolic link: presskit writes only into real "
                "folders; remove the link"
            )
        if not stat.S_ISDIR(info.st_mode):
            raise PresskitError(f"{self.shown(folder)} is not a folder")

    # Recovery

    def _recover(self) -> None:
        journal = self.path / JOURNAL
        if journal.exists() or journal.is_symlink():
            moves = self._read_journal(journal)
            if moves is None:
                self.warnings.append(
                    f"{self.shown(journal)}: not a journal presskit wrote; ignored and removed"
                )
            else:
                done = _apply(self.path, moves)
                self.warnings.append(
                    f"{self.shown(self.path)}: finished an interrupted build "
                    f"({done} file{'s' if done != 1 else ''} put in place from its journal)"
                )
            journal.unlink(missing_ok=True)
            _sync_folder(self.path)
        self._sweep()

    def _read_journal(self, journal: Path) -> list[tuple[str, str]] | None:
        try:
            fd = os.open(journal, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            data = json.loads(os.read(fd, 16 * 2**20).decode("utf-8"))
        except (OSError, ValueError):
            return None
        finally:
            os.close(fd)
        moves = data.get("moves") if isinstance(data, dict) else None
        if not isinstance(moves, list):
            return None
        checked = []
        for move in moves:
            if not (
                isinstance(move, list)
                and len(move) == 2
                and all(isinstance(p, str) and _plain_relative(p) for p in move)
            ):
                return None
            staged, final = (PurePosixPath(p) for p in move)
            if staged.parent != final.parent or not _TEMPORARY.fullmatch(staged.name):
                return None
            try:
                if staged.parent.parts:
                    self._check_real_folder(self.path / staged.parent)
            except (OSError, PresskitError):
                return None
            checked.append((str(staged), str(final)))
        return checked

    def _sweep(self) -> None:
        """Remove presskit's own temporary files left by a killed command; nobody else's."""
        for folder in (self.path, *(self.path / name for name in self._swept)):
            if folder.is_symlink() or not folder.is_dir():
                continue
            for entry in os.scandir(folder):
                if _TEMPORARY.fullmatch(entry.name) and not entry.is_dir(follow_symlinks=False):
                    Path(entry.path).unlink(missing_ok=True)


class Transaction:
    """New files for an output folder, staged first and then put in place together."""

    def __init__(self, folder: OutputFolder) -> None:
        self.folder = folder
        self._staged: list[tuple[str, str]] = []  # (temporary, final), relative posix paths

    def __enter__(self) -> Transaction:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is not None:
            self.abort()

    def stage(self, name: str, data: bytes) -> None:
        """Write ``data`` beside ``name`` (relative to the folder) under a temporary name."""
        if not _plain_relative(name):
            raise PresskitError(f"refusing to write '{name}' outside {self.folder.path}")
        self.folder.create()
        final = PurePosixPath(name)
        parent = self.folder.subfolder(str(final.parent)) if final.parent.parts else None
        directory = parent or self.folder.path
        temporary = final.parent / f".presskit-{final.name}-{secrets.token_hex(4)}.stage"
        path = self.folder.path / temporary
        try:
            fd = os.open(
                path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644
            )
        except OSError as exc:
            raise self._failure(directory, exc) from None
        self._staged.append((str(temporary), name))
        try:
            _write_all(fd, data)
            os.fsync(fd)
        except OSError as exc:
            raise self._failure(directory, exc) from None
        finally:
            os.close(fd)

    def _failure(self, directory: Path, exc: OSError) -> PresskitError:
        self.abort()
        return PresskitError(
            f"cannot write into {self.folder.shown(directory)}: {exc.strerror}; "
            "nothing in the output was changed"
        )

    def abort(self) -> None:
        for temporary, _ in self._staged:
            (self.folder.path / temporary).unlink(missing_ok=True)
        self._staged.clear()

    def commit(self) -> None:
        """Journal the renames, perform them in order (put the manifest last), forget them."""
        if not self._staged:
            return
        root = self.folder.path
        for folder in {(root / t).parent for t, _ in self._staged}:
            _sync_folder(folder)  # the staged names are durable before the journal says so
        journal = json.dumps({"moves": [list(m) for m in self._staged]}).encode("utf-8")
        temporary = root / f".presskit-journal-{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(
                temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            )
            try:
                _write_all(fd, journal)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temporary, root / JOURNAL)
            _sync_folder(root)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise self._failure(root, exc) from None
        # From here on the journal lets the next build finish what an interruption stops.
        _apply(root, self._staged)
        (root / JOURNAL).unlink()
        _sync_folder(root)
        self._staged.clear()


def _apply(root: Path, moves: list[tuple[str, str]]) -> int:
    done = 0
    for temporary, final in moves:
        source = root / temporary
        if source.is_file() and not source.is_symlink():
            os.replace(source, root / final)
            done += 1
    for folder in {(root / final).parent for _, final in moves}:
        _sync_folder(folder)
    return done


def _plain_relative(name: str) -> bool:
    """A relative path with no '..', no empty part and no NUL: it stays in its folder."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and "\x00" not in name
        and "\\" not in name
        and not path.is_absolute()
        and all(part not in ("", ".", "..") for part in path.parts)
    )


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
