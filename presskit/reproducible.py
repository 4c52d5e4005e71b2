"""Timestamps for built files: the document's own date, or SOURCE_DATE_EPOCH when set."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile


def build_timestamp(document_date: dt.date) -> dt.datetime:
    """When a built file says it was made: never the time of the build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime(document_date.year, document_date.month, document_date.day, tzinfo=dt.UTC)


def rezip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a zip with fixed entry times and modes, keeping the entry order.

    ``ZipFile.writestr`` stamps entries with the current local time, so two saves of the
    same document differ; this makes equal content give equal bytes.
    """
    stamp = max(when.astimezone(dt.UTC), dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename), compresslevel=6)
    return out.getvalue()
