"""A document's ``release`` key: published at once, or embargoed until a local time.

::

    release: immediate
    release: {embargo: "2023-08-19 00:01", zone: Europe/London}

The older ``release_line: true|false`` still loads, with a deprecation warning.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any

from presskit.content import schema
from presskit.content.deprecated import deprecated
from presskit.content.model import EMBARGO, IMMEDIATE, Release
from presskit.content.yamlfile import LDict, Location, LStr, location_of
from presskit.errors import ContentError
from presskit.findings import Finding

EMBARGO_KEYS = {"embargo", "zone"}
# Exactly "YYYY-MM-DD HH:MM": strptime alone would also take "2023-8-19 0:01".
_LOCAL_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
_FORMS = "'immediate' or {embargo: \"YYYY-MM-DD HH:MM\", zone: <IANA time zone>}"


def parse_release(doc: LDict, warnings: list[Finding]) -> Release | None:
    """The document's release, or None when it prints no release line."""
    if "release_line" in doc:
        if "release" in doc:
            raise ContentError(
                "a document has either 'release' or the older 'release_line', not both",
                doc.key_locations["release_line"],
            )
        return _old_release_line(doc, warnings)
    if "release" not in doc:
        return None
    value = doc["release"]
    where = location_of(value, doc.key_locations["release"])
    if isinstance(value, LStr) and value == IMMEDIATE:
        return Release(IMMEDIATE)
    if isinstance(value, LDict):
        return _embargo(value)
    raise ContentError(f"release must be {_FORMS}", where)


def _old_release_line(doc: LDict, warnings: list[Finding]) -> Release | None:
    where = doc.key_locations["release_line"]
    printed = schema.boolean(doc["release_line"], "release_line", where)
    if printed:
        warnings.append(deprecated(where, "'release_line: true'", "'release: immediate'"))
        return Release(IMMEDIATE)
    warnings.append(deprecated(where, "'release_line: false'", "no 'release' key"))
    return None


def _embargo(data: LDict) -> Release:
    data = schema.mapping(data, "release", data.location, EMBARGO_KEYS)
    local = _local_time(schema.required(data, "embargo", "the release"), data.location)
    zone_name = schema.text(schema.required(data, "zone", "the release"), "zone", data.location)
    zone = _zone(zone_name)
    until = local.replace(tzinfo=zone)
    # A time the clocks skip (01:30 as they go forward) would print as another time.
    if until.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != local:
        raise ContentError(
            f"embargo '{local:%Y-%m-%d %H:%M}' does not exist in {zone_name}: the clocks "
            "change then",
            data["embargo"].location,
        )
    return Release(EMBARGO, until, str(zone_name))


def _local_time(value: Any, where: Location) -> dt.datetime:
    text = str(getattr(value, "value", value))
    problem = ContentError(
        f"embargo '{text}' is not a date and time (YYYY-MM-DD HH:MM)", location_of(value, where)
    )
    if not isinstance(value, LStr) or not _LOCAL_TIME.fullmatch(value):
        raise problem
    try:
        return dt.datetime.strptime(value, "%Y-%m-%d %H:%M")
    except ValueError:
        raise problem from None


def _zone(name: LStr) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # ValueError: not a relative path, or a file of the database that is no zone.
        raise ContentError(
            f"unknown time zone '{name}' (expected an IANA name such as 'Europe/London')",
            name.location,
        ) from None
