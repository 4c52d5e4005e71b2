"""What a line break may not do to running text.

A date broken across lines ("3 / November 1950") reads badly and copies out wrong; a
name hyphenated ("Am-nesty") or an acronym broken ("FOR-UM-ASIA", "FORUM- / ASIA") is
no longer the name. Prose is searched for the dates of the edition's language and for
acronyms, which are kept whole, and for the names the pack prints as written (its
lists' entries, its spokespeople and their organisations), which may wrap between their
words but are never hyphenated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from presskit.content.model import Pack
from presskit.doctree.inline import merge_text
from presskit.doctree.nodes import Emph, InLanguage, Inline, Link, Strong, Text

# A word in capitals with its inner hyphens, ampersands and dots ("FORUM-ASIA", "ACT-J",
# "AT&T", Cyrillic and Greek acronyms too): letters of any script that has case.
_WORD = re.compile(r"[^\W_](?:[\w&.\-]*[^\W_])?")

Finder = tuple[re.Pattern[str], str]  # a pattern and the keep it gives what it finds


class Keeper:
    """Finds what must be kept together in the Text nodes of a unit."""

    def __init__(
        self, dates: re.Pattern[str] | None, names: Iterable[str] = (), acronyms: bool = True
    ) -> None:
        self.acronyms = acronyms
        finders: list[Finder] = []
        if dates is not None:
            finders.append((dates, "whole"))
        known = sorted({n for n in names if n.strip()}, key=len, reverse=True)
        if known:
            alternatives = "|".join(re.escape(name) for name in known)
            finders.append((re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), "name"))
        self.finders = finders

    def apply(self, nodes: Sequence[Inline]) -> tuple[Inline, ...]:
        result: list[Inline] = []
        for node in nodes:
            if isinstance(node, Text) and not node.keep:
                result += self._split(node.text, self.finders)
            elif isinstance(node, (Emph, Strong)):
                result.append(type(node)(self.apply(node.children)))
            elif isinstance(node, Link):
                result.append(Link(node.url, self.apply(node.children)))
            elif isinstance(node, InLanguage):
                result.append(InLanguage(node.language, self.apply(node.children)))
            else:
                result.append(node)
        return tuple(merge_text(result))

    def _split(self, text: str, finders: list[Finder]) -> list[Inline]:
        """``text`` cut at what the first finder finds, the rest left to the others."""
        if not finders:
            return _acronyms(text) if self.acronyms else [Text(text)] if text else []
        (pattern, keep), rest = finders[0], finders[1:]
        pieces: list[Inline] = []
        position = 0
        for match in pattern.finditer(text):
            pieces += self._split(text[position : match.start()], rest)
            pieces.append(Text(match.group(0), keep))
            position = match.end()
        pieces += self._split(text[position:], rest)
        return pieces


def _acronyms(text: str) -> list[Inline]:
    return [Text(piece, "whole" if acronym else None) for piece, acronym in acronym_pieces(text)]


def acronym_pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into its acronyms (True), which are never broken, not even at their
    hyphen ("FORUM-ASIA"), and the text between them (False)."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _WORD.finditer(text):
        if is_acronym(match.group(0)):
            if match.start() > position:
                pieces.append((text[position : match.start()], False))
            pieces.append((match.group(0), True))
            position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def is_acronym(word: str) -> bool:
    """Two capitals or more and no lower-case letter: "UN", "FORUM-ASIA"."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def printed_names(pack: Pack) -> list[str]:
    """The names the pack prints as written: list entries, spokespeople, organisations."""
    names = [entry.name for entries in pack.lists.values() for entry in entries.entries]
    for speaker in pack.speakers.values():
        names += [speaker.name, speaker.organisation]
    return names
