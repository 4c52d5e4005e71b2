"""WeasyPrint imported with a quicker search for its C libraries.

WeasyPrint 70 (pinned) asks for each C library under several names, Windows and macOS
ones first. On Linux, ctypes looks a name up in the linker cache and, when it is not
there, runs the C compiler and then the linker to search further: about 10 ms for each
of the fifteen names that miss, a fifth of a second before a build's first page.

While WeasyPrint is imported, names are looked up in the linker cache only, read once.
No library is lost: the names WeasyPrint tries include each one's Linux file name, which
the dynamic linker loads without a lookup, and a library that only the compiler's search
finds is one the dynamic linker could not load anyway (ctypes returns its name only).
"""

from __future__ import annotations

import ctypes.util
import importlib
import os
import re
import struct
import subprocess
import sys
from collections.abc import Callable
from types import ModuleType

# ctypes' own table: the ABI a cache entry names, by machine and word size.
_ABI = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}


def linker_cache() -> bytes:
    """``ldconfig -p``: every library the dynamic linker knows by name (empty if none)."""
    try:
        return subprocess.run(
            ["/sbin/ldconfig", "-p"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
        ).stdout
    except OSError:
        return b""


def cached_lookup(listing: bytes) -> Callable[[str], str | None]:
    """``ctypes.util.find_library`` answering from ``listing`` alone, as ctypes reads it."""
    word = "-32" if struct.calcsize("l") == 4 else "-64"
    abi = _ABI.get(os.uname().machine + word, "libc6")

    def find_library(name: str) -> str | None:
        pattern = os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}")
        found = re.search(pattern, listing)
        return os.fsdecode(found.group(1)) if found else None

    return find_library


def import_weasyprint() -> ModuleType:
    """The ``weasyprint`` package, imported once."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        return importlib.import_module("weasyprint")
    listing = linker_cache()
    if not listing:
        return importlib.import_module("weasyprint")
    standard = ctypes.util.find_library
    ctypes.util.find_library = cached_lookup(listing)
    try:
        return importlib.import_module("weasyprint")
    finally:
        ctypes.util.find_library = standard


weasyprint = import_weasyprint()
