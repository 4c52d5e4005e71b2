"""Timestamps for built files: the document's own date, or SOURCE_DATE_EPOCH when set."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import zipfile
from typing import TYPE_CHECKING

from presskit.errors import PresskitError

if TYPE_CHECKING:
    from presskit.content.model import Pack


def build_timestamp(document_date: dt.date) -> dt.datetime:
    """When a built file says it was made: never the time of the build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            when = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise PresskitError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970"
            ) from None
        return when
    return dt.datetime(document_date.year, document_date.month, document_date.day, tzinfo=dt.UTC)


def pack_timestamp(pack: Pack) -> dt.datetime:
    """The date a pack's derived files carry: its newest document's, or SOURCE_DATE_EPOCH."""
    return build_timestamp(max(doc.date for doc in pack.documents.values()))


def zip_date_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """``when`` as a zip entry time, which can only say 1980 to 2107."""
    low = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    high = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.UTC)
    return min(max(when.astimezone(dt.UTC), low), high).timetuple()[:6]  # type: ignore[return-value]


def rezip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a zip with fixed entry times and modes, keeping the entry order.

    ``ZipFile.writestr`` stamps entries with the current local time, so two saves of the
    same document differ; this makes equal content give equal bytes.
    """
    stamp = zip_date_time(when)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = (stat.S_IFREG | 0o644) << 16  # a regular file, rw-r--r--
            target.writestr(entry, source.read(info.filename), compresslevel=6)
    return out.getvalue()
