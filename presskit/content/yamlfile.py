"""Read YAML while keeping the line of every value, so errors can name file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from presskit.errors import ContentError, Location


class Located:
    """Mixin for loaded values that remember where they stand."""

    location: Location


class LStr(str, Located):
    """A string from a YAML file."""


class LDict(dict, Located):  # type: ignore[type-arg]
    """A mapping from a YAML file; ``key_locations`` holds where each key stands."""

    key_locations: dict[str, Location]


class LList(list, Located):  # type: ignore[type-arg]
    """A sequence from a YAML file."""


class LScalar(Located):
    """A non-string scalar (int, bool, date, None) with its location."""

    def __init__(self, value: Any, location: Location) -> None:
        self.value = value
        self.location = location

    def __repr__(self) -> str:
        return f"LScalar({self.value!r})"


def location_of(value: Any, default: Location) -> Location:
    return getattr(value, "location", default)


def plain(value: Any) -> Any:
    """The value without locations: str, int, dict, list."""
    if isinstance(value, LScalar):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def load_yaml(path: Path, shown_as: str) -> Any:
    """Parse one YAML file into L* values; any error is a ContentError at file:line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError(f"cannot read file ({exc.strerror})", Location(shown_as)) from None
    return parse_yaml(data, shown_as)


def parse_yaml(data: bytes, shown_as: str) -> Any:
    """Parse YAML bytes; ``shown_as`` is the path errors name."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError("not valid UTF-8 text", Location(shown_as, line)) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise ContentError(f"YAML syntax error: {problem}", Location(shown_as, line)) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise ContentError(
            f"character U+{exc.character:04X} is not allowed in YAML"
            if isinstance(exc.character, int)
            else "unreadable character",
            Location(shown_as, line),
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError(f"YAML error: {exc}", Location(shown_as)) from None
    if node is None:
        raise ContentError("the file is empty", Location(shown_as, 1))
    try:
        return _convert(node, shown_as)
    except RecursionError:
        raise ContentError(
            "YAML nested too deeply (or an alias that contains itself)",
            Location(shown_as, node.start_mark.line + 1),
        ) from None


_scalar_loader = yaml.SafeLoader("")


def _convert(node: yaml.Node, path: str) -> Any:
    where = Location(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result = LDict()
        result.location = where
        result.key_locations = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ContentError("YAML merge keys (<<) are not supported", where)
            if not isinstance(key_node, yaml.ScalarNode):
                raise ContentError(
                    "a key must be plain text", Location(path, key_node.start_mark.line + 1)
                )
            key = _convert(key_node, path)
            if isinstance(key, LScalar):
                key = LStr(str(key.value))
                key.location = Location(path, key_node.start_mark.line + 1)
            if key in result:
                raise ContentError(f"duplicate key '{key}'", key.location)
            result[key] = _convert(value_node, path)
            result.key_locations[str(key)] = key.location
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LList(_convert(item, path) for item in node.value)
        items.location = where
        return items
    try:
        value = _scalar_loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        raise ContentError(f"unsupported YAML value tagged {node.tag}", where) from None
    except (ValueError, OverflowError):  # e.g. a date such as 2016-13-45
        raise ContentError(f"invalid value '{node.value}'", where) from None
    if isinstance(value, str):
        text = LStr(value)
        text.location = where
        return text
    if not isinstance(value, (int, float, bool, dt.date, type(None))):
        raise ContentError("unsupported YAML value", where)
    return LScalar(value, where)
