"""A pack's page made inert before a browser shows it.

The served page's Content-Security-Policy stops scripts, frames and loads from
elsewhere, but no policy stops a ``<meta http-equiv="refresh">`` (which sends the
browser to any address) or a ``<link rel="dns-prefetch">`` / ``preconnect`` (which
reach out by themselves). A browser starts a ``meta`` or ``link`` element only where the
text says ``<meta`` or ``<link`` followed by a space, ``/`` or ``>``; each such
place that is not one of the plain forms presskit's templates write is renamed, which
leaves an unknown, inert element and the rest of the page as it was.
"""

from __future__ import annotations

import re

_VALUE = r'"[^"<>]*"'
_PLAIN = re.compile(
    rf"<meta charset={_VALUE}\s*/?>"
    rf"|<meta name={_VALUE} content={_VALUE}\s*/?>"
    rf"|<link rel=\"stylesheet\" href={_VALUE}\s*/?>"
)
_ELEMENT = re.compile(r"<(meta|link)(?=[\t\n\f\r />])", re.IGNORECASE)


def inert(page: str) -> str:
    """``page`` with every ``meta`` and ``link`` element other than the plain ones
    renamed to ``presskit-removed-meta`` / ``presskit-removed-link``."""

    def rename(match: re.Match[str]) -> str:
        if _PLAIN.match(page, match.start()):
            return match.group()
        return f"<presskit-removed-{match.group(1).lower()}"

    return _ELEMENT.sub(rename, page)
