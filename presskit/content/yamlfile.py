"""Read YAML while keeping the line of every value, so errors can name file and line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer

from presskit.errors import ContentError, Location
from presskit.safefs import read_pack_file

# A pack's YAML is data from someone else: bounded in depth (PyYAML's composer recurses)
# and in how far aliases may multiply it (an alias bomb of a few KB expands to GBs).
MAX_DEPTH = 64
MAX_NODES = 2_000_000
MAX_ALIASED = 100_000  # values reached again through aliases
# Characters an XML document (DOCX, PDF metadata) cannot hold: C0 controls, unpaired
# surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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


def load_yaml(path: Path, shown_as: str, root: Path) -> Any:
    """Parse one YAML file of the pack rooted at ``root`` into L* values; any error is a
    ContentError at file:line."""
    return parse_yaml(read_pack_file(path, root, shown_as, "content", ContentError), shown_as)


# libyaml scans and parses (about ten times faster than PyYAML's Python reader, which
# took half a minute over a 100,000-entry list); the nodes are composed in Python, whose
# recursion is bounded below, where libyaml's composer would recurse without a limit.
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _BoundedLoader(Composer, _Parser):  # type: ignore[misc,valid-type]
    """A safe loader whose composer refuses nesting deeper than MAX_DEPTH."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        self._depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise _TooDeep(mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def parse_yaml(data: bytes, shown_as: str) -> Any:
    """Parse YAML bytes; ``shown_as`` is the path errors name."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError("not valid UTF-8 text", Location(shown_as, line)) from None
    loader = None
    try:
        loader = _BoundedLoader(text)  # its reader checks every character at once
        node = loader.get_single_node()
    except _TooDeep as exc:
        raise ContentError(
            f"YAML nested more than {MAX_DEPTH} levels deep", Location(shown_as, exc.line)
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        if "invalid Unicode character escape" in problem:  # libyaml's words for \ud800
            raise ContentError(
                "an escape that is no character (an unpaired surrogate, which no document "
                "can hold)",
                Location(shown_as, line),
            ) from None
        raise ContentError(f"YAML syntax error: {problem}", Location(shown_as, line)) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts its position in bytes of UTF-8, PyYAML's reader in characters.
        if _Parser is yaml.SafeLoader:
            line = text[: exc.position].count("\n") + 1
        else:
            line = data[: exc.position].count(b"\n") + 1
        raise ContentError(
            f"character U+{exc.character:04X} is not allowed in YAML"
            if isinstance(exc.character, int)
            else "unreadable character",
            Location(shown_as, line),
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError(f"YAML error: {exc}", Location(shown_as)) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise ContentError("the file is empty", Location(shown_as, 1))
    try:
        return _Converter(shown_as).convert(node, 0)
    except RecursionError:
        raise ContentError(
            "an alias that contains itself", Location(shown_as, node.start_mark.line + 1)
        ) from None


_scalar_loader = yaml.SafeLoader("")


class _Converter:
    """Composed nodes to L* values, counting nodes: aliases may not multiply the data
    beyond MAX_NODES (the composed graph is small; the expanded tree need not be)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.nodes = 0
        self.seen: set[int] = set()
        self.aliased = 0

    def convert(self, node: yaml.Node, depth: int) -> Any:
        self.nodes += 1
        if id(node) in self.seen:
            self.aliased += 1
        else:
            self.seen.add(id(node))
        if self.nodes > MAX_NODES or self.aliased > MAX_ALIASED or depth > MAX_DEPTH + 1:
            raise ContentError(
                "YAML aliases expand the file beyond what presskit reads "
                f"({MAX_ALIASED:,} repeated values, {MAX_NODES:,} in all, {MAX_DEPTH} levels)",
                Location(self.path, node.start_mark.line + 1),
            )
        return _convert(self, node, self.path, depth)


def _convert(conv: _Converter, node: yaml.Node, path: str, depth: int) -> Any:
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
            key = conv.convert(key_node, depth + 1)
            if isinstance(key, LScalar):
                key = LStr(str(key.value))
                key.location = Location(path, key_node.start_mark.line + 1)
            if key in result:
                raise ContentError(f"duplicate key '{key}'", key.location)
            result[key] = conv.convert(value_node, depth + 1)
            result.key_locations[str(key)] = key.location
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LList(conv.convert(item, depth + 1) for item in node.value)
        items.location = where
        return items
    try:
        value = _scalar_loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        raise ContentError(f"unsupported YAML value tagged {node.tag}", where) from None
    except (ValueError, OverflowError):  # e.g. a date such as 2016-13-45
        raise ContentError(f"invalid value '{node.value}'", where) from None
    if isinstance(value, str):
        # Escapes ("\ud800", "\x01") make characters the reader never saw as such.
        bad = _NOT_XML.search(value)
        if bad:
            raise ContentError(
                f"character U+{ord(bad.group()):04X} is not allowed (a control character or "
                "an unpaired surrogate, which no document can hold)",
                where,
            )
        text = LStr(value)
        text.location = where
        return text
    if not isinstance(value, (int, float, bool, dt.date, type(None))):
        raise ContentError("unsupported YAML value", where)
    return LScalar(value, where)
