"""Labels: the theme's texts every edition prints, which a pack may change or add to."""

from __future__ import annotations

from typing import Any

from presskit.config import Config
from presskit.content import schema
from presskit.content.model import Unit
from presskit.content.yamlfile import Location, load_yaml
from presskit.errors import ContentError, relative
from presskit.theme import THEME_DIR, shown

LABELS_FILE = "labels.yaml"


def load_labels(config: Config) -> dict[str, Unit]:
    """The theme's labels, overridden or added to key by key by the pack's labels file."""
    theme_file = THEME_DIR / LABELS_FILE
    theme_data = load_yaml(theme_file, shown(theme_file, config.root), THEME_DIR)
    labels = parse_labels(theme_data)
    own = config.templates_dir / LABELS_FILE
    if own.exists() or own.is_symlink():
        labels.update(parse_labels(load_yaml(own, relative(own, config.root), config.root)))
    missing = sorted(REQUIRED_LABELS - set(labels))
    if missing:  # only a damaged installation: the theme has every label
        raise ContentError(f"labels missing: {', '.join(missing)}", theme_data.location)
    return labels


def parse_labels(data: Any) -> dict[str, Unit]:
    """The labels of one file; a pack's file may hold only the labels it changes or adds."""
    where = getattr(data, "location", Location("?"))
    top = schema.mapping(data, "the labels file", where, {"labels"})
    entries = schema.required(top, "labels", "the labels file")
    entries = schema.mapping(
        entries, "labels", where, set(entries) if isinstance(entries, dict) else set()
    )
    return {str(k): schema.unit(v, f"label '{k}'", entries.location) for k, v in entries.items()}


REQUIRED_LABELS = {
    "incomplete",
    "index",
    "page",
    "release_line",
    "release_embargo",
    "ends",
    "original_language",
    "date",
    "pack_title",
}
