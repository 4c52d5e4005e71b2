"""The content model: YAML files of a pack, loaded and validated."""
