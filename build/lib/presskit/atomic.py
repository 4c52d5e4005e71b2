"""Write a pack's own files (catalogs, the template) so that a reader never sees half of one.

Files of the output folder are written by ``presskit.outputs`` instead.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from presskit.errors import PresskitError, relative


def write_bytes_atomic(path: Path, data: bytes, root: Path) -> None:
    """Write to a temporary file in the same folder, then rename over ``path``.

    ``path`` must stay inside the pack at ``root`` once links are resolved: a pack whose
    ``locales/fr`` links elsewhere cannot make a catalog command write there.
    """
    existing = path.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent  # checked before any folder is made
    if not existing.resolve().is_relative_to(root.resolve()):
        raise PresskitError(
            f"{relative(existing, root)} is a link to a folder outside the pack; "
            "presskit writes only inside the pack"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".presskit-{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
