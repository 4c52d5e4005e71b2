"""presskit: build a multilingual press pack from one content model."""

__version__ = "0.1.0"
