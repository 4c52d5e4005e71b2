"""`presskit serve`: the live preview translators keep open while they translate."""
