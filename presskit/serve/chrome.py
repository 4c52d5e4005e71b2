"""What the live preview adds around a page: its head (styles, live-reload script), the
toolbar (document and language switchers, the PDF, the untranslated units), the index
and the page that shows a pack error."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from presskit.content.model import Unit
from presskit.errors import short
from presskit.serve.markers import Gap

_HERE = Path(__file__).resolve().parent
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


@cache
def _static(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Place:
    """Where a page stands among the pack's pages, for the toolbar's switchers."""

    languages: tuple[str, ...]
    documents: tuple[str, ...]
    language: str | None = None  # None on the index
    document: str | None = None


def head(stamp: str, events: str, nonce: str) -> Markup:
    """Styles and script of the live preview, for the end of a page's head."""
    return Markup(
        f'<meta name="presskit-stamp" content="{escape(stamp)}">'
        f'<meta name="presskit-events" content="{escape(events)}">'
        f"<style data-presskit>{_static('live.css')}</style>"
        f'<script nonce="{escape(nonce)}">{_static("live.js")}</script>'
    )


def toolbar(
    place: Place, gaps: list[Gap] | None = None, marked: dict[Unit, str] | None = None
) -> Markup:
    """The bar above the page: switchers, the PDF link, and the page's untranslated units
    (each linked to its mark when the page shows one)."""
    parts = [Markup('<a href="/" title="Every document in every language">presskit</a>')]
    if place.document is not None and place.language is not None:
        documents = [(f"/{place.language}/{doc}", doc) for doc in place.documents]
        languages = [(f"/{lang}/{place.document}", lang) for lang in place.languages]
        for links, current in ((documents, place.document), (languages, place.language)):
            parts.append(
                Markup('<span class="presskit-group">{}</span>').format(
                    Markup("").join(_link(href, name, name == current) for href, name in links)
                )
            )
        pdf = f"/{place.language}/{place.document}.pdf"
        parts.append(
            Markup('<a class="presskit-pdf" href="{}" target="_blank">PDF</a>').format(pdf)
        )
    parts.append(Markup('<span class="presskit-status" id="presskit-status">live</span>'))
    summary = Markup("") if gaps is None else _gaps(gaps, marked or {})
    return Markup('<div id="presskit-toolbar" lang="en" dir="ltr"><nav>{}</nav>{}</div>').format(
        Markup("").join(parts), summary
    )


def _link(href: str, name: str, current: bool) -> Markup:
    attribute = Markup(' aria-current="page"') if current else Markup("")
    return Markup('<a href="{}"{}>{}</a>').format(href, attribute, name)


_STATES = {"untranslated": "untranslated", "fuzzy": "fuzzy", "missing": "not in the catalog"}


def _gaps(gaps: list[Gap], marked: dict[Unit, str]) -> Markup:
    if not gaps:
        return Markup('<p class="presskit-ok">Every unit of this page is translated.</p>')
    counts = ", ".join(
        f"{n} {said}"
        for state, said in _STATES.items()
        if (n := sum(g.state == state for g in gaps))
    )
    items = []
    for gap in gaps:
        text = short(gap.unit.msgid, 90)
        anchor = marked.get(gap.unit)
        shown = Markup('<a href="#{}">{}</a>').format(anchor, text) if anchor else escape(text)
        items.append(Markup("<li><code>{}</code>: {}</li>").format(gap.label, shown))
    return Markup(
        "<details><summary>{} printed in the source language ({})</summary><ol>{}</ol></details>"
    ).format(_units(len(gaps)), counts, Markup("").join(items))


def _units(count: int) -> str:
    return f"{count} unit" if count == 1 else f"{count} units"


def inject(page: str, head_markup: Markup, bar: Markup) -> str:
    """``page`` with the live preview's head and toolbar added, nothing else changed."""
    extra, bar_html = str(head_markup), str(bar)  # the page is HTML already: no escaping
    end = _HEAD_END.search(page)
    page = page[: end.start()] + extra + page[end.start() :] if end else extra + page
    body = _BODY.search(page)
    if body is None:
        return bar_html + page
    return page[: body.end()] + bar_html + page[body.end() :]


def error_page(message: str, place: Place, head_markup: Markup) -> str:
    """A pack error, as one line naming file and line; the page comes back when fixed."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>presskit: error</title>{head_markup}</head>"
        f'<body class="presskit-error-page">{toolbar(place)}'
        "<p>The pack cannot be rendered. Fix the file and save: this page comes back by "
        "itself.</p>"
        f'<pre class="presskit-error" id="presskit-error">{escape(message)}</pre></body></html>'
    )


@dataclass(frozen=True, slots=True)
class IndexRow:
    document: str
    title: str
    # Per language: units printed in the source language, None for the source itself.
    gaps: tuple[tuple[str, int | None], ...]


def index_page(pack_name: str, rows: list[IndexRow], place: Place, head_markup: Markup) -> str:
    """Every document in every language, with what is left to translate."""
    header = Markup("").join(Markup("<th>{}</th>").format(lang) for lang in place.languages)
    lines = []
    for row in rows:
        cells = []
        for language, count in row.gaps:
            href = f"/{language}/{row.document}"
            if count is None:
                note = Markup("source")
            elif count:
                note = Markup('<span class="presskit-todo">{} to translate</span>').format(count)
            else:
                note = Markup("✓")
            cells.append(Markup('<td><a href="{}">{}</a> {}</td>').format(href, language, note))
        lines.append(
            Markup("<tr><th>{}<br><small>{}</small></th>{}</tr>").format(
                row.document, row.title, Markup("").join(cells)
            )
        )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(pack_name)} · presskit serve</title>{head_markup}</head>"
        f'<body class="presskit-index">{toolbar(place)}<h1>{escape(pack_name)}</h1>'
        f"<table><tr><th></th>{header}</tr>{''.join(lines)}</table></body></html>"
    )
