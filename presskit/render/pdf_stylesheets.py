"""A linked stylesheet parsed once per process, not once per document.

Every document links the same style.css, and WeasyPrint 70 tokenizes it, validates
each declaration and compiles each selector again for every document a worker renders.
The sheet is still fetched for every document, through that document's fetcher, so
a refusal happens and is reported as before; the parse is reused only when the URL,
the fetched bytes, their type and what the fetcher lets through are all the same, so
an edited sheet, another file or another pack's sheet is parsed anew.

Only a sheet whose parse touches nothing outside itself is kept: style rules, @page
and @media around them. @font-face registers faces with the document's fonts,
@import fetches, @counter-style, @color-profile and @layer fill the document's tables;
a sheet with any of them is parsed for each document. So is one whose parse logged a
warning: each document must report it.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import tinycss2
import weasyprint
from weasyprint import css as weasyprint_css
from weasyprint.css.tokens import Pending
from weasyprint.logger import LOGGER, PROGRESS_LOGGER
from weasyprint.urls import URLFetcherResponse, fetch

# The keyword arguments with which WeasyPrint 70 (find_stylesheets) builds the sheet of
# a <link rel="stylesheet">; any other call (a <style>, an @import) is left alone.
_LINKED = frozenset(
    {
        "url",
        "url_fetcher",
        "media_type",
        "font_config",
        "counter_style",
        "color_profiles",
        "page_rules",
        "layers",
        "_check_mime_type",
    }
)
# At-rules whose parse only adds to the sheet's own rules.
_SELF_CONTAINED = frozenset({"page", "media"})
# A build links one or two sheets; an edited sheet pushes out the oldest version.
_KEPT = 8


@dataclass(frozen=True, slots=True)
class _Parsed:
    base_url: str
    matcher: Any  # cssselect2.Matcher, only read once built
    page_rules: list[Any]
    pending: tuple[Pending, ...]  # var() values, which report an error once per parse


_parsed: OrderedDict[tuple[Any, ...], _Parsed] = OrderedDict()


class _Replay:
    """The document's fetcher, except that the sheet's own URL answers, once, with the
    response already fetched: the sheet parsed is the one whose bytes were looked up."""

    def __init__(self, fetcher: Any, url: str, response: URLFetcherResponse, body: bytes):
        self.fetcher, self.url, self._answer = fetcher, url, (response.url, body, response.headers)
        self._fail_on_errors = fetcher._fail_on_errors

    def __call__(self, url: str) -> URLFetcherResponse:
        if url == self.url and self._answer is not None:
            answer, self._answer = self._answer, None
            return URLFetcherResponse(*answer)
        return self.fetcher(url)


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _linked_sheet(make_css: Any, **kwargs: Any) -> Any:
    url, fetcher = kwargs["url"], kwargs["url_fetcher"]
    # Fetched for every document: the fetcher refuses and records as it always did.
    with fetch(fetcher, url) as response:
        body = response.read()
    replay = _Replay(fetcher, url, response, body)
    key = (
        url,
        response.url,
        body,
        response.content_type,
        response.charset,
        kwargs["media_type"],
        fetcher.scope,
    )
    if (parsed := _parsed.get(key)) is None:
        rules, _ = tinycss2.parse_stylesheet_bytes(body, protocol_encoding=response.charset)
        if not _self_contained(rules):
            return make_css(**{**kwargs, "url_fetcher": replay})
        warnings = _Warnings()
        LOGGER.addHandler(warnings)
        try:
            # Into tables of its own, which the sheet cannot touch beyond its rules.
            sheet = make_css(
                **{
                    **kwargs,
                    "url_fetcher": replay,
                    "font_config": None,
                    "counter_style": {},
                    "color_profiles": {},
                    "page_rules": [],
                    "layers": [],
                }
            )
        finally:
            LOGGER.removeHandler(warnings)
        parsed = _Parsed(
            sheet.base_url, sheet.matcher, sheet.page_rules, tuple(_pending_values(sheet))
        )
        if not warnings.count:
            _parsed[key] = parsed
            while len(_parsed) > _KEPT:
                _parsed.popitem(last=False)
    else:
        PROGRESS_LOGGER.info("Step 2 - Fetching and parsing CSS - %s", url)
        _parsed.move_to_end(key)
        for value in parsed.pending:
            value._reported_error = False  # as in a freshly parsed sheet
    return _for_document(parsed, kwargs["page_rules"], kwargs["layers"])


def _for_document(parsed: _Parsed, page_rules: list[Any], layers: list[Any]) -> Any:
    """The sheet as WeasyPrint would have built it for this document: its @page rules
    added to the document's list, which every author sheet shares, in the same place."""
    page_rules.extend(parsed.page_rules)
    sheet = object.__new__(weasyprint.CSS)
    sheet.base_url, sheet.matcher = parsed.base_url, parsed.matcher
    sheet.page_rules, sheet.layers = page_rules, layers
    return sheet


def _self_contained(rules: list[Any]) -> bool:
    """Whether parsing ``rules`` adds to the sheet's rules and does nothing else."""
    for rule in rules:
        if rule.type != "at-rule":
            continue
        if rule.lower_at_keyword not in _SELF_CONTAINED:
            return False
        nested = rule.lower_at_keyword == "media" and rule.content is not None
        if nested and not _self_contained(tinycss2.parse_rule_list(rule.content)):
            return False
    return True


def _pending_values(sheet: Any) -> Iterator[Pending]:
    """The var() values of a parsed sheet: its style rules' and its @page rules'."""
    entries: list[Any] = []
    for table in vars(sheet.matcher).values():
        if isinstance(table, dict):
            for listed in table.values():
                entries += listed
        elif isinstance(table, list):
            entries += table
    declaration_lists = [payload[0] for *_, payload in entries]
    declaration_lists += [declarations for *_, declarations in sheet.page_rules]
    for declarations in declaration_lists:
        for _name, value, _importance in declarations:
            if isinstance(value, Pending):
                yield value


def _parses_once(make_css: Any) -> Any:
    def css(*args: Any, **kwargs: Any) -> Any:
        linked = not args and kwargs.keys() == _LINKED and kwargs["_check_mime_type"]
        if linked and hasattr(kwargs["url_fetcher"], "scope"):
            return _linked_sheet(make_css, **kwargs)
        return make_css(*args, **kwargs)

    return css


def install() -> None:
    """Build <link>ed sheets through the cache above."""
    weasyprint_css.CSS = _parses_once(weasyprint_css.CSS)
