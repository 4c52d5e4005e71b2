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
from functools import cache

from presskit.content.model import Pack, name_reference
from presskit.doctree.inline import merge_text, split_matches
from presskit.doctree.nodes import Emph, InLanguage, Inline, Isolate, Link, Strong, Text

# A word in capitals with its inner hyphens, ampersands and dots ("FORUM-ASIA", "ACT-J",
# "AT&T", Cyrillic and Greek acronyms too): letters of any script that has case.
_WORD = re.compile(r"[^\W_](?:[\w&.\-]*[^\W_])?")

# A web or e-mail address typed in running text ("www.example.org/report",
# "press@example.org"), without the punctuation that ends a sentence after it. It
# starts where a word starts and its parts are bounded, so that a long run of letters
# is read in linear time, not tried again from each of its characters.
_ADDRESS = re.compile(
    r"(?<![\w.])(?:https?://|www\.)[^\s<>\"]{0,300}[^\s<>\".,;:!?)\]'’”»]"
    r"|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"
)
# Where a line may break inside a word, and the shortest word a dictionary hyphenates.
_BREAKABLE = re.compile(r"[-‐/.]")
_HYPHENATABLE = 4

Finder = tuple[re.Pattern[str], str]  # a pattern and the keep it gives what it finds


class Keeper:
    """Finds what must be kept together in the Text nodes of a unit."""

    def __init__(
        self, dates: re.Pattern[str] | None, names: Iterable[str] = (), latin_text: bool = True
    ) -> None:
        """``latin_text``: the edition's own face sets Latin text. Then acronyms and the
        ``names`` are looked for; otherwise Latin runs are isolated (in the Latin face,
        never hyphenated) after this, and an address typed in prose is one too."""
        self.acronyms = latin_text
        finders: list[Finder] = [(_ADDRESS, "whole" if latin_text else "address")]
        if dates is not None:
            finders.append((dates, "whole"))
        pattern = _names_pattern(tuple(names)) if latin_text else None
        if pattern is not None:
            finders.append((pattern, "name"))
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
                result.append(InLanguage(node.language, self.apply(node.children), node.unit))
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
            found = match.group(0)
            pieces.append(Isolate(found, whole=True) if keep == "address" else Text(found, keep))
            position = match.end()
        pieces += self._split(text[position:], rest)
        return pieces


@cache
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """The names as one pattern, the longest first; made once per pack, not per tree."""
    known = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not known:
        return None
    alternatives = "|".join(re.escape(name) for name in known)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _acronyms(text: str) -> list[Inline]:
    """Prose: an acronym a line could break (at its hyphen) is kept whole; one a
    hyphenation dictionary could cut ("LAPAS", four letters or more) is never
    hyphenated. Shorter ones ("UN") need nothing, and get nothing: each kept piece is a
    box of its own in the PDF."""
    pieces: list[Inline] = []
    for piece, acronym in acronym_pieces(text):
        keep = None
        if acronym and _BREAKABLE.search(piece):
            keep = "whole"
        elif acronym and is_acronym(piece, _HYPHENATABLE):
            keep = "name"
        pieces.append(Text(piece, keep))
    return pieces


def acronym_pieces(text: str, letters: int = 2) -> list[tuple[str, bool]]:
    """``text`` cut into its acronyms of ``letters`` letters or more (True) and the text
    between them (False)."""
    return split_matches(_WORD, text, lambda word: is_acronym(word, letters))


# A word with a hyphen inside ("Weißhaupt-Lindner", "Donau-Karpaten"), in any script.
_HYPHENATED = re.compile(r"[^\s]*[^\W_][-‐][^\W_][^\s]*")


def hyphenated_words(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into its words with a hyphen inside (True) and the rest: a name
    breaks between its words only, never at a hyphen."""
    return split_matches(_HYPHENATED, text)


def name_form(text: str) -> list[Text]:
    """A name's form in running text: never hyphenated, its hyphenated words whole. The
    spaces between the pieces stay ordinary text: a kept piece that began with the
    space a line ends at would leave an empty box (and an empty tag in the PDF)."""
    pieces: list[Text] = []
    for piece, kept in hyphenated_words(text):
        core = piece.strip()
        start = piece[: len(piece) - len(piece.lstrip())]
        end = piece[len(piece.rstrip()) :]
        pieces += [Text(start)] if start else []
        pieces += [Text(core, "whole" if kept else "name")] if core else []
        pieces += [Text(end)] if end else []
    return pieces


def breakable_acronyms(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into the acronyms a line could break at a hyphen, a slash or a dot
    ("FORUM-ASIA", True) and the rest: inside a name, which is never hyphenated, only
    those need keeping whole."""
    return [
        (piece, acronym and bool(_BREAKABLE.search(piece)))
        for piece, acronym in acronym_pieces(text)
    ]


def is_acronym(word: str, letters: int = 2) -> bool:
    """``letters`` capitals or more and no lower-case letter: "UN", "FORUM-ASIA"."""
    found = [c for c in word if c.isalpha()]
    return len(found) >= letters and all(c.isupper() for c in found)


def printed_names(pack: Pack) -> list[str]:
    """The names the pack prints as written: list entries, spokespeople, organisations,
    and the names file's source forms (a sentence may type one instead of its placeholder)."""
    names = [entry.name for entries in pack.lists.values() for entry in entries.entries]
    for speaker in pack.speakers.values():
        names += [speaker.name, speaker.organisation]
    names += [name.source for name in pack.names.values()]
    return [name for name in names if name_reference(name) is None]
