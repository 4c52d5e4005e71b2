"""Parse a unit's text into inline nodes.

The only markup a unit (and so a translation) can carry is ``*emphasis*``,
``**strong**`` and ``[label](url)`` with an http, https or mailto URL; everything
else, HTML and template syntax included, stays literal text. Placeholders
``{name}`` (and names, ``{org:id}``) become the values given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from presskit.content.model import FILLABLE
from presskit.doctree.nodes import Emph, Inline, Isolate, Link, Strong, Text
from presskit.languages import Language

_MARKUP = re.compile(
    r"\[(?P<label>[^\[\]]+)\]\((?P<url>(?:https?://|mailto:)[^\s()<>\"]+)\)"
    r"|\*\*(?P<strong>[^*\s](?:[^*]*[^*\s])?)\*\*"
    r"|(?<![*\w])\*(?P<emph>[^*\s](?:[^*]*[^*\s])?)\*(?![*\w])"
)

# The inline grammar, shared with the XLIFF writer (its codes mark the same delimiters).
MARKUP = _MARKUP

PlaceholderFill = Mapping[str, Sequence[Inline]]


def parse(text: str, fill: PlaceholderFill, source: str | None = None) -> tuple[Inline, ...]:
    """Markup and placeholders of ``text`` as inline nodes; unknown placeholders stay literal.

    With ``source`` (the unit's source text), only the markup the source has survives:
    a translation cannot add a link or emphasis that its source does not carry.
    """
    allowed = None if source is None else set(markup_signature(source))
    return tuple(merge_text(_parse(text, lambda s: _fill(s, fill), allowed)))


def _parse(
    text: str, leaf: Callable[[str], list[Inline]], allowed: set[str] | None
) -> list[Inline]:
    nodes: list[Inline] = []
    position = 0
    for match in _MARKUP.finditer(text):
        kind = _kind(match)
        if allowed is not None and kind not in allowed:
            continue  # stays literal text
        nodes += leaf(text[position : match.start()])
        if match.group("label") is not None:
            label = tuple(_parse(match.group("label"), leaf, allowed))
            nodes.append(Link(match.group("url"), label))
        elif match.group("strong") is not None:
            nodes.append(Strong(tuple(_parse(match.group("strong"), leaf, allowed))))
        else:
            nodes.append(Emph(tuple(_parse(match.group("emph"), leaf, allowed))))
        position = match.end()
    nodes += leaf(text[position:])
    return nodes


def _kind(match: re.Match[str]) -> str:
    if match.group("label") is not None:
        return "link:" + match.group("url")
    return "strong" if match.group("strong") is not None else "emph"


def _fill(text: str, fill: PlaceholderFill) -> list[Inline]:
    nodes: list[Inline] = []
    position = 0
    for match in FILLABLE.finditer(text):
        value = fill.get(match.group(1))
        if value is None:
            continue
        nodes.append(Text(text[position : match.start()]))
        nodes.extend(value)
        position = match.end()
    nodes.append(Text(text[position:]))
    return [node for node in nodes if not (isinstance(node, Text) and not node.text)]


def merge_text(nodes: list[Inline]) -> list[Inline]:
    """Join adjacent Text nodes of ordinary text (a kept date or name stays apart)."""
    merged: list[Inline] = []
    for node in nodes:
        previous = merged[-1] if merged else None
        if _plain(node) and _plain(previous):
            merged[-1] = Text(previous.text + node.text)  # type: ignore[union-attr]
        else:
            merged.append(node)
    return merged


def _plain(node: Inline | None) -> bool:
    return isinstance(node, Text) and not node.keep


# A run of Latin script inside right-to-left text ("Human Rights Watch (HRW)", "377A(V)",
# "377 (V)"): it starts with a Latin letter (or digits just before one) and
# ends with a letter, digit or closing bracket, so surrounding punctuation stays outside.
_LATIN_RUN = re.compile(
    r"(?:[0-9]+ ?\(?)?[A-Za-z\u00c0-\u024f]"
    r"(?:[A-Za-z0-9\u00c0-\u024f .,'’&()\[\]/@+\-–]*[A-Za-z0-9\u00c0-\u024f)\]])?"
)


def isolate_latin(nodes: Sequence[Inline], language: Language | None = None) -> tuple[Inline, ...]:
    """Wrap the Latin-script runs of Text nodes in Isolate nodes (for RTL editions), so
    that names and abbreviations inside Arabic sentences neither reorder nor drag
    punctuation across; each run in ``language``, when known."""
    result: list[Inline] = []
    for node in nodes:
        if _plain(node):
            assert isinstance(node, Text)
            position = 0
            for match in _LATIN_RUN.finditer(node.text):
                run = _balanced(match.group(0))
                if match.start() > position:
                    result.append(Text(node.text[position : match.start()]))
                result.append(Isolate(run, language))
                position = match.start() + len(run)
            if position < len(node.text):
                result.append(Text(node.text[position:]))
        elif isinstance(node, (Emph, Strong)):
            result.append(type(node)(isolate_latin(node.children, language)))
        elif isinstance(node, Link):
            result.append(Link(node.url, isolate_latin(node.children, language)))
        else:
            result.append(node)
    return tuple(merge_text(result))


def _balanced(run: str) -> str:
    """Drop a trailing ')' that has no '(' in the run: it belongs to the Arabic text."""
    while run.endswith(")") and run.count(")") > run.count("("):
        run = run[:-1].rstrip()
    return run


def split_matches(
    pattern: re.Pattern[str], text: str, wanted: Callable[[str], bool] = bool
) -> list[tuple[str, bool]]:
    """``text`` cut into what ``pattern`` finds and ``wanted`` accepts (True) and the
    text between (False)."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(text):
        if wanted(match.group(0)):
            if match.start() > position:
                pieces.append((text[position : match.start()], False))
            pieces.append((match.group(0), True))
            position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def markup_signature(text: str) -> list[str]:
    """The markup of a text, in order (``emph``, ``strong``, ``link:<url>``), for checks."""
    return [_kind(match) for match in _MARKUP.finditer(text)]


def plain_text(nodes: Sequence[Inline]) -> str:
    """The text of inline nodes without markup."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, (Text, Isolate)):
            parts.append(node.text)
        else:
            parts.append(plain_text(node.children))
    return "".join(parts)
