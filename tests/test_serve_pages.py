"""What `presskit serve` shows, and what it refuses, on a small pack unlike the example
(tests/roots/embargo, a fishing coalition's briefing): the marks of each kind of gap,
the toolbar, the route table, and that builds and previews never carry the marks."""

from __future__ import annotations

import io
import re
import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from presskit.config import load_config
from presskit.serve.server import LiveServer
from presskit.serve.site import Site
from presskit.theme import THEME_DIR
from tests.conftest import REPO, edit, run

ROOT = REPO / "tests" / "roots" / "embargo"
FR_PO = "locales/fr/LC_MESSAGES/presskit.po"


@pytest.fixture
def fishing(tmp_path: Path) -> Path:
    """The embargo pack with three gaps in French: the briefing's kind is fuzzy, its
    heading is not in the catalog at all, a bullet point has an empty translation."""
    pack = shutil.copytree(ROOT, tmp_path / "pack")
    po = pack / FR_PO
    with po.open("rb") as handle:
        catalog = read_po(handle)
    catalog["Briefing"].flags.add("fuzzy")
    del catalog["What the coalition proposes"]
    catalog["Landing data published every month."].string = ""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76)
    po.write_bytes(buffer.getvalue())
    return pack


def line_of(pack: Path, msgid: str) -> int:
    lines = (pack / FR_PO).read_text(encoding="utf-8").splitlines()
    return lines.index(f'msgid "{msgid}"') + 1


def marks(html: str) -> list[tuple[str, str, str]]:
    """(state, data-catalog, label) of every mark on a page, in order."""
    return re.findall(
        r'<span class="presskit-gap [^"]*"[^>]* data-catalog="([^"]*)" data-state="([^"]*)">'
        r'<span class="presskit-gap-label"[^>]*>([^<]*)</span>',
        html,
    )


def test_each_gap_is_marked_with_its_catalog_entry(fishing: Path) -> None:
    site = Site(load_config(fishing))
    html = site.page("fr", "briefing").body.decode("utf-8")
    fuzzy = f"{FR_PO}:{line_of(fishing, 'Briefing')}"
    empty = f"{FR_PO}:{line_of(fishing, 'Landing data published every month.')}"
    found = marks(html)
    # The kind, a label, is marked where the page prints it (running header, masthead).
    assert found.count((fuzzy, "fuzzy", f"fuzzy — {fuzzy}")) == 2
    assert (FR_PO, "missing", f"not in the catalog: run presskit i18n update — {FR_PO}") in found
    assert (empty, "untranslated", f"untranslated — {empty}") in found
    assert len(found) == 4
    # The marked text is the source's, tagged as English.
    assert re.search(r'presskit\.po</span><span lang="en" dir="ltr">What the coalition', html)
    # The toolbar lists the three units, each linked to its first mark.
    assert (
        "3 units printed in the source language (1 untranslated, 1 fuzzy, 1 not in the catalog)"
        in html
    )
    for anchor in re.findall(r'<li><code>[^<]*</code>: <a href="#([^"]+)">', html):
        assert f'id="{anchor}"' in html
    # Switchers and the PDF link; the page is still the one WeasyPrint typesets.
    assert '<a href="/zh/briefing">zh</a>' in html and '<a href="/fr/release">release</a>' in html
    assert 'href="/fr/briefing.pdf"' in html
    assert '<html lang="fr"' in html and '<link rel="stylesheet" href="style.css">' in html


def test_a_translated_page_and_the_source_have_no_marks(fishing: Path) -> None:
    site = Site(load_config(fishing))
    assert marks(site.page("fr", "release").body.decode()) == []
    assert "Every unit of this page is translated." in site.page("fr", "release").body.decode()
    assert marks(site.page("en", "briefing").body.decode()) == []


def test_preview_never_carries_the_marks(fishing: Path, tmp_path: Path) -> None:
    out = tmp_path / "preview"
    result = run(fishing, "preview", "--lang", "fr", "--allow-incomplete", "--output", str(out))
    assert result.exit_code == 0, result.output
    page = next(out.glob("*-briefing-fr.html")).read_text(encoding="utf-8")
    assert "What the coalition proposes" in page  # the gap, in English
    assert "presskit-" not in page and "data-catalog" not in page and "<script" not in page


@pytest.fixture
def server(fishing: Path) -> Iterator[LiveServer]:
    live = LiveServer(Site(load_config(fishing)), 0)
    thread = threading.Thread(target=live.serve_forever, daemon=True)
    thread.start()
    try:
        yield live
    finally:
        live.shutdown()
        live.server_close()


