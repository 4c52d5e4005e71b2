"""The live preview's web server: 127.0.0.1 only, a fixed table of routes, pages pushed
again (Server-Sent Events) when a file of the pack is saved."""

from __future__ import annotations

import errno
import logging
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from presskit.config import Config
from presskit.errors import PresskitError, relative
from presskit.serve.site import Response, Site
from presskit.serve.watch import PackWatcher, watched

HOST = "127.0.0.1"
# An open page's event stream says it is alive this often, so a closed one is noticed.
HEARTBEAT_SECONDS = 15
log = logging.getLogger("presskit.serve")

Page = tuple[str, str] | None  # (language, document); None: the index


class LiveServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream never holds up Ctrl-C

    def __init__(self, site: Site, port: int) -> None:
        self.site = site
        self.stopping = threading.Event()
        self.open_pages: Counter[Page] = Counter()  # pages with an event stream open
        self.watcher: PackWatcher | None = None
        super().__init__((HOST, port), Handler)

    def allowed_hosts(self) -> set[str]:
        """The names a browser on this machine uses for the server: any other Host
        header is a page elsewhere reaching in through a rebound DNS name."""
        port = self.server_address[1]
        hosts = {f"{HOST}:{port}", f"localhost:{port}"}
        return hosts | ({HOST, "localhost"} if port == 80 else set())

    def watch(self) -> None:
        """Watch the files the pack's configuration names (again, when it names others)."""
        if self.watcher is not None:
            if watched(self.site.config) == (self.watcher.folders, self.watcher.files):
                return
            self.watcher.close()
        self.watcher = PackWatcher(self.site.config, self.changed).start()

    def changed(self, paths: list[Path]) -> None:
        """A file of the pack was saved: render the open pages again, then tell them."""
        start = time.perf_counter()
        site = self.site
        site.reload(paths)
        self.watch()  # before the pages are told: a file saved from then on is seen
        with site.changed:
            pages = list(self.open_pages)
        site.publish(pages)
        # Editors save through temporary files: name those that are still there.
        names = ", ".join(
            relative(path, site.root) for path in [p for p in paths if p.exists()] or paths
        )
        log.info("%s changed: pages updated in %.2f s", names, time.perf_counter() - start)


class Handler(BaseHTTPRequestHandler):
    server: LiveServer
    server_version = "presskit-serve"

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the terminal is for what changed and what broke."""

    def _serve(self, send_body: bool) -> None:
        if self.headers.get("Host") not in self.server.allowed_hosts():
            self._send(Response(403, "text/plain; charset=utf-8", b"unknown host\n"), send_body)
            return
        parts = [unquote(part) for part in urlsplit(self.path).path.split("/") if part]
        if parts and parts[0] == "_events" and len(parts) in (1, 3):
            page = None if len(parts) == 1 else (parts[1], parts[2])
            if page is None or self.server.site.is_page(*page):
                self._events(page)
                return
        response = self._route(parts)
        if response is None:
            response = Response(404, "text/plain; charset=utf-8", b"not found\n")
        self._send(response, send_body)

    def _route(self, parts: list[str]) -> Response | None:
        site = self.server.site
        if not parts:
            return site.index()
        if parts == ["_logo"]:
            return site.logo()
        language, rest = parts[0], parts[1:]
        if language not in site.config.languages or not rest:
            return None
        if len(rest) == 1 and site.is_page(language, rest[0]):
            return site.page(language, rest[0])
        if len(rest) == 1 and rest[0].endswith(".pdf"):
            document = rest[0].removesuffix(".pdf")
            return site.pdf(language, document) if site.is_page(language, document) else None
        # The stylesheet and images beside the page, as preview writes them.
        return site.asset("/".join(rest))

    def _send(self, response: Response, send_body: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        if response.filename:
            self.send_header("Content-Disposition", f'inline; filename="{response.filename}"')
        self._common_headers()
        self.end_headers()
        if send_body:
            self.wfile.write(response.body)

    def _common_headers(self) -> None:
        # A pack is data: its templates' scripts never run, nothing is loaded from
        # elsewhere; the preview's own script carries the nonce.
        nonce = self.server.site.nonce
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'self'; script-src 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        )
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-DNS-Prefetch-Control", "off")
        self.send_header("Cache-Control", "no-store")

    def _events(self, page: Page) -> None:
        """The page's event stream: the pack's stamp now, and again after each change."""
        server, site = self.server, self.server.site
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self._common_headers()
        self.end_headers()
        with site.changed:
            server.open_pages[page] += 1
        try:
            sent = None
            while not server.stopping.is_set():
                with site.changed:
                    stamp = site.stamp
                    if stamp == sent:
                        site.changed.wait(HEARTBEAT_SECONDS)
                        stamp = site.stamp
                if stamp != sent:
                    self.wfile.write(f"event: stamp\ndata: {stamp}\n\n".encode())
                    sent = stamp
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed
        finally:
            with site.changed:
                server.open_pages[page] -= 1
                if server.open_pages[page] <= 0:
                    del server.open_pages[page]


def serve(config: Config, port: int, echo: Callable[[str], None]) -> None:
    """Serve the pack until Ctrl-C; what changed and what broke is logged to stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    site = Site(config)
    try:
        server = LiveServer(site, port)
    except OSError as exc:
        reason = (
            "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
        )
        raise PresskitError(f"port {port} on {HOST} {reason}: choose another with --port") from None
    server.watch()
    url = f"http://{HOST}:{server.server_address[1]}/"
    echo(f"serving {config.name} at {url} (Ctrl-C to stop)")
    # Ctrl-C stops the server even where it was started with SIGINT ignored (in the
    # background of a script); a service manager's stop (SIGTERM) does the same.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stopping.set()
        site.notify()
        if server.watcher is not None:
            server.watcher.close()
        server.server_close()
    echo("stopped")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
