"""The pack's reference scheme: what a document's reference looks like.

Press offices number their documents their own way (``PR-2025-014``, ``PAC/2023/014``,
an index number such as ``ABC 01/2345/2024``). ``[references]`` in presskit.toml gives a
pattern (or the name of a preset below) and an example shown in error messages; the
default accepts letters, digits, spaces and ``/ . - _``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from presskit.content.model import Reference

MAX_PATTERN = 200  # characters: a scheme is a short pattern, not a program
MAX_REFERENCE = 100  # characters: matched before anything else, so kept short


@dataclass(frozen=True)
class ReferenceScheme:
    pattern: str  # a regular expression the whole reference must match
    example: str  # a reference of this form, for error messages
    # Searched for in prose by the verbatim check: presets only, whose patterns are known
    # to run in linear time (a pack's own pattern could backtrack without end on a long
    # text, so its references are checked as the literal strings the pack has).
    searchable: bool = False

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    def parse(self, text: str) -> Reference | None:
        """The reference, with its year when the pattern has a group named ``year``."""
        if len(text) > MAX_REFERENCE:
            return None
        match = self.compiled.fullmatch(text)
        if match is None:
            return None
        year = match.groupdict().get("year")
        return Reference(text, year)


# Named schemes a pack may give instead of a pattern: data, not code.
PRESETS = {
    "ai-index": ReferenceScheme(
        pattern=r"[A-Z]{3} \d{2}/\d{4}/(?P<year>\d{4})",
        example="ABC 01/2345/2024",
        searchable=True,
    ),
}
DEFAULT = ReferenceScheme(pattern=r"[A-Za-z0-9][A-Za-z0-9 /._-]{0,39}", example="PR/2025/017")


def scheme_from(pattern: str | None, example: str | None) -> ReferenceScheme | str:
    """The scheme ``[references]`` describes, or why it cannot be one."""
    if pattern is None:
        return DEFAULT if example is None else ReferenceScheme(DEFAULT.pattern, example)
    if pattern in PRESETS:
        preset = PRESETS[pattern]
        return preset if example is None else ReferenceScheme(preset.pattern, example, True)
    if len(pattern) > MAX_PATTERN:
        return f"the pattern is longer than {MAX_PATTERN} characters"
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"not a regular expression ({exc})"
    scheme = ReferenceScheme(pattern, example or "")
    if example is not None and scheme.parse(example) is None:
        return f"the example '{example}' does not match the pattern"
    return scheme
