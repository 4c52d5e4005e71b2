"""`presskit serve`, the live preview for translators, in a real browser: headless
Chromium (Debian's) driven through its chromedriver."""

from __future__ import annotations

import io
import selectors
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from tests.conftest import pdftotext

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PRESSKIT = (sys.executable, "-m", "presskit")
FR_PO = "locales/fr/LC_MESSAGES/presskit.po"
# Hang guards only: a saved edit shows in well under a second (./run.sh bench).
START_SECONDS = 30
UPDATE_SECONDS = 60


def set_msgstr(po: Path, msgid_start: str, text: str) -> str:
    """Give the entry whose msgid starts with ``msgid_start`` the translation ``text``
    and save the catalog, as a catalog editor does; returns the previous translation."""
    with po.open("rb") as handle:
        catalog = read_po(handle)
    message = next(m for m in catalog if isinstance(m.id, str) and m.id.startswith(msgid_start))
    previous, message.string = message.string, text
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76)
    po.write_bytes(buffer.getvalue())
    return str(previous)


def entry_line(po: Path, msgid_start: str) -> int:
    """The line of the ``msgid`` keyword of an entry, as a text editor numbers it."""
    lines = po.read_text(encoding="utf-8").splitlines()
    found = next(n for n, line in enumerate(lines) if msgid_start in line)
    while not lines[found].startswith("msgid"):
        found -= 1
    return found + 1


class Server:
    """``presskit serve --port 0`` on a pack, in its own process, as a translator runs it."""

    def __init__(self, pack: Path) -> None:
        self.process = subprocess.Popen(
            [*PRESSKIT, "--project", str(pack), "serve", "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)  # type: ignore[arg-type]
        ready = selector.select(timeout=START_SECONDS)
        assert ready, "presskit serve did not start"
        line = self.process.stdout.readline()  # type: ignore[union-attr]
        assert " at http://127.0.0.1:" in line, line + self.process.stderr.read()  # type: ignore[union-attr]
        self.url = line.split(" at ")[1].split()[0].rstrip("/")
        self.port = int(self.url.rsplit(":", 1)[1])

    def get(self, path: str, host: str | None = None) -> tuple[int, str, bytes]:
        request = urllib.request.Request(self.url + path)
        if host is not None:
            request.add_header("Host", host)
        try:
            with urllib.request.urlopen(request, timeout=UPDATE_SECONDS) as response:
                return response.status, response.headers["Content-Type"], response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers["Content-Type"], exc.read()

    def stop(self) -> tuple[int, str, str]:
        """Ctrl-C: the exit status and what it printed on stdout and stderr."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=30)
        return self.process.returncode, out, err


@pytest.fixture
def browser() -> Iterator:  # type: ignore[type-arg]
    from selenium import webdriver

    assert CHROMIUM.exists() and CHROMEDRIVER.exists(), "chromium is installed by ./run.sh test"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    # --no-sandbox: the tests may run as root (CI does), where Chromium's sandbox refuses.
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,1000")
    service = webdriver.ChromeService(executable_path=str(CHROMEDRIVER))
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.mark.slow
def test_a_translator_sees_the_untranslated_unit_and_the_saved_edit(pack: Path, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    po = pack / FR_PO
    untranslated = "The declaration states that the UN Security Council"
    set_msgstr(po, untranslated, "")
    line = entry_line(po, untranslated)
    server = Server(pack)
    try:
        browser.get(f"{server.url}/fr/release")
        # The gap is printed in English, outlined, with its catalog entry's file and line.
        mark = browser.find_element(By.CSS_SELECTOR, '.presskit-gap[data-state="untranslated"]')
        assert mark.get_attribute("data-catalog") == f"{FR_PO}:{line}"
        label = mark.find_element(By.CLASS_NAME, "presskit-gap-label")
        assert label.is_displayed()
        assert label.text == f"untranslated — {FR_PO}:{line}"
        assert untranslated in mark.text
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
        # The translator saves another unit: the open page shows it, no reload by hand.
        edited = "Alep est au bord du gouffre (relu)."
        set_msgstr(po, "Aleppo is on the brink", edited)
        WebDriverWait(browser, UPDATE_SECONDS).until(
            lambda driver: edited in driver.find_element(By.TAG_NAME, "main").text
        )
        mark = browser.find_element(By.CSS_SELECTOR, '.presskit-gap[data-state="untranslated"]')
        assert mark.get_attribute("data-catalog") == f"{FR_PO}:{entry_line(po, untranslated)}"

        # The PDF of the page is one click away, typeset in memory, with no marks.
        href = browser.find_element(By.CSS_SELECTOR, "#presskit-toolbar a.presskit-pdf")
        status, kind, data = server.get(href.get_attribute("href").removeprefix(server.url))
        assert (status, kind) == (200, "application/pdf") and data.startswith(b"%PDF-")
        pdf = pack.parent / "page.pdf"
        pdf.write_bytes(data)
        text = " ".join(pdftotext(pdf).split())
        assert edited in text and untranslated in text
        assert "untranslated —" not in text and FR_PO not in text

        # A broken catalog is shown on the page as its one line; fixing it brings the
        # page back.
        good = po.read_text(encoding="utf-8")
        po.write_text(good + '\nmsgid "broken\n', encoding="utf-8")
        WebDriverWait(browser, UPDATE_SECONDS).until(
            lambda driver: driver.find_elements(By.ID, "presskit-error")
        )
        error = browser.find_element(By.ID, "presskit-error").text
        assert error.startswith(f"{FR_PO}:") and "\n" not in error, error
        po.write_text(good, encoding="utf-8")
        WebDriverWait(browser, UPDATE_SECONDS).until(
            lambda driver: edited in driver.find_element(By.TAG_NAME, "body").text
        )

        # Only this machine's names for the server are answered (DNS rebinding).
        assert server.get("/fr/release", host=f"attacker.example:{server.port}")[0] == 403
        assert server.get("/fr/release", host=f"localhost:{server.port}")[0] == 200
    finally:
        status, out, err = server.stop()
    assert status == 0 and out == "stopped\n" and "Traceback" not in err, err
    # It never writes: no output folder, no compiled catalog.
    assert not (pack / "output").exists()
    assert not list(pack.rglob("*.mo"))


def test_serve_is_told_of_a_port_in_use(pack: Path) -> None:
    server = Server(pack)
    try:
        busy = subprocess.run(
            [*PRESSKIT, "--project", str(pack), "serve", "--port", str(server.port)],
            capture_output=True,
            text=True,
            timeout=START_SECONDS,
        )
    finally:
        server.stop()
    assert busy.returncode == 1
    assert busy.stderr == (
        f"presskit: port {server.port} on 127.0.0.1 is in use: choose another with --port\n"
    )
