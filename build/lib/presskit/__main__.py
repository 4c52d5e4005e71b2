"""Allow ``python -m presskit``."""

from presskit.cli import main

main()
