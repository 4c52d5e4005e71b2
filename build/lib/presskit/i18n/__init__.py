"""Translation: extraction to gettext, catalogs, localization of the content."""
