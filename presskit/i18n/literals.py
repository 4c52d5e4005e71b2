"""What a check must read past in a unit's text: placeholders, markup and verbatim literals.

Rules about wording (the glossary) and typography look at a translation's prose only:
a URL's colon, a placeholder's name or a link's target is not French punctuation, and an
organisation's name in a placeholder is not a term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from presskit.content.model import PLACEHOLDER

# Every pattern is linear in its text: a match can start only where its first run
# starts (the lookbehind), so a long run is scanned once, not once per position.
VERBATIM = (
    ("URL", re.compile(r"(?:https?|mailto):[^\s)\]>\"]+")),
    ("e-mail address", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("telephone number", re.compile(r"\+\d[\d ()-]{6,}\d")),
)
# Stands for a masked run: neither a letter, a space nor punctuation any rule looks for.
MASK = "\ufffc"
_LINK = re.compile(r"\[(?P<label>[^\[\]]+)\]\((?:https?://|mailto:)[^\s()<>\"]+\)")
_EMPHASIS = re.compile(r"\*{1,2}(?=\S)|(?<=\S)\*{1,2}")
# Another placeholder syntax a pack may use for names ({org:coalition}, {person:x}).
_NAMED = re.compile(r"\{[a-z_][a-z0-9_]*:[a-z0-9_-]+\}")


def prose(text: str, references: Iterable[str] = (), keep_length: bool = False) -> str:
    """``text`` with every placeholder, link target, emphasis mark and verbatim literal
    (URL, e-mail address, telephone number, one of ``references``) masked; a link keeps
    its label, which is prose.

    With ``keep_length``, each masked character becomes one MASK, so that a position in
    the result is the same position in ``text``; otherwise each masked run is one MASK
    and emphasis marks are dropped (a term may be emphasised).
    """

    def mask(match: re.Match[str]) -> str:
        return MASK * len(match.group()) if keep_length else MASK

    def link(match: re.Match[str]) -> str:
        if not keep_length:
            return match.group("label")
        end = match.end("label")
        before = match.start("label") - match.start()
        return MASK * before + match.group("label") + MASK * (match.end() - end)

    text = _LINK.sub(link, text)
    text = _EMPHASIS.sub(mask if keep_length else "", text)
    for pattern in (PLACEHOLDER, _NAMED, *(p for _, p in VERBATIM)):
        text = pattern.sub(mask, text)
    for reference in references:
        text = text.replace(reference, MASK * len(reference) if keep_length else MASK)
    return text
