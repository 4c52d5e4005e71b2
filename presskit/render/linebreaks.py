"""Where lines may break in scripts written without spaces between words.

Thai, Khmer, Lao and Myanmar run their words together; Pango breaks only Thai between
words, so a Khmer or Myanmar paragraph would run off the page. ICU's dictionary-based
line breaker (through icu4py) finds the breaks; the HTML writer marks them with
``<wbr>``, which adds break opportunities but no characters to the text.
"""

from __future__ import annotations

from functools import lru_cache

from icu4py.breakers import LineBreaker


@lru_cache(maxsize=4096)
def segments(text: str, locale: str) -> tuple[str, ...]:
    """``text`` cut at every line-break opportunity ICU finds for ``locale``."""
    if not text:
        return ()
    return tuple(LineBreaker(text, locale))
