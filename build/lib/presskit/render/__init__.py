"""Writers: one per output format, each reading the document tree only."""
