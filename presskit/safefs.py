"""Files a pack may read and folders a build may write, and nothing else.

A pack comes from someone else: its paths and symlinks must never make presskit read a
file outside the pack (a secret, /dev/zero, a FIFO) or write outside its output folder.
Every read of a pack file goes through ``read_pack_file``; every folder a build writes
into goes through ``output_folder``.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from presskit.errors import Location, PresskitError

KIB = 1024
MIB = 1024 * KIB

# The largest file of each kind presskit reads: far beyond any real pack, small enough
# that a hostile file cannot exhaust memory.
LIMITS = {
    "config": 1 * MIB,
    "content": 16 * MIB,
    "catalog": 32 * MIB,
    "template": 16 * MIB,
    "glossary": 16 * MIB,
    "image": 8 * MIB,  # the pack's logo
    "output": 512 * MIB,  # a file presskit wrote: read back to hash, bundle or attach
}


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every symlink resolved, is ``root`` or below it."""
    return path.resolve().is_relative_to(root.resolve())


def read_pack_file(
    path: Path,
    root: Path,
    shown: str,
    kind: str,
    error: type[PresskitError] = PresskitError,
) -> bytes:
    """The bytes of a regular file that resolves inside ``root``, at most LIMITS[kind].

    Symlinks are followed only when their target is inside ``root``; devices, FIFOs and
    sockets are refused before they are read (opened non-blocking: a FIFO cannot hang).
    """
    where = Location(shown)
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        raise error("cannot read file (No such file or directory)", where) from None
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise error(f"cannot read file ({_reason(exc)})", where) from None
    if not target.is_relative_to(root.resolve()):
        raise error("is a link to a file outside the pack; presskit reads only the pack", where)
    return _read_regular(target, where, LIMITS[kind], error)


def check_pack_file(
    path: Path, root: Path, shown: str, kind: str, error: type[PresskitError] = PresskitError
) -> None:
    """Refuse, as ``read_pack_file`` would, a file that another library is about to open
    (Babel's extractor opens the files of its mapping itself)."""
    where = Location(shown)
    try:
        target = path.resolve(strict=True)
        info = target.stat()
    except (OSError, RuntimeError) as exc:
        raise error(f"cannot read file ({_reason(exc)})", where) from None
    if not target.is_relative_to(root.resolve()):
        raise error("is a link to a file outside the pack; presskit reads only the pack", where)
    if not stat.S_ISREG(info.st_mode):
        raise error("is not a regular file (a device, FIFO, socket or folder)", where)
    if info.st_size > LIMITS[kind]:
        raise error(f"is larger than the {LIMITS[kind] // MIB} MB presskit reads", where)


def read_output_file(path: Path, out: Path, shown: str) -> bytes:
    """A file presskit wrote into the output folder: regular, not a symlink, bounded."""
    where = Location(shown)
    if not is_inside(path.parent, out) or path.is_symlink():
        raise PresskitError("is not a file presskit wrote (a link, or outside the output)", where)
    return _read_regular(path, where, LIMITS["output"], PresskitError, nofollow=True)


def _read_regular(
    path: Path, where: Location, limit: int, error: type[PresskitError], nofollow: bool = False
) -> bytes:
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (os.O_NOFOLLOW if nofollow else 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise error(f"cannot read file ({_reason(exc)})", where) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise error("is not a regular file (a device, FIFO, socket or folder)", where)
        if info.st_size > limit:
            raise error(f"is larger than the {limit // MIB} MB presskit reads", where)
        chunks = []
        size = 0
        while chunk := os.read(fd, min(MIB, limit + 1 - size) or 1):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # grew while being read
                raise error(f"is larger than the {limit // MIB} MB presskit reads", where)
        return b"".join(chunks)
    except OSError as exc:
        raise error(f"cannot read file ({_reason(exc)})", where) from None
    finally:
        os.close(fd)


def regular_files(folder: Path, root: Path) -> list[Path]:
    """Regular files below ``folder`` whose real path stays inside ``root``, sorted.

    Symlinks to folders are not descended (they could loop or leave the pack).
    """
    found = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                continue
            if target.is_relative_to(root.resolve()) and target.is_file():
                found.append(path)
    return found


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        if exc.errno == errno.ELOOP:
            return "a symbolic link, or a loop of them"
        return exc.strerror or str(exc)
    return "a loop of symbolic links"
