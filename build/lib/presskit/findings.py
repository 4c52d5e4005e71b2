"""Findings of `presskit check`: one line each, ``path:line: severity: code: message``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from presskit.errors import Location, PresskitError

ERROR = "error"
WARNING = "warning"
IGNORE_FLAG = re.compile(r"ignore-([a-z-]+)")


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
