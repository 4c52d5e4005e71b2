"""The intermediate document tree every writer reads."""
