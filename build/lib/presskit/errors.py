"""The one small hierarchy of errors presskit reports to its users."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True, slots=True)
class Location:
    """Where something stands in a pack's files: path relative to the pack, 1-based line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class PresskitError(click.ClickException):
    """An error in the user's input: printed as one line, never as a traceback."""

    category = "error"
    exit_code = 1

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.location = location
        message = " ".join(message.split())  # always one line, whatever the cause said
        super().__init__(f"{location}: {message}" if location else message)

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"presskit: {self.format_message()}", err=True)


class UsageError(PresskitError):
    """The command line asks for something that does not exist (exit status 2)."""

    exit_code = 2


class ConfigError(PresskitError):
    """presskit.toml is missing or wrong."""


class ContentError(PresskitError):
    """A content file is malformed or contradicts another."""


class CatalogError(PresskitError):
    """A translation catalog is malformed or incomplete."""


class RenderError(PresskitError):
    """A template or writer could not produce a document."""


def short(text: object, limit: int = 50) -> str:
    """A message id as quoted in errors: the singular form, cut to ``limit`` characters."""
    text = text[0] if isinstance(text, (list, tuple)) else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def relative(path: Path, root: Path) -> str:
    """Path as the user knows it: relative to the pack when it is inside it.

    Compared as written first, so that a link in the pack is named by its own path,
    not by where it points.
    """
    for candidate, base in ((Path(os.path.abspath(path)), root), (path.resolve(), root.resolve())):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return str(path)