def get(
    server: LiveServer, path: str, host: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    port = server.server_address[1]
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if host is not None:
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_the_routes_are_a_fixed_table(server: LiveServer) -> None:
    status, headers, body = get(server, "/")
    assert (
        status == 200
        and b'<a href="/fr/briefing">fr</a> <span class="presskit-todo">3 to translate' in body
    )
    status, headers, body = get(server, "/fr/briefing")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    # Only the preview's own script runs: the pack's templates are data.
    policy = headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)  # type: ignore[union-attr]
    assert (
        f'<script nonce="{nonce}">' in body.decode() and "unsafe-inline" not in policy.split(";")[1]
    )
    # The stylesheet beside the page, as preview copies it (here: the theme's).
    status, headers, body = get(server, "/fr/style.css")
    theme_css = (REPO / "presskit/themes/default/style.css").read_bytes()
    assert (status, headers["Content-Type"], body) == (200, "text/css; charset=utf-8", theme_css)
    for path in (
        "/de/briefing",  # not a language of the pack
        "/fr/memo",  # not a document
        "/fr/document.html",  # the page template is not an asset
        "/fr/../presskit.toml",
        "/fr/%2e%2e/%2e%2e/presskit.toml",
        "/fr/..%2F..%2Fpresskit.toml",
        "/_logo",  # the pack has none
        "/_events/fr/memo",
    ):
        assert get(server, path)[0] == 404, path
    assert get(server, "/", host="127.0.0.1.attacker.example")[0] == 403
    assert get(server, "/fr/briefing", host=None)[0] == 200


def test_the_logo_is_served_from_the_pack(tmp_path: Path) -> None:
    pack = shutil.copytree(REPO / "tests" / "roots" / "themed", tmp_path / "pack")
    live = LiveServer(Site(load_config(pack)), 0)
    threading.Thread(target=live.serve_forever, daemon=True).start()
    try:
        status, _, page = get(live, "/en/announcement")
        assert status == 200 and b'src="/_logo"' in page
        status, headers, logo = get(live, "/_logo")
        assert (status, headers["Content-Type"]) == (200, "image/png")
        assert logo == (pack / "logo.png").read_bytes()
    finally:
        live.shutdown()
        live.server_close()


def wait_for(condition, seconds: float = 30) -> None:  # type: ignore[no-untyped-def]
    """Poll ``condition`` until it holds: a hang guard, not a measure (./run.sh bench)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the change was not noticed"
        time.sleep(0.05)


def test_saving_content_or_adding_templates_updates_the_pages(server: LiveServer) -> None:
    server.watch()
    root = server.site.root
    try:
        # A content edit changes a unit: the page shows it in English, as not in the
        # catalog yet.
        stamp = server.site.stamp
        edit(root / "content/briefing.yaml", "every month.", "every week.")
        wait_for(lambda: server.site.stamp != stamp)
        page = get(server, "/fr/briefing")[2].decode()
        assert "Landing data published every week." in page
        assert 'data-state="missing"' in page
        # A templates folder the pack did not have is noticed, and watched from then on.
        stamp = server.site.stamp
        (root / "templates").mkdir()
        wait_for(lambda: server.site.stamp != stamp)
        style = root / "templates/style.css"

        def saved_and_seen() -> bool:
            # Its watch starts a moment after the folder appears: save until it is seen.
            stamp = server.site.stamp
            style.write_text("body { color: #123456; }\n", encoding="utf-8")
            time.sleep(0.5)
            return server.site.stamp != stamp

        wait_for(saved_and_seen)
        assert get(server, "/fr/style.css")[2] == b"body { color: #123456; }\n"
        # A page template saved twice: each version shows (compiled templates are kept,
        # keyed by their source).
        theme_page = (THEME_DIR / "document.html").read_text(encoding="utf-8")
        for number in (1, 2):
            stamp = server.site.stamp
            (root / "templates/document.html").write_text(
                theme_page.replace("<body", f"<p>template {number}</p><body", 1),
                encoding="utf-8",
            )
            wait_for(lambda before=stamp: server.site.stamp != before)
            assert f"<p>template {number}</p>" in get(server, "/fr/briefing")[2].decode()
    finally:
        assert server.watcher is not None
        server.watcher.close()


HOSTILE_HEAD = (
    '<meta http-equiv="refresh" content="0; url=http://203.0.113.9/reached">\n'
    '<META content="a>b" HTTP-EQUIV=refresh content="0;url=http://203.0.113.9/">\n'
    '<meta/http-equiv="refresh" content="0;url=http://203.0.113.9/">\n'
    '<link rel="dns-prefetch" href="//tracker.example">\n'
    '<link rel="preconnect" href="https://tracker.example">\n'
)


def test_a_template_cannot_send_the_browser_elsewhere(fishing: Path) -> None:
    """No policy stops a meta refresh or a DNS prefetch: the served page renames every
    meta and link element but the plain ones the theme writes."""
    theme = REPO / "presskit" / "themes" / "default" / "document.html"
    template = theme.read_text(encoding="utf-8").replace("<head>", "<head>\n" + HOSTILE_HEAD, 1)
    assert HOSTILE_HEAD in template
    (fishing / "templates").mkdir(exist_ok=True)
    (fishing / "templates" / "document.html").write_text(template, encoding="utf-8")
    html = Site(load_config(fishing)).page("fr", "briefing").body.decode("utf-8")
    # Every place a browser would start a meta or link element is a plain one.
    elements = re.findall(r"<(?:meta|link)[\t\n\f\r />][^>]*>", html, re.IGNORECASE)
    assert elements and all("http-equiv" not in e.lower() for e in elements), elements
    assert all("tracker" not in e for e in elements), elements
    assert '<meta charset="utf-8">' in html and '<link rel="stylesheet" href="style.css">' in html
    assert html.count("<presskit-removed-") == 5
