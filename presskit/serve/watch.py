"""Watching the pack's files: the operating system tells us of each save (watchfiles,
over inotify, FSEvents or ReadDirectoryChangesW); nothing polls."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

from presskit.config import CONFIG_FILE, Config

log = logging.getLogger("presskit.serve")
# Compiled catalogs are written beside the .po (Poedit does on every save); no page is
# made from them, so they are no reason to render again.
_IGNORED_SUFFIXES = (".mo",)


def watched(config: Config) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """The folders a page is made from, watched with everything below them (content,
    templates, catalogs), and the single paths: presskit.toml, the logo, and a folder
    the pack does not have yet (an optional templates folder), to notice it appear."""
    configured = dict.fromkeys([config.content_dir, config.templates_dir, config.locales_dir])
    folders = [folder for folder in configured if folder.is_dir()]
    single = [config.root / CONFIG_FILE, *(f for f in configured if f not in folders)]
    logo = config.theme.logo
    if logo is not None and not any(logo.is_relative_to(folder) for folder in folders):
        single.append(logo)
    return tuple(folders), tuple(single)


class PackWatcher:
    """Calls ``on_change`` with the changed paths after each save, from its own threads,
    until closed."""

    def __init__(self, config: Config, on_change: Callable[[list[Path]], None]) -> None:
        self.folders, self.files = watched(config)
        self.on_change = on_change
        self._stop = threading.Event()
        self._filter = watchfiles.DefaultFilter()
        # One recursive watch over the folders and one flat watch over the folders
        # holding the single files: watching the pack's root recursively would watch
        # its output folder and whatever else lives there (a virtual environment).
        flat = tuple(dict.fromkeys(p.parent for p in self.files if p.parent.is_dir()))
        self._threads = [
            threading.Thread(target=self._run, args=(paths, recursive), daemon=True)
            for paths, recursive in ((self.folders, True), (flat, False))
            if paths
        ]

    def start(self) -> PackWatcher:
        for thread in self._threads:
            thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout=5)

    def _wanted(self, change: watchfiles.Change, path: str) -> bool:
        if path.endswith(_IGNORED_SUFFIXES) or not self._filter(change, path):
            return False
        found = Path(path)
        return found in self.files or any(found.is_relative_to(f) for f in self.folders)

    def _run(self, paths: tuple[Path, ...], recursive: bool) -> None:
        for changes in watchfiles.watch(
            *paths,
            watch_filter=self._wanted,
            recursive=recursive,
            stop_event=self._stop,
            step=20,  # ms without a new event before a batch is reported
            raise_interrupt=False,
        ):
            try:
                self.on_change(sorted({Path(path) for _, path in changes}))
            except Exception:  # a bug: say so, and keep watching
                log.exception("internal error after a change")
