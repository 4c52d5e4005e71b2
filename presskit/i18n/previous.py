"""Previous-msgid comments (``#|``), which Babel writes oddly and does not read back.

msgmerge, Poedit and Weblate show a translator the old source text of a fuzzy entry
from these comments; presskit keeps them through every ``i18n update``, and reads them
back from the ``# |`` translator comments `pybabel update` turns them into.
"""

from __future__ import annotations

import re

from babel.messages.catalog import Catalog
from babel.messages.pofile import normalize, unescape

# A run of "#|" lines; or of "# |" lines, which is how `pybabel update` writes them back
# (Babel reads them as translator comments), starting with a field.
_RUN = re.compile(r"(?:^#\| .*\n)+|^# \| (?:msgctxt|msgid)\b.*\n(?:^# \| .*\n)*", re.MULTILINE)
_PREFIX = re.compile(r"^# ?\| ")
_FIELD = re.compile(r'(msgctxt|msgid_plural|msgid)((?:\s*"(?:[^"\\]|\\.)*")+)')
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _fields(run: str) -> list[tuple[str, str]]:
    # Babel wraps the comment at spaces and drops them; joining with a space restores them.
    joined = " ".join(_PREFIX.sub("", line) for line in run.split("\n") if line)
    return [
        (field, "".join(unescape(f'"{part}"') for part in _STRING.findall(strings)))
        for field, strings in _FIELD.findall(joined)
    ]


def rewrap_previous(text: str) -> str:
    """Write each ``#|`` field as GNU gettext does: ``#| msgid ""`` then ``#| "..."`` lines."""

    def rewrite(match: re.Match[str]) -> str:
        lines = []
        for field, value in _fields(match.group(0)):
            for number, line in enumerate(normalize(value, width=76).split("\n")):
                lines.append(f"#| {field} {line}" if number == 0 else f"#| {line}")
        return "\n".join(lines) + "\n"

    return _RUN.sub(rewrite, text)


def attach_previous(catalog: Catalog, text: str) -> None:
    """Give each message the previous msgid its ``#|`` comments state (and take those
    lines out of its translator comments, where Babel's parser puts them)."""
    by_line = {message.lineno: message for message in catalog if message.id}
    lines = text.split("\n")  # as the parser counts lines (not at U+2028)
    line, counted = 1, 0
    for match in _RUN.finditer(text):
        line += text.count("\n", counted, match.end())  # counted once: linear
        counted = match.end()
        # The entry's msgid follows the comments (after an optional msgctxt), before the
        # blank line that ends the entry.
        entry = line
        while entry <= len(lines) and lines[entry - 1].strip():
            if lines[entry - 1].startswith("msgid "):
                break
            entry += 1
        message = by_line.get(entry)
        if message is None:
            continue
        # Babel's parser also keeps each "#|" line as a translator comment ("| msgid ..."),
        # which its writer would then print as "# | msgid ...": they are not comments.
        for run_line in match.group(0).split("\n"):
            comment = run_line[1:].lstrip()
            if comment and comment in message.user_comments:
                message.user_comments.remove(comment)
        fields = dict(_fields(match.group(0)))
        if "msgid" in fields:
            previous = [fields["msgid"]]
            if "msgid_plural" in fields:
                previous.append(fields["msgid_plural"])
            message.previous_id = previous
