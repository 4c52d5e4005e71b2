"""Findings of `presskit check`: one line each, ``path:line: severity: code: message``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from presskit.errors import Location, PresskitError

ERROR = "error"
WARNING = "warning"
IGNORE_FLAG = re.compile(r"ignore-([a-z-]+)")
# A translator comment "# ignore-<code>: <reason>": unlike a custom flag, every gettext
# tool (msgmerge, pybabel, polib, translate-toolkit, Weblate) keeps it through a merge.
IGNORE_COMMENT = re.compile(r"\s*ignore-([a-z-]+):(.*)")


def silenced_rules(flags: Iterable[str], comments: Iterable[str]) -> dict[str, str]:
    """The rules one catalog entry silences, each with its reason ("" when it gives none).

    A comment ``ignore-<code>: <reason>`` silences the rule by itself; a flag
    ``ignore-<code>`` (the older way) takes its reason from such a comment.
    """
    rules = {m.group(1): "" for flag in flags if (m := IGNORE_FLAG.fullmatch(flag))}
    for comment in comments:
        found = IGNORE_COMMENT.match(comment)
        if found and not rules.get(found.group(1)):
            rules[found.group(1)] = found.group(2).strip()
    return rules


@dataclass(frozen=True, slots=True)
class Finding:
    location: Location
    severity: str  # "error" or "warning"
    code: str  # the rule, as used to silence it
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.code}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


def sort_key(finding: Finding) -> tuple[str, int, str]:
    return (finding.location.path, finding.location.line or 0, finding.code)


def from_error(exc: PresskitError, code: str, default: Location) -> Finding:
    """The error a command would stop on, as an error finding of ``code``."""
    message = exc.format_message()
    if exc.location:
        message = message[len(str(exc.location)) + 2 :]
    return Finding(exc.location or default, ERROR, code, message)
